/**
 * Checks nextSlot / isOpen against an independent oracle at every minute of 2027-2028 (2028 is a leap year).
 * The oracle marks open minutes in a bitmap from the policy using plain Date methods, then a backwards sweep
 * records for each minute the next open one, so each minute is checked in constant time.
 */
import { describe, expect, it } from '@jest/globals';
import { SIXTEEN_UTC_MON_TO_THU } from '../../src/domain/policy/presets.js';
import type { ReleaseWindowPolicy } from '../../src/domain/policy/types.js';
import { explainClosed, isOpen, nextSlot } from '../../src/domain/release-window.js';

// Global lookups are slow inside Jest's vm context; this alias is used once per checked minute.
const DateClass = Date;
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const FROM = Date.UTC(2027, 0, 1);
const TO = Date.UTC(2029, 0, 1); // exclusive: the last minute checked is 2028-12-31T23:59
/** The oracle covers a day before FROM (midnight-crossing windows) and enough after TO for the last next slot. */
const ORACLE_FROM = FROM - DAY;
const ORACLE_TO = TO + 40 * DAY;

interface Oracle {
  readonly open: Uint8Array;
  /** Minute index of the first open minute at or after each index, -1 when none inside the oracle. */
  readonly nextOpen: Int32Array;
}

function opensOn(policy: ReleaseWindowPolicy, dayStart: Date): boolean {
  const key = dayStart.toISOString().slice(0, 10);
  const isoWeekday = dayStart.getUTCDay() === 0 ? 7 : dayStart.getUTCDay();
  return (
    (policy.weekdays as readonly number[]).includes(isoWeekday) &&
    !policy.holidays.includes(key) &&
    !policy.freezes.some((freeze) => freeze.start <= key && key <= freeze.end)
  );
}

function buildOracle(policy: ReleaseWindowPolicy): Oracle {
  const minutes = (ORACLE_TO - ORACLE_FROM) / MINUTE;
  const open = new Uint8Array(minutes);
  const [hours, mins] = policy.time.split(':').map(Number);
  const openingOffset = ((hours ?? 0) * 60 + (mins ?? 0)) * MINUTE;
  // Start a day early so a window opened the day before ORACLE_FROM still marks its tail.
  for (let dayStart = ORACLE_FROM - DAY; dayStart < ORACLE_TO; dayStart += DAY) {
    if (!opensOn(policy, new Date(dayStart))) continue;
    const first = (dayStart + openingOffset - ORACLE_FROM) / MINUTE;
    // The part running into the next day only when that day opens too: never open on a closed day.
    const nextDayOpens = opensOn(policy, new Date(dayStart + DAY));
    const midnight = (dayStart + DAY - ORACLE_FROM) / MINUTE;
    const last = first + policy.durationMinutes;
    for (let minute = first; minute < (nextDayOpens ? last : Math.min(last, midnight)); minute += 1) {
      if (minute >= 0 && minute < minutes) open[minute] = 1;
    }
  }
  const nextOpen = new Int32Array(minutes);
  let upcoming = -1;
  for (let minute = minutes - 1; minute >= 0; minute -= 1) {
    if (open[minute] === 1) upcoming = minute;
    nextOpen[minute] = upcoming;
  }
  return { open, nextOpen };
}

const msOfIndex = (index: number): number => ORACLE_FROM + index * MINUTE;

