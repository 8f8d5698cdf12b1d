/**
 * Mistakes in the files a user writes (the policy file, a template, a holidays calendar) are annotated on their file
 * and line, every one of a file at once, and the run fails once with a summary that names the file a single time.
 * Run in process: each case fails while reading its inputs, before any request.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../harness/in-process.js';
import type { RunResult } from '../harness/run-action.js';

/** A workspace holding `files`; inputs name them relative to it, as a workflow does. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'located-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The located annotations: every ::error:: with a file, as `file:line title | message`. */
function located(result: RunResult): { file: string; line: string; title: string; message: string }[] {
  return result.errors
    .filter((error) => error.properties.file !== undefined)
    .map((error) => ({
      file: error.properties.file ?? '',
      line: error.properties.line ?? '',
      title: error.properties.title ?? '',
      message: error.message,
    }));
}

/** The failure itself: the one ::error:: without a file (setFailed's). */
function failures(result: RunResult): string[] {
  return result.errors.filter((error) => error.properties.file === undefined).map((error) => error.message);
}

const POLICY_WITH_THREE_MISTAKES = [
  'preset: spec11', // 1
  'acknowledge-within: soon', // 2
  'release-window:', // 3
  '  time: "25:00"', // 4
  '  weekdays: [mon, tue]', // 5
  'intake-labels: security-report', // 6
  '',
].join('\n');

