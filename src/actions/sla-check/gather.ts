/**
 * Everything a sweep reads, in as few requests as it can: the open advisories (triage and draft: one org-level list
 * request per 100, or each repository's list when the org list is refused), the tracker's issues, open and closed
 * (one request per 100; the closed ones are the finished reports the process metrics measure), the dashboard, and
 * single GETs only for the few tracked reports that left the open lists and still need a look (to learn they were
 * published or closed, or whether their fork is still there) and for pending retrospectives. Published advisories
 * are never listed. The dashboard carries the tracker label, so it costs nothing.
 */
import { PermissionError } from '../../domain/errors.js';
import { DASHBOARD_MARKER } from '../../domain/dashboard.js';
import type { BlindSpot } from '../../domain/sla.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import { findAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { findByMarker, getIssueUnlessGone, listIssuesWithLabel } from '../../github/issues.js';
import { splitFullName, type Advisory, type Issue, type RepoRef } from '../../github/types.js';
import { inScope, listAdvisoriesInScope, type SweepListing } from '../common/advisory-sweep.js';
import { mapWithConcurrency } from '../common/concurrency.js';
import { isGhsaId } from '../common/inputs.js';
import type { RunnerLog } from '../common/runner.js';
import { TRACKER_LABEL, trackedReportsIn, type TrackedReport } from '../common/tracker.js';
import type { SlaConfig } from './config.js';

export interface SweepData {
  /** Open advisories (triage and draft) in scope. */
  readonly open: readonly Advisory[];
  /** Every tracking issue in the tracker, by report key. */
  readonly tracked: ReadonlyMap<string, TrackedReport>;
  readonly dashboard: Issue | undefined;
  /** Tracked advisories read one by one because they left the open lists. */
  readonly lookedUp: ReadonlyMap<string, Advisory>;
  /** Retrospective issues found closed, with when. */
  readonly retrospectivesClosed: ReadonlyMap<number, string>;
  readonly blindSpots: readonly BlindSpot[];
  readonly fellBack: boolean;
  /** Repositories whose listing failed for a reason other than permissions (after retries). */
  readonly failures: readonly { item: string; message: string }[];
}

/** Whether the tracked report's repository is in the sweep's scope (reports filed by hand always are). */
export function trackedInScope(config: SlaConfig, state: TrackerState): boolean {
  return state.repository === null || inScope(config.scope, state.repository);
}

function forkLive(state: TrackerState): boolean {
  return Boolean(state.fork) && !state.forkDeletedAt;
}

/** Nothing left to learn from GitHub: rejected, closed, or published with the retrospective held and no fork. */
function settledByState(state: TrackerState): boolean {
  if (state.decision === 'reject' || state.closedAt) return true;
  return Boolean(state.publishedAt && state.retrospectiveDoneAt && !forkLive(state));
}

function needsLookup(state: TrackerState): boolean {
  if (!isGhsaId(state.key) || !state.repository || settledByState(state)) return false;
  return !state.publishedAt || forkLive(state);
}

/** The dashboard carries the tracker label too, so the one list of tracking issues finds it as well. */
async function loadTracker(
  client: GitHubClient,
  tracker: RepoRef,
): Promise<{ tracked: Map<string, TrackedReport>; dashboard: Issue | undefined }> {
  const issues = await listIssuesWithLabel(client, tracker, TRACKER_LABEL, 'all');
  return { tracked: trackedReportsIn(issues), dashboard: findByMarker(issues, DASHBOARD_MARKER) };
}

function listingBlindSpots(listing: SweepListing): BlindSpot[] {
  const unreadable = [...listing.notVisible, ...listing.failures.map((failure) => failure.item)];
  return [
    ...unreadable.map((repository) => ({ repository, reason: 'advisories-unreadable' as const })),
    ...listing.partlyVisible.map((repository) => ({ repository, reason: 'published-only' as const })),
  ];
}

interface Lookups {
  readonly advisories: Map<string, Advisory>;
  readonly blindSpots: BlindSpot[];
}

async function lookUpTracked(
  client: GitHubClient,
  config: SlaConfig,
  candidates: readonly TrackerState[],
  unreadable: ReadonlySet<string>,
): Promise<Lookups> {
  const lookups: Lookups = { advisories: new Map(), blindSpots: [] };
  const wanted = candidates.filter((state) => !unreadable.has((state.repository ?? '').toLowerCase()));
  await mapWithConcurrency(wanted, config.concurrency, async (state) => {
    const repository = state.repository ?? '';
    let advisory: Advisory | undefined;
    try {
      advisory = await findAdvisory(client, splitFullName(repository), state.key);
    } catch (error) {
      if (!(error instanceof PermissionError)) throw error;
    }
    if (advisory) lookups.advisories.set(state.key, advisory);
    else lookups.blindSpots.push({ repository, reason: 'tracked-advisory-unreadable' });
  });
  return lookups;
}

/** Retrospective issues (in the tracker) of published reports whose retrospective is not recorded as held. */
async function closedRetrospectives(
  client: GitHubClient,
  config: SlaConfig,
  states: readonly TrackerState[],
): Promise<Map<number, string>> {
  const numbers = [
    ...new Set(
      states
        .filter((state) => state.publishedAt && !state.retrospectiveDoneAt && state.retrospectiveIssue !== undefined)
        .map((state) => state.retrospectiveIssue as number),
    ),
  ];
  const closed = new Map<number, string>();
  await mapWithConcurrency(numbers, config.concurrency, async (number) => {
    const issue = await getIssueUnlessGone(client, config.tracker, number);
    if (issue?.state === 'closed' && issue.closed_at) closed.set(number, issue.closed_at);
  });
  return closed;
}

export async function gather(
  client: GitHubClient,
  config: SlaConfig,
  log: Pick<RunnerLog, 'info' | 'warning'>,
): Promise<SweepData> {
  const [listing, tracker] = await Promise.all([
    listAdvisoriesInScope(client, log, config.scope, ['triage', 'draft'], config.concurrency),
    loadTracker(client, config.tracker),
  ]);
  const open = listing.advisories.map((scoped) => scoped.advisory);
  const openKeys = new Set(open.map((advisory) => advisory.ghsa_id));
  const trackedStates = [...tracker.tracked.values()]
    .map((report) => report.state)
    .filter((state) => trackedInScope(config, state));
  const unreadable = new Set(
    [...listing.notVisible, ...listing.failures.map((f) => f.item)].map((r) => r.toLowerCase()),
  );
  const candidates = trackedStates.filter((state) => !openKeys.has(state.key) && needsLookup(state));
  const [lookups, retrospectivesClosed] = await Promise.all([
    lookUpTracked(client, config, candidates, unreadable),
    closedRetrospectives(client, config, trackedStates),
  ]);
  if (candidates.length > 0) log.info(`Read ${candidates.length} tracked advisory(ies) that left the open lists.`);
  return {
    open,
    tracked: tracker.tracked,
    dashboard: tracker.dashboard,
    lookedUp: lookups.advisories,
    retrospectivesClosed,
    blindSpots: [...listingBlindSpots(listing), ...lookups.blindSpots],
    fellBack: listing.fellBack,
    failures: listing.failures,
  };
}
