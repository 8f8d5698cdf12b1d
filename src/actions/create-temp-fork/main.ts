import { readNow } from '../common/clock.js';
import { runCleanup } from './cleanup.js';
import { readConfig } from './config.js';
import { runCreate } from './create.js';

/** `create` (default): the advisory's temporary private fork, ready and linked; `cleanup`: delete finished ones. */
export async function main(): Promise<void> {
  const config = readConfig();
  const now = readNow();
  return config.mode === 'cleanup' ? runCleanup(config, now) : runCreate(config, now);
}
