import { beforeEach, describe, expect, it } from '@jest/globals';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import { readTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import { TRACKER_LABEL } from '../../src/actions/common/tracker.js';
import type { Emulator } from '../emulator/index.js';
import type { AdvisoryInput } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import { expectNoLeaks, SENTINELS } from '../harness/leaks.js';
import { runInProcess } from '../harness/in-process.js';
import type { RunOptions, RunResult } from '../harness/run-action.js';
import { watchedEmulator, type WatchedEmulator } from '../harness/watched-emulator.js';
import { runAgain } from '../harness/second-run.js';
import { addPrivateReport, addTrackingIssue, PRIVATE_LIB, PROJECT, reportOf, TRACKER } from '../harness/seed.js';

// Monday 2026-01-05 09:00: the report; triage runs the next day.
const RECEIVED = '2026-01-05T09:00:00Z';
const NOW = '2026-01-06T10:00:00Z';
const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V31_MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:L/A:N';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const VULNERABILITIES = [
  '- ecosystem: npm',
  '  package: sample-project',
  '  vulnerable-version-range: "< 1.0.1"',
  '  patched-versions: "1.0.1"',
].join('\n');

const watched = watchedEmulator(() => ({ now: NOW }));
const results = watched.results;
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

/** A private vulnerability report as a reporter files it: embargoed text everywhere. */
function embargoedAdvisory(repo: string, fields: AdvisoryInput = {}): Advisory {
  return addPrivateReport(emulator.state, repo, { createdAt: RECEIVED, collaboratingUsers: ['carol'], ...fields });
}

/**
 * The tracking issue ack-report left: acknowledged, the summary copied into the private tracker (it must stay there),
 * the checklist of spec11 whatever policy the state records.
 */
function trackingIssue(advisory: Advisory, extra: Partial<TrackerState> = {}, labels: string[] = []): Issue {
  return addTrackingIssue(emulator.state, {
    ...reportOf(advisory),
    receivedAt: RECEIVED,
    state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'advisory-comment', ...extra },
    labels,
    createdAt: RECEIVED,
    checklistPolicy: SPEC11,
  });
}

/** Runs triage in this process (or, for the smoke test, `watched.runBundle`); the run is kept for the leak check. */
async function triage(
  inputs: Record<string, string>,
  options: Partial<RunOptions> = {},
  run: WatchedEmulator['run'] = watched.run,
): Promise<RunResult> {
  return run('triage', { now: NOW, ...options, inputs: { token: 'token-admin', ...inputs } });
}

function commentEvent(issue: Issue, login: string, body: string, id = 9001) {
  return {
    eventName: 'issue_comment',
    eventPayload: {
      action: 'created',
      issue: { number: issue.number },
      comment: { id, body, user: { login } },
      repository: { full_name: TRACKER },
    },
  };
}

const writes = (): string[] => emulator.writes().map((write) => `${write.method} ${write.path}`);
const issueOf = (issue: Issue): Issue => emulator.state.issues.find((i) => i.id === issue.id)!;
const stateOf = (issue: Issue): TrackerState => readTrackerState(issueOf(issue).body)!;
const commentsOn = (issue: Issue) =>
  emulator.state.issueComments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number);

function expectNoEmbargoLeaks(): void {
  expectNoLeaks({ results, state: emulator.state, sentinels: Object.values(SENTINELS) });
}

