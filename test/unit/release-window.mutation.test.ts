/**
 * The parts of src/domain/release-window/ that the mutation run found unguarded: invalid weekdays, the exact error
 * messages (dates, freezes, holidays, slot counts, no window within three years), a one-minute window, a one-day
 * freeze, the compiled-policy cache, the explanation of allowed weekdays (none, unsorted, duplicated), zero-padded
 * hours, blanks and stray commas around weekday lists, and the zone fallback when Intl gives no abbreviation.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { SIXTEEN_UTC_MON_TO_THU } from '../../src/domain/policy/presets.js';
import type { IsoWeekday, ReleaseWindowPolicy } from '../../src/domain/policy/types.js';
import {
  currentSlot,
  explainClosed,
  firstSlotOnOrAfter,
  formatTimeOfDay,
  isOpen,
  nextSlot,
  parseWeekdays,
  slotInZones,
  slots,
} from '../../src/domain/release-window.js';
import { compileWindow } from '../../src/domain/release-window/calendar.js';

const at = (iso: string): Date => new Date(iso);
const invalidDate = new Date('nonsense');
const ACCEPTED =
  'accepted names are mon, tue, wed, thu, fri, sat, sun, their full names (monday ...), 1-7, or a range like Mon-Thu';

function policy(overrides: Partial<ReleaseWindowPolicy>): ReleaseWindowPolicy {
  return { ...SIXTEEN_UTC_MON_TO_THU, ...overrides };
}

/** The error `run` throws (fails the test when it throws nothing). */
function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-error: ${String(error)}`);
  }
  throw new Error('threw nothing');
}

function expectRangeError(run: () => unknown, message: string): void {
  const error = errorOf(run);
  expect(error).toBeInstanceOf(RangeError);
  expect(error.message).toBe(message);
}

describe('invalid weekdays in a policy', () => {
  it.each([0, 8, -1, 1.5])('rejects weekday %p naming it and the accepted range', (day) => {
    const window = policy({ weekdays: [1, day] as unknown as IsoWeekday[] });
    expectRangeError(
      () => isOpen(window, at('2026-11-26T16:00:00Z')),
      `invalid weekday ${day}: expected an ISO weekday from 1 (Monday) to 7 (Sunday)`,
    );
  });

  it('accepts the bounds 1 and 7', () => {
    const window = policy({ weekdays: [1, 7] });
    expect(isOpen(window, at('2026-11-29T16:30:00Z'))).toBe(true);
    expect(isOpen(window, at('2026-11-30T16:30:00Z'))).toBe(true);
  });
});

describe('invalid dates: the messages name the field', () => {
  it.each([
    [
      'the freeze start',
      policy({ freezes: [{ start: '2026-13-01', end: '2027-01-04' }] }),
      'invalid date "2026-13-01" in the freeze start: expected an existing date as YYYY-MM-DD',
    ],
    [
      'the freeze end',
      policy({ freezes: [{ start: '2026-12-18', end: '2027-02-29' }] }),
      'invalid date "2027-02-29" in the freeze end: expected an existing date as YYYY-MM-DD',
    ],
    [
      'the holidays',
      policy({ holidays: ['2026-12-24', '24.12.2026'] }),
      'invalid date "24.12.2026" in the holidays: expected an existing date as YYYY-MM-DD',
    ],
  ])('%s', (_, window, message) => {
    expectRangeError(() => nextSlot(window, at('2026-11-26T12:00:00Z')), message);
  });

  it('names the argument that is not a date', () => {
    const window = SIXTEEN_UTC_MON_TO_THU;
    expectRangeError(() => isOpen(window, invalidDate), 'invalid date given as now');
    expectRangeError(() => currentSlot(window, invalidDate), 'invalid date given as now');
    expectRangeError(() => nextSlot(window, invalidDate), 'invalid date given as now');
    expectRangeError(() => explainClosed(window, invalidDate), 'invalid date given as now');
    expectRangeError(() => firstSlotOnOrAfter(window, invalidDate), 'invalid date given as the earliest start');
    expectRangeError(() => slots(window, invalidDate, 1), 'invalid date given as from');
    expectRangeError(() => slots(window, invalidDate, 0), 'invalid date given as from');
  });

  it('names a bad slot count', () => {
    expectRangeError(
      () => slots(SIXTEEN_UTC_MON_TO_THU, at('2026-11-26T16:30:00Z'), -1),
      'invalid slot count -1: expected a whole number',
    );
  });
});

describe('edges of durations and freezes', () => {
  it('opens a one-minute window for exactly one minute', () => {
    const window = policy({ durationMinutes: 1 });
    expect(nextSlot(window, at('2026-11-26T12:00:00Z'))).toEqual({
      start: at('2026-11-26T16:00:00Z'),
      end: at('2026-11-26T16:01:00Z'),
    });
    expect(isOpen(window, at('2026-11-26T16:00:59.999Z'))).toBe(true);
    expect(isOpen(window, at('2026-11-26T16:01:00Z'))).toBe(false);
    expect(explainClosed(window, at('2026-11-26T16:01:00Z'))).toEqual({
      reason: 'too-late',
      message: 'the window closed at 16:01 UTC',
    });
  });

  it('freezes a single day when the freeze starts and ends on it', () => {
    const window = policy({ freezes: [{ start: '2026-11-24', end: '2026-11-24' }] });
    expect(isOpen(window, at('2026-11-23T16:30:00Z'))).toBe(true);
    expect(isOpen(window, at('2026-11-24T16:30:00Z'))).toBe(false);
    expect(explainClosed(window, at('2026-11-24T16:30:00Z'))).toEqual({
      reason: 'freeze',
      message: '2026-11-24 is inside the freeze 2026-11-24..2026-11-24',
    });
    expect(nextSlot(window, at('2026-11-23T17:00:00Z')).start).toEqual(at('2026-11-25T16:00:00Z'));
  });
});

describe('compileWindow', () => {
  it('compiles a policy object once and returns the cached form afterwards', () => {
    const window = policy({});
    expect(compileWindow(window)).toBe(compileWindow(window));
    expect(compileWindow(policy({}))).not.toBe(compileWindow(window));
  });

  it('marks every ISO weekday allowed or not', () => {
    expect(compileWindow(policy({ weekdays: [4, 1] })).allowedWeekdays).toEqual([
      false,
      true,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('explanations of closed days, word for word', () => {
  it('says "none" when no weekday is allowed', () => {
    expect(explainClosed(policy({ weekdays: [] }), at('2026-11-23T16:30:00Z'))).toEqual({
      reason: 'weekday',
      message: 'Monday is not a release day (allowed: none)',
    });
  });

  it('lists the allowed weekdays sorted and once each, whatever order the policy gives', () => {
    expect(explainClosed(policy({ weekdays: [4, 1, 4] }), at('2026-11-27T16:30:00Z'))).toEqual({
      reason: 'weekday',
      message: 'Friday is not a release day (allowed: Mon, Thu)',
    });
    expect(explainClosed(policy({ weekdays: [7, 3, 5, 1] }), at('2026-11-26T16:30:00Z'))?.message).toBe(
      'Thursday is not a release day (allowed: Mon, Wed, Fri, Sun)',
    );
  });

  it('writes hours with two digits', () => {
    expect(formatTimeOfDay(545)).toBe('09:05');
    expect(formatTimeOfDay(0)).toBe('00:00');
    expect(explainClosed(policy({ time: '9:05' }), at('2026-11-26T08:00:00Z'))).toEqual({
      reason: 'too-early',
      message: 'the window opens at 09:05 UTC',
    });
  });
});

describe('policies that never open: the message word for word', () => {
  it('names no weekdays as none', () => {
    expectRangeError(
      () => nextSlot(policy({ weekdays: [] }), at('2026-11-26T12:00:00Z')),
      'no release window opens in the 3 years after 2026-11-26T12:00:00.000Z: ' +
        'check the weekdays (none), holidays and freezes of the release window policy',
    );
  });

  it('still finds a window opening on the last day searched, 1,098 days on (3 × 366)', () => {
    const frozen = policy({ freezes: [{ start: '2026-01-01', end: '2029-11-27' }] });
    expect(nextSlot(frozen, at('2026-11-26T12:00:00Z')).start.toISOString()).toBe('2029-11-28T16:00:00.000Z');
  });

  it('lists the weekdays of a policy frozen for four years', () => {
    expectRangeError(
      () => nextSlot(policy({ freezes: [{ start: '2026-01-01', end: '2029-12-31' }] }), at('2026-11-26T12:00:00Z')),
      'no release window opens in the 3 years after 2026-11-26T12:00:00.000Z: ' +
        'check the weekdays (Mon, Tue, Wed, Thu), holidays and freezes of the release window policy',
    );
  });
});

describe('parseWeekdays: separators and numbers', () => {
  it.each([
    ['mon,', [1]],
    [',mon', [1]],
    ['mon,,thu', [1, 4]],
    ['Mon- Thu', [1, 2, 3, 4]],
    ['Mon -Thu', [1, 2, 3, 4]],
    ['\tMon\t-\tWed\n', [1, 2, 3]],
  ])('%p', (text, days) => {
    expect(parseWeekdays(text)).toEqual(days);
  });

  it.each(['11', '71'])('rejects the number-like %p naming it', (text) => {
    expectRangeError(() => parseWeekdays(text), `unknown weekday "${text}" in "${text}": ${ACCEPTED}`);
  });

  it('refuses a range of three days, naming it and the whole text', () => {
    expectRangeError(
      () => parseWeekdays('Fri, Mon-Tue-Wed'),
      'invalid weekday range "Mon-Tue-Wed" in "Fri, Mon-Tue-Wed": use a range like Mon-Thu',
    );
  });

  it.each(['', '  ', ' , '])('says there are no weekdays in %p', (text) => {
    expectRangeError(() => parseWeekdays(text), `no weekdays in "${text}": ${ACCEPTED}`);
  });
});

describe('slotInZones without an abbreviation from Intl', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the zone name instead', () => {
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts').mockImplementation(function (
      this: Intl.DateTimeFormat,
      date?: Date | number,
    ) {
      return formatToParts.call(this, date).filter((part) => part.type !== 'timeZoneName');
    });
    const slot = nextSlot(SIXTEEN_UTC_MON_TO_THU, at('2026-11-24T10:00:00Z'));
    expect(slotInZones(slot, ['Europe/Berlin'])).toEqual([
      { zone: 'Europe/Berlin', start: 'Tue 2026-11-24 17:00 Europe/Berlin' },
    ]);
  });
});
