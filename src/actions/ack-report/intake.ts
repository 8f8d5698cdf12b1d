import { PartialFailureError } from '../../domain/errors.js';
import type { GitHubClient } from '../../github/client.js';
import type { DryRun } from '../common/dry-run.js';
import type { ActionDependencies, RunnerLog } from '../common/runner.js';
import { loadPrivateTracker, loadTrackedReports, type TrackedReport } from '../common/tracker.js';
import { newRunId } from './claim.js';
import type { AckConfig } from './config.js';
import { repositoryPrivacyCache, type Candidate, type IntakeContext, type Outcome } from './context.js';
import { failuresOf, logIntake, setIntakeOutputs, writeIntakeSummary, type RunReport } from './report.js';
import { gatherCandidates, type Gathered } from './sources.js';
import type { UpdatesResult } from './updates.js';

/** The intake once the inputs are read: gather the reports, acknowledge the new ones, inform the reporters. */
export async function takeIn(deps: ActionDependencies, config: AckConfig, dry: DryRun | undefined): Promise<void> {
  const { io } = deps;
  const now = deps.now();
  const client = await deps.openClient(config.token);
  const tracked = loadPrivateTracker(client, config.tracker, 'tracker', io);
  const gathered = await gatherCandidates(client, io, config, tracked);
  const context = intakeContext(deps, client, config, now);
  const outcomes = gathered.candidates.length > 0 ? await acknowledge(context, gathered.candidates, await tracked) : [];
  // A sweep also tells reporters what their reports reached; read again after acknowledging, so a report taken in
  // now gets what it owes in this run, not the next one.
  const sweep = config.mode.kind === 'sweep';
  const current =
    sweep && outcomes.some((o) => o.status === 'acknowledged') ? loadTrackedReports(client, config.tracker) : tracked;
  const updates = sweep ? await informReporters(context, await current, gathered) : undefined;
  const draftsLeftOut = config.mode.kind === 'sweep' && !config.includeDrafts;
  const report: RunReport = {
    outcomes,
    gathered: { ...gathered, failures: [...gathered.failures, ...(updates?.failures ?? [])] },
    draftsLeftOut,
    updates: updates?.sent ?? [],
  };
  logDecisions(io, report);
  setIntakeOutputs(io, report);
  logIntake(io, report);
  await writeIntakeSummary(io.summary, report);
  await dry?.report();
  const failures = failuresOf(report);
  if (failures.length > 0) throw new PartialFailureError(failures);
}

function intakeContext(deps: ActionDependencies, client: GitHubClient, config: AckConfig, now: Date): IntakeContext {
  return { client, config, log: deps.io, now, runId: newRunId(deps.env), isPrivate: repositoryPrivacyCache(client) };
}

/** The writing half, with the template engine, is loaded only when there is a report to acknowledge. */
async function acknowledge(
  context: IntakeContext,
  candidates: readonly Candidate[],
  tracked: ReadonlyMap<string, TrackedReport>,
): Promise<Outcome[]> {
  const { acknowledgeAll } = await import('./acknowledge.js');
  return acknowledgeAll(context, candidates, tracked);
}

/** The milestone updates owed to reporters; the module (and the template engine) is loaded only when one is owed. */
async function informReporters(
  context: IntakeContext,
  tracked: ReadonlyMap<string, TrackedReport>,
  gathered: Gathered,
): Promise<UpdatesResult | undefined> {
  const { owedUpdates } = await import('../../domain/reporter-messages.js');
  const cveIds = new Map(
    gathered.candidates.flatMap((c) => (c.kind === 'advisory' ? [[c.key, c.advisory.cve_id ?? null] as const] : [])),
  );
  const owing = [...tracked.values()].some((report) => owedUpdates(report.state, cveIds.get(report.state.key)).length);
  if (!owing) return undefined;
  const updates = await import('./updates.js');
  return updates.informReporters(context, tracked, cveIds);
}

const DECISION: Readonly<Record<Outcome['status'], string>> = {
  acknowledged: 'acted on: not acknowledged yet',
  already: 'skipped: already tracked and acknowledged (or its acknowledgement waits to be sent by hand)',
  'in-progress': 'skipped: another run has it',
  skipped: 'skipped',
  failed: 'acted on, failed',
};

/**
 * Under ACTIONS_STEP_DEBUG, what the run decided for each report and why: ids and reasons only (an outcome's
 * detail is written by this action, never taken from a report).
 */
function logDecisions(io: Pick<RunnerLog, 'debug'>, report: RunReport): void {
  for (const outcome of report.outcomes) {
    const why = outcome.detail && outcome.status !== 'failed' ? ` (${outcome.detail})` : '';
    io.debug(`decision: ${outcome.key}: ${DECISION[outcome.status]}${why}`);
  }
  for (const item of report.gathered.notVisible) {
    io.debug(`decision: ${item}: skipped: out of scope (not visible to the token)`);
  }
}