describe('triage with inputs', () => {
  it('scores, accepts, staffs from CODEOWNERS, requests a CVE and sets the timeline', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory, {}, ['tlp:green']);
    const inputs = {
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      'cvss-vector': V31,
      tlp: 'amber',
      decision: 'accept',
      'fix-team': 'codeowners, bob',
      'request-cve': 'true',
      'cwe-ids': 'CWE-79',
      vulnerabilities: VULNERABILITIES,
    };
    const result = await triage(inputs);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);

    expect(advisory.state).toBe('draft');
    expect(advisory.cvssV3?.vector_string).toBe(V31);
    expect(advisory.severity).toBe('critical');
    expect(advisory.cweIds).toEqual(['CWE-79']);
    expect(advisory.collaboratingUsers).toEqual(['carol', 'bob']);
    expect(advisory.collaboratingTeams).toEqual(['maintainers']);
    expect(advisory.cveRequested).toBe(true);
    expect(advisory.vulnerabilities).toEqual([
      {
        package: { ecosystem: 'npm', name: 'sample-project' },
        vulnerable_version_range: '< 1.0.1',
        patched_versions: '1.0.1',
        vulnerable_functions: [],
      },
    ]);

    expect(result.outputs.score).toBe('9.8');
    expect(result.outputs.severity).toBe('critical');
    expect(result.outputs['release-slot']).toBe('2026-01-26T16:00:00.000Z');
    const timeline = JSON.parse(result.outputs.timeline ?? '{}') as Record<string, string>;
    expect(timeline).toMatchObject({
      fixReleaseTarget: '2026-01-26T09:00:00.000Z',
      releaseSlot: '2026-01-26T16:00:00.000Z',
      retrospectiveDue: '2026-01-29T16:00:00.000Z',
    });
    // SPEC 11 states no disclosure deadline: none is set.
    expect(timeline.disclosureDeadline).toBeUndefined();

    const tracked = issueOf(issue);
    expect(tracked.labels.sort()).toEqual([TRACKER_LABEL, 'tlp:amber']);
    expect(tracked.body).toContain('<!-- section:timeline -->');
    expect(tracked.body).toContain('Proposed release slot: 2026-01-26 16:00 UTC');
    expect(tracked.body).toContain('- [x] Triage');
    expect(stateOf(issue)).toMatchObject({
      tlp: 'AMBER',
      decision: 'accept',
      triagedAt: '2026-01-06T10:00:00.000Z',
      cvss: { vector: V31, score: 9.8, version: '3.1' },
      severity: 'critical',
      fixTeam: { users: ['bob'], teams: ['maintainers'] },
      fixTeamAt: '2026-01-06T10:00:00.000Z',
      cveRequestedAt: '2026-01-06T10:00:00.000Z',
      timeline,
    });
    expect(result.summary).toContain(advisory.ghsaId);
    expect(result.summary).toContain('2026-01-26 16:00 UTC');
    expectNoEmbargoLeaks();

    const again = await runAgain(
      'triage',
      { emulator, now: NOW, inputs: { token: 'token-admin', ...inputs } },
      emulator,
      runInProcess,
    );
    results.push(again.result);
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
    expectNoEmbargoLeaks();
  });

  it('re-scores with only the vector PATCH and the tracker update', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const base = {
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      tlp: 'amber',
      decision: 'accept',
    };
    await triage({ ...base, 'cvss-vector': V31, 'fix-team': 'codeowners' });
    emulator.resetLog();

    const result = await triage({ ...base, 'cvss-vector': V31_MEDIUM, 'fix-team': 'codeowners' });
    expect(result.exitCode).toBe(0);
    expect(writes()).toEqual([
      `PATCH /repos/${PROJECT}/security-advisories/${advisory.ghsaId}`,
      `PATCH /repos/${TRACKER}/issues/${issue.number}`,
    ]);
    const patch = emulator.log.find((entry) => entry.method === 'PATCH' && entry.path.includes('security-advisories'));
    expect(patch?.body).toEqual({ cvss_vector_string: V31_MEDIUM });
    expect(advisory.severity).toBe('medium');
    expect(result.outputs).toMatchObject({ score: '5.4', severity: 'medium' });
    expect(stateOf(issue).cvss).toEqual({ vector: V31_MEDIUM, score: 5.4, version: '3.1' });
    expectNoEmbargoLeaks();
  });

  it('takes a CVSS 4.0 vector end to end', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const result = await triage({
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      'cvss-vector': V40,
    });
    expect(result.exitCode).toBe(0);
    expect(advisory.cvssV4?.vector_string).toBe(V40);
    expect(advisory.severity).toBe('critical');
    expect(result.outputs).toMatchObject({ score: '9.3', severity: 'critical' });
    expect(stateOf(issue).cvss).toEqual({ vector: V40, score: 9.3, version: '4.0' });
    expect(advisory.state).toBe('triage');
  });

  it('explains why a private repository gets no CVE request, and requests none', async () => {
    const advisory = embargoedAdvisory(PRIVATE_LIB, { collaboratingUsers: [] });
    const issue = trackingIssue(advisory, { ackChannel: 'manual' });
    const result = await triage({
      'ghsa-id': advisory.ghsaId,
      repository: PRIVATE_LIB,
      tracker: TRACKER,
      'request-cve': 'true',
      severity: 'high',
    });
    expect(result.exitCode).toBe(0);
    expect(advisory.cveRequested).toBe(false);
    expect(writes().filter((w) => w.endsWith('/cve'))).toEqual([]);
    const warning = result.warnings.map((w) => w.message).join('\n');
    expect(warning).toContain('private');
    expect(warning).toContain('make the repository public');
    expect(warning).toContain('cveform.mitre.org');
    expect(advisory.severity).toBe('high');
    expect(stateOf(issue).cveRequestedAt).toBeUndefined();
    expectNoEmbargoLeaks();
  });

  it('counts a CVE request GitHub already has (an earlier run died after making it) as made', async () => {
    const advisory = embargoedAdvisory(PROJECT, { cveRequested: true });
    const issue = trackingIssue(advisory);
    const inputs = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, 'request-cve': 'true' };
    const result = await triage(inputs);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(stateOf(issue).cveRequestedAt).toBe('2026-01-06T10:00:00.000Z');
    const again = await runAgain(
      'triage',
      { emulator, now: NOW, inputs: { token: 'token-admin', ...inputs } },
      emulator,
      runInProcess,
    );
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
    expectNoEmbargoLeaks();
  });

  it('rejects: closes the advisory and the tracking issue, and tells the reporter in an advisory comment', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const inputs = {
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      decision: 'reject',
      reason: 'Works as designed: the parser only reads trusted files.',
    };
    const result = await triage(inputs);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(advisory.state).toBe('closed');
    expect(issueOf(issue)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    const told = emulator.state.advisoryComments.filter((c) => c.ghsaId === advisory.ghsaId);
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('Works as designed: the parser only reads trusted files.');
    const recorded = commentsOn(issue).map((c) => c.body);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toContain('Rejected at triage');
    expect(recorded[0]).toContain('Works as designed');
    expect(stateOf(issue)).toMatchObject({ decision: 'reject', notified: ['triage-rejection'] });
    expect(result.summary).not.toContain('Works as designed');
    expectNoEmbargoLeaks();

    const again = await runAgain(
      'triage',
      { emulator, now: NOW, inputs: { token: 'token-admin', ...inputs } },
      emulator,
      runInProcess,
    );
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
  });

  it('leaves the message for a human when the acknowledgement did not use an advisory comment', async () => {
    const advisory = embargoedAdvisory(PRIVATE_LIB, { collaboratingUsers: [] });
    const issue = trackingIssue(advisory, { ackChannel: 'manual' });
    const result = await triage({
      'ghsa-id': advisory.ghsaId,
      repository: PRIVATE_LIB,
      tracker: TRACKER,
      decision: 'reject',
      reason: 'Duplicate of an earlier report.',
    });
    expect(result.exitCode).toBe(0);
    expect(emulator.state.advisoryComments).toEqual([]);
    const [comment] = commentsOn(issue);
    expect(comment?.body).toContain('has **not** been told');
    expect(comment?.body).toContain('> Thank you for your report');
    expect(advisory.state).toBe('closed');
  });

  it.each([
    ['cvss-vector', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'missing base metric(s) A'],
    ['cvss-vector', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS version 3.0 is not supported'],
    ['cvss-vector', `${V40}/E:A`, 'remove the threat metric E:A'],
    ['cvss-vector', `${V31}/`, 'trailing "/"'],
    ['cvss-vector', `${V31} extra`, 'not of the form METRIC:VALUE'],
    ['tlp', 'purple', 'Input "tlp" is "purple"'],
    ['decision', 'maybe', 'Input "decision" is "maybe"'],
    ['vulnerabilities', '- ecosystem: cobol\n  package: x', 'unknown ecosystem "cobol"'],
  ])('refuses %s=%j before writing anything', async (input, value, message) => {
    const advisory = embargoedAdvisory(PROJECT);
    trackingIssue(advisory);
    emulator.resetLog();
    const result = await triage({ 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, [input]: value });
    expect(result.exitCode).toBe(1);
    expect(result.errors.map((e) => e.message).join('\n')).toContain(message);
    expect(result.errors[0]?.message).toContain(input);
    expect(emulator.log).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it('records the agreed release day and version, and keeps them when a later triage names neither', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const base = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER };
    const agreed = await triage({ ...base, 'release-date': '2026-01-21', 'release-version': '1.0.1' });
    expect(agreed.exitCode).toBe(0);
    expect(agreed.outputs['release-slot']).toBe('2026-01-21T16:00:00.000Z');
    expect(stateOf(issue)).toMatchObject({ agreedReleaseDate: '2026-01-21', agreedVersion: '1.0.1' });
    expect(issueOf(issue).body).toContain(
      '- Agreed release: 2026-01-21 16:00 UTC to 2026-01-21 17:00 UTC (version 1.0.1)',
    );

    const later = await triage({ ...base, tlp: 'red' });
    expect(later.outputs['release-slot']).toBe('2026-01-21T16:00:00.000Z');
    expect(stateOf(issue)).toMatchObject({ agreedReleaseDate: '2026-01-21', agreedVersion: '1.0.1', tlp: 'RED' });
  });

  it('keeps the checklist of the policy the report was tracked under, not the one triage runs with', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory, { policy: 'stacklok' });
    const result = await triage({ 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, tlp: 'green' });
    expect(result.exitCode).toBe(0);
    // Stacklok: the fix team within 24 hours of the report (SPEC 11's project default is 7 days).
    expect(issueOf(issue).body).toContain('### Checklist (policy: stacklok)');
    expect(issueOf(issue).body).toContain('Assign the fix team and add them to the advisory (due 2026-01-06 09:00 UTC');
  });

  it('refuses a release day without a window before writing anything', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    trackingIssue(advisory);
    emulator.resetLog();
    const result = await triage({
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      decision: 'accept',
      'release-date': '2026-01-23',
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(
      /release-date 2026-01-23 has no release window under policy spec11 \(Friday is not a release day/,
    );
    expect(writes()).toEqual([]);
    expect(advisory.state).toBe('triage');
  });

  it('refuses a public tracker before writing anything', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    emulator.resetLog();
    const result = await triage({
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: 'sample-org/docs-site',
      tlp: 'red',
      decision: 'accept',
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('is public');
    expect(writes()).toEqual([]);
    expect(advisory.state).toBe('triage');
  });
});

describe('triage by /triage command', () => {
  it('answers a non-member and changes nothing else', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const before = JSON.stringify(advisory);
    const bodyBefore = issue.body;
    emulator.resetLog();
    const result = await triage({ team: 'security-team' }, commentEvent(issue, 'alice', '/triage reject reason=nope'));
    expect(result.exitCode).toBe(0);
    expect(writes()).toEqual([`POST /repos/${TRACKER}/issues/${issue.number}/comments`]);
    expect(commentsOn(issue)[0]?.body).toContain('not a member of the response team');
    expect(JSON.stringify(advisory)).toBe(before);
    expect(issueOf(issue).body).toBe(bodyBefore);
    expect(result.warnings[0]?.message).toContain('alice');
  });

  it('answers a member with what is wrong in the command and fails without other writes', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    emulator.resetLog();
    const result = await triage(
      { team: 'security-team' },
      commentEvent(issue, 'sirt-lead', '/triage cvss=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H tlp=amber'),
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('missing base metric(s) A');
    expect(writes()).toEqual([`POST /repos/${TRACKER}/issues/${issue.number}/comments`]);
    expect(commentsOn(issue)[0]?.body).toContain('missing base metric(s) A');
    expect(advisory.state).toBe('triage');
  });

  it('ignores comments without a command', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    emulator.resetLog();
    const result = await triage({ team: 'security-team' }, commentEvent(issue, 'sirt-lead', 'Reproduced on 1.0.0.'));
    expect(result.exitCode).toBe(0);
    expect(emulator.log).toEqual([]);
  });
});

