/**
 * Behaviour of src/domain/sla.ts that StrykerJS showed no unit test pinned: the exact boundaries of a step's status,
 * when a report counts as closed, finished or active, the stage it reached, the window a step is measured over, a
 * release day the policy opens no window on, the next deadline, the SLA labels and the order of the tables.
 * The equivalent mutants left alive are listed, with why, in the mutation notes (equiv-sla.md).
 */
import { describe, expect, it } from '@jest/globals';
import { PRESETS } from '../../src/domain/policy/presets.js';
import type { Enforcement, Policy } from '../../src/domain/policy/types.js';
import {
  assessReport,
  compareAssessments,
  forkOf,
  isActive,
  isClosed,
  labelsWithSla,
  receivedAtOf,
  releaseDayCheck,
  type ReportRecords,
  type ReportStatus,
} from '../../src/domain/sla.js';
import type { Step } from '../../src/domain/deadlines.js';
import type { TrackerState } from '../../src/domain/tracker-state.js';
import { advisory, at, facts, RECEIVED, rule, tracked } from './sla-facts.js';

const assess = (f: ReportRecords, now: string, policy: Policy = PRESETS.spec11) =>
  assessReport(policy, f, at(now), rule);

const stepOf = (assessment: ReturnType<typeof assess>, step: Step) => {
  const found = assessment.steps.find((s) => s.step === step);
  if (!found) throw new Error(`no step ${step}`);
  return found;
};

const withEnforcement = (policy: Policy, overrides: Partial<Record<Step, Enforcement>>): Policy => ({
  ...policy,
  enforcement: { ...policy.enforcement, ...overrides },
});

/** Acknowledged, triaged, fix team formed and CVE requested at once: only the release and what follows are open. */
const readyForRelease = (partial: Partial<TrackerState> = {}): TrackerState =>
  tracked({
    acknowledgedAt: RECEIVED,
    triagedAt: RECEIVED,
    fixTeamAt: RECEIVED,
    cveRequestedAt: RECEIVED,
    ...partial,
  });

const RELEASED = '2026-03-16T16:00:00.000Z';
const PUBLISHED = '2026-03-16T16:05:00.000Z';
const publishedAdvisory = advisory({ phase: 'published', publishedAt: at(PUBLISHED) });
const publishedReport = (partial: Partial<TrackerState> = {}): ReportRecords =>
  facts({
    advisory: publishedAdvisory,
    state: readyForRelease({ releasedAt: RELEASED, publishedAt: PUBLISHED, ...partial }),
  });

describe('receivedAtOf', () => {
  it('refuses a report with neither a tracker state nor an advisory, naming the report', () => {
    expect(() => receivedAtOf({ key: 'issue-9', repository: null })).toThrow(
      new Error('report issue-9 has neither a tracker state nor an advisory'),
    );
  });
});

describe('forkOf', () => {
  it('knows of no fork when there is neither an advisory nor a tracker state', () => {
    expect(forkOf({ key: 'issue-9', repository: null })).toBeNull();
  });
});

describe('isClosed', () => {
  it('does not take a published advisory as closed even when the tracker recorded a close', () => {
    const reopened = facts({ advisory: publishedAdvisory, state: tracked({ closedAt: RECEIVED }) });
    expect(isClosed(reopened)).toBe(false);
    expect(assess(reopened, '2026-03-17T09:00:00Z').status).not.toBe('closed');
  });

  it('takes a withdrawn advisory as closed: nothing is due any more', () => {
    const withdrawn = facts({ advisory: advisory({ phase: 'withdrawn' }) });
    expect(isClosed(withdrawn)).toBe(true);
    const result = assess(withdrawn, '2026-09-01T00:00:00Z');
    expect(result.status).toBe('closed');
    expect(result.breaches).toEqual([]);
  });
});

describe('isActive', () => {
  const cases: [ReportStatus, boolean][] = [
    ['breached', true],
    ['due-soon', true],
    ['on-time', true],
    ['finished', false],
    ['closed', false],
  ];
  it.each(cases)('%s: active %s', (status, active) => {
    expect(isActive({ status })).toBe(active);
  });
});

