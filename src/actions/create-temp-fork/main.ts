import { readNow } from '../common/clock.js';
import { readConfig } from './config.js';

/** `create` (default): the advisory's temporary private fork, ready and linked; `cleanup`: delete finished ones. */
export async function main(): Promise<void> {
  const config = await readConfig();
  const now = readNow();
  // Each mode's modules load only for that mode.
  if (config.mode === 'cleanup') {
    const { runCleanup } = await import('./cleanup.js');
    return runCleanup(config, now);
  }
  const { runCreate } = await import('./create.js');
  return runCreate(config, now);
}
