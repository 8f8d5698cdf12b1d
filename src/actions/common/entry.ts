import { coreRunner, runnerDependencies } from './core-runner.js';
import { runAction } from './run.js';
import type { ActionMain } from './runner.js';

/** An action's `index.ts`: its main, run with the runner's real collaborators. */
export function runOnRunner(name: string, main: ActionMain): Promise<void> {
  const io = coreRunner();
  return runAction(name, main, io, () => runnerDependencies(io));
}
