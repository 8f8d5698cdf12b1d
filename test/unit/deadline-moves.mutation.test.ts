/**
 * The negotiated timeline (src/domain/deadline-moves.ts), to the letter: the exact records and texts each decision
 * produces, the edges of every comparison, the defaults used when no reason is given, a policy that does not track
 * the fix release, and one that counts business days.
 */
import { describe, expect, it } from '@jest/globals';
import {
  agreeReleaseDay,
  applyTimelineDecisions,
  expeditedGateReason,
  expediteMarker,
  expediteNotice,
  extendTimeline,
  movedLines,
  stateDeadlines,
} from '../../src/domain/deadline-moves.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { CONDA_FORGE, SPEC11 } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

// As in deadline-moves.test.ts: received Monday 2026-01-05 09:00; under SPEC 11 the fix release is due 2026-01-26
// 17:00, under conda-forge 2026-03-09 17:00 (60 days, then Monday's window), disclosure 2026-04-05 09:00 (90 days).
const state = newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', '2026-01-05T09:00:00Z');
const conda: TrackerState = { ...state, policy: 'conda-forge' };
const at = new Date('2026-01-10T12:00:00Z');
const iso = (date: Date | undefined): string | undefined => date?.toISOString();
const RECORDED = '(reason recorded in the tracker)';

/** SPEC 11 without a fix-release deadline (`fix-release: off`). */
const noFixRelease: Policy = { ...SPEC11, enforcement: { ...SPEC11.enforcement, 'fix-release': 'off' } };
/** SPEC 11 counting days as business days, expedites within 3 (business) days. */
const businessDays: Policy = { ...SPEC11, businessDays: true, expediteWithin: { amount: 3, unit: 'days' } };

describe('the deadline inputs of a state', () => {
  it('date the retrospective from the release, else from the publication', () => {
    const released = { ...state, releasedAt: '2026-02-02T10:00:00Z' };
    expect(iso(stateDeadlines(SPEC11, released).retrospective)).toBe('2026-02-05T10:00:00.000Z');
    const both = { ...released, publishedAt: '2026-02-04T10:00:00Z' };
    expect(iso(stateDeadlines(SPEC11, both).retrospective)).toBe('2026-02-05T10:00:00.000Z');
    const published = { ...state, publishedAt: '2026-02-04T10:00:00Z' };
    expect(iso(stateDeadlines(SPEC11, published).retrospective)).toBe('2026-02-07T10:00:00.000Z');
  });
});

