import type { IsoWeekday, ReleaseWindowPolicy } from '../policy/types.js';
import {
  MINUTE_MS,
  closingMs,
  compileWindow,
  dateKeyOfEpochDay,
  dayClosure,
  epochDayOf,
  freezeContaining,
  isoWeekdayOfEpochDay,
  millisecondsOf,
  openingMs,
} from './calendar.js';
import { formatTimeOfDay, weekdayName, weekdayShortName } from './parse.js';
import { currentSlot } from './slots.js';
import type { ClosedExplanation } from './types.js';

function allowedWeekdays(weekdays: readonly IsoWeekday[]): string {
  const names = [...new Set(weekdays)].sort((a, b) => a - b).map(weekdayShortName);
  return names.length === 0 ? 'none' : names.join(', ');
}

function utcTime(ms: number): string {
  return `${formatTimeOfDay(Math.floor(ms / MINUTE_MS))} UTC`;
}

/**
 * Why the window is closed at `now`, judged by the opening of `now`'s UTC day; undefined when it is open.
 * (A midnight-crossing window still open from yesterday counts as open, so it never reaches here.)
 */
export function explainClosed(policy: ReleaseWindowPolicy, now: Date): ClosedExplanation | undefined {
  if (currentSlot(policy, now)) return undefined;
  const window = compileWindow(policy);
  const ms = millisecondsOf(now, 'now');
  const day = epochDayOf(ms);
  const dateKey = dateKeyOfEpochDay(day);
  switch (dayClosure(window, day)) {
    case 'weekday': {
      const name = weekdayName(isoWeekdayOfEpochDay(day));
      return {
        reason: 'weekday',
        message: `${name} is not a release day (allowed: ${allowedWeekdays(policy.weekdays)})`,
      };
    }
    case 'holiday':
      return { reason: 'holiday', message: `${dateKey} is a holiday` };
    case 'freeze': {
      const range = freezeContaining(window, day)?.range;
      return { reason: 'freeze', message: `${dateKey} is inside the freeze ${range?.start}..${range?.end}` };
    }
    case undefined:
      if (ms < openingMs(window, day)) {
        return { reason: 'too-early', message: `the window opens at ${utcTime(openingMs(window, day))}` };
      }
      return { reason: 'too-late', message: `the window closed at ${utcTime(closingMs(window, day))}` };
  }
}
