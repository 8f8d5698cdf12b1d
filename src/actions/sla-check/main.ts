import type { ActionDependencies } from '../common/runner.js';
import { readConfig } from './config.js';

/**
 * The inputs first: a mistake in them fails the run before the sweep's modules load (they load on demand, so a run
 * that stops at its inputs starts as fast as it can).
 */
export async function main(deps: ActionDependencies): Promise<void> {
  const config = await readConfig(deps.io, deps.env);
  const { sweep } = await import('./sweep.js');
  await sweep(deps, config);
}
