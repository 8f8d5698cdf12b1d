import { addHours, addMinutes, isBefore } from 'date-fns';
import type { Duration } from './policy/types.js';

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(m|min|minutes?|h|hours?|d|days?|w|weeks?|business[ -]days?|bd)$/i;

/**
 * Parses `48h`, `7d`, `2w`, `90 days`, `3 business days`. Returns undefined when the text is not a duration;
 * callers turn that into a ConfigurationError naming their input.
 */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  if (unit.startsWith('b')) return Number.isInteger(amount) ? { amount, unit: 'business-days' } : undefined;
  if (unit.startsWith('w')) return { amount: amount * 7, unit: 'days' };
  if (unit.startsWith('d')) return { amount, unit: 'days' };
  if (unit.startsWith('h')) return { amount, unit: 'hours' };
  return { amount, unit: 'minutes' };
}

export const DURATION_FORMS = '`30m`, `48h`, `7d`, `2w`, `90 days` or `3 business days`';

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
