/**
 * Runs `task` over `items` with at most `limit` in flight (a sweep over thousands of repositories must neither go
 * one by one nor open thousands of requests at once). Results keep the order of `items`; a task that throws
 * rejects the whole call, so tasks that may fail alone catch their own errors.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await task(items[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
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
