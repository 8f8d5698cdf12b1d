import { describe, expect, it } from '@jest/globals';
import {
  agreeReleaseDay,
  applyTimelineDecisions,
  expeditedGateReason,
  expeditedRelease,
  extendTimeline,
  movedLines,
  stateDeadlines,
} from '../../src/domain/deadline-moves.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { CONDA_FORGE, SPEC11 } from '../../src/domain/policy/presets.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';

// 2026-01-05 is a Monday; under SPEC 11 the fix release is due 2026-01-26 17:00 (the window of its target).
const state = newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', '2026-01-05T09:00:00Z');
const at = new Date('2026-01-10T12:00:00Z');
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('an agreed release day', () => {
  it('beyond the target moves the fix-release deadline, with the reason recorded', () => {
    const plan = agreeReleaseDay(SPEC11, state, '2026-02-05', new Date('2026-02-05T17:00:00Z'), {
      at,
      by: 'alice',
      reason: 'the reporter agreed to the later day',
      reasonGiven: true,
    });
    expect(plan.state.deadlineMoves).toEqual([
      {
        step: 'fix-release',
        kind: 'release-date',
        from: '2026-01-26T17:00:00.000Z',
        to: '2026-02-05T17:00:00.000Z',
        reason: 'the reporter agreed to the later day',
        at: at.toISOString(),
        by: 'alice',
      },
    ]);
    expect(iso(stateDeadlines(SPEC11, plan.state)['fix-release'])).toBe('2026-02-05T17:00:00.000Z');
    expect(plan.notes.join(' ')).toContain('moved from 2026-01-26 17:00 UTC to 2026-02-05 17:00 UTC');
    // The reason stays in the tracker: the notes reach the logs.
    expect(plan.notes.join(' ')).not.toContain('reporter agreed');
    expect(movedLines(plan.state)[0]).toContain('the reporter agreed to the later day');
  });

  it('records nothing when it is already the deadline in force (a re-run)', () => {
    const decision = { at, reason: 'r', reasonGiven: false };
    const once = agreeReleaseDay(SPEC11, state, '2026-02-05', new Date('2026-02-05T17:00:00Z'), decision);
    const twice = agreeReleaseDay(SPEC11, once.state, '2026-02-05', new Date('2026-02-05T17:00:00Z'), decision);
    expect(twice.state).toBe(once.state);
  });

  it('past the disclosure deadline is refused without a reason, and moves the disclosure (shown as moved) with one', () => {
    const conda = { ...state, policy: 'conda-forge' };
    const late = new Date('2026-04-09T17:00:00Z'); // the 90-day deadline is 2026-04-05 09:00
    const refuse = () =>
      agreeReleaseDay(CONDA_FORGE, conda, '2026-04-09', late, { at, reason: 'x', reasonGiven: false });
    expect(refuse).toThrow(ConfigurationError);
    expect(refuse).toThrow(/after the disclosure deadline 2026-04-05 09:00 UTC/);
    const plan = agreeReleaseDay(CONDA_FORGE, conda, '2026-04-09', late, {
      at,
      reason: 'upstream needs the extra days; the reporter agreed',
      reasonGiven: true,
    });
    const deadlines = stateDeadlines(CONDA_FORGE, plan.state);
    expect(iso(deadlines.disclose)).toBe('2026-04-09T17:00:00.000Z');
    expect(iso(deadlines['fix-release'])).toBe('2026-04-09T17:00:00.000Z');
    expect(plan.notes[0]).toContain('Disclosure deadline moved from 2026-04-05 09:00 UTC to 2026-04-09 17:00 UTC');
  });
});

describe('/triage extend', () => {
  it("sets the fix release to the policy's plus the extension, the same on a re-run", () => {
    const decision = { at, reason: 'low severity, maintainers on holiday' };
    const plan = extendTimeline(SPEC11, state, { amount: 14, unit: 'days' }, decision);
    // 2026-01-26 17:00 + 14 days = Monday 2026-02-09 17:00, after that day's window: Tuesday's window end.
    expect(iso(stateDeadlines(SPEC11, plan.state)['fix-release'])).toBe('2026-02-10T17:00:00.000Z');
    expect(plan.state.deadlineMoves?.[0]).toMatchObject({ kind: 'extend', reason: decision.reason });
    expect(extendTimeline(SPEC11, plan.state, { amount: 14, unit: 'days' }, decision).state).toBe(plan.state);
  });

  it('stops at the disclosure deadline, which it does not move', () => {
    const plan = extendTimeline(CONDA_FORGE, state, { amount: 60, unit: 'days' }, { at, reason: 'r' });
    const deadlines = stateDeadlines(CONDA_FORGE, plan.state);
    expect(iso(deadlines['fix-release'])).toBe('2026-04-05T09:00:00.000Z');
    expect(iso(deadlines.disclose)).toBe('2026-04-05T09:00:00.000Z');
    expect(plan.notes.join(' ')).toContain('stops at the disclosure deadline');
  });
});

describe('/triage expedite', () => {
  it('makes every open step due within expedite-within, records why once, and opens the gate', () => {
    const plan = applyTimelineDecisions(SPEC11, state, { expedite: true, reason: 'public on a forum', at, by: 'bob' });
    expect(plan.state.expedited).toEqual({ at: at.toISOString(), reason: 'public on a forum', by: 'bob' });
    const deadlines = stateDeadlines(SPEC11, plan.state);
    expect(iso(deadlines['fix-release'])).toBe('2026-01-13T12:00:00.000Z');
    expect(iso(deadlines.triage)).toBe('2026-01-12T09:00:00.000Z'); // already due earlier: unchanged
    const again = applyTimelineDecisions(SPEC11, plan.state, { expedite: true, reason: 'other', at: new Date() });
    expect(again.state).toBe(plan.state);
    expect(expeditedRelease(plan.state)?.reason).toBe('public on a forum');
    expect(expeditedRelease({ ...plan.state, publishedAt: '2026-01-12T16:00:00Z' })).toBeUndefined();
    const tracked = new Map([[state.key, { state: plan.state }]]);
    expect(expeditedGateReason([state.key], tracked)).toBe('GHSA-2222-3333-4444: public on a forum');
    expect(expeditedGateReason([state.key, 'GHSA-9999-9999-9999'], tracked)).toBeUndefined();
    expect(expeditedGateReason([state.key], new Map([[state.key, { state }]]))).toBeUndefined();
  });
});
