import { runAction, type RunOptions, type RunResult } from './run-action.js';

interface WriteLog {
  resetLog(): void;
  writes(): readonly { method: string; path: string }[];
}

/** Runs the action again with the same options and returns its result and the writes it made (expected: none). */
export async function runAgain(
  name: string,
  options: RunOptions,
  emulator: WriteLog,
): Promise<{ result: RunResult; writes: string[] }> {
  emulator.resetLog();
  const result = await runAction(name, options);
  return { result, writes: emulator.writes().map((w) => `${w.method} ${w.path}`) };
}
