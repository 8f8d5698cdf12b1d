import { describe, expect, it } from '@jest/globals';
import { computeDeadlines, deadlineStatus } from '../../src/domain/deadlines.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import type { Duration } from '../../src/domain/policy/types.js';

const days = (amount: number): Duration => ({ amount, unit: 'days' });

const received = new Date('2026-11-02T09:00:00Z');
const dueSoon = { withinMs: 24 * 3600_000, fraction: 0.2 };

describe('computeDeadlines', () => {
  it('follows SPEC 11 from the report time', () => {
    const deadlines = computeDeadlines(PRESETS.spec11, { receivedAt: received });
    expect(deadlines.acknowledge?.toISOString()).toBe('2026-11-04T09:00:00.000Z');
    expect(deadlines['fix-release']?.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    // SPEC 11 states no disclosure deadline: none.
    expect(deadlines.disclose).toBeUndefined();
    expect(deadlines.retrospective).toBeUndefined();
  });
  it("has conda-forge's 90-day disclosure deadline", () => {
    const deadlines = computeDeadlines(PRESETS['conda-forge'], { receivedAt: received });
    expect(deadlines.disclose?.toISOString()).toBe('2027-01-31T09:00:00.000Z');
  });
  it('does not stretch a low severity by itself: a person decides (/triage extend)', () => {
    const low = computeDeadlines(PRESETS.spec11, { receivedAt: received, cvssScore: 3.1 });
    expect(low['fix-release']?.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });
  it('stretches the fix release for low severity when the policy says so, but never past disclosure', () => {
    const automatic = { cvssBelow: 4, factor: 2, automatic: true };
    const stretching = { ...PRESETS['conda-forge'], fixReleaseWithin: days(21), lowSeveritySlowDown: automatic };
    const low = computeDeadlines(stretching, { receivedAt: received, cvssScore: 3.1 });
    expect(low['fix-release']?.toISOString()).toBe('2026-12-14T17:00:00.000Z');
    const policy = { ...PRESETS['conda-forge'], lowSeveritySlowDown: { ...automatic, factor: 10 } };
    const capped = computeDeadlines(policy, { receivedAt: received, cvssScore: 2 });
    expect(capped['fix-release']).toEqual(capped.disclose);
  });
  it('does not stretch at or above the threshold', () => {
    const medium = computeDeadlines(PRESETS.spec11, { receivedAt: received, cvssScore: 4.0 });
    expect(medium['fix-release']?.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });
  it('dues the fix release at the end of the release window its target falls in, or the first one after it', () => {
    const at = (iso: string) =>
      computeDeadlines(PRESETS.spec11, { receivedAt: new Date(iso) })['fix-release']?.toISOString();
    // 21 days after a Friday is a Friday: no window until Monday 16:00-17:00.
    expect(at('2026-11-06T09:00:00Z')).toBe('2026-11-30T17:00:00.000Z');
    // A target inside the Monday window is due at that window's end.
    expect(at('2026-11-02T16:30:00Z')).toBe('2026-11-23T17:00:00.000Z');
    // A target after the Thursday window waits for Monday.
    expect(at('2026-11-05T17:30:00Z')).toBe('2026-11-30T17:00:00.000Z');
  });
  it('keeps the policy target when the release window never opens, and never passes disclosure', () => {
    const closed = { ...PRESETS.spec11, releaseWindow: { ...PRESETS.spec11.releaseWindow, weekdays: [] } };
    expect(computeDeadlines(closed, { receivedAt: received })['fix-release']?.toISOString()).toBe(
      '2026-11-23T09:00:00.000Z',
    );
    const short = { ...PRESETS.spec11, discloseWithin: { amount: 21, unit: 'days' as const } };
    const deadlines = computeDeadlines(short, { receivedAt: received });
    expect(deadlines['fix-release']).toEqual(deadlines.disclose);
  });
  it('leaves a step the policy does not track without a deadline (conda-forge has no retrospective)', () => {
    const released = { receivedAt: received, releasedAt: new Date('2026-11-19T16:00:00Z') };
    expect(computeDeadlines(PRESETS['conda-forge'], released).retrospective).toBeUndefined();
    expect(computeDeadlines(PRESETS.spec11, released).retrospective?.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });
  it('moves the fix release and the disclosure where a recorded decision put them', () => {
    const conda = PRESETS['conda-forge'];
    const moves = [
      { step: 'fix-release', kind: 'release-date', to: '2027-02-04T17:00:00.000Z', reason: 'r', at: 'x' },
      { step: 'disclose', kind: 'release-date', to: '2027-02-04T17:00:00.000Z', reason: 'r', at: 'x' },
    ] as const;
    const moved = computeDeadlines(conda, { receivedAt: received, moves });
    expect(moved['fix-release']?.toISOString()).toBe('2027-02-04T17:00:00.000Z');
    expect(moved.disclose?.toISOString()).toBe('2027-02-04T17:00:00.000Z');
    // A fix-release move alone never passes the disclosure deadline.
    const capped = computeDeadlines(conda, { receivedAt: received, moves: moves.slice(0, 1) });
    expect(capped['fix-release']?.toISOString()).toBe('2027-01-31T09:00:00.000Z');
  });
  it('makes every open step due within expedite-within of an expedite, never later than before', () => {
    const expeditedAt = new Date('2026-11-03T12:00:00Z');
    const deadlines = computeDeadlines(PRESETS.spec11, { receivedAt: received, expeditedAt });
    expect(deadlines['fix-release']?.toISOString()).toBe('2026-11-06T12:00:00.000Z');
    expect(deadlines['advisory-cve']?.toISOString()).toBe('2026-11-06T12:00:00.000Z');
    // The acknowledgement was due before the expedite's span ends: it keeps its earlier deadline.
    expect(deadlines.acknowledge?.toISOString()).toBe('2026-11-04T09:00:00.000Z');
    expect(deadlines.disclose).toBeUndefined();
  });
  it('dates the retrospective from the release', () => {
    const deadlines = computeDeadlines(PRESETS.stacklok, {
      receivedAt: received,
      releasedAt: new Date('2026-11-19T16:00:00Z'),
    });
    expect(deadlines.retrospective?.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });
});

describe('deadlineStatus', () => {
  const start = new Date('2026-11-02T09:00:00Z');
  const due = new Date('2026-11-04T09:00:00Z');
  it('is on time early, due soon near the end, breached after', () => {
    expect(deadlineStatus(due, undefined, new Date('2026-11-02T10:00:00Z'), start, dueSoon)).toBe('on-time');
    expect(deadlineStatus(due, undefined, new Date('2026-11-03T09:00:00Z'), start, dueSoon)).toBe('due-soon');
    expect(deadlineStatus(due, undefined, due, start, dueSoon)).toBe('due-soon');
    expect(deadlineStatus(due, undefined, new Date(due.getTime() + 1), start, dueSoon)).toBe('breached');
  });
  it('counts a step done by the deadline as met and after it as met late', () => {
    expect(deadlineStatus(due, due, new Date('2026-12-01T00:00:00Z'), start, dueSoon)).toBe('met');
    expect(
      deadlineStatus(due, new Date(due.getTime() + 60_000), new Date('2026-12-01T00:00:00Z'), start, dueSoon),
    ).toBe('met-late');
  });
  it('uses the fraction of a long window', () => {
    const longDue = new Date('2027-01-31T09:00:00Z');
    expect(deadlineStatus(longDue, undefined, new Date('2027-01-20T09:00:00Z'), start, dueSoon)).toBe('due-soon');
    expect(deadlineStatus(longDue, undefined, new Date('2026-12-20T09:00:00Z'), start, dueSoon)).toBe('on-time');
  });
});
