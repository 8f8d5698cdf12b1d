/**
 * File inputs stay in the workspace and files the actions write stay in the workspace or RUNNER_TEMP, symbolic links
 * followed; anything else is refused with a configuration error naming the input, before any request.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputFile, workspaceFile } from '../../src/actions/common/paths.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { runInProcess } from '../harness/in-process.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

const NOW = '2026-11-19T17:30:00Z';

/** A workspace with a file in it, a link in it to a file outside, and a temporary directory beside it. */
function layout() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'paths-')));
  const workspace = join(base, 'workspace');
  const temp = join(base, 'runner-temp');
  const outside = join(base, 'outside');
  for (const dir of [workspace, temp, outside, join(workspace, '.github')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), 'not for the tracker\n');
  writeFileSync(join(workspace, 'template.hbs'), '# {{key}}\n');
  symlinkSync(join(outside, 'secret.txt'), join(workspace, 'linked.hbs'));
  symlinkSync(outside, join(workspace, 'linked-dir'));
  return { base, workspace, temp, outside, env: { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp } };
}

describe('workspaceFile (what an action reads)', () => {
  const { workspace, outside, env } = layout();

  it('resolves a path from the repository root, and an absolute path inside the workspace', () => {
    expect(workspaceFile('tracker-template', 'template.hbs', env)).toBe(join(workspace, 'template.hbs'));
    expect(workspaceFile('tracker-template', join(workspace, 'template.hbs'), env)).toBe(
      join(workspace, 'template.hbs'),
    );
  });

  it('answers undefined for a missing file inside the workspace', () => {
    expect(workspaceFile('policy-file', '.github/disclosure-policy.yml', env)).toBeUndefined();
  });

  it.each([
    ['a path climbing out', '../outside/secret.txt'],
    ['the same, missing', '../../etc/no-such-file'],
    ['an absolute path elsewhere', join(outside, 'secret.txt')],
    ['a link to a file outside', 'linked.hbs'],
    ['a file under a link to a folder outside', 'linked-dir/secret.txt'],
  ])('refuses %s, naming the input', (_label, path) => {
    expect(() => workspaceFile('tracker-template', path, env)).toThrow(ConfigurationError);
    expect(() => workspaceFile('tracker-template', path, env)).toThrow(
      /^Input "tracker-template" names .*, which is outside the workspace \(GITHUB_WORKSPACE; symbolic links are followed\)/,
    );
  });
});

describe('outputFile (what an action writes)', () => {
  const { workspace, temp, outside, env } = layout();

  it('accepts the workspace and RUNNER_TEMP', () => {
    expect(outputFile('ics-path', 'release.ics', env)).toBe(join(workspace, 'release.ics'));
    expect(outputFile('ics-path', join(temp, 'release.ics'), env)).toBe(join(temp, 'release.ics'));
  });

  it.each([
    ['a path climbing out', '../outside/release.ics'],
    ['a folder linked outside', 'linked-dir/release.ics'],
    ['an existing link to a file outside', 'linked.hbs'],
    ['an absolute path elsewhere', join(outside, 'release.ics')],
  ])('refuses %s, naming the input', (_label, path) => {
    expect(() => outputFile('ics-path', path, env)).toThrow(
      /^Input "ics-path" names .*, which is outside the workspace \(GITHUB_WORKSPACE\) or the runner temporary directory \(RUNNER_TEMP\)/,
    );
  });

  it('refuses RUNNER_TEMP when it is not set, and a folder that does not exist', () => {
    expect(() => outputFile('ics-path', join(temp, 'x.ics'), { GITHUB_WORKSPACE: workspace })).toThrow(
      /outside the workspace \(GITHUB_WORKSPACE\) \(symbolic links/,
    );
    expect(() => outputFile('ics-path', 'no/such/folder/x.ics', env)).toThrow(/in a directory that does not exist/);
  });
});

describe('the actions refuse a path outside, before any request', () => {
  const watched = watchedEmulator(() => ({ now: NOW }));

  it.each([
    ['policy-file', '../../../../../../etc/hostname'],
    ['policy-file', 'linked.hbs'],
    ['tracker-template', 'linked.hbs'],
    ['ack-template', '../outside/secret.txt'],
  ])('ack-report %s = %s', async (input, path) => {
    const { env } = layout();
    const result = await runInProcess('ack-report', {
      emulator: watched.emulator,
      eventName: 'schedule',
      inputs: {
        token: 'token-admin',
        tracker: 'sample-org/security-tracker',
        organization: 'sample-org',
        [input]: path,
      },
      env,
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(`configuration error in ${input}: Input "${input}" names ${path}`);
    expect(result.errors[0]?.message).toContain('outside the workspace');
    expect(watched.emulator.log).toEqual([]);
    expect(result.stdout).not.toContain('not for the tracker');
  });

  it('release-gate holidays from a linked .ics file outside', async () => {
    const { env, outside, workspace } = layout();
    writeFileSync(join(outside, 'holidays.ics'), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    symlinkSync(join(outside, 'holidays.ics'), join(workspace, 'holidays.ics'));
    const result = await runInProcess('release-gate', { inputs: { holidays: 'holidays.ics' }, now: NOW, env });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(
      /configuration error in holidays: Input "holidays" names holidays.ics, which is outside the workspace/,
    );
    expect(result.outputs).toEqual({});
  });

  it('release-gate ics-path outside the workspace and RUNNER_TEMP', async () => {
    const { env, outside } = layout();
    const path = join(outside, 'release.ics');
    const result = await runInProcess('release-gate', { inputs: { mode: 'next', 'ics-path': path }, now: NOW, env });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(`configuration error in ics-path: Input "ics-path" names ${path}`);
    expect(result.outputs).toEqual({});
    expect(existsSync(path)).toBe(false);
  });

  it('release-gate writes its calendar file in RUNNER_TEMP, and nowhere without one', async () => {
    const { env, temp } = layout();
    const inTemp = await runInProcess('release-gate', { inputs: { mode: 'next' }, now: NOW, env });
    expect(inTemp.exitCode).toBe(0);
    expect(inTemp.outputs['ics-path']).toBe(join(temp, 'release-window.ics'));
    expect(readFileSync(join(temp, 'release-window.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');

    const cwdFile = join(process.cwd(), 'release-window.ics');
    const before = existsSync(cwdFile);
    const outside = await runInProcess('release-gate', {
      inputs: { mode: 'next' },
      now: NOW,
      env: { GITHUB_WORKSPACE: env.GITHUB_WORKSPACE, RUNNER_TEMP: '' },
    });
    expect(outside.exitCode).toBe(0);
    expect(outside.outputs['next-slot']).toBe('2026-11-23T16:00:00.000Z');
    expect(outside.outputs['ics-path']).toBeUndefined();
    expect(outside.stdout).toMatch(/::notice title=release-gate::No iCalendar file written: RUNNER_TEMP is not set/);
    expect(existsSync(cwdFile)).toBe(before);
    expect(existsSync(join(env.GITHUB_WORKSPACE, 'release-window.ics'))).toBe(false);
  });
});
