import { PartialFailureError, PermissionError } from '../../domain/errors.js';
import { isFinished, planForkCleanup, type CleanupPlan, type ForkDeletion, type ForkOwner } from '../../domain/fork.js';
import type { GitHubClient } from '../../github/client.js';
import { PERMISSIONS } from '../../github/errors.js';
import { deleteRepository, getRepository, type PrivacyLog } from '../../github/repos.js';
import { splitFullName } from '../../github/types.js';
import { tokenHolder } from '../../github/users.js';
import { inOrder } from '../common/concurrency.js';
import type { RunnerIO, RunnerLog } from '../common/runner.js';
import { loadPrivateTracker, type TrackedReport } from '../common/tracker.js';
import type { CleanupConfig } from './config.js';
import type { ForkRun } from './context.js';
import type { CleanupOutcome, CleanupRow } from './outcome.js';
import { keptRows, setCleanupOutputs, writeCleanupSummary } from './report.js';
import { listScope } from './scope.js';
import { recordForkDeleted } from './tracker-update.js';

type Tracked = ReadonlyMap<string, TrackedReport>;

interface Vetted {
  readonly deletable: ForkDeletion[];
  /** Already gone: only the tracker is left to update. */
  readonly gone: ForkDeletion[];
  readonly rows: CleanupRow[];
}

export async function runCleanup(config: CleanupConfig, run: ForkRun): Promise<void> {
  const { io, now } = run;
  const client = await run.openClient(config.token);
  const [tracked, listing] = await inOrder(loadTracker(client, config, io), listScope(client, io, config.scope));
  const plan = planForkCleanup(listing.advisories);
  const gone = forksGoneUnrecorded(listing.advisories, tracked);
  const holder = plan.toDelete.length > 0 ? await tokenHolder(client) : undefined;
  if (holder?.kind === 'integration') {
    return leaveToAPerson(client, config, run, { plan, gone, tracked, blindSpots: listing.blindSpots });
  }
  const vetted = await vet(client, io, plan.toDelete);
  const rows = [...keptRows(plan.kept), ...vetted.rows, ...gone.map(goneRow)];
  if (config.dryRun) {
    for (const item of vetted.deletable) io.info(`Would delete ${item.fork} (${item.ghsaId} is ${item.state}).`);
    const pending = vetted.deletable.map((item) => item.fork);
    const wouldDelete = vetted.deletable.map((item) => row(item, 'would delete'));
    return report(io, {
      dryRun: true,
      deleted: [],
      pending,
      forAPerson: [],
      blindSpots: listing.blindSpots,
      rows: [...rows, ...wouldDelete],
    });
  }
  const deletion = await deleteForks(client, io, vetted.deletable);
  await recordInTracker(client, config, tracked, [...deletion.deleted, ...vetted.gone, ...gone], now, io);
  const outcome: CleanupOutcome = {
    dryRun: false,
    deleted: deletion.deleted.map((item) => item.fork),
    pending: deletion.refused.map((item) => item.fork),
    forAPerson: [],
    blindSpots: listing.blindSpots,
    rows: [...rows, ...deletion.rows],
  };
  await report(io, outcome);
  if (deletion.refused.length > 0) throw missingAdministration(deletion.refused);
  if (deletion.failures.length > 0) throw new PartialFailureError(deletion.failures);
}

/** A fork the tracker lists and the advisory no longer does: GitHub deleted it at publication, or a person did. */
const goneRow = (item: ForkDeletion): CleanupRow =>
  row(
    item,
    item.state === 'published'
      ? 'already gone: GitHub deleted it when the advisory was published'
      : 'already gone: deleted by hand',
  );

interface Sweep {
  readonly plan: CleanupPlan;
  /** Forks the tracker still lists that GitHub (or a person) has deleted. */
  readonly gone: readonly ForkDeletion[];
  readonly tracked: Tracked;
  readonly blindSpots: readonly string[];
}

/**
 * An integration (an App installation token, GITHUB_TOKEN) cannot reach a temporary private fork at all, so it cannot
 * delete one either: the forks GitHub leaves (closed and withdrawn advisories) are listed, with their links, for a
 * person to delete. No request goes to a fork; only what GitHub deleted itself is recorded in the tracker.
 */
async function leaveToAPerson(client: GitHubClient, config: CleanupConfig, run: ForkRun, sweep: Sweep): Promise<void> {
  const { io } = run;
  const forks = sweep.plan.toDelete;
  io.warning(
    `${forks.length} temporary private fork(s) of finished advisories are left for a person to delete: ` +
      `${forks.map((item) => item.fork).join(', ')}. GitHub keeps integrations (this token) out of temporary ` +
      'private forks; the job summary links each one.',
  );
  if (!config.dryRun) await recordInTracker(client, config, sweep.tracked, sweep.gone, run.now, io);
  await report(io, {
    dryRun: config.dryRun,
    deleted: [],
    pending: forks.map((item) => item.fork),
    forAPerson: forks,
    blindSpots: sweep.blindSpots,
    rows: [
      ...keptRows(sweep.plan.kept),
      ...sweep.gone.map(goneRow),
      ...forks.map((item) => row(item, 'for a person to delete: integrations cannot reach it')),
    ],
  });
}

