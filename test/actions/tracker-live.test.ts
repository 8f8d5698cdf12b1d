/**
 * The tracking issue as the live record: after each action the visible body says what the state says (severity,
 * CVSS score and vector, CVE, TLP, decision, fix team, fork, announcement, retrospective), each deadline shows one
 * time wherever it appears, the issue's chart marks a breach as the dashboard's does, and a run with nothing new
 * writes nothing. Through the actions' entries, in-process, against the emulator.
 */
import { describe, expect, it } from '@jest/globals';
import { readSection } from '../../src/domain/tracker-merge.js';
import { RECORD_SECTION } from '../../src/domain/tracker-record.js';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import { addLabel } from '../emulator/state.js';
import type { Issue } from '../emulator/types.js';
import { runInProcess } from '../harness/in-process.js';
import type { RunOptions } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import { addPrivateReport, addTrackingIssue, PROJECT, reportOf, TRACKER } from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { baseInputs, NOW, pathTraversal, release, trackingIssue } from './publish-announcement.world.js';

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N';
const watched = watchedEmulator(() => ({ now: '2026-01-06T10:00:00Z', forkReadyAfterMs: 0 }));

const issueNow = (issue: Issue): Issue => watched.emulator.state.issues.find((i) => i.id === issue.id)!;
const recordOf = (issue: Issue): string => readSection(issueNow(issue).body ?? '', RECORD_SECTION) ?? '';

/** A report in triage, acknowledged, with the tracking issue ack-report leaves. */
function acknowledgedReport(): { ghsaId: string; issue: Issue } {
  addLabel(watched.emulator.state, TRACKER, 'disclosure-tracker');
  const advisory = addPrivateReport(watched.emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
  const issue = addTrackingIssue(watched.emulator.state, {
    ...reportOf(advisory),
    state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'advisory-comment' },
  });
  return { ghsaId: advisory.ghsaId, issue };
}

function triageOptions(ghsaId: string): Omit<RunOptions, 'emulator'> {
  return {
    now: '2026-01-06T10:00:00Z',
    inputs: {
      token: 'token-admin',
      'ghsa-id': ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      'cvss-vector': V31,
      tlp: 'AMBER',
      decision: 'accept',
      'fix-team': 'codeowners',
      'affected-paths': 'src/parser/archive.py',
    },
  };
}

describe('after triage', () => {
  it('the tracking issue shows the score, vector, severity, TLP, decision and fix team; a re-run writes nothing', async () => {
    const { ghsaId, issue } = acknowledgedReport();
    expect(recordOf(issue)).toContain('| Severity | not rated yet |');
    const result = await watched.run('triage', triageOptions(ghsaId));
    expect(result.exitCode).toBe(0);
    const record = recordOf(issue);
    expect(record).toContain('| Severity | high |');
    expect(record).toContain(`| CVSS | 8.2 (CVSS 3.1) \`${V31}\` |`);
    expect(record).toContain('| TLP | TLP:AMBER |');
    expect(record).toContain('| Decision | accepted (triaged 2026-01-06 10:00 UTC) |');
    // The owners CODEOWNERS gives for the affected path.
    expect(record).toContain('| Fix team | `alice` (added 2026-01-06 10:00 UTC) |');
    expect(issueNow(issue).body).not.toContain('not rated yet');
    // One time per deadline: the retrospective's is counted from the actual release, so the plan gives none.
    const timeline = readSection(issueNow(issue).body ?? '', 'timeline') ?? '';
    expect(timeline).toContain('- Retrospective: due after the release');
    expect(timeline).not.toMatch(/Retrospective.*\d{4}-\d\d-\d\d/);
    // The record is rendered from the state the run wrote: the same bytes when rendered again.
    const again = await runAgain(
      'triage',
      { ...triageOptions(ghsaId), emulator: watched.emulator },
      watched.emulator,
      runInProcess,
    );
    watched.results.push(again.result);
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
  });
});

describe('after create-temp-fork', () => {
  it('the tracking issue shows the fork', async () => {
    const { ghsaId, issue } = acknowledgedReport();
    const inputs = { token: 'token-admin', 'ghsa-id': ghsaId, repository: PROJECT, tracker: TRACKER };
    const result = await watched.run('create-temp-fork', { now: '2026-01-06T11:00:00Z', inputs });
    expect(result.exitCode).toBe(0);
    const fork = readTrackerState(issueNow(issue).body)?.fork;
    expect(fork).toBeDefined();
    expect(recordOf(issue)).toContain(
      `| Temporary private fork | [${fork?.fullName}](${fork?.url}) (created 2026-01-06 11:00 UTC) |`,
    );
  });
});

