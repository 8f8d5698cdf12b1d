import { dryRun } from '../common/dry-run.js';
import type { ActionDependencies } from '../common/runner.js';
import { readConfig } from './config.js';
import { setIntakeOutputs } from './report.js';

/**
 * SPEC 11 step 1: every new report acknowledged within the policy's window. Inputs, templates, the tracker's
 * privacy and every report are checked and read before the first write; one report failing does not stop the rest,
 * and the run fails at the end listing what was not done.
 */
export async function main(actionDeps: ActionDependencies): Promise<void> {
  // dry-run: the same intake, with writes recorded instead of made (common/dry-run.ts).
  const dry = dryRun(actionDeps, 'ack-report');
  const deps = dry?.deps ?? actionDeps;
  const read = await readConfig(deps);
  const config = dry ? { ...read, webhook: dry.chat(read.webhook) } : read;
  if (config.mode.kind === 'ignore') {
    deps.io.info(`Nothing to do: ${config.mode.why}.`);
    setIntakeOutputs(deps.io, { outcomes: [], gathered: { notVisible: [], failures: [], fellBack: false } });
    await dry?.report();
    return;
  }
  // The intake's modules load once the inputs are read, so a run that stops at them starts as fast as it can.
  const { takeIn } = await import('./intake.js');
  await takeIn(deps, config, dry);
}
