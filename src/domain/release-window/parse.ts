import type { IsoWeekday } from '../policy/types.js';

/** `HH:MM`, 24 h (the policy schema is built from it too). */
export const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an `HH:MM` (24 h) time; throws a RangeError naming the value otherwise. */
export function parseTimeOfDay(text: string): number {
  const match = TIME_OF_DAY.exec(text.trim());
  if (!match) throw new RangeError(`invalid time of day "${text}": expected HH:MM (24 h, UTC) from 00:00 to 23:59`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** `HH:MM` of a number of minutes since midnight (wrapped into one day). */
export function formatTimeOfDay(minutes: number): string {
  const inDay = ((minutes % 1440) + 1440) % 1440;
  const hours = String(Math.floor(inDay / 60)).padStart(2, '0');
  return `${hours}:${String(inDay % 60).padStart(2, '0')}`;
}

/** Indexed by ISO weekday; index 0 unused. */
export const WEEKDAY_NAMES = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export function weekdayName(day: IsoWeekday): string {
  return WEEKDAY_NAMES[day];
}

export function weekdayShortName(day: IsoWeekday): string {
  return WEEKDAY_NAMES[day].slice(0, 3);
}

const ACCEPTED_NAMES = 'mon, tue, wed, thu, fri, sat, sun, their full names (monday ...), 1-7, or a range like Mon-Thu';

function lookupWeekday(name: string, whole: string): IsoWeekday {
  const lower = name.toLowerCase();
  if (/^[1-7]$/.test(lower)) return Number(lower) as IsoWeekday;
  for (let day = 1; day <= 7; day += 1) {
    const full = (WEEKDAY_NAMES[day] ?? '').toLowerCase();
    if (lower === full || lower === full.slice(0, 3)) return day as IsoWeekday;
  }
  throw new RangeError(`unknown weekday "${name}" in "${whole}": accepted names are ${ACCEPTED_NAMES}`);
}

/** Days from `first` to `last` inclusive, wrapping past Sunday (`Fri-Mon` is Fri, Sat, Sun, Mon). */
function weekdayRange(first: IsoWeekday, last: IsoWeekday): IsoWeekday[] {
  const days: IsoWeekday[] = [];
  let day: number = first;
  for (;;) {
    days.push(day as IsoWeekday);
    if (day === last) return days;
    day = (day % 7) + 1;
  }
}

/**
 * Weekdays from `mon,tue,wed,thu`, `Mon-Thu`, `monday, tuesday` or `1-4` (ISO numbers), sorted and
 * without duplicates. Items are separated by commas or blanks; a range may wrap past Sunday.
 */
export function parseWeekdays(text: string): IsoWeekday[] {
  const items = text
    .trim()
    .replace(/\s*-\s*/g, '-')
    .split(/[\s,]+/)
    .filter((item) => item !== '');
  if (items.length === 0) throw new RangeError(`no weekdays in "${text}": accepted names are ${ACCEPTED_NAMES}`);
  const days = new Set<IsoWeekday>();
  for (const item of items) {
    const bounds = item.split('-');
    if (bounds.length > 2)
      throw new RangeError(`invalid weekday range "${item}" in "${text}": use a range like Mon-Thu`);
    const first = lookupWeekday(bounds[0] ?? '', text);
    const last = bounds.length === 2 ? lookupWeekday(bounds[1] ?? '', text) : first;
    for (const day of weekdayRange(first, last)) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}
