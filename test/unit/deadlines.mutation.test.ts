/**
 * The boundaries of src/domain/deadlines.ts that the mutation run found unguarded: the low-severity threshold itself,
 * a due-soon fraction exactly at its edge, a step without a deadline, the retrospective under an expedite, and the
 * errors a release-window lookup must not swallow.
 */
import { describe, expect, it } from '@jest/globals';
import {
  computeDeadlines,
  deadlineStatus,
  enforcementOf,
  isLowSeverity,
  latestMove,
  lowSeveritySlowDownApplies,
  releaseWindowEnd,
} from '../../src/domain/deadlines.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import type { Duration } from '../../src/domain/policy/types.js';

const days = (amount: number): Duration => ({ amount, unit: 'days' });

const received = new Date('2026-11-02T09:00:00Z');
const dueSoon = { withinMs: 24 * 3600_000, fraction: 0.2 };
const automatic = { cvssBelow: 4, factor: 2, automatic: true };
const stretching = { ...PRESETS['conda-forge'], fixReleaseWithin: days(21), lowSeveritySlowDown: automatic };

describe('the low-severity threshold is strict: a score equal to it is not low', () => {
  it('counts 3.9 as low and 4.0 (the threshold) as not low', () => {
    expect(isLowSeverity(stretching, 3.9)).toBe(true);
    expect(isLowSeverity(stretching, 4)).toBe(false);
    expect(isLowSeverity(stretching, undefined)).toBe(false);
    expect(lowSeveritySlowDownApplies(stretching, 3.9)).toBe(true);
    expect(lowSeveritySlowDownApplies(stretching, 4)).toBe(false);
  });
  it('does not stretch the fix release of a score exactly at the threshold, even when the policy is automatic', () => {
    const at = (cvssScore: number) =>
      computeDeadlines(stretching, { receivedAt: received, cvssScore })['fix-release']?.toISOString();
    expect(at(4)).toBe('2026-11-23T17:00:00.000Z');
    expect(at(3.9)).toBe('2026-12-14T17:00:00.000Z');
  });
});

describe('the retrospective under an expedite', () => {
  it('keeps the retrospective dated from the release, not pulled in to expedite-within', () => {
    const deadlines = computeDeadlines(PRESETS.spec11, {
      receivedAt: received,
      expeditedAt: new Date('2026-11-03T12:00:00Z'),
      releasedAt: new Date('2026-11-19T16:00:00Z'),
    });
    expect(deadlines.retrospective?.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(deadlines['fix-release']?.toISOString()).toBe('2026-11-06T12:00:00.000Z');
  });
});

describe('releaseWindowEnd', () => {
  it('falls back to the target only for a window that never opens, and lets any other error through', () => {
    const target = new Date('2026-11-23T09:00:00Z');
    const closed = { ...PRESETS.spec11, releaseWindow: { ...PRESETS.spec11.releaseWindow, weekdays: [] } };
    expect(releaseWindowEnd(closed, target)).toBe(target);
    const broken = {
      ...PRESETS.spec11,
      releaseWindow: { ...PRESETS.spec11.releaseWindow, holidays: 'none' as unknown as readonly string[] },
    };
    expect(() => releaseWindowEnd(broken, target)).toThrow(TypeError);
  });
});

describe('enforcementOf', () => {
  it("reads the policy's enforcement of each step", () => {
    expect(enforcementOf(PRESETS.spec11, 'acknowledge')).toBe('escalate');
    expect(enforcementOf(PRESETS.spec11, 'retrospective')).toBe('remind');
    expect(enforcementOf(PRESETS['conda-forge'], 'retrospective')).toBe('off');
  });
});

describe('deadlineStatus at its edges', () => {
  const start = new Date('2026-11-02T09:00:00Z');
  const now = new Date('2026-11-03T09:00:00Z');
  it('is not scheduled without a due date, done or not', () => {
    expect(deadlineStatus(undefined, undefined, now, start, dueSoon)).toBe('not-scheduled');
    expect(deadlineStatus(undefined, now, now, start, dueSoon)).toBe('not-scheduled');
  });
  it('is due soon when exactly the due-soon fraction of the window remains, on time just before', () => {
    // A ten-day window, a quarter of it (exactly 2.5 days, representable) due soon; the hour rule never applies.
    const due = new Date('2026-11-12T09:00:00Z');
    const rule = { withinMs: 3600_000, fraction: 0.25 };
    const edge = new Date(due.getTime() - 2.5 * 24 * 3600_000);
    expect(deadlineStatus(due, undefined, edge, start, rule)).toBe('due-soon');
    expect(deadlineStatus(due, undefined, new Date(edge.getTime() - 1), start, rule)).toBe('on-time');
  });
});

describe('latestMove', () => {
  it('takes the last recorded move of a step, not the first, and ignores the other steps', () => {
    const move = (step: 'fix-release' | 'disclose', to: string) => ({
      step,
      kind: 'extend' as const,
      to,
      reason: 'r',
      at: '2026-11-03T09:00:00.000Z',
    });
    const moves = [
      move('fix-release', '2026-11-30T17:00:00.000Z'),
      move('disclose', '2027-01-31T09:00:00.000Z'),
      move('fix-release', '2026-12-14T17:00:00.000Z'),
    ];
    expect(latestMove(moves, 'fix-release')?.to).toBe('2026-12-14T17:00:00.000Z');
    expect(latestMove(moves, 'disclose')?.to).toBe('2027-01-31T09:00:00.000Z');
    expect(latestMove(undefined, 'fix-release')).toBeUndefined();
  });
});