async function loadTracker(client: GitHubClient, config: CleanupConfig, log: PrivacyLog): Promise<Tracked> {
  if (!config.tracker) return new Map();
  return loadPrivateTracker(client, config.tracker, 'tracker', log);
}

const row = (item: ForkDeletion, action: string): CleanupRow => ({ ...item, action });

/**
 * Looks at each fork before anything is deleted (a person's token can see it): one already gone needs only the
 * tracker updated, and a public repository is never a temporary private fork, whatever the advisory says.
 */
async function vet(client: GitHubClient, log: RunnerLog, planned: readonly ForkDeletion[]): Promise<Vetted> {
  const vetted: Vetted = { deletable: [], gone: [], rows: [] };
  for (const item of planned) {
    const repository = await getRepository(client, splitFullName(item.fork));
    if (!repository) {
      vetted.gone.push(item);
      vetted.rows.push(row(item, 'already gone'));
    } else if (!repository.private) {
      log.warning(`${item.fork} is public, so it is not a temporary private fork: left alone.`);
      vetted.rows.push(row(item, 'kept: public repository, never deleted'));
    } else vetted.deletable.push(item);
  }
  return vetted;
}

/**
 * Finished advisories without a fork whose tracking issue still lists one: GitHub deleted it when the advisory was
 * published, or a person deleted it by hand.
 */
function forksGoneUnrecorded(advisories: readonly ForkOwner[], tracked: Tracked): ForkDeletion[] {
  return advisories.flatMap((advisory) => {
    const state = tracked.get(advisory.ghsaId)?.state;
    if (advisory.privateFork || !state?.fork || state.forkDeletedAt || !isFinished(advisory.state)) return [];
    return [
      { ghsaId: advisory.ghsaId, repository: advisory.repository, state: advisory.state, fork: state.fork.fullName },
    ];
  });
}

interface DeletionRun {
  readonly deleted: ForkDeletion[];
  /** Not deleted for want of the Administration permission. */
  readonly refused: ForkDeletion[];
  readonly failures: { item: string; message: string }[];
  readonly rows: CleanupRow[];
}

/** Deletes each fork; the first refusal for want of permission stops the run (the others would be refused too). */
async function deleteForks(
  client: GitHubClient,
  log: RunnerLog,
  deletable: readonly ForkDeletion[],
): Promise<DeletionRun> {
  const run: DeletionRun = { deleted: [], refused: [], failures: [], rows: [] };
  for (const [index, item] of deletable.entries()) {
    try {
      await deleteRepository(client, splitFullName(item.fork));
      log.info(`Deleted ${item.fork} (${item.ghsaId} is ${item.state}).`);
      run.deleted.push(item);
      run.rows.push(row(item, 'deleted'));
    } catch (error) {
      if (error instanceof PermissionError) {
        run.refused.push(...deletable.slice(index));
        run.rows.push(
          ...deletable.slice(index).map((rest) => row(rest, `not deleted: needs "${PERMISSIONS.administration}"`)),
        );
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      run.failures.push({ item: item.fork, message });
      run.rows.push(row(item, 'failed'));
    }
  }
  return run;
}

async function recordInTracker(
  client: GitHubClient,
  config: CleanupConfig,
  tracked: Tracked,
  removed: readonly ForkDeletion[],
  now: Date,
  log: RunnerLog,
): Promise<void> {
  if (!config.tracker) return;
  for (const item of removed) {
    const report = tracked.get(item.ghsaId);
    if (!report) continue;
    await recordForkDeleted(client, config.tracker, report, config.policy, item.fork, item.state, now, log);
  }
}

function missingAdministration(refused: readonly ForkDeletion[]): PermissionError {
  const list = refused.map((item) => `${item.fork} (${item.ghsaId}, ${item.state})`).join(', ');
  return new PermissionError(
    `${refused.length} temporary private fork(s) of closed or withdrawn advisories could not be deleted: ${list}. ` +
      `Deleting a repository needs the "${PERMISSIONS.administration}" permission on it: grant it to the GitHub App ` +
      "or fine-grained PAT used as `token`, or delete these forks by hand (each fork's Settings, Danger zone).",
  );
}

async function report(io: RunnerIO, outcome: CleanupOutcome): Promise<void> {
  setCleanupOutputs(io, outcome);
  await writeCleanupSummary(io.summary, outcome);
}
