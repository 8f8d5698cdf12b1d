import * as core from '@actions/core';
import { PartialFailureError } from '../../domain/errors.js';
import type { GitHubClient } from '../../github/client.js';
import { openClient } from '../../github/connect.js';
import { readNow } from '../common/clock.js';
import { loadPrivateTracker, type TrackedReport } from '../common/tracker.js';
import { newRunId } from './claim.js';
import { readConfig, type AckConfig } from './config.js';
import { repositoryPrivacyCache, type Candidate, type Outcome } from './context.js';
import { failuresOf, logIntake, setIntakeOutputs, writeIntakeSummary, type RunReport } from './report.js';
import { gatherCandidates } from './sources.js';

/**
 * SPEC 11 step 1: every new report acknowledged within the policy's window. Inputs, templates, the tracker's
 * privacy and every report are checked and read before the first write; one report failing does not stop the rest,
 * and the run fails at the end listing what was not done.
 */
export async function main(): Promise<void> {
  const config = await readConfig();
  const now = readNow();
  if (config.mode.kind === 'ignore') {
    core.info(`Nothing to do: ${config.mode.why}.`);
    setIntakeOutputs({ outcomes: [], gathered: { notVisible: [], failures: [], fellBack: false } });
    return;
  }
  const client = await openClient(config.token);
  const tracked = loadPrivateTracker(client, config.tracker);
  const gathered = await gatherCandidates(client, config, tracked);
  const outcomes =
    gathered.candidates.length > 0 ? await acknowledge(client, config, now, gathered.candidates, await tracked) : [];
  const report: RunReport = { outcomes, gathered };
  setIntakeOutputs(report);
  logIntake(report);
  await writeIntakeSummary(report);
  const failures = failuresOf(report);
  if (failures.length > 0) throw new PartialFailureError(failures);
}

/** The writing half, with the template engine, is loaded only when there is a report to acknowledge. */
async function acknowledge(
  client: GitHubClient,
  config: AckConfig,
  now: Date,
  candidates: readonly Candidate[],
  tracked: ReadonlyMap<string, TrackedReport>,
): Promise<Outcome[]> {
  const { acknowledgeAll } = await import('./acknowledge.js');
  const context = { client, config, now, runId: newRunId(), isPrivate: repositoryPrivacyCache(client) };
  return acknowledgeAll(context, candidates, tracked);
}
