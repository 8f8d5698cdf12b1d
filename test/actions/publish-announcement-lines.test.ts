/**
 * Release day over several release lines, the tag checked against its version, disclosure without a fix, and the
 * mailing-list message and blog post (issue 19): in-process scenarios against the emulator.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Emulator } from '../emulator/index.js';
import type { Advisory } from '../emulator/types.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import {
  baseInputs,
  NOW,
  pathTraversal,
  PROJECT,
  publish,
  TRACKER,
  release,
  stateOf,
  trackingIssue,
  writesOf,
} from './publish-announcement.world.js';

const watched = watchedEmulator(() => ({ now: NOW }));
const results = watched.results;
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

const TWO_LINES = [
  {
    package: { ecosystem: 'pip', name: 'sample-project' },
    vulnerable_version_range: '< 2.3.1',
    patched_versions: '2.3.1, 1.9.7',
    vulnerable_functions: [],
  },
];

function twoLineWorld(patched = '2.3.1, 1.9.7'): Advisory {
  const advisory = pathTraversal(emulator, PROJECT, {
    vulnerabilities: [{ ...TWO_LINES[0], patched_versions: patched } as Advisory['vulnerabilities'][number]],
  });
  trackingIssue(emulator, advisory);
  release(emulator, 'v2.3.1');
  release(emulator, 'v1.9.7');
  emulator.resetLog();
  return advisory;
}

function lineInputs(advisory: Advisory): Record<string, string> {
  return {
    ...baseInputs(emulator, [advisory]),
    version: '1.9.7, 2.3.1',
    'upgrade-command': '',
    recipients: 'sample-project-announce@example.org',
  };
}

const releaseBody = (tag: string): string => emulator.state.releases.find((r) => r.tagName === tag)?.body ?? '';

describe('publish-announcement: several release lines', () => {
  it('checks both releases, adds the Security section to each and announces both lines', async () => {
    const advisory = twoLineWorld();
    const result = await publish(emulator, lineInputs(advisory), results);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(advisory.state).toBe('published');
    for (const tag of ['v2.3.1', 'v1.9.7']) expect(releaseBody(tag)).toContain('## Security');
    expect(result.outputs.subject).toBe('Security release of sample-project 2.3.1 and 1.9.7 is now available');
    const body = result.outputs.body ?? '';
    expect(body).toContain('* the 2.3 line: 2.3.1\n* the 1.9 line: 1.9.7');
    expect(body).toContain('* pip: `pip install --upgrade "sample-project==1.9.7"`');
    expect(body).toContain(`The release notes of 1.9.7: https://github.com/${PROJECT}/releases/tag/v1.9.7`);
    expect(result.outputs['release-url']).toBe(`https://github.com/${PROJECT}/releases/tag/v2.3.1`);
  });

  it('refuses a version that has no release, before any write', async () => {
    const advisory = pathTraversal(emulator, PROJECT, {
      vulnerabilities: [TWO_LINES[0] as Advisory['vulnerabilities'][number]],
    });
    trackingIssue(emulator, advisory);
    release(emulator, 'v2.3.1');
    emulator.resetLog();
    const result = await publish(emulator, lineInputs(advisory), results);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('There is no GitHub release with tag "v1.9.7"');
    expect(result.errors[0]?.message).toContain('for version 1.9.7');
    expect(writesOf(emulator)).toEqual([]);
    expect(advisory.state).toBe('draft');
  });

  it("refuses a version the advisory's patched versions do not cover, naming both, before any write", async () => {
    const advisory = twoLineWorld('2.3.1');
    const result = await publish(emulator, lineInputs(advisory), results);
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('CVE-2026-41234 is not fixed in 1.9.7');
    expect(message).toContain('patched in "2.3.1"');
    expect(writesOf(emulator)).toEqual([]);
    expect(advisory.state).toBe('draft');
    expect(releaseBody('v1.9.7')).not.toContain('## Security');
  });
});

describe('publish-announcement: the release tag names the version', () => {
  it('refuses release-tag v1.0.0 for version 1.4.2, naming both, before any request', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator);
    release(emulator, 'v1.0.0');
    emulator.resetLog();
    const inputs = { ...baseInputs(emulator, [advisory]), 'release-tag': 'v1.0.0' };
    const result = await publish(emulator, inputs, results);
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('"release-tag"');
    expect(message).toContain('the tag "v1.0.0" does not name version 1.4.2');
    expect(emulator.log).toEqual([]);
    expect(advisory.state).toBe('draft');
    expect(result.outputs).toEqual({});
  });

  it('accepts a tag that names the version with a prefix', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator, 'sample-project-1.4.2');
    const inputs = { ...baseInputs(emulator, [advisory]), 'release-tag': 'sample-project-1.4.2' };
    const result = await publish(emulator, inputs, results);
    expect(result.errors).toEqual([]);
    expect(releaseBody('sample-project-1.4.2')).toContain('## Security');
  });
});

const MITIGATION = 'Reject archives from untrusted sources (`safe_extract=True`).';

function unfixedAdvisory(): Advisory {
  const advisory = pathTraversal(emulator, PROJECT, {
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: 'sample-project' },
        vulnerable_version_range: '>= 1.0.0',
        patched_versions: null,
        vulnerable_functions: [],
      } as Advisory['vulnerabilities'][number],
    ],
  });
  emulator.resetLog();
  return advisory;
}

function noFixInputs(advisory: Advisory): Record<string, string> {
  return {
    ...baseInputs(emulator, [advisory]),
    version: '',
    'no-fix-reason': 'The 90-day disclosure deadline was reached.',
    mitigation: MITIGATION,
  };
}

describe('publish-announcement: disclosure without a fix', () => {
  it('publishes with no patched version, announces the mitigation and the reason, and records it', async () => {
    const advisory = unfixedAdvisory();
    const issue = trackingIssue(emulator, advisory);
    emulator.resetLog();
    const result = await publish(emulator, noFixInputs(advisory), results);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(advisory.state).toBe('published');
    expect(writesOf(emulator).filter((write) => write.includes('/releases/'))).toEqual([]);
    expect(result.summary).toMatch(/Security section in the GitHub release<\/td><td>skipped/);
    expect(result.outputs.subject).toBe(
      'Security advisory for sample-project: a vulnerability disclosed without a fix',
    );
    const body = result.outputs.body ?? '';
    expect(body).toContain(`**How do I mitigate the vulnerability?**\n\n${MITIGATION}`);
    expect(body).toContain('Why this is disclosed now: The 90-day disclosure deadline was reached.');
    expect(body).toContain('There is nothing to upgrade to yet.');
    expect(emulator.state.discussions[0]?.title).toBe(result.outputs.subject);
    expect(stateOf(emulator, issue).disclosedWithoutFix).toEqual({
      reason: 'The 90-day disclosure deadline was reached.',
      at: '2026-01-26T16:05:00.000Z',
    });
  });

  it('refuses without a mitigation, before any request', async () => {
    const advisory = unfixedAdvisory();
    trackingIssue(emulator, advisory);
    emulator.resetLog();
    const result = await publish(emulator, { ...noFixInputs(advisory), mitigation: '' }, results);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(
      'Input "mitigation" is required because this is a disclosure without a fix',
    );
    expect(emulator.log).toEqual([]);
    expect(advisory.state).toBe('draft');
  });

  it('refuses an unfixed supported line without a mitigation', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator);
    emulator.resetLog();
    const result = await publish(emulator, { ...baseInputs(emulator, [advisory]), 'unfixed-lines': '1.3' }, results);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('the supported line(s) 1.3 get no patch release');
    expect(emulator.log).toEqual([]);
  });

  it('refuses an advisory that names a patched version', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    emulator.resetLog();
    const result = await publish(emulator, noFixInputs(advisory), results);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('names patched versions "1.4.2"');
    expect(writesOf(emulator)).toEqual([]);
    expect(advisory.state).toBe('draft');
  });
});

describe('publish-announcement: mailing list and blog post', () => {
  it('gives the ready-to-send message (To, Subject, body) as an output and a file, and a blog post file', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory, { credit: { name: 'Dana Example', type: 'finder' } });
    release(emulator);
    const inputs = {
      ...baseInputs(emulator, [advisory]),
      recipients: 'sample-project-announce@example.org, Security <security-announce@example.org>',
      'team-name': 'Security Team',
    };
    const result = await publish(emulator, inputs, results);
    expect(result.errors).toEqual([]);
    const mail = result.outputs.mail ?? '';
    expect(mail).toMatch(
      /^To: sample-project-announce@example\.org, Security <security-announce@example\.org>\nSubject: Security release of sample-project 1\.4\.2 is now available\n/,
    );
    expect(mail.endsWith(`\n\n${result.outputs.body ?? 'no body'}`)).toBe(true);
    expect(readFileSync(result.outputs['mail-path'] ?? '', 'utf8')).toBe(mail);
    const blog = readFileSync(result.outputs['blog-post-path'] ?? '', 'utf8');
    expect(blog).toBe(
      `---\ntitle: "Security release of sample-project 1.4.2 is now available"\ndate: 2026-01-26\n---\n\n${result.outputs.body ?? ''}`,
    );
    // The Discussion carries the body, never the headers.
    expect(emulator.state.discussions[0]?.body).not.toContain('To: ');
    const body = result.outputs.body ?? '';
    expect(body).toContain('The Security Team and maintainers of sample-project');
    expect(body).toContain('* Credits: reporter-rita (reporter), Dana Example (finder)');
    expect(body).toMatch(/The sample-project Security Team\n2026-01-26\n$/);
  });

  it('refuses a recipient that is not an e-mail address (no header injection), before any request', async () => {
    const advisory = pathTraversal(emulator);
    const inputs = { ...baseInputs(emulator, [advisory]), recipients: 'list@example.org\nBcc: x@evil.example' };
    emulator.resetLog();
    const result = await publish(emulator, inputs, results);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('Input "recipients" holds "Bcc: x@evil.example"');
    expect(emulator.log).toEqual([]);
  });
});

describe('publish-announcement: the retrospective shared once written', () => {
  it('prompts for the PRs, shares it in a Discussion once closed as completed, and only once', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator);
    const inputs = { ...baseInputs(emulator, [advisory]), 'retrospective-category': 'General' };
    const first = await publish(emulator, inputs, results);
    expect(first.errors).toEqual([]);
    expect(first.summary).toMatch(/Share the retrospective<\/td><td>skipped<\/td><td>retrospective .* is not closed/);
    expect(first.outputs['retrospective-url']).toBe('');
    const number = Number(first.outputs['retrospective-issue']);
    const retrospective = emulator.state.issues.find((i) => i.repo === TRACKER && i.number === number);
    if (!retrospective) throw new Error('no retrospective issue');
    expect(retrospective.body).toContain('### Which pull requests introduced the issue?');
    expect(retrospective.body).toContain('posts it in the "General" discussion category');
    expect(emulator.state.discussions.map((d) => d.title)).toEqual([first.outputs.subject]);

    // The team writes it and closes it as completed; the workflow runs again.
    retrospective.state = 'closed';
    retrospective.stateReason = 'completed';
    emulator.resetLog();
    const second = await publish(emulator, inputs, results);
    expect(second.errors).toEqual([]);
    // The Discussion, then its link to chat, recorded in the tracking issue (publish-announcement-signed.test.ts).
    expect(writesOf(emulator)).toEqual(['POST /graphql', 'POST /_webhooks/chat', `PATCH /repos/${TRACKER}/issues/1`]);
    const shared = emulator.state.discussions.find((d) => d.title === retrospective.title);
    const general = emulator.state.discussionCategories.find((c) => c.id === shared?.categoryId);
    expect(general?.name).toBe('General');
    expect(second.outputs['retrospective-url']).toBe(shared?.url);
    expect(shared?.body).toContain('### Which pull requests introduced the issue?');
    expect(shared?.body).not.toContain('<!--');
    expect(shared?.body).not.toContain('### Sharing');

    emulator.resetLog();
    const third = await publish(emulator, inputs, results);
    expect(writesOf(emulator)).toEqual([]);
    expect(third.outputs['retrospective-url']).toBe(shared?.url);
  });

  it('refuses an unknown retrospective category before any write', async () => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator);
    emulator.resetLog();
    const inputs = { ...baseInputs(emulator, [advisory]), 'retrospective-category': 'Retros' };
    const result = await publish(emulator, inputs, results);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('Input "retrospective-category" is "Retros"');
    expect(writesOf(emulator)).toEqual([]);
  });
});

describe('publish-announcement: credits as recorded', () => {
  it('shows no credit the reporter declined, on GitHub or in the tracker', async () => {
    const advisory = pathTraversal(emulator, PROJECT, {
      credits: [
        { login: 'reporter-rita', type: 'reporter', state: 'accepted' },
        { login: 'carol', type: 'finder', state: 'declined' },
      ],
    });
    trackingIssue(emulator, advisory, { credit: { login: 'reporter-rita', declined: true } });
    release(emulator);
    const result = await publish(emulator, baseInputs(emulator, [advisory]), results);
    expect(result.errors).toEqual([]);
    const body = result.outputs.body ?? '';
    expect(body).not.toContain('* Credits:');
    expect(body).not.toMatch(/reporter-rita|carol/);
  });
});
