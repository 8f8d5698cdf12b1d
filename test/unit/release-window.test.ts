import { describe, expect, it } from '@jest/globals';
import { SIXTEEN_UTC_MON_TO_THU } from '../../src/domain/policy/presets.js';
import type { ReleaseWindowPolicy } from '../../src/domain/policy/types.js';
import {
  DEFAULT_DISPLAY_ZONES,
  currentSlot,
  explainClosed,
  firstSlotOnOrAfter,
  isOpen,
  nextSlot,
  parseTimeOfDay,
  parseWeekdays,
  slotInZones,
  slots,
} from '../../src/domain/release-window.js';

const at = (iso: string): Date => new Date(iso);
const starts = (found: { start: Date }[]): string[] => found.map((slot) => slot.start.toISOString());

function policy(overrides: Partial<ReleaseWindowPolicy>): ReleaseWindowPolicy {
  return { ...SIXTEEN_UTC_MON_TO_THU, ...overrides };
}

describe('default window (16:00 UTC, 60 min, Mon-Thu)', () => {
  const window = SIXTEEN_UTC_MON_TO_THU;

  it.each([
    ['2026-11-26T15:59:59.999Z', false, 'too-early', 'the window opens at 16:00 UTC'],
    ['2026-11-26T15:59:00Z', false, 'too-early', 'the window opens at 16:00 UTC'],
    ['2026-11-26T16:00:00Z', true, undefined, undefined],
    ['2026-11-26T16:59:00Z', true, undefined, undefined],
    ['2026-11-26T16:59:59.999Z', true, undefined, undefined],
    ['2026-11-26T17:00:00Z', false, 'too-late', 'the window closed at 17:00 UTC'],
    ['2026-11-26T23:59:00Z', false, 'too-late', 'the window closed at 17:00 UTC'],
    ['2026-11-23T16:30:00Z', true, undefined, undefined],
    ['2026-11-27T16:30:00Z', false, 'weekday', 'Friday is not a release day (allowed: Mon, Tue, Wed, Thu)'],
    ['2026-11-28T16:30:00Z', false, 'weekday', 'Saturday is not a release day (allowed: Mon, Tue, Wed, Thu)'],
    ['2026-11-29T16:30:00Z', false, 'weekday', 'Sunday is not a release day (allowed: Mon, Tue, Wed, Thu)'],
  ])('at %s open=%s reason=%s', (iso, open, reason, message) => {
    expect(isOpen(window, at(iso))).toBe(open);
    expect(explainClosed(window, at(iso))).toEqual(reason === undefined ? undefined : { reason, message });
    expect(currentSlot(window, at(iso)) !== undefined).toBe(open);
  });

  it('closes on every Friday of 2026', () => {
    const fridays: Date[] = [];
    for (let day = new Date('2026-01-02T16:30:00Z'); day.getUTCFullYear() === 2026;) {
      fridays.push(day);
      day = new Date(day.getTime() + 7 * 86_400_000);
    }
    expect(fridays).toHaveLength(52);
    expect(fridays.filter((friday) => isOpen(window, friday))).toEqual([]);
    expect(new Set(fridays.map((friday) => explainClosed(window, friday)?.reason))).toEqual(new Set(['weekday']));
  });

  it('nextSlot returns the open slot itself, and otherwise the next opening', () => {
    expect(nextSlot(window, at('2026-11-26T16:20:00Z'))).toEqual({
      start: at('2026-11-26T16:00:00Z'),
      end: at('2026-11-26T17:00:00Z'),
    });
    expect(nextSlot(window, at('2026-11-26T17:00:00Z')).start).toEqual(at('2026-11-30T16:00:00Z'));
    expect(nextSlot(window, at('2026-11-26T09:00:00Z')).start).toEqual(at('2026-11-26T16:00:00Z'));
  });

  it('firstSlotOnOrAfter skips a slot that started before the date', () => {
    expect(firstSlotOnOrAfter(window, at('2026-11-24T16:20:00Z')).start).toEqual(at('2026-11-25T16:00:00Z'));
    expect(firstSlotOnOrAfter(window, at('2026-11-24T16:00:00Z')).start).toEqual(at('2026-11-24T16:00:00Z'));
    expect(firstSlotOnOrAfter(window, at('2026-11-26T16:00:00.001Z')).start).toEqual(at('2026-11-30T16:00:00Z'));
  });

  it('slots lists the next openings, starting with the open one', () => {
    expect(starts(slots(window, at('2026-11-26T16:30:00Z'), 6))).toEqual([
      '2026-11-26T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026-12-01T16:00:00.000Z',
      '2026-12-02T16:00:00.000Z',
      '2026-12-03T16:00:00.000Z',
      '2026-12-07T16:00:00.000Z',
    ]);
    expect(slots(window, at('2026-11-26T16:30:00Z'), 0)).toEqual([]);
    expect(() => slots(window, at('2026-11-26T16:30:00Z'), -1)).toThrow(RangeError);
    expect(() => slots(window, at('2026-11-26T16:30:00Z'), 1.5)).toThrow(RangeError);
  });
});

