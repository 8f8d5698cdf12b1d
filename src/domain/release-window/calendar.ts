import type { DateRange, IsoWeekday, ReleaseWindowPolicy } from '../policy/types.js';
import { parseTimeOfDay } from './parse.js';

// Aliases of globals used on every query: inside a vm context (Jest) each global lookup costs ~0.3 µs, which
// dominated the property tests that query every minute of two years.
const { floor } = Math;
const { isNaN: isNotANumber } = Number;
export const DateClass = Date;

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;
export const DAY_MS = DAY_MINUTES * MINUTE_MS;

/*
 * All arithmetic runs on whole UTC days counted from 1970-01-01 ("epoch days"): a UTC day has no DST, so
 * day N starts at N * DAY_MS exactly. This keeps the slot search at one step per day and cheap enough for
 * property tests that query every minute of two years.
 */

export function epochDayOf(ms: number): number {
  return floor(ms / DAY_MS);
}

/** 1970-01-01 (epoch day 0) was a Thursday, ISO weekday 4. */
export function isoWeekdayOfEpochDay(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** `YYYY-MM-DD` of an epoch day. */
export function dateKeyOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of a `YYYY-MM-DD` date; throws a RangeError naming `what` for anything else (2026-02-30 too). */
export function epochDayOfDateKey(text: string, what: string): number {
  const match = DATE_KEY.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || dateKeyOfEpochDay(ms / DAY_MS) !== text) {
    throw new RangeError(`invalid date "${text}" in ${what}: expected an existing date as YYYY-MM-DD`);
  }
  return ms / DAY_MS;
}

export interface CompiledFreeze {
  readonly first: number;
  readonly last: number;
  readonly range: DateRange;
}

/** A release-window policy checked once and turned into numbers. */
export interface CompiledWindow {
  readonly policy: ReleaseWindowPolicy;
  /** Minutes after UTC midnight at which the window opens. */
  readonly openMinute: number;
  readonly durationMinutes: number;
  /** Indexed by ISO weekday. */
  readonly allowedWeekdays: readonly boolean[];
  readonly holidays: ReadonlySet<number>;
  readonly freezes: readonly CompiledFreeze[];
}

export type DayClosure = 'weekday' | 'holiday' | 'freeze';

function compileFreeze(range: DateRange): CompiledFreeze {
  const first = epochDayOfDateKey(range.start, 'the freeze start');
  const last = epochDayOfDateKey(range.end, 'the freeze end');
  if (last < first) throw new RangeError(`freeze ${range.start}..${range.end} ends before it starts`);
  return { first, last, range };
}

function compileWeekdays(weekdays: readonly IsoWeekday[]): boolean[] {
  const allowed = new Array<boolean>(8).fill(false);
  for (const day of weekdays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new RangeError(`invalid weekday ${String(day)}: expected an ISO weekday from 1 (Monday) to 7 (Sunday)`);
    }
    allowed[day] = true;
  }
  return allowed;
}

function compile(policy: ReleaseWindowPolicy): CompiledWindow {
  const { durationMinutes } = policy;
  // Longer windows would overlap the next day's opening; a day is the most a release window needs.
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > DAY_MINUTES) {
    throw new RangeError(`invalid window duration ${durationMinutes}: expected whole minutes from 1 to ${DAY_MINUTES}`);
  }
  return {
    policy,
    openMinute: parseTimeOfDay(policy.time),
    durationMinutes,
    allowedWeekdays: compileWeekdays(policy.weekdays),
    holidays: new Set(policy.holidays.map((holiday) => epochDayOfDateKey(holiday, 'the holidays'))),
    freezes: policy.freezes.map(compileFreeze),
  };
}

const compiled = new WeakMap<ReleaseWindowPolicy, CompiledWindow>();

/** The compiled form of a policy, cached per policy object (policies are read-only). */
export function compileWindow(policy: ReleaseWindowPolicy): CompiledWindow {
  let window = compiled.get(policy);
  if (!window) {
    window = compile(policy);
    compiled.set(policy, window);
  }
  return window;
}

export function freezeContaining(window: CompiledWindow, day: number): CompiledFreeze | undefined {
  return window.freezes.find((freeze) => freeze.first <= day && day <= freeze.last);
}

/**
 * Why no window opens on the epoch day, or undefined when one does. The rarer, longer-lasting reason wins
 * (a Sunday inside a freeze is reported as frozen), which is the more useful thing to tell the user.
 */
export function dayClosure(window: CompiledWindow, day: number): DayClosure | undefined {
  if (window.freezes.length > 0 && freezeContaining(window, day)) return 'freeze';
  if (window.holidays.has(day)) return 'holiday';
  if (!window.allowedWeekdays[isoWeekdayOfEpochDay(day)]) return 'weekday';
  return undefined;
}

export function openingMs(window: CompiledWindow, day: number): number {
  return day * DAY_MS + window.openMinute * MINUTE_MS;
}

/**
 * When the window opened on `day` closes: after its duration, but at midnight at the latest when the next day is
 * closed (another weekday, a holiday, a freeze). A window is never open on a day it does not open on, whatever its
 * length: Thursday 23:30 for 24 h ends at Friday 00:00 when Friday is not a release day.
 */
export function closingMs(window: CompiledWindow, day: number): number {
  const end = openingMs(window, day) + window.durationMinutes * MINUTE_MS;
  const midnight = (day + 1) * DAY_MS;
  return end > midnight && dayClosure(window, day + 1) !== undefined ? midnight : end;
}

export function millisecondsOf(date: Date, what: string): number {
  const ms = date.getTime();
  if (isNotANumber(ms)) throw new RangeError(`invalid date given as ${what}`);
  return ms;
}