/** Every failure as text, capped so a broken implementation still reports quickly and readably. */
function checkEveryMinute(policy: ReleaseWindowPolicy, oracle: Oracle): string[] {
  const failures: string[] = [];
  const duration = policy.durationMinutes * MINUTE;
  const fail = (ms: number, problem: string): void => {
    if (failures.length < 10) failures.push(`${new Date(ms).toISOString()}: ${problem}`);
  };
  for (let ms = FROM; ms < TO && failures.length < 10; ms += MINUTE) {
    const index = (ms - ORACLE_FROM) / MINUTE;
    const now = new DateClass(ms);
    const expectedOpen = oracle.open[index] === 1;
    if (isOpen(policy, now) !== expectedOpen) fail(ms, `isOpen should be ${expectedOpen}`);
    const slot = nextSlot(policy, now);
    const start = slot.start.getTime();
    const midnight = (Math.floor(start / DAY) + 1) * DAY;
    const cut = start + duration > midnight && !opensOn(policy, new DateClass(midnight));
    if (slot.end.getTime() !== (cut ? midnight : start + duration))
      fail(ms, `slot ${slot.start.toISOString()} has the wrong length`);
    if (!isOpen(policy, slot.start)) fail(ms, `nextSlot start ${slot.start.toISOString()} is not open`);
    if (expectedOpen) {
      // Open now: the slot must contain now, and its first and last minutes must be open minutes.
      const inside = start <= ms && ms < slot.end.getTime();
      const startIndex = (start - ORACLE_FROM) / MINUTE;
      const lastIndex = (slot.end.getTime() - ORACLE_FROM) / MINUTE - 1;
      const edgesOpen = oracle.open[startIndex] === 1 && oracle.open[lastIndex] === 1;
      if (!inside || !edgesOpen) fail(ms, `open, but nextSlot is ${slot.start.toISOString()}`);
    } else {
      // Closed now: the slot starts at the next open minute, so it is after now and no open minute lies between.
      const expectedIndex = oracle.nextOpen[index] ?? -1;
      if (expectedIndex < 0) throw new Error(`oracle range too short after ${now.toISOString()}`);
      if (start !== msOfIndex(expectedIndex)) {
        fail(
          ms,
          `nextSlot starts ${slot.start.toISOString()}, expected ${new Date(msOfIndex(expectedIndex)).toISOString()}`,
        );
      }
    }
  }
  return failures;
}

const HOLIDAYS = ['2027-01-01', '2027-05-31', '2027-07-05', '2027-12-23', '2028-02-29', '2028-07-04', '2028-11-23'];
const YEAR_END_FREEZE = { start: '2027-12-18', end: '2028-01-04' };

const CONFIGURATIONS: [string, ReleaseWindowPolicy][] = [
  ['default 16:00 Mon-Thu', SIXTEEN_UTC_MON_TO_THU],
  [
    'holidays and a freeze over the year end',
    { ...SIXTEEN_UTC_MON_TO_THU, holidays: HOLIDAYS, freezes: [YEAR_END_FREEZE] },
  ],
  [
    'midnight-crossing 23:30 + 60 min with holidays and freeze',
    { ...SIXTEEN_UTC_MON_TO_THU, time: '23:30', holidays: HOLIDAYS, freezes: [YEAR_END_FREEZE] },
  ],
  [
    'custom weekdays Wed, Sat, Sun at 09:15 + 135 min',
    { time: '09:15', durationMinutes: 135, weekdays: [3, 6, 7], holidays: ['2028-02-27'], freezes: [] },
  ],
  [
    'day-long windows Tue, Sat, Sun with a freeze',
    { time: '00:00', durationMinutes: 1440, weekdays: [2, 6, 7], holidays: [], freezes: [YEAR_END_FREEZE] },
  ],
  [
    '23:30 + 24 h on Thu, Sat, Sun with holidays: cut at midnight before a closed day',
    { time: '23:30', durationMinutes: 1440, weekdays: [4, 6, 7], holidays: HOLIDAYS, freezes: [] },
  ],
];

describe('release window, every minute of 2027-2028', () => {
  it.each(CONFIGURATIONS)('%s', (_, policy) => {
    const oracle = buildOracle(policy);
    const openMinutes = oracle.open.reduce((sum, bit) => sum + bit, 0);
    expect(openMinutes).toBeGreaterThan(100 * policy.durationMinutes);
    expect(checkEveryMinute(policy, oracle)).toEqual([]);
  });

  it('explainClosed is undefined exactly when open (every minute, midnight-crossing with holidays and freeze)', () => {
    const policy = CONFIGURATIONS[2]?.[1] ?? SIXTEEN_UTC_MON_TO_THU;
    const oracle = buildOracle(policy);
    const mismatches: string[] = [];
    for (let ms = FROM; ms < TO; ms += MINUTE) {
      const expectedOpen = oracle.open[(ms - ORACLE_FROM) / MINUTE] === 1;
      if ((explainClosed(policy, new Date(ms)) === undefined) !== expectedOpen) {
        mismatches.push(new Date(ms).toISOString());
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
