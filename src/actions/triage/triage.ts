/**
 * The triage a run was asked for, from the inputs or from a `/triage` command. Loaded by main.ts only when there is
 * one: the CVSS calculator, the template engine and octokit come with it.
 */
import * as core from '@actions/core';
import type { GitHubClient } from '../../github/client.js';
import { openClient } from '../../github/connect.js';
import { fullName } from '../../github/types.js';
import { loadPrivateTracker } from '../common/tracker.js';
import { runCommand } from './command.js';
import type { CommandMode, InputsMode, TriageConfig } from './config.js';
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
    report = (await loadPrivateTracker(client, tracker)).get(mode.ghsaId);
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

export async function triageAsAsked(config: TriageConfig, mode: InputsMode | CommandMode, now: Date): Promise<void> {
  const client = await openClient(config.token);
  const result =
    mode.kind === 'chatops'
      ? await runCommand(client, config, mode, now)
      : await triageFromInputs(client, config, mode, now);
  if (!result) return;
  setTriageOutputs(result);
  logTriage(result);
  await writeTriageSummary(result);
}
