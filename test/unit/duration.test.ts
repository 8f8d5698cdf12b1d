import { describe, expect, it } from '@jest/globals';
import { ActionInputs } from '../../src/actions/common/inputs.js';
import {
  addDuration,
  DURATION_FORMS,
  formatDuration,
  parseDuration,
  readDuration,
  scaleDuration,
} from '../../src/domain/duration.js';
import { ConfigurationError } from '../../src/domain/errors.js';

const calendar = { businessDays: false, holidays: [] };

describe('parseDuration', () => {
  it.each([
    ['48h', { amount: 48, unit: 'hours' }],
    ['7d', { amount: 7, unit: 'days' }],
    ['2w', { amount: 14, unit: 'days' }],
    ['90 days', { amount: 90, unit: 'days' }],
    ['3 business days', { amount: 3, unit: 'business-days' }],
    ['1 business-day', { amount: 1, unit: 'business-days' }],
    ['30m', { amount: 30, unit: 'minutes' }],
    ['1.5h', { amount: 1.5, unit: 'hours' }],
  ])('reads %s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each(['', '0h', '-3d', 'soon', '3 fortnights', '1.5 business days', 'h48'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('the bounds: from 1 minute to 10 years (3653 days)', () => {
  it.each([
    ['1m', { amount: 1, unit: 'minutes' }],
    ['1 minute', { amount: 1, unit: 'minutes' }],
    ['0.02h', { amount: 0.02, unit: 'hours' }],
    ['3653d', { amount: 3653, unit: 'days' }],
    ['521w', { amount: 3647, unit: 'days' }],
    ['87672h', { amount: 87672, unit: 'hours' }],
    ['2609 business days', { amount: 2609, unit: 'business-days' }],
  ])('accepts %s', (text, expected) => {
    expect(readDuration(text)).toEqual({ duration: expected });
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    ['0.0001m', 'is shorter than 1 minute'],
    ['0.5m', 'is shorter than 1 minute'],
    ['0.01h', 'is shorter than 1 minute'],
    ['0h', 'is shorter than 1 minute'],
    ['3654d', 'is longer than 10 years (3653 days)'],
    ['522w', 'is longer than 10 years (3653 days)'],
    ['87673h', 'is longer than 10 years (3653 days)'],
    ['300000000d', 'is longer than 10 years (3653 days)'],
    ['2610 business days', 'is longer than 10 years (3653 days)'],
    ['1.5 business days', 'is not a whole number of business days'],
    ['soon', 'is not a duration'],
  ])('refuses %s: %s', (text, problem) => {
    expect(readDuration(text)).toEqual({ problem });
    expect(parseDuration(text)).toBeUndefined();
  });

  it('keeps every date it can produce valid: the longest span from a date far ahead', () => {
    const start = new Date('2099-12-31T23:59:00Z');
    const rules = { businessDays: true, holidays: [] };
    for (const text of ['3653d', '2609 business days', '87672h', '521w']) {
      const duration = parseDuration(text);
      if (!duration) throw new Error(`${text} was refused`);
      // Ten times longer still (the low-severity slow-down multiplies by at most 10) stays a valid date.
      const end = addDuration(start, scaleDuration(duration, 10), rules);
      expect(Number.isNaN(end.getTime())).toBe(false);
    }
  });

  it('reaches the inputs: a duration input out of bounds is a ConfigurationError naming the input and the bounds', () => {
    const io = { getInput: (name: string) => (name === 'due-soon' ? '300000000d' : ''), setSecret: () => undefined };
    const inputs = new ActionInputs(io, { 'due-soon': { required: false } }, 'sla-check');
    const refusal = (() => {
      try {
        inputs.duration('due-soon');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ConfigurationError);
    expect(refusal).toMatchObject({ source: 'due-soon' });
    expect((refusal as Error).message).toMatch(
      /^Input "due-soon" is "300000000d", which is longer than 10 years \(3653 days\); it accepts .*from 1 minute to 10 years/,
    );
    expect(DURATION_FORMS).toContain('from 1 minute to 10 years');
  });
});

describe('addDuration', () => {
  const friday = new Date('2026-11-20T10:00:00Z');
  it('counts calendar days through a weekend', () => {
    expect(addDuration(friday, { amount: 3, unit: 'days' }, calendar).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
  it('skips the weekend in business days', () => {
    expect(addDuration(friday, { amount: 3, unit: 'business-days' }, calendar).toISOString()).toBe(
      '2026-11-25T10:00:00.000Z',
    );
  });
  it('skips holidays in business days', () => {
    const rules = { businessDays: false, holidays: ['2026-11-24'] };
    expect(addDuration(friday, { amount: 3, unit: 'business-days' }, rules).toISOString()).toBe(
      '2026-11-26T10:00:00.000Z',
    );
  });
  it('counts policy days as business days when the policy says so', () => {
    const rules = { businessDays: true, holidays: [] };
    expect(addDuration(friday, { amount: 1, unit: 'days' }, rules).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
  it('keeps hours as hours even in a business-day policy', () => {
    const rules = { businessDays: true, holidays: [] };
    expect(addDuration(friday, { amount: 48, unit: 'hours' }, rules).toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });
  it('crosses a leap day', () => {
    expect(addDuration(new Date('2028-02-28T12:00:00Z'), { amount: 2, unit: 'days' }, calendar).toISOString()).toBe(
      '2028-03-01T12:00:00.000Z',
    );
  });
});

describe('scaleDuration and formatDuration', () => {
  it('rounds business days up when stretched', () => {
    expect(scaleDuration({ amount: 3, unit: 'business-days' }, 1.5)).toEqual({ amount: 5, unit: 'business-days' });
    expect(scaleDuration({ amount: 21, unit: 'days' }, 2)).toEqual({ amount: 42, unit: 'days' });
  });
  it('says what it holds', () => {
    expect(formatDuration({ amount: 1, unit: 'business-days' })).toBe('1 business day');
    expect(formatDuration({ amount: 48, unit: 'hours' })).toBe('48 h');
    expect(formatDuration({ amount: 90, unit: 'days' })).toBe('90 days');
  });
});