describe('timeline decisions (/triage extend, expedite, a renegotiated release day)', () => {
  it('records an extension with its reason and moves the fix-release deadline, the same on a re-run', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const command = '/triage extend=14d reason="low severity; maintainers away until February"';
    const options = commentEvent(issue, 'sirt-lead', command);
    const result = await triage({ team: 'security-team' }, options);
    expect(result.exitCode).toBe(0);
    // SPEC 11: 2026-01-26 17:00 + 14 days is Monday 2026-02-09 17:00, after that window: Tuesday's window end.
    expect(stateOf(issue).deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'extend',
        from: '2026-01-26T17:00:00.000Z',
        to: '2026-02-10T17:00:00.000Z',
        reason: 'low severity; maintainers away until February',
        at: '2026-01-06T10:00:00.000Z',
        by: 'sirt-lead',
      },
    ]);
    expect(issueOf(issue).body).toContain('- Fix release due: 2026-02-10 17:00 UTC (moved)');
    expect(issueOf(issue).body).toContain('low severity; maintainers away until February');
    const reply = commentsOn(issue)[0]?.body ?? '';
    expect(reply).toContain('Fix release extended by 14 days to 2026-02-10 17:00 UTC');
    // The reason stays in the private tracker: not in the run's log or outputs.
    expect(result.stdout).not.toContain('maintainers away');

    const inputs = { ...{ 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER }, extend: '14d' };
    const again = await triage({ ...inputs, reason: 'low severity; maintainers away until February' });
    expect(again.exitCode).toBe(0);
    expect(stateOf(issue).deadlineMoves).toHaveLength(1);
  });

  it('refuses an extension without a reason, naming the key, before writing anything', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    trackingIssue(advisory);
    const inputs = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, extend: '14d' };
    const result = await triage(inputs);
    expect(result.exitCode).not.toBe(0);
    expect(result.errors.map((e) => e.message).join(' ')).toContain('Input "extend" needs Input "reason"');
    expect(writes()).toEqual([]);
  });

  it('expedites a report: every open step due within 72 hours, the team told once, the gate record kept', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const options = commentEvent(issue, 'sirt-lead', '/triage expedite reason="posted publicly on a forum"');
    const result = await triage({ team: 'security-team' }, options);
    expect(result.exitCode).toBe(0);
    expect(stateOf(issue).expedited).toEqual({
      at: '2026-01-06T10:00:00.000Z',
      reason: 'posted publicly on a forum',
      by: 'sirt-lead',
    });
    const notices = commentsOn(issue).filter((c) => c.body.includes('disclosure-actions:expedited'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain('@sample-org/security-team');
    expect(notices[0]?.body).toContain('every open step is due by 2026-01-09 10:00 UTC');
    expect(issueOf(issue).body).toContain('(due 2026-01-09 10:00 UTC');

    // A re-delivered event and a second expedite tell nobody again.
    const again = await runAgain(
      'triage',
      { emulator, now: NOW, inputs: { token: 'token-admin', team: 'security-team' }, ...options },
      emulator,
      watched.run,
    );
    expect(again.writes).toEqual([]);
    const second = commentEvent(issue, 'sirt-member', '/triage expedite reason="exploited"', 9002);
    await triage({ team: 'security-team' }, second);
    expect(commentsOn(issue).filter((c) => c.body.includes('disclosure-actions:expedited'))).toHaveLength(1);
    expect(stateOf(issue).expedited?.reason).toBe('posted publicly on a forum');
  });

  it('moves the fix release to a release day agreed beyond the target, recording the reason given', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const inputs = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER };
    const result = await triage({ ...inputs, 'release-date': '2026-02-04', reason: 'the reporter asked for time' });
    expect(result.exitCode).toBe(0);
    expect(stateOf(issue)).toMatchObject({
      agreedReleaseDate: '2026-02-04',
      deadlineMoves: [
        {
          step: 'fix-release',
          kind: 'release-date',
          from: '2026-01-26T17:00:00.000Z',
          to: '2026-02-04T17:00:00.000Z',
          reason: 'the reporter asked for time',
        },
      ],
    });
    expect(issueOf(issue).body).toContain('(due 2026-02-04 17:00 UTC');
  });
});

