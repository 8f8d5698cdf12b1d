/**
 * The release window: when a fix may be released (SPEC 11: 16:00 UTC on a weekday that is not Friday).
 * Pure arithmetic on UTC days; the caller passes the clock. The presets' window is SIXTEEN_UTC_MON_TO_THU
 * (policy/presets.ts).
 */
export type { ClosedExplanation, ClosedReason, Slot } from './release-window/types.js';
export { formatTimeOfDay, parseTimeOfDay, parseWeekdays } from './release-window/parse.js';
export { currentSlot, firstSlotOnOrAfter, isOpen, nextSlot, slots } from './release-window/slots.js';
export { explainClosed } from './release-window/explain.js';
export { DEFAULT_DISPLAY_ZONES, slotInZones, type ZonedSlotStart } from './release-window/zones.js';
