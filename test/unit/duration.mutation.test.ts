/**
 * The parts of src/domain/duration.ts that the mutation run found unguarded: spelled-out week and hour units, padding,
 * numbers too long to be finite, singular and plural in words, minutes added and scaled, and `earliest`.
 */
import { describe, expect, it } from '@jest/globals';
import {
  addDuration,
  earliest,
  formatDuration,
  parseDuration,
  readDuration,
  scaleDuration,
} from '../../src/domain/duration.js';

const calendar = { businessDays: false, holidays: [] };

describe('readDuration: spelled-out units and the text around them', () => {
  it.each([
    ['1 week', { amount: 7, unit: 'days' }],
    ['2 weeks', { amount: 14, unit: 'days' }],
    ['2W', { amount: 14, unit: 'days' }],
    ['1 hour', { amount: 1, unit: 'hours' }],
    ['3 hours', { amount: 3, unit: 'hours' }],
    ['3H', { amount: 3, unit: 'hours' }],
    [' 48h ', { amount: 48, unit: 'hours' }],
    ['\t7 days\n', { amount: 7, unit: 'days' }],
  ])('reads %p', (text, expected) => {
    expect(readDuration(text)).toEqual({ duration: expected });
    expect(parseDuration(text)).toEqual(expected);
  });

  it('calls a number too long to be finite not a duration (not merely too long)', () => {
    const endless = `1${'0'.repeat(400)}d`;
    expect(readDuration(endless)).toEqual({ problem: 'is not a duration' });
    expect(readDuration(`1${'0'.repeat(400)} business days`)).toEqual({ problem: 'is not a duration' });
  });
});

describe('formatDuration: singular and plural', () => {
  it.each([
    [{ amount: 1, unit: 'business-days' } as const, '1 business day'],
    [{ amount: 3, unit: 'business-days' } as const, '3 business days'],
    [{ amount: 1, unit: 'days' } as const, '1 day'],
    [{ amount: 2, unit: 'days' } as const, '2 days'],
    [{ amount: 1, unit: 'hours' } as const, '1 h'],
    [{ amount: 30, unit: 'minutes' } as const, '30 min'],
    [{ amount: 1, unit: 'minutes' } as const, '1 min'],
  ])('says %p as %p', (duration, text) => {
    expect(formatDuration(duration)).toBe(text);
  });
});

describe('scaleDuration', () => {
  it('rounds only business days: hours, days and minutes keep their fraction', () => {
    expect(scaleDuration({ amount: 3, unit: 'hours' }, 1.5)).toEqual({ amount: 4.5, unit: 'hours' });
    expect(scaleDuration({ amount: 5, unit: 'days' }, 1.5)).toEqual({ amount: 7.5, unit: 'days' });
    expect(scaleDuration({ amount: 45, unit: 'minutes' }, 0.5)).toEqual({ amount: 22.5, unit: 'minutes' });
    expect(scaleDuration({ amount: 5, unit: 'business-days' }, 1.5)).toEqual({ amount: 8, unit: 'business-days' });
  });
});

describe('addDuration in minutes', () => {
  it('adds minutes as minutes, in a business-day policy too', () => {
    const start = new Date('2026-11-20T10:00:00Z');
    expect(addDuration(start, { amount: 30, unit: 'minutes' }, calendar).toISOString()).toBe(
      '2026-11-20T10:30:00.000Z',
    );
    const businessDays = { businessDays: true, holidays: [] };
    expect(addDuration(start, { amount: 90, unit: 'minutes' }, businessDays).toISOString()).toBe(
      '2026-11-20T11:30:00.000Z',
    );
  });
});

describe('earliest', () => {
  it('returns the earlier of two dates, whichever comes first', () => {
    const early = new Date('2026-11-20T10:00:00Z');
    const late = new Date('2026-11-20T10:00:01Z');
    expect(earliest(early, late)).toBe(early);
    expect(earliest(late, early)).toBe(early);
  });
});
