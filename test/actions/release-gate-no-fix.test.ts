import { beforeEach, describe, expect, it } from '@jest/globals';
import { readTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import type { Advisory, Issue } from '../emulator/types.js';
import type { RunOptions, RunResult } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
} from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// A Thursday, in the 16:00-17:00 UTC window the conda-forge preset keeps from SPEC 11.
const THURSDAY_IN_WINDOW = '2026-11-19T16:10:00Z';
const FRIDAY = '2026-11-20T16:10:00Z';
// conda-forge discloses 90 days after the report: reached for the first, not for the second (2027-01-31).
const LONG_AGO = '2026-08-01T09:00:00Z';
const RECENT = '2026-11-02T09:00:00Z';
const REASON = 'No fix is possible without breaking the file format; users must disable the loader.';

/** An advisory ready for publication but with no fix: no patched version. */
const UNFIXED = {
  state: 'draft' as const,
  cveId: 'CVE-2026-41234',
  severity: 'high' as const,
  vulnerabilities: [
    {
      package: { ecosystem: 'pip', name: 'sample-project' },
      vulnerable_version_range: '<= 1.4.1',
      patched_versions: null,
      vulnerable_functions: null,
    },
  ],
};

const watched = watchedEmulator(() => ({ now: THURSDAY_IN_WINDOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

interface Seeded {
  readonly advisory: Advisory;
  readonly issue: Issue;
}

function tracked(
  receivedAt: string,
  options: { approved?: boolean; sanitized?: boolean; state?: Partial<TrackerState>; advisory?: object } = {},
): Seeded {
  const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, { ...UNFIXED, ...options.advisory });
  const issue = addTrackingIssue(emulator.state, {
    ...reportOf(advisory),
    receivedAt,
    ...(options.sanitized === undefined ? {} : { sanitized: options.sanitized }),
    state: { policy: 'conda-forge', ...options.state },
  });
  if (options.approved !== false) addReleaseApproval(emulator.state, issue, 'sirt-lead');
  return { advisory, issue };
}

const BASE = { token: 'token-admin', repository: PROJECT, tracker: TRACKER, policy: 'conda-forge' };

function gateOptions(advisory: Advisory, inputs: Record<string, string>, more: Partial<RunOptions> = {}): RunOptions {
  return {
    inputs: { ...BASE, 'ghsa-ids': advisory.ghsaId, ...inputs },
    env: { GITHUB_ACTOR: 'sirt-lead' },
    ...more,
  };
}

function gate(advisory: Advisory, inputs: Record<string, string>, more: Partial<RunOptions> = {}): Promise<RunResult> {
  return watched.run('release-gate', gateOptions(advisory, inputs, more));
}

function stateOf(issue: Issue): TrackerState | undefined {
  return readTrackerState(emulator.state.issues.find((i) => i.repo === TRACKER && i.number === issue.number)?.body);
}

describe('release-gate: disclosure without a fix (no-fix)', () => {
  it('opens without versions once the disclosure deadline has arrived, and hands on the reason', async () => {
    const { advisory, issue } = tracked(LONG_AGO);
    // The same advisory as a security release: refused, it has no patched version.
    const release = await gate(advisory, {});
    expect(release.exitCode).toBe(1);
    expect(release.errors[0]?.message).toContain('has no patched versions');
    emulator.resetLog();
    const result = await gate(advisory, { 'no-fix': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.open).toBe('true');
    expect(result.outputs['ghsa-ids']).toBe(advisory.ghsaId);
    expect(result.outputs['no-fix-reason']).toBe('The disclosure deadline (2026-10-30) was reached without a fix.');
    expect(result.outputs.version).toBe('');
    expect(result.outputs.versions).toBe('');
    expect(result.summary).toContain('Disclosure without a fix');
    expect(result.summary).toContain(`${advisory.ghsaId}: disclosure deadline reached (2026-10-30 09:00 UTC)`);
    // The deadline is the ground: no decision to record.
    expect(emulator.writes()).toEqual([]);
    expect(stateOf(issue)?.noFixDecision).toBeUndefined();
  });

  it('stays closed before the deadline when no decision is recorded, saying what to do', async () => {
    const { advisory } = tracked(RECENT);
    const failed = await gate(advisory, { 'no-fix': 'true' });
    expect(failed.exitCode).toBe(1);
    expect(failed.errors[0]?.message).toContain(
      `not disclosed without a fix: ${advisory.ghsaId}: its disclosure deadline (2027-01-31 09:00 UTC) has not arrived and no decision to disclose it without a fix is recorded. To disclose now, run the release workflow by hand with "no-fix-reason"`,
    );
    const skipped = await gate(advisory, { 'no-fix': 'true', 'on-closed': 'skip' });
    expect(skipped.exitCode).toBe(0);
    expect(skipped.outputs.open).toBe('false');
    expect(skipped.outputs['no-fix-reason']).toBe('');
    expect(emulator.writes()).toEqual([]);
  });

  it('counts the disclosure deadline where a recorded move put it, and says when the policy sets none', async () => {
    const moved = {
      step: 'disclose' as const,
      kind: 'release-date' as const,
      to: '2026-11-18T17:00:00.000Z',
      reason: 'agreed with the reporter',
      at: '2026-11-03T10:00:00.000Z',
    };
    const { advisory } = tracked(RECENT, { state: { deadlineMoves: [moved] } });
    const open = await gate(advisory, { 'no-fix': 'true' });
    expect(open.outputs.open).toBe('true');
    expect(open.outputs['no-fix-reason']).toBe('The disclosure deadline (2026-11-18) was reached without a fix.');
    const { advisory: spec11 } = tracked(LONG_AGO, { state: { policy: 'spec11' } });
    const closed = await gate(spec11, { 'no-fix': 'true', policy: 'spec11', 'on-closed': 'skip' });
    expect(closed.outputs.open).toBe('false');
    expect(closed.outputs.reason).toContain(
      `${spec11.ghsaId}: its policy sets no disclosure deadline ("disclose-within") and no decision`,
    );
    expect(emulator.writes()).toEqual([]);
  });

  it('records no decision from a run no person started (schedule), and stays closed', async () => {
    const { advisory, issue } = tracked(RECENT);
    const result = await gate(advisory, { 'no-fix-reason': REASON, 'on-closed': 'skip' }, { eventName: 'schedule' });
    expect(result.outputs.open).toBe('false');
    expect(result.outputs.reason).toContain('only in a run started by hand (workflow_dispatch)');
    expect(result.outputs.reason).toContain('started by "schedule"');
    expect(emulator.writes()).toEqual([]);
    expect(stateOf(issue)?.noFixDecision).toBeUndefined();
  });

  it('with a reason given by hand: records the decision once, opens, and a re-run writes nothing', async () => {
    const { advisory, issue } = tracked(RECENT);
    emulator.resetLog();
    const options = gateOptions(advisory, { 'no-fix-reason': REASON });
    const first = await watched.run('release-gate', options);
    expect(first.exitCode).toBe(0);
    expect(first.outputs.open).toBe('true');
    expect(first.outputs['no-fix-reason']).toBe(REASON);
    expect(emulator.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/${TRACKER}/issues/${issue.number}`,
    ]);
    expect(stateOf(issue)?.noFixDecision).toEqual({
      reason: REASON,
      at: expect.stringMatching(/^2026-11-19T16:10:00\.\d{3}Z$/),
      by: 'sirt-lead',
    });
    // The tracking issue shows the decision to the team.
    const body = emulator.state.issues.find((i) => i.repo === TRACKER && i.number === issue.number)?.body ?? '';
    expect(body).toContain('Decided to disclose without a fix');
    const again = await runAgain('release-gate', options, emulator, (name, given) => watched.run(name, given));
    expect(again.result.outputs.open).toBe('true');
    expect(again.writes).toEqual([]);
    // A later run without a reason (the scheduled one) finds the decision and hands its reason on.
    const later = await gate(advisory, { 'no-fix': 'true' }, { eventName: 'schedule' });
    expect(later.outputs.open).toBe('true');
    expect(later.outputs['no-fix-reason']).toBe(REASON);
    expect(later.summary).toContain(`${advisory.ghsaId}: disclosure without a fix decided by sirt-lead at`);
  });

  it('still requires the approvals: waiting, not open, even past the deadline', async () => {
    const { advisory } = tracked(LONG_AGO, { approved: false });
    const result = await gate(advisory, { 'no-fix': 'true', 'on-closed': 'skip' });
    expect(result.outputs.open).toBe('false');
    expect(result.outputs['waiting-for-approval']).toBe(advisory.ghsaId);
    expect(result.outputs.reason).toContain('waiting for approval');
  });

  it('still requires the review for publication (/triage sanitized), and records no decision without it', async () => {
    const { advisory, issue } = tracked(RECENT, { sanitized: false });
    const result = await gate(advisory, { 'no-fix-reason': REASON });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('release precondition(s) unmet');
    expect(result.errors[0]?.message).toContain('/triage sanitized');
    expect(emulator.writes()).toEqual([]);
    expect(stateOf(issue)?.noFixDecision).toBeUndefined();
  });

  it('refuses an advisory that names patched versions: a disclosure without a fix publishes none', async () => {
    const patched = [{ ...UNFIXED.vulnerabilities[0], patched_versions: '1.4.2' }];
    const { advisory } = tracked(LONG_AGO, { advisory: { vulnerabilities: patched } });
    const result = await gate(advisory, { 'no-fix': 'true' });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(
      `${advisory.ghsaId} vulnerability 1 (sample-project) names patched versions "1.4.2", but a disclosure without a fix publishes none`,
    );
  });

  it('respects the release window (a Friday stays closed) unless the report is expedited', async () => {
    emulator.setNow(FRIDAY);
    const { advisory } = tracked(LONG_AGO);
    const closed = await gate(advisory, { 'no-fix': 'true', 'on-closed': 'skip' });
    expect(closed.outputs.open).toBe('false');
    expect(closed.outputs.reason).toContain('Friday');
    const expedited = { at: '2026-11-19T09:00:00.000Z', reason: 'disclosed publicly', by: 'sirt-lead' };
    const { advisory: urgent } = tracked(LONG_AGO, { state: { expedited } });
    const open = await gate(urgent, { 'no-fix': 'true' });
    expect(open.outputs.open).toBe('true');
    expect(open.outputs['no-fix-reason']).toContain('was reached without a fix');
  });

  it('dry run: plans the decision without writing it; the real run makes exactly that write', async () => {
    const { advisory, issue } = tracked(RECENT);
    emulator.resetLog();
    const dry = await gate(advisory, { 'no-fix-reason': REASON, 'dry-run': 'true' });
    expect(dry.exitCode).toBe(0);
    expect(emulator.writes()).toEqual([]);
    expect(JSON.parse(dry.outputs.plan ?? '[]')).toEqual([
      { action: 'update issue', target: `${TRACKER}#${issue.number}`, fields: ['body'] },
    ]);
    expect(stateOf(issue)?.noFixDecision).toBeUndefined();
    await gate(advisory, { 'no-fix-reason': REASON });
    expect(emulator.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/${TRACKER}/issues/${issue.number}`,
    ]);
  });

  describe('bad combinations: a configuration error before any request', () => {
    it.each([
      ['versions and no-fix', { 'no-fix': 'true', versions: '1.4.2' }, 'versions', 'releases no version'],
      [
        'force and no-fix-reason',
        { 'no-fix-reason': REASON, force: 'true', 'force-reason': 'x' },
        'force',
        'never forced',
      ],
      ['a reason too long to publish', { 'no-fix-reason': 'x'.repeat(501) }, 'no-fix-reason', 'longer than 500'],
    ])('%s: refused naming the field', async (_label, inputs, field, message) => {
      const { advisory } = tracked(LONG_AGO);
      emulator.resetLog();
      const result = await gate(advisory, inputs);
      expect(result.exitCode).toBe(1);
      expect(result.errors[0]?.message).toContain(`configuration error in ${field}`);
      expect(result.errors[0]?.message).toContain(message);
      expect(emulator.log).toEqual([]);
    });

    it('needs the advisories named and the tracker', async () => {
      emulator.resetLog();
      const noIds = await watched.run('release-gate', { inputs: { ...BASE, 'no-fix': 'true' } });
      expect(noIds.errors[0]?.message).toContain('configuration error in ghsa-ids');
      const { advisory } = tracked(LONG_AGO);
      const inputs = { token: 'token-admin', repository: PROJECT, 'ghsa-ids': advisory.ghsaId, 'no-fix': 'true' };
      const noTracker = await watched.run('release-gate', { inputs });
      expect(noTracker.errors[0]?.message).toContain('configuration error in tracker');
      expect(emulator.log).toEqual([]);
    });
  });
});
