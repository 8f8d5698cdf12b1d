/**
 * "Now" that moves, for `wait`: the start time (`deps.now()`: the real clock, DISCLOSURE_NOW or a test's clock) plus
 * the real time elapsed since.
 */
export interface RunningClock {
  now(): Date;
}

export function runningClock(start: Date): RunningClock {
  const startedAt = performance.now();
  return { now: () => new Date(start.getTime() + (performance.now() - startedAt)) };
}
