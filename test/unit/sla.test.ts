import { describe, expect, it } from '@jest/globals';
import { PRESETS } from '../../src/domain/policy/presets.js';
import {
  assessReport,
  compareAssessments,
  hasStaleFork,
  labelsWithSla,
  newEscalations,
  uniqueBlindSpots,
  type ReportRecords,
} from '../../src/domain/sla.js';
import { advisory, at, facts, RECEIVED, rule, tracked } from './sla-facts.js';

const assess = (f: ReportRecords, now: string, policy = PRESETS.spec11) => assessReport(policy, f, at(now), rule);

describe('assessReport', () => {
  it('puts a new report in stage received with the acknowledgement next', () => {
    const result = assess(facts(), '2026-03-02T10:00:00Z');
    expect(result.stage).toBe('received');
    expect(result.status).toBe('on-time');
    expect(result.next?.step).toBe('acknowledge');
    expect(result.next?.due?.toISOString()).toBe('2026-03-04T09:00:00.000Z');
    expect(result.breaches).toEqual([]);
  });

  it('is due soon inside the last 24 h or 20% of the window, breached after the deadline', () => {
    expect(assess(facts(), '2026-03-03T08:00:00Z').status).toBe('on-time');
    expect(assess(facts(), '2026-03-03T09:30:00Z').dueSoon).toEqual(['acknowledge']);
    expect(assess(facts(), '2026-03-04T08:59:00Z').status).toBe('due-soon');
    const late = assess(facts(), '2026-03-04T09:01:00Z');
    expect(late.status).toBe('breached');
    expect(late.breaches).toEqual(['acknowledge']);
  });

  it('uses the fraction of a long window: 20% of 7 days is 33.6 h', () => {
    const acked = facts({ state: tracked({ acknowledgedAt: '2026-03-02T10:00:00Z' }) });
    expect(assess(acked, '2026-03-07T23:00:00Z').status).toBe('on-time');
    expect(assess(acked, '2026-03-08T00:00:00Z').dueSoon).toEqual(['triage', 'fix-team', 'advisory-cve']);
  });

  it('counts a late acknowledgement as done: no breach once it is made', () => {
    const result = assess(
      facts({ state: tracked({ acknowledgedAt: '2026-03-05T09:00:00Z' }) }),
      '2026-03-05T10:00:00Z',
    );
    expect(result.stage).toBe('acknowledged');
    expect(result.steps[0]).toMatchObject({ step: 'acknowledge', status: 'met-late', done: true });
    expect(result.breaches).toEqual([]);
  });

  it('flags every overdue step of a report never triaged, the 90-day disclosure included where the policy has one', () => {
    const never = facts({ state: tracked({ acknowledgedAt: RECEIVED }) });
    const conda = assess(never, '2026-06-10T00:00:00Z', PRESETS['conda-forge']);
    expect(conda.breaches).toEqual(['triage', 'fix-team', 'advisory-cve', 'fix-release', 'disclose']);
    expect(conda.next?.step).toBe('triage');
    // SPEC 11 states no disclosure deadline: nothing to breach there.
    const spec11 = assess(never, '2026-06-10T00:00:00Z');
    expect(spec11.breaches).toEqual(['triage', 'fix-team', 'advisory-cve', 'fix-release']);
    expect(spec11.steps.find((s) => s.step === 'disclose')).toMatchObject({ due: undefined, status: 'not-scheduled' });
  });

  it('reminds, never breaches, on a step the policy only reminds of (Stacklok: "suggestions")', () => {
    const never = facts({ state: tracked({ acknowledgedAt: RECEIVED }) });
    const result = assess(never, '2026-06-10T00:00:00Z', PRESETS.stacklok);
    expect(result.breaches).toEqual([]);
    expect(result.reminders).toEqual(['triage', 'fix-team', 'advisory-cve', 'fix-release']);
    expect(result.status).toBe('due-soon');
    expect(result.steps.find((s) => s.step === 'triage')?.status).toBe('overdue');
  });

  it('does not track a step whose enforcement is off', () => {
    const policy = { ...PRESETS.spec11, enforcement: { ...PRESETS.spec11.enforcement, triage: 'off' as const } };
    const result = assess(facts({ state: tracked({ acknowledgedAt: RECEIVED }) }), '2026-06-10T00:00:00Z', policy);
    expect(result.breaches).not.toContain('triage');
    expect(result.steps.find((s) => s.step === 'triage')).toMatchObject({ due: undefined, status: 'not-scheduled' });
  });

  it('stretches the fix release for low severity (CVSS below 4.0) only when the policy says so, never the disclosure', () => {
    const state = tracked({
      acknowledgedAt: RECEIVED,
      triagedAt: RECEIVED,
      fixTeamAt: RECEIVED,
      cveRequestedAt: RECEIVED,
      cvss: { vector: 'x', score: 3.1, version: '3.1' },
    });
    const low = facts({ advisory: advisory({ phase: 'draft' }), state });
    const decided = assess(low, '2026-03-30T09:00:00Z');
    expect(decided.lowSeverity).toBe(true);
    expect(decided.steps.find((s) => s.step === 'fix-release')?.due?.toISOString()).toBe('2026-03-23T17:00:00.000Z');
    expect(decided.status).toBe('breached');
    const automatic = { ...PRESETS['conda-forge'], fixReleaseWithin: { amount: 21, unit: 'days' as const } };
    const policy = { ...automatic, lowSeveritySlowDown: { cvssBelow: 4, factor: 2, automatic: true } };
    const result = assess(low, '2026-03-30T09:00:00Z', policy);
    expect(result.status).toBe('on-time');
    expect(result.steps.find((s) => s.step === 'fix-release')?.due?.toISOString()).toBe('2026-04-13T17:00:00.000Z');
    expect(result.steps.find((s) => s.step === 'disclose')?.due?.toISOString()).toBe('2026-05-31T09:00:00.000Z');
  });

  it('takes a renegotiated release day as the fix-release deadline: no breach before it, marked as moved', () => {
    const state = tracked({
      acknowledgedAt: RECEIVED,
      triagedAt: RECEIVED,
      fixTeamAt: RECEIVED,
      cveRequestedAt: RECEIVED,
      agreedReleaseDate: '2026-04-02',
      approvals: [{ login: 'alice', at: RECEIVED }],
      deadlineMoves: [
        { step: 'fix-release', kind: 'release-date', to: '2026-04-02T17:00:00.000Z', reason: 'r', at: RECEIVED },
      ],
    });
    const result = assess(facts({ advisory: advisory({ phase: 'draft' }), state }), '2026-03-30T09:00:00Z');
    expect(result.breaches).toEqual([]);
    expect(result.steps.find((s) => s.step === 'fix-release')).toMatchObject({ moved: true, status: 'due-soon' });
    // The day passed without publication: a missed release, a breach.
    const missed = assess(facts({ advisory: advisory({ phase: 'draft' }), state }), '2026-04-02T17:01:00Z');
    expect(missed.releaseDay).toEqual({ date: '2026-04-02', status: 'missed', missingApprovals: 0 });
    expect(missed.breaches).toEqual(['fix-release']);
  });

  it('tells a release day waiting for its approval apart from a missed one: a reminder, not a breach', () => {
    const state = tracked({ acknowledgedAt: RECEIVED, triagedAt: RECEIVED, agreedReleaseDate: '2026-03-05' });
    const policy = { ...PRESETS.spec11, releaseApprovals: 2 };
    const approvals = [{ login: 'alice', at: RECEIVED }];
    const waiting = assess(facts({ state: { ...state, approvals } }), '2026-03-05T18:00:00Z', policy);
    expect(waiting.releaseDay).toEqual({ date: '2026-03-05', status: 'waiting-for-approval', missingApprovals: 1 });
    expect(waiting.breaches).not.toContain('fix-release');
    expect(waiting.reminders).toContain('fix-release');
    const approved = [...approvals, { login: 'bob', at: RECEIVED }];
    const missed = assess(facts({ state: { ...state, approvals: approved } }), '2026-03-05T18:00:00Z', policy);
    expect(missed.releaseDay?.status).toBe('missed');
    expect(missed.breaches).toContain('fix-release');
    // Before the window closes, nothing is missed; after publication neither.
    expect(assess(facts({ state }), '2026-03-05T16:30:00Z').releaseDay).toBeUndefined();
    const published = { ...state, publishedAt: '2026-03-05T16:10:00Z' };
    expect(assess(facts({ state: published }), '2026-03-06T09:00:00Z').releaseDay).toBeUndefined();
  });

  it('shortens every open deadline of an expedited report', () => {
    const state = tracked({
      acknowledgedAt: RECEIVED,
      expedited: { at: '2026-03-03T09:00:00.000Z', reason: 'public' },
    });
    const result = assess(facts({ state }), '2026-03-03T10:00:00Z');
    expect(result.expedited).toEqual({ at: '2026-03-03T09:00:00.000Z', reason: 'public' });
    const fix = result.steps.find((s) => s.step === 'fix-release');
    expect(fix?.due?.toISOString()).toBe('2026-03-06T09:00:00.000Z');
    expect(fix?.moved).toBe(true);
  });

  it('counts business days when the policy says so', () => {
    const policy = { ...PRESETS.spec11, businessDays: true };
    const acked = facts({ state: tracked({ acknowledgedAt: RECEIVED }) });
    const result = assess(acked, '2026-03-05T09:00:00Z', policy);
    expect(result.steps.find((s) => s.step === 'triage')?.due?.toISOString()).toBe('2026-03-11T09:00:00.000Z');
  });

  it('takes an accepted (draft) advisory as acknowledged and triaged even when the tracker did not record it', () => {
    const result = assess(facts({ advisory: advisory({ phase: 'draft' }) }), '2026-03-20T09:00:00Z');
    expect(result.stage).toBe('triaged');
    expect(result.steps.slice(0, 2).map((s) => s.status)).toEqual(['met', 'met']);
    expect(result.breaches).toEqual(['fix-team', 'advisory-cve']);
  });

  it('counts a draft opened by maintainers as acknowledged and triaged only when the tracker records it (issue 17)', () => {
    const draft = advisory({ phase: 'draft', maintainerDraft: true });
    const opened = assess(facts({ advisory: draft }), '2026-03-04T09:01:00Z');
    expect(opened.steps.slice(0, 2).map((s) => s.done)).toEqual([false, false]);
    expect(opened.breaches).toEqual(['acknowledge']);
    const recorded = tracked({ acknowledgedAt: '2026-03-03T09:00:00Z', triagedAt: '2026-03-03T10:00:00Z' });
    const done = assess(facts({ advisory: draft, state: recorded }), '2026-03-04T09:01:00Z');
    expect(done.steps[0]?.doneAt?.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(done.steps[1]?.doneAt?.toISOString()).toBe('2026-03-03T10:00:00.000Z');
  });

  it('keeps the acknowledgement open while its text waits to be sent by hand (/ack sent), even once accepted', () => {
    const toSend = tracked({ ackToSend: { at: RECEIVED, via: 'E-mail' }, ackChannel: 'manual' });
    const waiting = assess(facts({ advisory: advisory({ phase: 'draft' }), state: toSend }), '2026-03-04T09:01:00Z');
    expect(waiting.steps[0]?.done).toBe(false);
    expect(waiting.breaches).toEqual(['acknowledge']);
    const confirmed = { ...toSend, acknowledgedAt: '2026-03-03T12:00:00Z' };
    const met = assess(facts({ advisory: advisory({ phase: 'draft' }), state: confirmed }), '2026-03-04T09:01:00Z');
    expect(met.steps[0]?.status).toBe('met');
  });

  it('dates the retrospective from the release and reminds of it when overdue (SPEC 11: it "could")', () => {
    const state = tracked({
      acknowledgedAt: RECEIVED,
      triagedAt: RECEIVED,
      fixTeamAt: RECEIVED,
      cveRequestedAt: RECEIVED,
      releasedAt: '2026-03-16T16:00:00Z',
      publishedAt: '2026-03-16T16:05:00Z',
    });
    const published = advisory({ phase: 'published', publishedAt: at('2026-03-16T16:05:00Z') });
    const result = assess(facts({ advisory: published, state }), '2026-03-20T09:00:00Z');
    expect(result.stage).toBe('published');
    expect(result.breaches).toEqual([]);
    expect(result.reminders).toEqual(['retrospective']);
    expect(result.next?.due?.toISOString()).toBe('2026-03-19T16:00:00.000Z');
    const strict = {
      ...PRESETS.spec11,
      enforcement: { ...PRESETS.spec11.enforcement, retrospective: 'escalate' as const },
    };
    expect(assess(facts({ advisory: published, state }), '2026-03-20T09:00:00Z', strict).breaches).toEqual([
      'retrospective',
    ]);
    const held = assess(
      facts({ advisory: published, state: { ...state, retrospectiveDoneAt: '2026-03-18T10:00:00Z' } }),
      '2026-03-20T09:00:00Z',
    );
    expect(held.status).toBe('finished');
    expect(held.stage).toBe('retrospective');
  });

  it('treats a published advisory as done up to disclosure, fix release at publication when none was recorded', () => {
    const published = advisory({ phase: 'published', publishedAt: at('2026-03-10T16:00:00Z') });
    const result = assess(facts({ advisory: published }), '2026-03-11T09:00:00Z');
    expect(result.steps.slice(0, 6).every((s) => s.done)).toBe(true);
    expect(result.next?.step).toBe('retrospective');
    expect(result.next?.due?.toISOString()).toBe('2026-03-13T16:00:00.000Z');
  });

  it('has no deadline once rejected, closed or withdrawn', () => {
    expect(assess(facts({ state: tracked({ decision: 'reject' }) }), '2026-09-01T00:00:00Z').status).toBe('closed');
    expect(assess(facts({ advisory: advisory({ phase: 'closed' }) }), '2026-09-01T00:00:00Z').breaches).toEqual([]);
    expect(assess(facts({ state: tracked({ closedAt: RECEIVED }) }), '2026-09-01T00:00:00Z').next).toBeUndefined();
  });

  it('assesses a report filed by hand from its tracker state alone', () => {
    const state = { ...tracked(), key: 'issue-7', repository: null };
    const result = assess({ key: 'issue-7', repository: null, state }, '2026-03-05T00:00:00Z');
    expect(result.breaches).toEqual(['acknowledge']);
    expect(result.severity).toBeNull();
  });

  it('reads the fork from the advisory when read, else from the tracker', () => {
    const fork = { fullName: 'org/repo-ghsa-aaaa', url: 'u' };
    expect(assess(facts({ state: tracked({ fork }) }), RECEIVED).fork).toBeNull();
    expect(assess({ key: 'k', repository: 'org/repo', state: tracked({ fork }) }, RECEIVED).fork).toBe(
      'org/repo-ghsa-aaaa',
    );
    const deleted = tracked({ fork, forkDeletedAt: RECEIVED });
    expect(assess({ key: 'k', repository: 'org/repo', state: deleted }, RECEIVED).fork).toBeNull();
  });
});

describe('hasStaleFork', () => {
  it('is true only for a published or closed report that still has a fork', () => {
    expect(hasStaleFork({ status: 'on-time', stage: 'published', fork: 'o/f' })).toBe(true);
    expect(hasStaleFork({ status: 'closed', stage: 'triaged', fork: 'o/f' })).toBe(true);
    expect(hasStaleFork({ status: 'on-time', stage: 'fork', fork: 'o/f' })).toBe(false);
    expect(hasStaleFork({ status: 'finished', stage: 'retrospective', fork: null })).toBe(false);
  });
});

describe('newEscalations', () => {
  it('returns breaches not escalated before', () => {
    const result = assess(facts({ state: tracked({ acknowledgedAt: RECEIVED }) }), '2026-03-24T00:00:00Z');
    expect(newEscalations(result, ['triage'])).toEqual(['fix-team', 'advisory-cve', 'fix-release']);
    expect(newEscalations(result, ['triage', 'fix-team', 'advisory-cve', 'fix-release'])).toEqual([]);
  });
});

describe('labelsWithSla', () => {
  it('keeps other labels and sets exactly one SLA label', () => {
    expect(labelsWithSla(['disclosure-tracker', 'sla:on-time', 'sla:breached'], 'due-soon')).toEqual([
      'disclosure-tracker',
      'sla:due-soon',
    ]);
    expect(labelsWithSla(['tlp:amber', 'sla:breached'], 'breached')).toBeUndefined();
    expect(labelsWithSla(['sla:breached'], 'finished')).toEqual([]);
    expect(labelsWithSla([], 'on-time', ['disclosure-tracker'])).toEqual(['disclosure-tracker', 'sla:on-time']);
  });
});

describe('ordering and blind spots', () => {
  it('sorts worst first, then by the next deadline', () => {
    const breached = assess(facts({ key: 'B' }), '2026-03-05T00:00:00Z');
    const onTime = assess(facts({ key: 'A' }), '2026-03-02T10:00:00Z');
    expect([onTime, breached].sort(compareAssessments).map((a) => a.key)).toEqual(['B', 'A']);
  });

  it('keeps one blind spot per repository', () => {
    const spots = uniqueBlindSpots([
      { repository: 'org/b', reason: 'advisories-unreadable' },
      { repository: 'org/a', reason: 'reporting-status-unreadable' },
      { repository: 'ORG/b', reason: 'repository-not-visible' },
    ]);
    expect(spots).toEqual([
      { repository: 'org/a', reason: 'reporting-status-unreadable' },
      { repository: 'org/b', reason: 'advisories-unreadable' },
    ]);
  });
});
