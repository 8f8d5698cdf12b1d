import { runAction, type RunOptions, type RunResult } from './run-action.js';

interface WriteLog {
  resetLog(): void;
  writes(): readonly { method: string; path: string }[];
}

/** Runs the action again (in `run`: the bundle by default, or `runInProcess`) with the same options and returns its result and the writes it made (expected: none). */
export async function runAgain(
  name: string,
  options: RunOptions,
  emulator: WriteLog,
  run: (name: string, options: RunOptions) => Promise<RunResult> = runAction,
): Promise<{ result: RunResult; writes: string[] }> {
  emulator.resetLog();
  const result = await run(name, options);
  return { result, writes: emulator.writes().map((w) => `${w.method} ${w.path}`) };
}
