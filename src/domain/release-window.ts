/**
 * The release window: when a fix may be released (SPEC 11: 16:00 UTC on a weekday that is not Friday).
 * Pure arithmetic on UTC days; the caller passes the clock.
 */
import type { ReleaseWindowPolicy } from './policy/types.js';

export type { ClosedExplanation, ClosedReason, Slot } from './release-window/types.js';
export { formatTimeOfDay, parseTimeOfDay, parseWeekdays } from './release-window/parse.js';
export { currentSlot, firstSlotOnOrAfter, isOpen, nextSlot, slots } from './release-window/slots.js';
export { explainClosed } from './release-window/explain.js';
export { DEFAULT_DISPLAY_ZONES, slotInZones, type ZonedSlotStart } from './release-window/zones.js';

/** SPEC 11 / Stacklok: 16:00 UTC for an hour, Monday to Thursday. */
export const DEFAULT_RELEASE_WINDOW: ReleaseWindowPolicy = {
  time: '16:00',
  durationMinutes: 60,
  weekdays: [1, 2, 3, 4],
  holidays: [],
  freezes: [],
};