describe('step status boundaries', () => {
  it('counts a step done exactly at its deadline as met, not met late', () => {
    const result = assess(
      facts({ state: tracked({ acknowledgedAt: '2026-03-04T09:00:00.000Z' }) }),
      '2026-03-05T09:00:00Z',
    );
    expect(stepOf(result, 'acknowledge').status).toBe('met');
  });

  it('is due soon, not yet breached, at the very instant of the deadline', () => {
    const result = assess(facts(), '2026-03-04T09:00:00.000Z');
    expect(stepOf(result, 'acknowledge').status).toBe('due-soon');
    expect(result.breaches).toEqual([]);
  });

  it('is due soon from exactly 24 h before the deadline', () => {
    expect(stepOf(assess(facts(), '2026-03-03T09:00:00.000Z'), 'acknowledge').status).toBe('due-soon');
    expect(stepOf(assess(facts(), '2026-03-03T08:59:59.999Z'), 'acknowledge').status).toBe('on-time');
  });

  it('is due soon from exactly 20% of the window before the deadline (33.6 h of 7 days)', () => {
    const acked = facts({ state: tracked({ acknowledgedAt: RECEIVED }) });
    expect(stepOf(assess(acked, '2026-03-07T23:24:00.000Z'), 'triage').status).toBe('due-soon');
    expect(stepOf(assess(acked, '2026-03-07T23:23:59.999Z'), 'triage').status).toBe('on-time');
  });

  it('marks a step ahead of its due-soon margin on-time', () => {
    expect(stepOf(assess(facts(), '2026-03-02T10:00:00Z'), 'acknowledge').status).toBe('on-time');
  });

  it('marks a step without a deadline met once done (SPEC 11 disclosure at publication)', () => {
    const disclose = stepOf(assess(publishedReport(), '2026-03-17T09:00:00Z'), 'disclose');
    expect(disclose.due).toBeUndefined();
    expect(disclose.status).toBe('met');
  });

  it('schedules no step of a closed report', () => {
    const result = assess(facts({ state: tracked({ decision: 'reject' }) }), '2026-09-01T00:00:00Z');
    expect(result.steps.map((s) => s.status)).toEqual(Array(7).fill('not-scheduled'));
  });

  it('marks no deadline as moved when no decision moved one', () => {
    const result = assess(facts({ state: tracked({ acknowledgedAt: RECEIVED }) }), '2026-03-03T09:00:00Z');
    expect(result.steps.map((s) => s.moved)).toEqual(Array(7).fill(false));
  });

  it('takes the publication as the acknowledgement even while its text waited to be sent by hand', () => {
    const toSend = tracked({
      ackToSend: { at: RECEIVED, via: 'E-mail' },
      ackChannel: 'manual',
      publishedAt: PUBLISHED,
    });
    const acknowledge = stepOf(
      assess(facts({ advisory: publishedAdvisory, state: toSend }), '2026-03-17T09:00:00Z'),
      'acknowledge',
    );
    expect(acknowledge.done).toBe(true);
    expect(acknowledge.status).toBe('met');
  });
});

describe('stage reached', () => {
  it('is fix-team once the fix team is recorded', () => {
    const state = tracked({ acknowledgedAt: RECEIVED, triagedAt: RECEIVED, fixTeamAt: RECEIVED });
    expect(assess(facts({ state }), '2026-03-03T09:00:00Z').stage).toBe('fix-team');
  });

  it('is advisory-cve once the CVE is requested', () => {
    expect(assess(facts({ state: readyForRelease() }), '2026-03-03T09:00:00Z').stage).toBe('advisory-cve');
  });

  it("is fork from the advisory's private fork alone, with no tracker state", () => {
    const withFork = facts({ advisory: advisory({ privateFork: 'org/repo-ghsa-aaaa' }) });
    expect(assess(withFork, '2026-03-03T09:00:00Z').stage).toBe('fork');
  });
});

describe('window of a step', () => {
  it('measures the retrospective from the release, every other step from the report', () => {
    const result = assess(publishedReport(), '2026-03-17T09:00:00Z');
    expect(stepOf(result, 'retrospective').windowStart.toISOString()).toBe(RELEASED);
    expect(stepOf(result, 'acknowledge').windowStart.toISOString()).toBe(RECEIVED);
    expect(stepOf(result, 'fix-release').windowStart.toISOString()).toBe(RECEIVED);
  });

  it('measures the retrospective from the report while nothing is released', () => {
    const result = assess(facts(), '2026-03-03T09:00:00Z');
    expect(stepOf(result, 'retrospective').windowStart.toISOString()).toBe(RECEIVED);
  });
});

describe('report status', () => {
  it('keeps a published report on time, not finished, while its retrospective is not due yet', () => {
    const result = assess(publishedReport(), '2026-03-17T09:00:00Z');
    expect(stepOf(result, 'retrospective').status).toBe('on-time');
    expect(result.status).toBe('on-time');
  });

  it('finishes a published report whose optional retrospective is overdue: a reminder, not an open deadline', () => {
    const result = assess(publishedReport(), '2026-03-20T09:00:00Z');
    expect(result.reminders).toEqual(['retrospective']);
    expect(result.status).toBe('finished');
  });

  it('keeps a report due soon while a step only reminded of (not the retrospective) is overdue', () => {
    const remindOnly = withEnforcement(PRESETS['conda-forge'], {
      acknowledge: 'remind',
      triage: 'remind',
      'fix-team': 'remind',
      'advisory-cve': 'remind',
      'fix-release': 'remind',
      disclose: 'remind',
      retrospective: 'off',
    });
    const result = assess(facts(), '2026-09-01T00:00:00Z', remindOnly);
    expect(result.reminders).toEqual(['acknowledge', 'triage', 'fix-team', 'advisory-cve', 'fix-release', 'disclose']);
    expect(result.status).toBe('due-soon');
  });

  it('finishes a published report whose retrospective the policy switched off', () => {
    const noRetrospective = withEnforcement(PRESETS.spec11, { retrospective: 'off' });
    expect(assess(publishedReport(), '2026-03-17T09:00:00Z', noRetrospective).status).toBe('finished');
  });
});

