import * as core from '@actions/core';
import { createClient, clientOptionsFromEnv, type GitHubClient } from '../../github/client.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { fullName } from '../../github/types.js';
import { readNow } from '../common/clock.js';
import { loadTrackedReports } from '../common/tracker.js';
import { runCommand } from './command.js';
import { readConfig, type InputsMode, type TriageConfig } from './config.js';
import { logTriage, setTriageOutputs, writeTriageSummary } from './report.js';
import { runTriage, type TriageResult } from './run.js';

async function triageFromInputs(
  client: GitHubClient,
  config: TriageConfig,
  mode: InputsMode,
  now: Date,
): Promise<TriageResult> {
  const { tracker } = config;
  let report;
  if (tracker) {
    await requirePrivateTracker(client, tracker, 'tracker');
    report = (await loadTrackedReports(client, tracker)).get(mode.ghsaId);
    if (!report) {
      core.warning(
        `No tracking issue for ${mode.ghsaId} in ${fullName(tracker)} (run ack-report first): the tracker is not updated.`,
      );
    }
  }
  return runTriage(
    { client, policy: config.policy, now, rejectionTemplate: config.rejectionTemplate },
    { repository: mode.repository, ghsaId: mode.ghsaId, tracker, report },
    mode.request,
  );
}

export async function main(): Promise<void> {
  const config = readConfig();
  const now = readNow();
  const { mode } = config;
  if (mode.kind === 'ignore') {
    core.info(`Nothing to do: ${mode.why}.`);
    return;
  }
  const client = createClient(clientOptionsFromEnv(config.token));
  const result =
    mode.kind === 'chatops'
      ? await runCommand(client, config, mode, now)
      : await triageFromInputs(client, config, mode, now);
  if (!result) return;
  setTriageOutputs(result);
  logTriage(result);
  await writeTriageSummary(result);
}