describe('holidays and freezes', () => {
  it('a holiday Tuesday moves the next slot to Wednesday', () => {
    const window = policy({ holidays: ['2026-11-24'] });
    expect(nextSlot(window, at('2026-11-23T17:00:00Z')).start).toEqual(at('2026-11-25T16:00:00Z'));
    expect(isOpen(window, at('2026-11-24T16:30:00Z'))).toBe(false);
    expect(explainClosed(window, at('2026-11-24T16:30:00Z'))).toEqual({
      reason: 'holiday',
      message: '2026-11-24 is a holiday',
    });
    expect(isOpen(SIXTEEN_UTC_MON_TO_THU, at('2026-11-24T16:30:00Z'))).toBe(true);
  });

  it('a freeze over the new year holds every slot until it ends', () => {
    const window = policy({ freezes: [{ start: '2026-12-18', end: '2027-01-04' }] });
    expect(nextSlot(window, at('2026-12-17T17:00:00Z')).start).toEqual(at('2027-01-05T16:00:00Z'));
    expect(nextSlot(window, at('2026-12-17T16:10:00Z')).start).toEqual(at('2026-12-17T16:00:00Z'));
    expect(isOpen(window, at('2027-01-04T16:30:00Z'))).toBe(false);
    expect(isOpen(window, at('2027-01-05T16:30:00Z'))).toBe(true);
    expect(explainClosed(window, at('2026-12-20T16:30:00Z'))).toEqual({
      reason: 'freeze',
      message: '2026-12-20 is inside the freeze 2026-12-18..2027-01-04',
    });
    expect(explainClosed(window, at('2026-12-31T16:30:00Z'))?.reason).toBe('freeze');
  });

  it('explains a weekday that is both a holiday and frozen as frozen', () => {
    const window = policy({ holidays: ['2026-12-22'], freezes: [{ start: '2026-12-21', end: '2026-12-23' }] });
    expect(explainClosed(window, at('2026-12-22T16:30:00Z'))?.reason).toBe('freeze');
  });
});

