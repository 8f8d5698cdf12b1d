import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import type { Advisory } from '../emulator/types.js';
import { embargoedDescription, SENTINELS } from '../harness/leaks.js';
import type { RunResult } from '../harness/run-action.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import {
  baseInputs,
  NOW,
  pathTraversal,
  publish,
  release,
  trackingIssue,
  writesOf,
} from './publish-announcement.world.js';

const watched = watchedEmulator(() => ({ now: NOW }));
const results = watched.results;
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

/** The advisory to release, still fully embargoed: every sentinel is in it (nothing may come out before step 2). */
function embargoedDraft(): Advisory {
  const advisory = pathTraversal(emulator, undefined, {
    summary: SENTINELS.summary,
    description: embargoedDescription(),
  });
  trackingIssue(emulator, advisory);
  release(emulator);
  emulator.resetLog();
  return advisory;
}

/** The workspace the template files are in: a template input outside GITHUB_WORKSPACE is refused (paths.ts). */
const TEMPLATE_WORKSPACE = mkdtempSync(join(tmpdir(), 'announcement-workspace-'));
const inTemplateWorkspace = { env: { GITHUB_WORKSPACE: TEMPLATE_WORKSPACE } };

function templateFile(text: string): string {
  const dir = mkdtempSync(join(TEMPLATE_WORKSPACE, 'announcement-template-'));
  const path = join(dir, 'announcement.hbs');
  writeFileSync(path, text);
  return path;
}

function withoutGate(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => name !== 'gate-open'));
}

/** Inputs that do not parse fail before any output is set; later refusals set every output empty. */
function expectNothingPublished(result: RunResult, advisory: Advisory, inputError = false): void {
  expect(result.exitCode).toBe(1);
  // One failure (last); a mistake in a template file is also annotated on its line (with a `file`).
  expect(result.errors.filter((error) => error.properties.file === undefined)).toHaveLength(1);
  expect(writesOf(emulator)).toEqual([]);
  expect(advisory.state).toBe('draft');
  if (inputError) {
    expect(result.outputs).toEqual({});
    expect(emulator.log).toEqual([]);
    return;
  }
  expect(result.outputs).toEqual({
    published: '[]',
    'release-url': '',
    'announcement-url': '',
    'discussion-url': '',
    'retrospective-issue': '',
    'retrospective-url': '',
    subject: '',
    body: '',
    'body-path': '',
    mail: '',
    'mail-path': '',
    'blog-post-path': '',
  });
}

describe('publish-announcement: the gate', () => {
  it('refuses without the gate and without confirm, before any request', async () => {
    const advisory = embargoedDraft();
    const result = await publish(emulator, withoutGate(baseInputs(emulator, [advisory])), results);
    expectNothingPublished(result, advisory);
    expect(emulator.log).toEqual([]);
    expect(result.errors[0]?.message).toContain(
      'refusing to publish: gate-open is not given and "confirm" is not true',
    );
    expect(result.errors[0]?.message).toContain('Nothing was published or written.');
    expect(result.summary).toMatch(/Confirm the release gate<\/td><td>refused/);
  });

  it('refuses when release-gate says the window is closed', async () => {
    const advisory = embargoedDraft();
    const result = await publish(emulator, { ...baseInputs(emulator, [advisory]), 'gate-open': 'false' }, results);
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain('the release gate is closed (gate-open: false)');
  });

  it('publishes on confirm: true without a gate result', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator);
    const inputs = withoutGate(baseInputs(emulator, [advisory]));
    const result = await publish(emulator, { ...inputs, confirm: 'true' }, results);
    expect(result.exitCode).toBe(0);
    expect(advisory.state).toBe('published');
    expect(result.summary).toContain('confirmed by input (confirm: true)');
  });
});