describe('agreeReleaseDay, exactly', () => {
  it('before the disclosure deadline moves the fix release only, no reason needed', () => {
    const plan = agreeReleaseDay(CONDA_FORGE, conda, '2026-03-19', new Date('2026-03-19T17:00:00Z'), {
      at,
      reason: 'release day 2026-03-19 agreed in triage',
      reasonGiven: false,
    });
    expect(plan.state.deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'release-date',
        from: '2026-03-09T17:00:00.000Z',
        to: '2026-03-19T17:00:00.000Z',
        reason: 'release day 2026-03-19 agreed in triage',
        at: at.toISOString(),
      },
    ]);
    expect(plan.notes).toEqual([`Fix release moved from 2026-03-09 17:00 UTC to 2026-03-19 17:00 UTC ${RECORDED}`]);
  });

  it('on the disclosure deadline itself is not past it: no reason needed, the disclosure stays', () => {
    const plan = agreeReleaseDay(CONDA_FORGE, conda, '2026-04-05', new Date('2026-04-05T09:00:00Z'), {
      at,
      reason: 'r',
      reasonGiven: false,
    });
    expect(plan.state.deadlineMoves?.map((recorded) => recorded.step)).toEqual(['fix-release']);
    expect(iso(stateDeadlines(CONDA_FORGE, plan.state).disclose)).toBe('2026-04-05T09:00:00.000Z');
    expect(plan.notes).toEqual([`Fix release moved from 2026-03-09 17:00 UTC to 2026-04-05 09:00 UTC ${RECORDED}`]);
  });

  it('earlier than the deadline in force is recorded, with no "moved" note', () => {
    const plan = agreeReleaseDay(SPEC11, state, '2026-01-19', new Date('2026-01-19T17:00:00Z'), {
      at,
      by: 'alice',
      reason: 'r',
      reasonGiven: true,
    });
    expect(plan.state.deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'release-date',
        from: '2026-01-26T17:00:00.000Z',
        to: '2026-01-19T17:00:00.000Z',
        reason: 'r',
        at: at.toISOString(),
        by: 'alice',
      },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('under a policy without a fix-release deadline is recorded without a `from`, with no note', () => {
    const plan = agreeReleaseDay(noFixRelease, state, '2026-01-19', new Date('2026-01-19T17:00:00Z'), {
      at,
      reason: 'r',
      reasonGiven: false,
    });
    expect(plan.state.deadlineMoves).toEqual([
      { step: 'fix-release', kind: 'release-date', to: '2026-01-19T17:00:00.000Z', reason: 'r', at: at.toISOString() },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('past the disclosure deadline without a reason: the error names release-date and says what to do', () => {
    let error: unknown;
    try {
      agreeReleaseDay(CONDA_FORGE, conda, '2026-04-09', new Date('2026-04-09T17:00:00Z'), {
        at,
        reason: 'x',
        reasonGiven: false,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).source).toBe('release-date');
    expect((error as ConfigurationError).message).toBe(
      'release-date 2026-04-09 is after the disclosure deadline 2026-04-05 09:00 UTC: agree a day before it, or give reason="…" (agreed with the reporter) to move the disclosure deadline too.',
    );
  });

  it('past the disclosure deadline with a reason records both moves and both notes', () => {
    const plan = agreeReleaseDay(CONDA_FORGE, conda, '2026-04-09', new Date('2026-04-09T17:00:00Z'), {
      at,
      by: 'alice',
      reason: 'agreed',
      reasonGiven: true,
    });
    const common = { kind: 'release-date', to: '2026-04-09T17:00:00.000Z', reason: 'agreed', at: at.toISOString() };
    expect(plan.state.deadlineMoves).toEqual([
      { step: 'disclose', ...common, from: '2026-04-05T09:00:00.000Z', by: 'alice' },
      { step: 'fix-release', ...common, from: '2026-03-09T17:00:00.000Z', by: 'alice' },
    ]);
    expect(plan.notes).toEqual([
      `Disclosure deadline moved from 2026-04-05 09:00 UTC to 2026-04-09 17:00 UTC ${RECORDED}`,
      `Fix release moved from 2026-03-09 17:00 UTC to 2026-04-09 17:00 UTC ${RECORDED}`,
    ]);
  });
});

describe('extendTimeline, exactly', () => {
  it('under a policy without a fix-release deadline changes nothing and says why', () => {
    const plan = extendTimeline(noFixRelease, state, { amount: 7, unit: 'days' }, { at, reason: 'r' });
    expect(plan.state).toBe(state);
    expect(plan.notes).toEqual(['Nothing to extend: the policy does not track the fix release.']);
  });

  it('short of the disclosure deadline moves the fix release by the whole extension, one note', () => {
    const plan = extendTimeline(CONDA_FORGE, conda, { amount: 7, unit: 'days' }, { at, reason: 'r', by: 'bob' });
    expect(plan.state.deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'extend',
        from: '2026-03-09T17:00:00.000Z',
        to: '2026-03-17T17:00:00.000Z',
        reason: 'r',
        at: at.toISOString(),
        by: 'bob',
      },
    ]);
    // 2026-03-09 17:00 + 7 days = Monday 2026-03-16 17:00, after that day's window: Tuesday's window end.
    expect(plan.notes).toEqual([`Fix release extended by 7 days to 2026-03-17 17:00 UTC ${RECORDED}`]);
  });

  it('past the disclosure deadline stops there, and says so', () => {
    const plan = extendTimeline(CONDA_FORGE, conda, { amount: 60, unit: 'days' }, { at, reason: 'r' });
    expect(plan.notes).toEqual([
      `Fix release extended by 60 days to 2026-04-05 09:00 UTC ${RECORDED}`,
      'The extension stops at the disclosure deadline 2026-04-05 09:00 UTC: to go past it, agree a release-date with reason="…".',
    ]);
  });

  it('landing exactly on the disclosure deadline is not capped', () => {
    const disclosureMoved: TrackerState = {
      ...state,
      deadlineMoves: [
        {
          step: 'disclose',
          kind: 'release-date',
          to: '2026-02-10T17:00:00.000Z',
          reason: 'r',
          at: at.toISOString(),
        },
      ],
    };
    // 2026-01-26 17:00 + 14 days: Tuesday 2026-02-10's window end, the disclosure deadline itself.
    const plan = extendTimeline(SPEC11, disclosureMoved, { amount: 14, unit: 'days' }, { at, reason: 'r' });
    expect(plan.notes).toEqual([`Fix release extended by 14 days to 2026-02-10 17:00 UTC ${RECORDED}`]);
  });

  it('counts the extension in business days when the policy does', () => {
    // 21 business days from Monday 2026-01-05 09:00: Tuesday 2026-02-03, its window ends at 17:00; 5 business days
    // later is Tuesday 2026-02-10 17:00, after that day's window: Wednesday's (5 calendar days would give Monday's).
    const plan = extendTimeline(businessDays, state, { amount: 5, unit: 'days' }, { at, reason: 'r' });
    expect(plan.state.deadlineMoves?.[0]).toMatchObject({
      from: '2026-02-03T17:00:00.000Z',
      to: '2026-02-11T17:00:00.000Z',
    });
    expect(plan.notes).toEqual([`Fix release extended by 5 days to 2026-02-11 17:00 UTC ${RECORDED}`]);
  });
});

describe('movedLines, exactly', () => {
  it('is empty without moves', () => {
    expect(movedLines({})).toEqual([]);
  });

  it('names the step, the old and new dates, the kind and the reason', () => {
    const moves = [
      {
        step: 'disclose',
        kind: 'release-date',
        from: '2026-04-05T09:00:00.000Z',
        to: '2026-04-09T17:00:00.000Z',
        reason: 'agreed with the reporter',
        at: at.toISOString(),
      },
      { step: 'fix-release', kind: 'extend', to: '2026-02-10T17:00:00.000Z', reason: 'holidays', at: at.toISOString() },
    ] as const;
    expect(movedLines({ deadlineMoves: [...moves] })).toEqual([
      'Disclosure deadline moved from 2026-04-05 09:00 UTC to 2026-04-09 17:00 UTC (release-date): agreed with the reporter',
      'Fix release moved to 2026-02-10 17:00 UTC (extend): holidays',
    ]);
  });
});

describe('applyTimelineDecisions, exactly', () => {
  it('an extension without a reason is recorded as decided in triage, by whom, and nothing else happens', () => {
    const plan = applyTimelineDecisions(SPEC11, state, { extend: { amount: 14, unit: 'days' }, at, by: 'carol' });
    expect(plan.state.deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'extend',
        from: '2026-01-26T17:00:00.000Z',
        to: '2026-02-10T17:00:00.000Z',
        reason: 'extended in triage',
        at: at.toISOString(),
        by: 'carol',
      },
    ]);
    expect(plan.state.expedited).toBeUndefined();
    expect(plan.notes).toEqual([`Fix release extended by 14 days to 2026-02-10 17:00 UTC ${RECORDED}`]);
  });

  it("an extension with a reason records the person's reason", () => {
    const plan = applyTimelineDecisions(SPEC11, state, { extend: { amount: 14, unit: 'days' }, reason: 'why', at });
    expect(plan.state.deadlineMoves?.map((recorded) => recorded.reason)).toEqual(['why']);
  });

  it('a release day without a reason is recorded as agreed in triage', () => {
    const releaseDay = { date: '2026-02-05', windowEnd: new Date('2026-02-05T17:00:00Z') };
    const plan = applyTimelineDecisions(SPEC11, state, { releaseDay, at, by: 'dan' });
    expect(plan.state.deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'release-date',
        from: '2026-01-26T17:00:00.000Z',
        to: '2026-02-05T17:00:00.000Z',
        reason: 'release day 2026-02-05 agreed in triage',
        at: at.toISOString(),
        by: 'dan',
      },
    ]);
    expect(plan.notes).toEqual([`Fix release moved from 2026-01-26 17:00 UTC to 2026-02-05 17:00 UTC ${RECORDED}`]);
  });

  it('a release day past the disclosure deadline needs the person’s reason', () => {
    const releaseDay = { date: '2026-04-09', windowEnd: new Date('2026-04-09T17:00:00Z') };
    expect(() => applyTimelineDecisions(CONDA_FORGE, conda, { releaseDay, at })).toThrow(ConfigurationError);
    const plan = applyTimelineDecisions(CONDA_FORGE, conda, { releaseDay, reason: 'agreed', at });
    expect(plan.state.deadlineMoves?.map((recorded) => [recorded.step, recorded.reason])).toEqual([
      ['disclose', 'agreed'],
      ['fix-release', 'agreed'],
    ]);
  });

  it('an expedite without a reason is recorded as expedited in triage, noted once', () => {
    const plan = applyTimelineDecisions(SPEC11, state, { expedite: true, at });
    expect(plan.state.expedited).toEqual({ at: at.toISOString(), reason: 'expedited in triage' });
    expect(plan.notes).toEqual([`Expedited: every open step is due by 2026-01-13 12:00 UTC at the latest ${RECORDED}`]);
    const again = applyTimelineDecisions(SPEC11, plan.state, { expedite: true, at: new Date('2026-01-11T00:00:00Z') });
    expect(again.state).toBe(plan.state);
    expect(again.notes).toEqual([]);
  });

  it('an expedite counts business days when the policy does', () => {
    // Friday 2026-01-09 12:00 + 3 business days = Wednesday 2026-01-14 12:00 (3 calendar days: Monday).
    const friday = new Date('2026-01-09T12:00:00Z');
    const plan = applyTimelineDecisions(businessDays, state, { expedite: true, reason: 'r', at: friday });
    expect(plan.notes).toEqual([`Expedited: every open step is due by 2026-01-14 12:00 UTC at the latest ${RECORDED}`]);
  });

  it('every decision at once: notes in order extension, release day, expedite', () => {
    const plan = applyTimelineDecisions(SPEC11, state, {
      extend: { amount: 14, unit: 'days' },
      releaseDay: { date: '2026-02-12', windowEnd: new Date('2026-02-12T17:00:00Z') },
      expedite: true,
      reason: 'why',
      at,
    });
    expect(plan.notes).toEqual([
      `Fix release extended by 14 days to 2026-02-10 17:00 UTC ${RECORDED}`,
      `Fix release moved from 2026-02-10 17:00 UTC to 2026-02-12 17:00 UTC ${RECORDED}`,
      `Expedited: every open step is due by 2026-01-13 12:00 UTC at the latest ${RECORDED}`,
    ]);
  });
});

