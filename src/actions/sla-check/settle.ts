/**
 * Settling a create against another sweep running at once: which of the same marked items (an escalation comment, the
 * status comment, the dashboard) is the oldest, so every run keeps the same one. GitHub's listings lag behind its
 * writes, so a listing taken right after a create may not show it, nor an older one another run made just before.
 * A listing that shows this run's own item shows every item created before it: the runs list until theirs appears.
 */
import { sleep, type Pause } from '../common/concurrency.js';

/** Waits between listings while this run's items are not listed yet: about 6 s in all, then the last listing is used. */
export const LISTING_WAITS_MS: readonly number[] = [100, 200, 400, 800, 1600, 3200];

/**
 * A listing that shows every item of `mine` (the ids or numbers this run created), taken as soon as one does; the
 * last listing taken when the wait runs out (the caller then decides as if no older item existed). `pause` waits
 * between listings (a sweep's gives its request slot to another issue meanwhile).
 */
export async function listingShowing<T>(
  list: () => Promise<readonly T[]>,
  idOf: (item: T) => number,
  mine: readonly number[],
  pause: Pause = sleep,
  waits: readonly number[] = LISTING_WAITS_MS,
): Promise<readonly T[]> {
  let listed = await list();
  for (const wait of waits) {
    const ids = new Set(listed.map(idOf));
    if (mine.every((id) => ids.has(id))) return listed;
    await pause(wait);
    listed = await list();
  }
  return listed;
}