describe('publish-announcement: bad input fails before the first write', () => {
  it('an unknown GHSA id', async () => {
    const advisory = embargoedDraft();
    const inputs = { ...baseInputs(emulator, [advisory]), 'ghsa-ids': `${advisory.ghsaId}, GHSA-2222-3333-4444` };
    const result = await publish(emulator, inputs, results);
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain(
      'Input "ghsa-ids": GHSA-2222-3333-4444 is not an advisory of sample-org/sample-project',
    );
    expect(result.errors[0]?.message).toContain('Steps done: 1 Confirm the release gate');
  });

  it('a malformed GHSA id', async () => {
    const advisory = embargoedDraft();
    const result = await publish(emulator, { ...baseInputs(emulator, [advisory]), 'ghsa-ids': 'GHSA-nope' }, results);
    expectNothingPublished(result, advisory, true);
    expect(emulator.log).toEqual([]);
    expect(result.errors[0]?.message).toContain('Input "ghsa-ids" is "GHSA-nope"');
  });

  it('a template that uses a value the announcement does not have', async () => {
    const advisory = embargoedDraft();
    const template = templateFile('Subject: {{project}} {{version}}\n\n{{#each advisories}}{{cvss.scroe}}{{/each}}\n');
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [advisory]), template },
      results,
      inTemplateWorkspace,
    );
    expectNothingPublished(result, advisory, true);
    expect(emulator.log).toEqual([]);
    expect(result.errors[0]?.message).toContain('"advisories[].cvss.scroe" is not an available field');
  });

  it('a template that uses a value this advisory lacks (no CVSS), with the value named', async () => {
    const advisory = embargoedDraft();
    advisory.cvssV3 = null;
    const template = templateFile('Subject: {{project}}\n\n{{#each advisories}}* {{id}}: {{cvss.score}}\n{{/each}}');
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [advisory]), template },
      results,
      inTemplateWorkspace,
    );
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain('"cvss.score" is not defined');
  });

  it('a template that does not parse', async () => {
    const advisory = embargoedDraft();
    const template = templateFile('Subject: {{project}}\n\n{{#if mitigation}}unclosed\n');
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [advisory]), template },
      results,
      inTemplateWorkspace,
    );
    expectNothingPublished(result, advisory, true);
    expect(result.errors.at(-1)?.message).toContain(`template "${template}"`);
  });

  it("a template that keeps SPEC 11's placeholders", async () => {
    const advisory = embargoedDraft();
    const template = templateFile('Subject: Security release of {{project}}\n\n* CVE-YEAR-ABCDEF (CVSS score $CVSS)\n');
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [advisory]), template },
      results,
      inTemplateWorkspace,
    );
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain('still holds SPEC 11\'s placeholder "CVE-YEAR-ABCDEF"');
  });

  it('a version with no release, unless the release step is off', async () => {
    const advisory = embargoedDraft();
    const inputs = { ...baseInputs(emulator, [advisory]), version: '1.5.0' };
    const result = await publish(emulator, inputs, results);
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain(
      'There is no GitHub release with tag "v1.5.0" in sample-org/sample-project for version 1.5.0',
    );
    expect(result.errors[0]?.message).toContain('configuration error in release-tag');

    // Without the release step, the same version publishes (a draft whose text is fit for publication and reviewed).
    const publishable = pathTraversal(emulator);
    trackingIssue(emulator, publishable);
    const withoutStep = await publish(
      emulator,
      { ...baseInputs(emulator, [publishable]), version: '1.5.0', 'release-notes': 'false' },
      results,
    );
    expect(withoutStep.exitCode).toBe(0);
    expect(publishable.state).toBe('published');
    expect(advisory.state).toBe('draft');
  });

  it('a webhook URL that is not https', async () => {
    const advisory = embargoedDraft();
    const inputs = { ...baseInputs(emulator, [advisory]), 'notify-webhook': 'http://chat.example.org/hook' };
    const result = await publish(emulator, inputs, results);
    expectNothingPublished(result, advisory, true);
    expect(emulator.log).toEqual([]);
    expect(result.errors[0]?.message).toContain('Input "notify-webhook" must be an https:// URL');
    // The URL is masked (add-mask), never printed.
    expect(result.lines.join('\n')).not.toContain('chat.example.org/hook');
    expect(result.masks).toContain('http://chat.example.org/hook');
  });

  it('a discussion category the repository does not have', async () => {
    const advisory = embargoedDraft();
    const inputs = { ...baseInputs(emulator, [advisory]), 'discussion-category': 'Security news' };
    const result = await publish(emulator, inputs, results);
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain(
      'Input "discussion-category" is "Security news", but sample-org/sample-project has no such discussion category (it has: Announcements, General)',
    );
  });

  it('an advisory still in triage', async () => {
    const advisory = embargoedDraft();
    advisory.state = 'triage';
    const result = await publish(emulator, baseInputs(emulator, [advisory]), results);
    expect(result.exitCode).toBe(1);
    expect(writesOf(emulator)).toEqual([]);
    expect(result.errors[0]?.message).toContain('is still in triage. Accept the report first');
  });

  it('a draft with publish-advisories: false', async () => {
    const advisory = embargoedDraft();
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [advisory]), 'publish-advisories': 'false' },
      results,
    );
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain('Input "publish-advisories" is false but');
  });

  it('a public tracker', async () => {
    const advisory = embargoedDraft();
    const result = await publish(
      emulator,
      { ...baseInputs(emulator, [advisory]), tracker: 'sample-org/docs-site' },
      results,
    );
    expectNothingPublished(result, advisory);
    expect(result.errors[0]?.message).toContain('The tracker repository sample-org/docs-site is public');
  });
});
