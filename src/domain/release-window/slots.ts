import type { ReleaseWindowPolicy } from '../policy/types.js';
import {
  type CompiledWindow,
  DateClass,
  closingMs,
  compileWindow,
  dayClosure,
  epochDayOf,
  millisecondsOf,
  openingMs,
} from './calendar.js';
import { weekdayShortName } from './parse.js';
import type { Slot } from './types.js';

/** How far ahead the search looks before concluding that the policy never opens a window. */
const SEARCH_YEARS = 3;
const SEARCH_DAYS = SEARCH_YEARS * 366;

function slotOfDay(window: CompiledWindow, day: number): Slot {
  return { start: new DateClass(openingMs(window, day)), end: new DateClass(closingMs(window, day)) };
}

/** The window open at `ms`: with at most a day's duration only today's or yesterday's opening can cover it. */
function currentSlotAt(window: CompiledWindow, ms: number): Slot | undefined {
  const today = epochDayOf(ms);
  for (let day = today; day >= today - 1; day -= 1) {
    if (openingMs(window, day) <= ms && ms < closingMs(window, day) && dayClosure(window, day) === undefined) {
      return slotOfDay(window, day);
    }
  }
  return undefined;
}

function noSlotError(window: CompiledWindow, fromMs: number): RangeError {
  const weekdays = window.policy.weekdays.map(weekdayShortName).join(', ') || 'none';
  return new RangeError(
    `no release window opens in the ${SEARCH_YEARS} years after ${new Date(fromMs).toISOString()}: ` +
      `check the weekdays (${weekdays}), holidays and freezes of the release window policy`,
  );
}

/** The first opening at or after `fromMs`, one step per day. */
function firstOpeningFrom(window: CompiledWindow, fromMs: number): Slot {
  const firstDay = epochDayOf(fromMs);
  for (let day = firstDay; day <= firstDay + SEARCH_DAYS; day += 1) {
    if (openingMs(window, day) >= fromMs && dayClosure(window, day) === undefined) return slotOfDay(window, day);
  }
  throw noSlotError(window, fromMs);
}

export function isOpen(policy: ReleaseWindowPolicy, now: Date): boolean {
  return currentSlotAt(compileWindow(policy), millisecondsOf(now, 'now')) !== undefined;
}

/** The slot open at `now`, if any. */
export function currentSlot(policy: ReleaseWindowPolicy, now: Date): Slot | undefined {
  return currentSlotAt(compileWindow(policy), millisecondsOf(now, 'now'));
}

/**
 * The slot open at `now` if there is one (its start is then at or before `now`), otherwise the next one.
 * Throws a RangeError when no window opens within three years (no weekdays, or everything frozen).
 */
export function nextSlot(policy: ReleaseWindowPolicy, now: Date): Slot {
  const window = compileWindow(policy);
  const ms = millisecondsOf(now, 'now');
  return currentSlotAt(window, ms) ?? firstOpeningFrom(window, ms);
}

/** The first slot that starts at or after `date`, skipping the one open at `date` if it started earlier. */
export function firstSlotOnOrAfter(policy: ReleaseWindowPolicy, date: Date): Slot {
  return firstOpeningFrom(compileWindow(policy), millisecondsOf(date, 'the earliest start'));
}

/** The next `count` slots, the first being `nextSlot(from)`. */
export function slots(policy: ReleaseWindowPolicy, from: Date, count: number): Slot[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`invalid slot count ${count}: expected a whole number`);
  const window = compileWindow(policy);
  const found: Slot[] = [];
  let cursor = millisecondsOf(from, 'from');
  while (found.length < count) {
    const slot = found.length === 0 ? nextSlot(policy, from) : firstOpeningFrom(window, cursor);
    found.push(slot);
    cursor = slot.start.getTime() + 1;
  }
  return found;
}
