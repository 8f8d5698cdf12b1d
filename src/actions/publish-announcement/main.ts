/**
 * Release day, after the gate: publish the advisories, add the Security section to the release, announce, tell the
 * chat, thank the reporters, and close the loop in the tracker. Each step checks before it writes, so a re-run
 * finishes what a failed run left and repeats nothing.
 */
import { dryRun } from '../common/dry-run.js';
import type { ActionDependencies } from '../common/runner.js';
import { readConfig } from './config.js';

export async function main(actionDeps: ActionDependencies): Promise<void> {
  // dry-run: the same steps, with writes recorded instead of made (common/dry-run.ts).
  const dry = dryRun(actionDeps, 'publish-announcement');
  const deps = dry?.deps ?? actionDeps;
  // A mistake in the inputs fails here, before any output or summary: nothing has happened yet.
  const read = await readConfig(deps.io, deps.env);
  const config = dry ? { ...read, webhook: dry.chat(read.webhook) } : read;
  // The steps' modules load once the inputs are read, so a run that stops at them starts as fast as it can.
  const { publishRelease } = await import('./release.js');
  await publishRelease(deps, config, dry);
}