describe('custom windows', () => {
  it('honours a custom weekday set', () => {
    const window = policy({ time: '10:00', durationMinutes: 120, weekdays: parseWeekdays('sat,sun') });
    expect(nextSlot(window, at('2026-11-27T12:00:00Z'))).toEqual({
      start: at('2026-11-28T10:00:00Z'),
      end: at('2026-11-28T12:00:00Z'),
    });
    expect(isOpen(window, at('2026-11-29T11:59:00Z'))).toBe(true);
    expect(isOpen(window, at('2026-11-26T11:00:00Z'))).toBe(false);
    expect(explainClosed(window, at('2026-11-26T11:00:00Z'))?.message).toBe(
      'Thursday is not a release day (allowed: Sat, Sun)',
    );
    expect(starts(slots(window, at('2026-11-28T12:00:00Z'), 3))).toEqual([
      '2026-11-29T10:00:00.000Z',
      '2026-12-05T10:00:00.000Z',
      '2026-12-06T10:00:00.000Z',
    ]);
  });

  describe('a window crossing midnight UTC (23:30 for 60 min, Mon-Thu)', () => {
    const window = policy({ time: '23:30' });

    it('stays open after midnight and closes at 00:30', () => {
      // Wednesday's window runs into Thursday, a release day.
      expect(isOpen(window, at('2026-11-25T23:29:00Z'))).toBe(false);
      expect(isOpen(window, at('2026-11-25T23:30:00Z'))).toBe(true);
      expect(isOpen(window, at('2026-11-26T00:15:00Z'))).toBe(true);
      expect(currentSlot(window, at('2026-11-26T00:15:00Z'))).toEqual({
        start: at('2026-11-25T23:30:00Z'),
        end: at('2026-11-26T00:30:00Z'),
      });
      expect(isOpen(window, at('2026-11-26T00:30:00Z'))).toBe(false);
      expect(nextSlot(window, at('2026-11-27T00:30:00Z')).start).toEqual(at('2026-11-30T23:30:00Z'));
    });

    it('opens only on the days it opens on: the part running into a closed day is cut at midnight', () => {
      // Monday 00:15 would belong to Sunday's window, which never opens.
      expect(isOpen(window, at('2026-11-30T00:15:00Z'))).toBe(false);
      // Thursday's window runs into Friday, not a release day: cut at midnight.
      expect(isOpen(window, at('2026-11-26T23:59:00Z'))).toBe(true);
      expect(isOpen(window, at('2026-11-27T00:00:00Z'))).toBe(false);
      expect(currentSlot(window, at('2026-11-26T23:45:00Z'))?.end).toEqual(at('2026-11-27T00:00:00Z'));
      expect(explainClosed(window, at('2026-11-27T00:15:00Z'))?.message).toBe(
        'Friday is not a release day (allowed: Mon, Tue, Wed, Thu)',
      );
      // Wednesday's runs into Thursday, a release day: its whole hour.
      expect(isOpen(window, at('2026-11-26T00:15:00Z'))).toBe(true);
      const holidayWednesday = policy({ time: '23:30', holidays: ['2026-11-25'] });
      expect(isOpen(holidayWednesday, at('2026-11-26T00:15:00Z'))).toBe(false);
      // Tuesday's window runs into the holiday: cut at midnight too.
      expect(isOpen(holidayWednesday, at('2026-11-25T00:15:00Z'))).toBe(false);
      expect(isOpen(holidayWednesday, at('2026-11-24T23:45:00Z'))).toBe(true);
      expect(explainClosed(holidayWednesday, at('2026-11-25T23:45:00Z'))?.reason).toBe('holiday');
    });

    it('explains closed times by the current day', () => {
      expect(explainClosed(window, at('2026-11-25T12:00:00Z'))?.message).toBe('the window opens at 23:30 UTC');
      expect(explainClosed(window, at('2026-11-27T23:45:00Z'))?.reason).toBe('weekday');
    });
  });

  it('never opens a 24 h window of Thursdays on Friday, whatever its length', () => {
    const window = policy({ time: '23:30', durationMinutes: 1440, weekdays: [4] });
    expect(isOpen(window, at('2026-11-26T23:30:00Z'))).toBe(true);
    expect(isOpen(window, at('2026-11-27T00:00:00Z'))).toBe(false);
    expect(isOpen(window, at('2026-11-27T12:00:00Z'))).toBe(false);
    expect(explainClosed(window, at('2026-11-27T12:00:00Z'))?.reason).toBe('weekday');
    expect(nextSlot(window, at('2026-11-26T23:45:00Z'))).toEqual({
      start: at('2026-11-26T23:30:00Z'),
      end: at('2026-11-27T00:00:00Z'),
    });
    // Thursday and Friday both release days: the full 24 h.
    const both = policy({ time: '23:30', durationMinutes: 1440, weekdays: [4, 5] });
    expect(isOpen(both, at('2026-11-27T12:00:00Z'))).toBe(true);
    expect(currentSlot(both, at('2026-11-27T12:00:00Z'))?.end).toEqual(at('2026-11-27T23:30:00Z'));
  });

  it('reports the closing time of a window ending after midnight', () => {
    const window = policy({ time: '22:00', durationMinutes: 30 });
    expect(explainClosed(window, at('2026-11-26T22:45:00Z'))?.message).toBe('the window closed at 22:30 UTC');
  });

  it('handles day-long windows that abut each other', () => {
    const window = policy({ time: '00:00', durationMinutes: 1440, weekdays: [6, 7] });
    expect(currentSlot(window, at('2026-11-29T00:00:00Z'))?.start).toEqual(at('2026-11-29T00:00:00Z'));
    expect(currentSlot(window, at('2026-11-28T23:59:59Z'))?.start).toEqual(at('2026-11-28T00:00:00Z'));
    expect(isOpen(window, at('2026-11-30T00:00:00Z'))).toBe(false);
  });
});

