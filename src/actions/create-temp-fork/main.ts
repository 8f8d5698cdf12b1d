import type { ActionDependencies } from '../common/runner.js';
import { readConfig } from './config.js';
import type { ForkRun } from './context.js';

/** `create` (default): the advisory's temporary private fork, ready and linked; `cleanup`: delete finished ones. */
export async function main(deps: ActionDependencies): Promise<void> {
  const config = await readConfig(deps);
  const run: ForkRun = { io: deps.io, now: deps.now(), openClient: deps.openClient };
  // Each mode's modules load only for that mode.
  if (config.mode === 'cleanup') {
    const { runCleanup } = await import('./cleanup.js');
    return runCleanup(config, run);
  }
  const { runCreate } = await import('./create.js');
  return runCreate(config, run);
}
