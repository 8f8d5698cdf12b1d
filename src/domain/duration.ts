import { addHours, addMinutes, isBefore } from 'date-fns';
import type { Duration } from './policy/types.js';

/** The units a duration may be written in, by the unit each one counts (case does not matter). */
export const DURATION_UNITS = {
  minutes: 'm|min|minutes?',
  hours: 'h|hours?',
  days: 'd|days?',
  weeks: 'w|weeks?',
  businessDays: 'business[ -]days?|bd',
} as const;

/** How many minutes one of each unit spans, for the bounds (a business week is seven days, so a business day 7/5). */
export const UNIT_MINUTES = {
  minutes: 1,
  hours: 60,
  days: 1440,
  weeks: 7 * 1440,
  businessDays: (7 * 1440) / 5,
} as const satisfies Record<keyof typeof DURATION_UNITS, number>;

/** An amount and a unit: `48h`, `7d`, `90 days`, `3 business days` (the policy schema is built from it too). */
export const DURATION_PATTERN = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${Object.values(DURATION_UNITS).join('|')})$`, 'i');

/** The shortest duration anything accepts: one minute (the finest step a deadline is counted in). */
export const MIN_DURATION_MINUTES = 1;
/** The longest: ten calendar years, leap days included. Longer ones overflow dates, and no process needs them. */
export const MAX_DURATION_DAYS = 3653;
/** The bounds in words, for messages. */
export const DURATION_BOUNDS = 'from 1 minute to 10 years';

export const DURATION_FORMS = `\`30m\`, \`48h\`, \`7d\`, \`2w\`, \`90 days\` or \`3 business days\`, ${DURATION_BOUNDS}`;

/** A duration, or why the text is not one: `is not a duration`, `is shorter than 1 minute`, `is longer than ...`. */
export type DurationReading =
  | { readonly duration: Duration; readonly problem?: undefined }
  | { readonly duration?: undefined; readonly problem: string };

function unitOf(amount: number, unit: string): Duration {
  if (unit.startsWith('b')) return { amount, unit: 'business-days' };
  if (unit.startsWith('w')) return { amount: amount * 7, unit: 'days' };
  if (unit.startsWith('d')) return { amount, unit: 'days' };
  if (unit.startsWith('h')) return { amount, unit: 'hours' };
  return { amount, unit: 'minutes' };
}

/** Roughly how many minutes the duration spans (a business week is seven days), for the bounds. */
function spanInMinutes(duration: Duration): number {
  switch (duration.unit) {
    case 'minutes':
      return duration.amount * UNIT_MINUTES.minutes;
    case 'hours':
      return duration.amount * UNIT_MINUTES.hours;
    case 'days':
      return duration.amount * UNIT_MINUTES.days;
    case 'business-days':
      return duration.amount * UNIT_MINUTES.businessDays;
  }
}

/**
 * Reads `48h`, `7d`, `2w`, `90 days`, `3 business days`, from 1 minute to 10 years (3653 days; a business day counts
 * as 7/5 of a day). Says what is wrong otherwise, for a message that names the input or the key.
 */
export function readDuration(text: string): DurationReading {
  const match = DURATION_PATTERN.exec(text.trim());
  const amount = Number(match?.[1]);
  if (!match || !Number.isFinite(amount)) return { problem: 'is not a duration' };
  const duration = unitOf(amount, (match[2] ?? '').toLowerCase());
  if (duration.unit === 'business-days' && !Number.isInteger(amount)) {
    return { problem: 'is not a whole number of business days' };
  }
  const minutes = spanInMinutes(duration);
  if (minutes < MIN_DURATION_MINUTES) return { problem: 'is shorter than 1 minute' };
  if (minutes > MAX_DURATION_DAYS * 1440) return { problem: `is longer than 10 years (${MAX_DURATION_DAYS} days)` };
  return { duration };
}

/**
 * Parses `48h`, `7d`, `2w`, `90 days`, `3 business days`. Returns undefined when the text is not a duration or lies
 * outside the bounds (1 minute to 10 years); callers turn that into a ConfigurationError naming their input, and
 * `readDuration` says which bound.
 */
export function parseDuration(text: string): Duration | undefined {
  return readDuration(text).duration;
}

export function formatDuration(duration: Duration): string {
  if (duration.unit === 'business-days') return `${duration.amount} business day${duration.amount === 1 ? '' : 's'}`;
  if (duration.unit === 'days') return `${duration.amount} day${duration.amount === 1 ? '' : 's'}`;
  if (duration.unit === 'hours') return `${duration.amount} h`;
  return `${duration.amount} min`;
}

/** Duration scaled by a factor (the low-severity slow-down); business days stay whole. */
export function scaleDuration(duration: Duration, factor: number): Duration {
  const amount = duration.amount * factor;
  return { unit: duration.unit, amount: duration.unit === 'business-days' ? Math.ceil(amount) : amount };
}

export interface CalendarRules {
  /** Count `days` as business days (Mon-Fri, holidays skipped). */
  readonly businessDays: boolean;
  /** `YYYY-MM-DD` dates that are not business days. */
  readonly holidays: readonly string[];
}

function isBusinessDay(date: Date, holidays: ReadonlySet<string>): boolean {
  const weekday = date.getUTCDay();
  return weekday >= 1 && weekday <= 5 && !holidays.has(utcDateKey(date));
}

/** `YYYY-MM-DD` of the date in UTC. */
export function utcDateKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addBusinessDaysUtc(start: Date, days: number, holidays: ReadonlySet<string>): Date {
  let cursor = start;
  let remaining = days;
  while (remaining > 0) {
    cursor = addHours(cursor, 24); // whole UTC days: no local-time DST shifts
    if (isBusinessDay(cursor, holidays)) remaining -= 1;
  }
  return cursor;
}

/** The moment `duration` after `start`, counting days as business days where the rules say so. */
export function addDuration(start: Date, duration: Duration, rules: CalendarRules): Date {
  const holidays = new Set(rules.holidays);
  switch (duration.unit) {
    case 'minutes':
      return addMinutes(start, duration.amount);
    case 'hours':
      return addMinutes(start, Math.round(duration.amount * 60));
    case 'business-days':
      return addBusinessDaysUtc(start, duration.amount, holidays);
    case 'days':
      if (rules.businessDays && Number.isInteger(duration.amount)) {
        return addBusinessDaysUtc(start, duration.amount, holidays);
      }
      return addHours(start, Math.round(duration.amount * 24));
  }
}

export function earliest(a: Date, b: Date): Date {
  return isBefore(a, b) ? a : b;
}