describe('releaseDayCheck', () => {
  // 2026-03-07 is a Saturday: SPEC 11 opens no release window that day, so the day itself is the limit.
  const saturday = tracked({ agreedReleaseDate: '2026-03-07' });

  it('lets an agreed day with no release window run to its last millisecond (UTC)', () => {
    expect(releaseDayCheck(PRESETS.spec11, saturday, false, at('2026-03-07T23:59:59.999Z'))).toBeUndefined();
  });

  it('reports the day missed from midnight after it', () => {
    expect(releaseDayCheck(PRESETS.spec11, saturday, false, at('2026-03-08T00:00:00.000Z'))).toEqual({
      date: '2026-03-07',
      status: 'waiting-for-approval',
      missingApprovals: 1,
    });
  });

  it('breaches the fix release on a missed day even when the policy does not track its deadline', () => {
    const untracked = withEnforcement(PRESETS.spec11, { 'fix-release': 'off' });
    const state = readyForRelease({ agreedReleaseDate: '2026-03-05', approvals: [{ login: 'alice', at: RECEIVED }] });
    const result = assess(facts({ state }), '2026-03-06T09:00:00Z', untracked);
    expect(stepOf(result, 'fix-release').due).toBeUndefined();
    expect(result.breaches).toEqual(['fix-release']);
  });
});

describe('next deadline', () => {
  it('names the earliest deadline next, even when a later step falls due first', () => {
    // The release day was agreed before the advisory-and-CVE deadline (2026-03-09).
    const state = tracked({
      acknowledgedAt: RECEIVED,
      triagedAt: RECEIVED,
      fixTeamAt: RECEIVED,
      deadlineMoves: [
        { step: 'fix-release', kind: 'release-date', to: '2026-03-05T17:00:00.000Z', reason: 'r', at: RECEIVED },
      ],
    });
    const result = assess(facts({ state }), '2026-03-03T10:00:00Z');
    expect(stepOf(result, 'advisory-cve').due?.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(result.next?.step).toBe('fix-release');
    expect(result.next?.due?.toISOString()).toBe('2026-03-05T17:00:00.000Z');
  });
});

describe('labelsWithSla', () => {
  it('removes every SLA label and adds none for a finished or closed report', () => {
    expect(labelsWithSla(['tlp:amber', 'sla:on-time'], 'finished')).toStrictEqual(['tlp:amber']);
    expect(labelsWithSla(['tlp:amber', 'sla:due-soon'], 'closed')).toStrictEqual(['tlp:amber']);
    expect(labelsWithSla(['tlp:amber'], 'finished')).toBeUndefined();
    expect(labelsWithSla(['tlp:amber'], 'closed')).toBeUndefined();
  });

  it('swaps one SLA label for another although the count of labels stays the same', () => {
    expect(labelsWithSla(['tlp:amber', 'sla:on-time'], 'breached')).toStrictEqual(['tlp:amber', 'sla:breached']);
  });
});

describe('compareAssessments', () => {
  it('orders reports of the same status by their next deadline, earliest first, before their keys', () => {
    // A's acknowledgement is due at 12:00, B's at 09:00: B first although A sorts first by key.
    const later = assess(
      facts({ key: 'A', advisory: advisory({ createdAt: at('2026-03-02T12:00:00Z') }) }),
      '2026-03-02T13:00:00Z',
    );
    const earlier = assess(facts({ key: 'B' }), '2026-03-02T13:00:00Z');
    expect([later.status, earlier.status]).toEqual(['on-time', 'on-time']);
    expect(Math.sign(compareAssessments(earlier, later))).toBe(-1);
    expect(Math.sign(compareAssessments(later, earlier))).toBe(1);
  });

  it('orders reports with no deadline left by key', () => {
    const a = assess(facts({ key: 'a', state: tracked({ decision: 'reject' }) }), '2026-03-03T09:00:00Z');
    const b = assess(facts({ key: 'b', state: tracked({ decision: 'reject' }) }), '2026-03-03T09:00:00Z');
    expect([a.next, b.next]).toEqual([undefined, undefined]);
    expect(Math.sign(compareAssessments(a, b))).toBe(-1);
    expect(Math.sign(compareAssessments(b, a))).toBe(1);
    expect(compareAssessments(a, a)).toBe(0);
  });
});
