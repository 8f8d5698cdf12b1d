import * as core from '@actions/core';
import { readNow } from '../common/clock.js';
import { readConfig } from './config.js';

export async function main(): Promise<void> {
  const config = await readConfig();
  const now = readNow();
  const { mode } = config;
  if (mode.kind === 'ignore') {
    core.info(`Nothing to do: ${mode.why}.`);
    return;
  }
  const { triageAsAsked } = await import('./triage.js');
  await triageAsAsked(config, mode, now);
}
