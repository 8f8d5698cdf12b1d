/** "Now" that moves: the start time (real or DISCLOSURE_NOW) plus the real time elapsed since, for `wait`. */
export interface RunningClock {
  now(): Date;
}

export function runningClock(start: Date): RunningClock {
  const startedAt = performance.now();
  return { now: () => new Date(start.getTime() + (performance.now() - startedAt)) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
