import * as core from '@actions/core';
import { PartialFailureError } from '../../domain/errors.js';
import { clientOptionsFromEnv, createClient } from '../../github/client.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { readNow } from '../common/clock.js';
import { loadTrackedReports } from '../common/tracker.js';
import { acknowledgeAll } from './acknowledge.js';
import { newRunId } from './claim.js';
import { readConfig } from './config.js';
import { repositoryPrivacyCache } from './context.js';
import { failuresOf, logIntake, setIntakeOutputs, writeIntakeSummary, type RunReport } from './report.js';
import { gatherCandidates } from './sources.js';

/**
 * SPEC 11 step 1: every new report acknowledged within the policy's window. Inputs, templates, the tracker's
 * privacy and every report are checked and read before the first write; one report failing does not stop the rest,
 * and the run fails at the end listing what was not done.
 */
export async function main(): Promise<void> {
  const config = readConfig();
  const now = readNow();
  if (config.mode.kind === 'ignore') {
    core.info(`Nothing to do: ${config.mode.why}.`);
    setIntakeOutputs({ outcomes: [], gathered: { notVisible: [], failures: [], fellBack: false } });
    return;
  }
  const client = createClient(clientOptionsFromEnv(config.token));
  await requirePrivateTracker(client, config.tracker, 'tracker');
  const tracked = await loadTrackedReports(client, config.tracker);
  const gathered = await gatherCandidates(client, config, tracked);
  const context = { client, config, now, runId: newRunId(), isPrivate: repositoryPrivacyCache(client) };
  const outcomes = await acknowledgeAll(context, gathered.candidates, tracked);
  const report: RunReport = { outcomes, gathered };
  setIntakeOutputs(report);
  logIntake(report);
  await writeIntakeSummary(report);
  const failures = failuresOf(report);
  if (failures.length > 0) throw new PartialFailureError(failures);
}
