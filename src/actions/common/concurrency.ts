/**
 * Runs `task` over `items` with at most `limit` in flight (a sweep over thousands of repositories must neither go
 * one by one nor open thousands of requests at once). Results keep the order of `items`; a task that throws
 * rejects the whole call, so tasks that may fail alone catch their own errors.
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  return mapWithSlots(items, limit, (item, _pause, index) => task(item, index));
}

/** A wait that holds nothing up: a task of mapWithSlots gives its slot back meanwhile. */
export type Pause = (ms: number) => Promise<void>;

export const sleep: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `limit` slots; a slot given back goes first to a task resuming after a pause, then to a task not started yet. */
class Slots {
  private free: number;
  private readonly resuming: (() => void)[] = [];
  private readonly starting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = Math.max(1, limit);
  }

  take(resume: boolean): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => (resume ? this.resuming : this.starting).push(resolve));
  }

  give(): void {
    const next = this.resuming.shift() ?? this.starting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/**
 * mapWithConcurrency for tasks that also wait on a clock (a write left to settle before it is checked): a task's
 * `pause` gives its slot to another task while it waits, so at most `limit` tasks are making requests at once, and
 * none holds a slot doing nothing. Results keep the order of `items`; a task that throws rejects the whole call.
 */
export async function mapWithSlots<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, pause: Pause, index: number) => Promise<R>,
): Promise<R[]> {
  const slots = new Slots(limit);
  const pause: Pause = async (ms) => {
    slots.give();
    try {
      await sleep(ms);
    } finally {
      await slots.take(true);
    }
  };
  return Promise.all(
    items.map(async (item, index) => {
      await slots.take(false);
      try {
        return await task(item, pause, index);
      } finally {
        slots.give();
      }
    }),
  );
}

/**
 * A read started before its turn, to overlap with others: it is awaited later, in order. If the run stops before
 * that (an earlier read failed), its own failure is not an unhandled rejection.
 */
export function startedEarly<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/**
 * Two reads that were started together, settled in order: when both fail, the first one's error is thrown,
 * whichever failed sooner, so a run fails as it did when the reads went one after the other.
 */
export async function inOrder<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  startedEarly(second);
  const a = await first;
  return [a, await second];
}