describe('a policy file with three mistakes', () => {
  it('is annotated three times, each on its line of the file, and fails once naming the file once', async () => {
    const dir = workspace({ 'policy.yml': POLICY_WITH_THREE_MISTAKES });
    const result = await runInProcess('release-gate', {
      inputs: { 'policy-file': 'policy.yml' },
      env: { GITHUB_WORKSPACE: dir },
      now: '2026-11-03T16:10:00Z',
    });
    expect(result.exitCode).toBe(1);
    expect(located(result).map(({ file, line }) => `${file}:${line}`)).toEqual([
      'policy.yml:2',
      'policy.yml:4',
      'policy.yml:6',
    ]);
    const [ack, time, label] = located(result);
    expect(ack?.message).toMatch(/^"acknowledge-within" is "soon"; use a duration/);
    expect(time?.message).toMatch(/^"release-window.time" invalid time of day "25:00"/);
    expect(label?.message).toMatch(/^"intake-labels" is not a policy setting; known settings here: preset, /);
    expect(ack?.title).toBe('release-gate: configuration error in policy.yml');

    const [failure, ...more] = failures(result);
    expect(more).toEqual([]);
    expect(failure).toMatch(
      /^release-gate: configuration error in policy\.yml: 3 problems: line 2: "acknowledge-within"/,
    );
    expect(failure).toContain('; line 4: "release-window.time"');
    expect(failure).toContain('; line 6: "intake-labels"');
    expect(failure?.split('policy.yml')).toHaveLength(2);
    expect(failure).not.toMatch(/re-run/i);
  });

  it('is annotated once on its line when it has one mistake, with no line for a setting it does not have', async () => {
    const dir = workspace({ 'one.yml': 'preset: spec11\ntriage-within: 1h\n' });
    const result = await runInProcess('release-gate', {
      inputs: { 'policy-file': 'one.yml' },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(located(result)).toEqual([
      expect.objectContaining({
        file: 'one.yml',
        line: '',
        message: expect.stringMatching(/^"acknowledge-within" is longer than triage-within/),
      }),
    ]);
    expect(failures(result)).toEqual([
      'release-gate: configuration error in one.yml: "acknowledge-within" is longer than triage-within; a report is acknowledged before it is triaged',
    ]);
  });

  it('annotates every YAML syntax error on its line', async () => {
    const dir = workspace({ 'dup.yml': 'acknowledge-within: 48h\ntriage-within: 7d\ntriage-within: 8d\n' });
    const result = await runInProcess('release-gate', {
      inputs: { 'policy-file': 'dup.yml' },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(located(result)).toEqual([
      expect.objectContaining({ file: 'dup.yml', line: '3', message: expect.stringMatching(/^not valid YAML: /) }),
    ]);
  });
});

describe('a template with mistakes', () => {
  it('is annotated on the line of each field that does not exist, every one at once', async () => {
    const dir = workspace({
      'guidance.hbs': ['# Fork for {{ghsaId}}', '', 'Reporter: {{reporterEmail}}', '{{md nonsense}}', ''].join('\n'),
    });
    const result = await runInProcess('create-temp-fork', {
      inputs: {
        token: 'token-admin',
        repository: 'sample-org/sample-project',
        'ghsa-id': 'GHSA-2222-3333-4444',
        tracker: 'sample-org/security-tracker',
        'guidance-template': 'guidance.hbs',
      },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(result.exitCode).toBe(1);
    const annotations = located(result);
    expect(annotations.map(({ file, line }) => `${file}:${line}`)).toEqual(['guidance.hbs:3', 'guidance.hbs:4']);
    expect(annotations[0]?.message).toMatch(/^"reporterEmail" is not an available field/);
    expect(annotations[1]?.message).toMatch(/^"nonsense" is not an available field/);
    expect(failures(result)).toHaveLength(1);
    expect(failures(result)[0]).toMatch(
      /^create-temp-fork: configuration error in template "guidance\.hbs": 2 problems: line 3: /,
    );
  });

  it('is annotated on the line Handlebars cannot parse', async () => {
    const dir = workspace({ 'guidance.hbs': 'Fork ready.\n\n{{#if ghsaId}}never closed\n' });
    const result = await runInProcess('create-temp-fork', {
      inputs: {
        token: 'token-admin',
        repository: 'sample-org/sample-project',
        'ghsa-id': 'GHSA-2222-3333-4444',
        tracker: 'sample-org/security-tracker',
        'guidance-template': 'guidance.hbs',
      },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(located(result).map(({ file }) => file)).toEqual(['guidance.hbs']);
    expect(located(result)[0]?.message).toMatch(/^Parse error on line \d+:/);
  });
});

describe('a holidays calendar with mistakes', () => {
  it('is annotated on the line of each event in error, every one at once', async () => {
    const calendar = [
      'BEGIN:VCALENDAR', // 1
      'BEGIN:VEVENT', // 2
      'DTSTART;VALUE=DATE:20261332', // 3
      'END:VEVENT', // 4
      'BEGIN:VEVENT', // 5
      'DTSTART;VALUE=DATE:20261225', // 6
      'END:VEVENT', // 7
      'BEGIN:VEVENT', // 8
      'DTSTART;VALUE=DATE:20261226', // 9
      'DTEND;VALUE=DATE:20261220', // 10
      'END:VEVENT', // 11
      'END:VCALENDAR', // 12
      '',
    ].join('\r\n');
    const dir = workspace({ 'holidays.ics': calendar });
    const result = await runInProcess('release-gate', {
      inputs: { holidays: 'holidays.ics' },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(result.exitCode).toBe(1);
    expect(located(result).map(({ file, line }) => `${file}:${line}`)).toEqual(['holidays.ics:3', 'holidays.ics:10']);
    expect(located(result)[0]?.message).toBe(
      'Input "holidays": not a valid iCalendar file: invalid date "20261332" (expected YYYYMMDD) in "DTSTART;VALUE=DATE:20261332"',
    );
    expect(failures(result)).toHaveLength(1);
    expect(failures(result)[0]).toMatch(/^release-gate: configuration error in holidays\.ics: 2 problems: line 3: /);
  });
});

describe('a template mistake found part-way through publish-announcement', () => {
  it('keeps its location through the step report, which the failure adds after it', async () => {
    const { Progress } = await import('../../src/actions/publish-announcement/progress.js');
    const { TemplateError } = await import('../../src/templates/engine.js');
    const { runAction } = await import('../../src/actions/common/run.js');
    const { RecordingRunner } = await import('../harness/in-process.js');
    const progress = new Progress();
    progress.start(1);
    progress.record(1, 'done', 'release-gate passed');
    progress.start(4);
    const cause = new TemplateError('announcement.hbs', 'still holds a placeholder (line 7)', 'announcement.hbs');
    const io = new RecordingRunner({});
    await runAction(
      'publish-announcement',
      () => Promise.reject(progress.failure(cause)),
      io,
      () => ({}) as never,
    );
    const lines = io.stdout.split('\n').filter((line) => line.startsWith('::error'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error title=.*,file=announcement\.hbs,line=7::still holds a placeholder/);
    expect(io.failed).toBe(
      'publish-announcement: configuration error in template "announcement.hbs": line 7: still holds a placeholder (line 7) ' +
        '(Step 4 (Announcement) failed. Steps done: 1 Confirm the release gate (done: release-gate passed). A re-run cannot help until that is fixed; then the steps done are checked and not repeated.)',
    );
  });
});
