/**
 * The triage a run was asked for, from the inputs or from a `/triage` command. Loaded by main.ts only when there is
 * one: the CVSS calculator, the template engine and octokit come with it.
 */
import { fullName } from '../../github/types.js';
import type { ActionDependencies } from '../common/runner.js';
import { loadPrivateTracker } from '../common/tracker.js';
import { runCommand } from './command.js';
import type { CommandMode, InputsMode, TriageConfig } from './config.js';
import { logTriage, setTriageOutputs, writeTriageSummary } from './report.js';
import { runTriage, type TriageContext, type TriageResult } from './run.js';

async function triageFromInputs(context: TriageContext, config: TriageConfig, mode: InputsMode): Promise<TriageResult> {
  const { client, log } = context;
  const { tracker } = config;
  let report;
  if (tracker) {
    report = (await loadPrivateTracker(client, tracker, 'tracker', log)).get(mode.ghsaId);
    if (!report) {
      log.warning(
        `No tracking issue for ${mode.ghsaId} in ${fullName(tracker)} (run ack-report first): the tracker is not updated.`,
      );
    }
  }
  return runTriage(context, { repository: mode.repository, ghsaId: mode.ghsaId, tracker, report }, mode.request);
}

export async function triageAsAsked(
  deps: Pick<ActionDependencies, 'io' | 'openClient'>,
  config: TriageConfig,
  mode: InputsMode | CommandMode,
  now: Date,
): Promise<void> {
  const { io } = deps;
  const client = await deps.openClient(config.token);
  const context: TriageContext = {
    client,
    log: io,
    policy: config.policy,
    now,
    rejectionTemplate: config.rejectionTemplate,
  };
  const result =
    mode.kind === 'chatops' ? await runCommand(context, mode) : await triageFromInputs(context, config, mode);
  if (!result) return;
  setTriageOutputs(io, result);
  logTriage(io, result);
  await writeTriageSummary(io.summary, result);
}