// The one scenario that runs the built bundle in a child process: the runner's real wiring (inputs from INPUT_*,
// the event file at GITHUB_EVENT_PATH, DISCLOSURE_NOW, GITHUB_OUTPUT, the step summary file).
describe('bundle smoke', () => {
  it('applies a member command and answers in a comment', async () => {
    const advisory = embargoedAdvisory(PROJECT);
    const issue = trackingIssue(advisory);
    const command = `/triage cvss=${V31} tlp=red accept fix-team=codeowners request-cve`;
    const options = commentEvent(issue, 'sirt-member', command);
    const result = await triage({ team: 'security-team' }, options, watched.runBundle);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(advisory).toMatchObject({ state: 'draft', severity: 'critical', cveRequested: true });
    expect(advisory.collaboratingTeams).toEqual(['maintainers']);
    expect(issueOf(issue).labels).toContain('tlp:red');
    expect(stateOf(issue)).toMatchObject({ tlp: 'RED', decision: 'accept', severity: 'critical' });
    const replies = commentsOn(issue);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`Triage of ${advisory.ghsaId}`);
    expect(replies[0]?.body).toContain('Score: 9.8 (critical, CVSS 3.1)');
    expect(replies[0]?.body).toContain('Proposed release slot: 2026-01-26 16:00 UTC');
    expectNoEmbargoLeaks();

    const again = await runAgain(
      'triage',
      { emulator, now: NOW, inputs: { token: 'token-admin', team: 'security-team' }, ...options },
      emulator,
    );
    results.push(again.result);
    expect(again.writes).toEqual([]);
  });
});
