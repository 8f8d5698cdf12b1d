import { afterEach, beforeEach, expect } from '@jest/globals';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.js';
import { expectNoLeaks, SENTINELS } from './leaks.js';
import { runInProcess } from './in-process.js';
import { runAction, type RunOptions, type RunResult } from './run-action.js';

export interface WatchedEmulator {
  /** This test's emulator (a fresh one per test). */
  readonly emulator: Emulator;
  /** Every run this test made through `run`, for the leak check. */
  readonly results: RunResult[];
  /** Runs the action in this process against this test's emulator and keeps its result for the leak check. */
  run(action: string, options?: Omit<RunOptions, 'emulator'>): Promise<RunResult>;
  /** The same through the built bundle in a child process, for what only a real process shows. */
  runBundle(action: string, options?: Omit<RunOptions, 'emulator'>): Promise<RunResult>;
}

/**
 * One emulator per test, watched: after each test no embargoed sentinel may have reached any run's output or any
 * public surface of the emulator, and every request and response must have matched GitHub's schemas.
 * Call it at the top of a test file; it registers its own beforeEach/afterEach.
 */
export function watchedEmulator(options: () => EmulatorOptions = () => ({})): WatchedEmulator {
  let current: Emulator | undefined;
  const results: RunResult[] = [];
  beforeEach(async () => {
    current = await startEmulator(options());
    results.length = 0;
  });
  afterEach(async () => {
    const emulator = current;
    current = undefined;
    if (!emulator) return;
    try {
      expectNoLeaks({ results, state: emulator.state, sentinels: Object.values(SENTINELS) });
      expect(emulator.contractViolations).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
  const live = (): Emulator => {
    if (!current) throw new Error('the watched emulator only exists inside a test');
    return current;
  };
  return {
    get emulator() {
      return live();
    },
    results,
    async run(action, runOptions = {}) {
      const result = await runInProcess(action, { ...runOptions, emulator: live() });
      results.push(result);
      return result;
    },
    async runBundle(action, runOptions = {}) {
      const result = await runAction(action, { ...runOptions, emulator: live() });
      results.push(result);
      return result;
    },
  };
}
