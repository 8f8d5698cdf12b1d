import { dryRun } from '../common/dry-run.js';
import type { ActionDependencies } from '../common/runner.js';
import { readConfig } from './config.js';

export async function main(actionDeps: ActionDependencies): Promise<void> {
  // dry-run: the same triage, with writes recorded instead of made (common/dry-run.ts).
  const dry = dryRun(actionDeps, 'triage');
  const deps = dry?.deps ?? actionDeps;
  const config = await readConfig(deps);
  const now = deps.now();
  const { mode } = config;
  if (mode.kind === 'ignore') {
    deps.io.info(`Nothing to do: ${mode.why}.`);
    deps.io.debug(`triage: skipped (${mode.why}).`);
    await dry?.report();
    return;
  }
  const { triageAsAsked } = await import('./triage.js');
  await triageAsAsked(deps, config, mode, now);
  await dry?.report();
}