describe('policies that never open', () => {
  it.each([
    ['no weekdays', policy({ weekdays: [] }), /weekdays \(none\)/],
    ['a freeze of four years', policy({ freezes: [{ start: '2026-01-01', end: '2029-12-31' }] }), /3 years/],
  ])('nextSlot throws a RangeError for %s', (_, window, message) => {
    const started = performance.now();
    expect(() => nextSlot(window, at('2026-11-26T12:00:00Z'))).toThrow(RangeError);
    expect(() => nextSlot(window, at('2026-11-26T12:00:00Z'))).toThrow(message);
    expect(() => nextSlot(window, at('2026-11-26T12:00:00Z'))).toThrow(/no release window opens/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('finds the slot right after a long freeze', () => {
    const window = policy({ freezes: [{ start: '2026-01-01', end: '2028-06-30' }] });
    expect(nextSlot(window, at('2026-01-01T00:00:00Z')).start).toEqual(at('2028-07-03T16:00:00Z'));
  });
});

describe('invalid input', () => {
  it.each([
    ['a zero duration', policy({ durationMinutes: 0 }), /duration 0/],
    ['a duration over a day', policy({ durationMinutes: 1441 }), /duration 1441/],
    ['a fractional duration', policy({ durationMinutes: 30.5 }), /duration 30.5/],
    ['a bad time', policy({ time: '25:00' }), /"25:00"/],
    ['a date that does not exist', policy({ holidays: ['2026-02-30'] }), /"2026-02-30"/],
    ['a badly written holiday', policy({ holidays: ['24.12.2026'] }), /"24.12.2026"/],
    [
      'a freeze ending before it starts',
      policy({ freezes: [{ start: '2027-01-04', end: '2026-12-18' }] }),
      /ends before/,
    ],
  ])('rejects %s with a RangeError', (_, window, message) => {
    expect(() => isOpen(window, at('2026-11-26T16:00:00Z'))).toThrow(RangeError);
    expect(() => nextSlot(window, at('2026-11-26T16:00:00Z'))).toThrow(message);
  });

  it('rejects an invalid date', () => {
    expect(() => isOpen(SIXTEEN_UTC_MON_TO_THU, new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['16:00', 960],
    ['00:00', 0],
    ['23:59', 1439],
    ['9:05', 545],
    [' 16:00 ', 960],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
  });

  it.each(['25:00', '24:00', '16:60', '4pm', '', '16:0', '16-00', '1600', '16:00:00'])('rejects "%s"', (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(RangeError);
    expect(() => parseTimeOfDay(text)).toThrow(`"${text}"`);
  });
});

describe('parseWeekdays', () => {
  it.each([
    ['mon,tue,wed,thu', [1, 2, 3, 4]],
    ['Mon-Thu', [1, 2, 3, 4]],
    ['Mon - Thu', [1, 2, 3, 4]],
    ['monday, tuesday,WEDNESDAY,thursday', [1, 2, 3, 4]],
    ['thu mon mon', [1, 4]],
    ['Fri-Mon', [1, 5, 6, 7]],
    ['1-4', [1, 2, 3, 4]],
    ['sun', [7]],
    ['mon-fri,sun', [1, 2, 3, 4, 5, 7]],
  ])('%s', (text, days) => {
    expect(parseWeekdays(text)).toEqual(days);
  });

  it('names the unknown day and the accepted names', () => {
    expect(() => parseWeekdays('mon,funday')).toThrow(RangeError);
    expect(() => parseWeekdays('mon,funday')).toThrow(/"funday".*mon, tue, wed, thu, fri, sat, sun/);
  });

  it.each(['', ' , ', 'mon-tue-wed', 'mon-', '8'])('rejects "%s"', (text) => {
    expect(() => parseWeekdays(text)).toThrow(RangeError);
  });
});

describe('slotInZones', () => {
  it('shows a winter slot in the default zones', () => {
    const slot = nextSlot(SIXTEEN_UTC_MON_TO_THU, at('2026-11-24T10:00:00Z'));
    expect(slotInZones(slot)).toEqual([
      { zone: 'America/Los_Angeles', start: 'Tue 2026-11-24 08:00 PST' },
      { zone: 'America/New_York', start: 'Tue 2026-11-24 11:00 EST' },
      { zone: 'Europe/Berlin', start: 'Tue 2026-11-24 17:00 GMT+1' },
      { zone: 'Asia/Kolkata', start: 'Tue 2026-11-24 21:30 GMT+5:30' },
      { zone: 'Asia/Tokyo', start: 'Wed 2026-11-25 01:00 GMT+9' },
    ]);
    expect(DEFAULT_DISPLAY_ZONES).toHaveLength(5);
  });

  it('follows daylight saving time', () => {
    const slot = nextSlot(SIXTEEN_UTC_MON_TO_THU, at('2026-07-14T10:00:00Z'));
    expect(slotInZones(slot, ['America/Los_Angeles', 'Europe/Berlin', 'UTC'])).toEqual([
      { zone: 'America/Los_Angeles', start: 'Tue 2026-07-14 09:00 PDT' },
      { zone: 'Europe/Berlin', start: 'Tue 2026-07-14 18:00 GMT+2' },
      { zone: 'UTC', start: 'Tue 2026-07-14 16:00 UTC' },
    ]);
  });

  it('rejects an unknown zone', () => {
    const slot = nextSlot(SIXTEEN_UTC_MON_TO_THU, at('2026-07-14T10:00:00Z'));
    expect(() => slotInZones(slot, ['Mars/Olympus_Mons'])).toThrow(/Mars\/Olympus_Mons/);
  });
});
