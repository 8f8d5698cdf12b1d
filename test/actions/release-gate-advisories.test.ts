import { beforeEach, describe, expect, it } from '@jest/globals';
import type { TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import type { AdvisoryInput } from '../emulator/state.js';
import type { Advisory } from '../emulator/types.js';
import type { RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
  READY_TO_RELEASE,
} from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// 2026-11-19 is a Thursday: the SPEC 11 window is open 16:00-17:00 UTC.
const NOW = '2026-11-19T16:05:00Z';

const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

/** An advisory ready to release, its text still embargoed. */
function advisory(fields: AdvisoryInput = {}): Advisory {
  return addEmbargoedAdvisory(emulator.state, PROJECT, { ...READY_TO_RELEASE, ...fields });
}

/** The advisory's tracking issue; `approvedBy`: the members who commented `/release approve` in it. */
function tracked(target: Advisory, extra: Partial<TrackerState> = {}, approvedBy: readonly string[] = []): number {
  const issue = addTrackingIssue(emulator.state, {
    ...reportOf(target),
    receivedAt: '2026-11-02T09:00:00Z',
    state: extra,
  });
  for (const login of approvedBy) addReleaseApproval(emulator.state, issue, login);
  return issue.number;
}

/** Runs `main` in this process against the watched emulator (its clock is the action's clock). */
function gate(inputs: Record<string, string>): Promise<RunResult> {
  return watched.run('release-gate', { inputs: { token: 'token-admin', ...inputs } });
}

/** The same through the built bundle in a child process: `node scripts/build.mjs release-gate` first. */
function gateBundle(inputs: Record<string, string>): Promise<RunResult> {
  return watched.runBundle('release-gate', { inputs: { token: 'token-admin', ...inputs } });
}

describe('release-gate with advisories', () => {
  it('lists every unmet precondition of every advisory in one message', async () => {
    const bare = advisory({ cveId: null, severity: null, vulnerabilities: [] });
    const published = advisory({ state: 'published', publishedAt: '2026-11-18T16:00:00Z' });
    const result = await gate({ 'ghsa-ids': `${bare.ghsaId},${published.ghsaId}`, repository: PROJECT });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('5 release precondition(s) unmet');
    // No tracker: nothing records that the text was reviewed for publication (published: nothing left to review).
    expect(message).toContain(`${bare.ghsaId} has no tracking issue to record the review of its text for publication`);
    expect(message).not.toContain(`${published.ghsaId} has no tracking issue`);
    expect(message).toContain(`${bare.ghsaId} has no CVE id yet`);
    expect(message).toContain(`${bare.ghsaId} has neither a severity nor a CVSS vector`);
    expect(message).toContain(`${bare.ghsaId} lists no affected package`);
    expect(message).toContain(`${published.ghsaId} is already published`);
    expect(emulator.writes()).toEqual([]);
  });

  it('releases what the tracker agreed for today, handing on the ids and the version', async () => {
    const today = advisory();
    const later = advisory();
    tracked(today, { agreedReleaseDate: '2026-11-19', agreedVersion: '1.4.2' }, ['sirt-lead']);
    tracked(later, { agreedReleaseDate: '2026-11-23', agreedVersion: '1.5.0' });
    const result = await gate({ tracker: TRACKER, repository: PROJECT });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      open: 'true',
      'ghsa-ids': today.ghsaId,
      version: '1.4.2',
      'waiting-for-approval': '',
    });
    expect(emulator.writes()).toEqual([]);
  });

  it('holds a release agreed for today whose advisory is not ready, naming what is missing', async () => {
    const target = advisory({ cveId: null });
    tracked(target, { agreedReleaseDate: '2026-11-19' });
    const result = await gate({ tracker: TRACKER, repository: PROJECT });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(`${target.ghsaId} has no CVE id yet`);
  });

  it('stays closed when nothing is agreed for today: skip passes with open=false, fail fails', async () => {
    tracked(advisory(), { agreedReleaseDate: '2026-11-23' });
    const skipped = await gate({ tracker: TRACKER, repository: PROJECT, 'on-closed': 'skip' });
    expect(skipped.exitCode).toBe(0);
    expect(skipped.outputs).toMatchObject({ open: 'false', 'ghsa-ids': '' });
    expect(skipped.outputs.reason).toBe(
      `no security release of ${PROJECT} is agreed for today (2026-11-19) in ${TRACKER}`,
    );
    const failed = await gate({ tracker: TRACKER, repository: PROJECT });
    expect(failed.exitCode).toBe(1);
    expect(failed.errors[0]?.message).toMatch(/no security release of sample-org\/sample-project is agreed for today/);
  });

  it.each([
    [
      'does not exist (or the token cannot see it)',
      'sample-org/no-such-tracker',
      'does not exist or the token cannot see it',
    ],
    ['is public', 'sample-org/docs-site', 'is public'],
  ])('names the tracker input when the tracker %s, and writes nothing', async (_what, tracker, message) => {
    tracked(advisory(), { agreedReleaseDate: '2026-11-19' });
    const result = await gate({ tracker, repository: PROJECT });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain('configuration error in tracker');
    expect(result.errors[0]?.message).toContain(message);
    // The tracker's issues are listed while its privacy is checked (one round trip fewer); the check's verdict
    // decides the run, and at most that one read reached the tracker's issues.
    const reads = emulator.log.filter((entry) => entry.path.startsWith(`/repos/${tracker}/issues`));
    expect(reads.map((entry) => `${entry.method} ${entry.operationId}`)).toEqual(
      reads.length === 0 ? [] : ['GET issues/list-for-repo'],
    );
    expect(emulator.writes()).toEqual([]);
  });

  it('records a forced release in the tracker once, even when run again', async () => {
    emulator.setNow('2026-11-20T16:05:00Z'); // a Friday: the window is closed
    const target = advisory();
    const issue = tracked(target, { agreedReleaseDate: '2026-11-20' }, ['sirt-lead']);
    const inputs = {
      tracker: TRACKER,
      repository: PROJECT,
      team: 'security-team',
      force: 'true',
      'force-reason': 'actively exploited',
    };
    const result = await gate(inputs);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ open: 'true', 'ghsa-ids': target.ghsaId });
    expect(result.warnings[0]?.message).toBe('Release gate overridden (force): actively exploited');
    const comments = () => emulator.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue);
    const overrides = () => comments().filter((comment) => comment.body.includes('Release gate forced open'));
    expect(overrides().map((comment) => comment.body)).toEqual([expect.stringContaining('Reason: actively exploited')]);
    emulator.resetLog();
    await gate(inputs);
    expect(emulator.writes()).toEqual([]);
    expect(overrides()).toHaveLength(1);
  });

  it('shows a force reason holding Markdown, mentions and control characters inert in the summary and the log', async () => {
    emulator.setNow('2026-11-20T16:30:00Z');
    const target = advisory();
    tracked(target, { agreedReleaseDate: '2026-11-20' }, ['sirt-lead']);
    const reason = 'exploited @sample-org/everyone <img src=x onerror=alert(1)> evil\u202Etxt';
    const inputs = { tracker: TRACKER, repository: PROJECT, team: 'security-team', force: 'true' };
    const result = await gate({ ...inputs, 'force-reason': reason });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('Override reason: exploited @\u200Dsample-org/everyone &lt;img src=x');
    expect(result.summary).not.toMatch(/(^|[^\w])@sample-org\/everyone|<img|\u202E/);
    expect(result.stdout).not.toContain('\u202E');
  });
});

describe('bundle smoke', () => {
  it('the built release-gate releases what the tracker agreed for today, in its own process', async () => {
    const today = advisory();
    tracked(today, { agreedReleaseDate: '2026-11-19', agreedVersion: '1.4.2' }, ['sirt-lead']);
    const result = await gateBundle({ tracker: TRACKER, repository: PROJECT });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.outputs).toMatchObject({ open: 'true', 'ghsa-ids': today.ghsaId, version: '1.4.2' });
    expect(result.lines).toContain(`Clock overridden by DISCLOSURE_NOW: now is ${new Date(NOW).toISOString()}`);
    expect(result.summary).toContain('The release window is **open**');
    expect(emulator.writes()).toEqual([]);
  });
});