describe('the expedite notice, exactly', () => {
  const expedited: TrackerState = {
    ...state,
    expedited: { at: '2026-01-09T12:00:00.000Z', reason: 'public on a forum', by: 'bob' },
  };
  const tail = 'release-gate may open outside the release window for it; the reason is shown in its summary.';

  it('has one marker per report', () => {
    expect(expediteMarker('GHSA-2222-3333-4444')).toBe('<!-- disclosure-actions:expedited GHSA-2222-3333-4444 -->');
  });

  it('mentions the team, says who expedited, when every step is due, and why', () => {
    expect(expediteNotice(expedited, '@o/security', SPEC11)).toBe(
      [
        '@o/security **GHSA-2222-3333-4444 is expedited** by `bob`: every open step is due by 2026-01-12 12:00 UTC (policy `expedite-within`: 72 h).',
        '',
        'Reason: public on a forum',
        '',
        tail,
      ].join('\n'),
    );
  });

  it('without a mention or a login, and counting business days when the policy does', () => {
    const anonymous: TrackerState = { ...state, expedited: { at: '2026-01-09T12:00:00.000Z', reason: 'r' } };
    expect(expediteNotice(anonymous, undefined, businessDays)).toBe(
      [
        '**GHSA-2222-3333-4444 is expedited**: every open step is due by 2026-01-14 12:00 UTC (policy `expedite-within`: 3 days).',
        '',
        'Reason: r',
        '',
        tail,
      ].join('\n'),
    );
  });

  it('without an expedite on record, says so instead of a date and a reason', () => {
    expect(expediteNotice(state, undefined, SPEC11)).toBe(
      [
        '**GHSA-2222-3333-4444 is expedited**: every open step is due (policy `expedite-within`: 72 h).',
        '',
        'Reason: not recorded',
        '',
        tail,
      ].join('\n'),
    );
  });
});

describe('expeditedGateReason, exactly', () => {
  const expedite = (key: string, reason: string): TrackerState => ({
    ...newTrackerState(key, 'o/r', 'spec11', '2026-01-05T09:00:00Z'),
    expedited: { at: at.toISOString(), reason },
  });

  it('is undefined for no reports', () => {
    expect(expeditedGateReason([], new Map())).toBeUndefined();
  });

  it('lists every report with its reason, separated by semicolons', () => {
    const states = new Map([
      ['GHSA-aaaa-aaaa-aaaa', { state: expedite('GHSA-aaaa-aaaa-aaaa', 'public on a forum') }],
      ['GHSA-bbbb-bbbb-bbbb', { state: expedite('GHSA-bbbb-bbbb-bbbb', 'exploited') }],
    ]);
    expect(expeditedGateReason(['GHSA-aaaa-aaaa-aaaa', 'GHSA-bbbb-bbbb-bbbb'], states)).toBe(
      'GHSA-aaaa-aaaa-aaaa: public on a forum; GHSA-bbbb-bbbb-bbbb: exploited',
    );
  });
});