describe('after publish-announcement', () => {
  it('the tracking issue shows the CVE, the announcement and the retrospective; the retrospective records the CVE', async () => {
    watched.emulator.setNow(NOW);
    const advisory = pathTraversal(watched.emulator);
    const issue = trackingIssue(watched.emulator, advisory, {
      cvss: { vector: V31, score: 8.2, version: '3.1' },
      severity: 'high',
    });
    release(watched.emulator);
    const result = await watched.run('publish-announcement', {
      now: NOW,
      repository: PROJECT,
      inputs: { ...baseInputs(watched.emulator, [advisory]), 'release-tag': 'v1.4.2' },
    });
    expect(result.exitCode).toBe(0);
    const state = readTrackerState(issueNow(issue).body);
    const discussion = result.outputs['discussion-url'];
    expect(discussion).toMatch(/^https:\/\/github.com\/sample-org\/sample-project\/discussions\/\d+$/);
    const record = recordOf(issue);
    expect(record).toContain('| CVE | CVE-2026-41234 (seen 2026-01-26 16:05 UTC) |');
    expect(record).toContain(`](${discussion}) |`);
    expect(record).toContain(`| Retrospective | #${state?.retrospectiveIssue} (open) |`);
    expect(record).toContain('| Advisory published | 2026-01-26 16:05 UTC |');
    const retrospective = watched.emulator.state.issues.find(
      (i) => i.repo === TRACKER && i.number === state?.retrospectiveIssue,
    );
    expect(retrospective?.body).toContain(
      '| CVE assigned (CVE-2026-41234; first seen then) | 2026-01-26 16:05 UTC | 21 d 7 h | - | no deadline |',
    );
    // One time for the retrospective's deadline, in the tracking issue and in the retrospective issue.
    const due = '2026-01-29 16:05 UTC';
    expect(issueNow(issue).body).toContain(`Hold the blameless retrospective (due ${due})`);
    expect(retrospective?.body).toContain(`**Due ${due}**`);
  });
});

describe('after an SLA sweep', () => {
  const sweep = (now: string): Omit<RunOptions, 'emulator'> => ({
    now,
    inputs: { token: 'token-admin', tracker: TRACKER, organization: 'sample-org', inventory: 'false' },
  });

  it('the issue’s chart marks a breach red as the dashboard’s does, the CVE is recorded, a second sweep writes nothing', async () => {
    addLabel(watched.emulator.state, TRACKER, 'disclosure-tracker');
    const advisory = addPrivateReport(watched.emulator.state, PROJECT, {
      state: 'draft',
      submissionAccepted: true,
      cveId: 'CVE-2026-1',
      createdAt: '2026-01-05T09:00:00Z',
    });
    const issue = addTrackingIssue(watched.emulator.state, {
      ...reportOf(advisory),
      state: {
        acknowledgedAt: '2026-01-05T10:00:00.000Z',
        ackChannel: 'advisory-comment',
        triagedAt: '2026-01-06T10:00:00.000Z',
        decision: 'accept',
      },
    });
    // The fix team was due 2026-01-12 09:00: breached on the 20th.
    const now = '2026-01-20T09:00:00Z';
    watched.emulator.setNow(now);
    const result = await watched.run('sla-check', sweep(now));
    expect(result.exitCode).toBe(0);
    const tracking = issueNow(issue).body ?? '';
    const dashboard = watched.emulator.state.issues.find((i) => i.repo === TRACKER && i.title.includes('dashboard'));
    const breachLine = /^ {4}Fix team due :crit, r0s2, 2026-01-05 09:00, 2026-01-12 09:00$/m;
    expect(dashboard?.body).toMatch(breachLine);
    expect(tracking).toMatch(breachLine);
    const chartLines = (body: string) => body.split('\n').filter((line) => / (due|done) :/.test(line));
    expect(chartLines(tracking)).toEqual(chartLines(dashboard?.body ?? ''));
    expect(recordOf(issue)).toContain('| CVE | CVE-2026-1 (seen 2026-01-20 09:00 UTC) |');
    const again = await runAgain(
      'sla-check',
      { ...sweep(now), emulator: watched.emulator },
      watched.emulator,
      runInProcess,
    );
    watched.results.push(again.result);
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
  });
});
