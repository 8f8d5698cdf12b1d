import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Slot } from './types.js';

/** Zones the release summary shows a slot in, west to east. */
export const DEFAULT_DISPLAY_ZONES: readonly string[] = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
];

export interface ZonedSlotStart {
  readonly zone: string;
  /** Like `Tue 2026-11-24 08:00 PST`; zones without a common abbreviation show an offset (`GMT+1`). */
  readonly start: string;
}

function zoneAbbreviation(date: Date, zone: string): string {
  // Intl throws a RangeError naming the zone when it does not exist.
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(date);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** The slot's start as wall-clock time in each zone. */
export function slotInZones(slot: Slot, zones: readonly string[] = DEFAULT_DISPLAY_ZONES): ZonedSlotStart[] {
  return zones.map((zone) => {
    const abbreviation = zoneAbbreviation(slot.start, zone);
    return { zone, start: `${format(slot.start, 'EEE yyyy-MM-dd HH:mm', { in: tz(zone) })} ${abbreviation}` };
  });
}
