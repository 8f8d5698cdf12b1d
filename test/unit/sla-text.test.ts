import { describe, expect, it } from '@jest/globals';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { assessReport } from '../../src/domain/sla.js';
import {
  escalationComment,
  escalationMarker,
  escalationMessage,
  renderStatusComment,
  renderSweepReport,
} from '../../src/domain/sla-text.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const RECEIVED = '2026-03-02T09:00:00.000Z';
const rule = { withinMs: 24 * 3600_000, fraction: 0.2 };
const state = { ...newTrackerState('GHSA-aaaa-bbbb-cccc', 'org/repo', 'spec11', RECEIVED), acknowledgedAt: RECEIVED };
const breached = assessReport(
  PRESETS.spec11,
  { key: state.key, repository: 'org/repo', state },
  new Date('2026-03-10T00:00:00Z'),
  rule,
);

describe('renderStatusComment', () => {
  it('gives the status, the stage and every step with due date, done date and status', () => {
    const text = renderStatusComment(breached);
    expect(text).toContain('### SLA status: 🔴 breached');
    expect(text).toContain('Stage: **acknowledged** · policy `spec11`');
    expect(text).toContain('Next deadline: Triage, 2026-03-09 09:00 UTC');
    expect(text).toContain('| Acknowledge | 2026-03-04 09:00 UTC | 2026-03-02 09:00 UTC | met |');
    expect(text).toContain('| Triage | 2026-03-09 09:00 UTC | — | **breached** |');
    expect(text).toContain('| Retrospective | after the release | — | — |');
  });

  it('says nothing applies once closed', () => {
    const closed = assessReport(
      PRESETS.spec11,
      { key: state.key, repository: 'org/repo', state: { ...state, decision: 'reject' } },
      new Date('2026-03-10T00:00:00Z'),
      rule,
    );
    expect(renderStatusComment(closed)).toContain('no deadline applies any more');
  });
});

describe('escalation texts', () => {
  it('names the report, the step, its due date and the tracker link, nothing else', () => {
    const message = escalationMessage(breached, 'triage', { url: 'https://github.com/o/t/issues/3', mention: '@o/t' });
    expect(message).toBe(
      'SLA breach: GHSA-aaaa-bbbb-cccc (org/repo): Triage was due 2026-03-09 09:00 UTC and is not done (stage: acknowledged). Tracker: https://github.com/o/t/issues/3',
    );
    expect(escalationComment(breached, 'triage', '@o/security')).toMatch(/^@o\/security \*\*SLA breach\*\* on GHSA/);
    expect(escalationComment(breached, 'triage', undefined)).toMatch(/^\*\*SLA breach\*\*/);
    expect(escalationMarker('K', 'triage')).toBe('<!-- disclosure-actions:sla-escalation K triage -->');
  });
});

describe('renderSweepReport', () => {
  it('tabulates the open reports and lists blind spots and forks', () => {
    const report = renderSweepReport({
      active: [breached],
      blindSpots: [{ repository: 'org/hidden', reason: 'advisories-unreadable' }],
      staleForks: [],
      inventoryGaps: 2,
      dryRun: true,
    });
    expect(report).toContain('## SLA sweep (dry run: nothing written)');
    expect(report).toContain('1 open report(s): 1 breached, 0 due soon, 0 on time.');
    expect(report).toContain(
      '| GHSA-aaaa-bbbb-cccc | org/repo | unknown | acknowledged | Triage, 2026-03-09 09:00 UTC | 🔴 breached |',
    );
    expect(report).toContain('- org/hidden: the token cannot list its security advisories');
    expect(report).toContain('Inventory: 2 repository gap(s)');
  });
});

describe('reminders and release days', () => {
  const RECEIVED_AT = '2026-03-02T09:00:00.000Z';
  const base = newTrackerState('GHSA-aaaa-bbbb-cccc', 'o/r', 'spec11', RECEIVED_AT);
  const rule = { withinMs: 24 * 3600_000, fraction: 0.2 };
  const stateAt = (partial: Partial<TrackerState>, now: string, policy = PRESETS.spec11) =>
    assessReport(policy, { key: base.key, repository: 'o/r', state: { ...base, ...partial } }, new Date(now), rule);

  it('calls a step the policy only reminds of a reminder, never a breach', () => {
    const stacklok = stateAt({ acknowledgedAt: RECEIVED_AT }, '2026-03-20T09:00:00Z', PRESETS.stacklok);
    const message = escalationMessage(stacklok, 'triage', { url: undefined, mention: undefined });
    expect(message).toMatch(/^SLA reminder: GHSA-aaaa-bbbb-cccc \(o\/r\): Triage was due 2026-03-09 09:00 UTC/);
    expect(message).toContain('a reminder, not a breach');
    expect(escalationComment(stacklok, 'triage', '@o/t')).toContain('sla-check sends each reminder once.');
    expect(renderStatusComment(stacklok)).not.toContain('breached');
  });

  it('tells a missed release day apart from one waiting for an approval', () => {
    const agreed = { acknowledgedAt: RECEIVED_AT, triagedAt: RECEIVED_AT, agreedReleaseDate: '2026-03-05' };
    const waiting = stateAt(agreed, '2026-03-05T18:00:00Z');
    expect(escalationMessage(waiting, 'fix-release', { url: undefined, mention: undefined })).toMatch(
      /^Release waiting for an approval: GHSA-aaaa-bbbb-cccc \(o\/r\): the agreed release day 2026-03-05 passed/,
    );
    expect(renderStatusComment(waiting)).toContain('**Waiting for an approval**');
    const approved = { ...agreed, approvals: [{ login: 'alice', at: RECEIVED_AT }] };
    const missed = stateAt(approved, '2026-03-05T18:00:00Z');
    expect(escalationComment(missed, 'fix-release', undefined)).toBe(
      '**Missed release** on GHSA-aaaa-bbbb-cccc: the agreed release day 2026-03-05 passed without publication ' +
        '(stage: triaged). sla-check escalates each breach once.',
    );
    expect(renderStatusComment(missed)).toContain('**Missed release**: the agreed release day 2026-03-05');
  });
});
