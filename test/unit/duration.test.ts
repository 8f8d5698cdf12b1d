import { describe, expect, it } from '@jest/globals';
import { addDuration, formatDuration, parseDuration, scaleDuration } from '../../src/domain/duration.js';

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
