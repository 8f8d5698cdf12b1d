/**
 * Where the reports of a run come from: one advisory (inputs or an App's repository_dispatch), one issue filed in
 * the tracker, or a sweep of the scope. A sweep also picks up what an earlier run left unfinished and the issues
 * filed by hand whose `issues` event was missed, so no report waits unanswered.
 */
import { ConfigurationError, PermissionError } from '../../domain/errors.js';
import { issueReportKey, isTakenIn } from '../../domain/intake.js';
import { readTrackerState } from '../../domain/tracker-state.js';
import type { AdvisoryState } from '../../github/types.js';
import { findAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { PERMISSIONS } from '../../github/errors.js';
import { getIssue, listIssuesWithLabel } from '../../github/issues.js';
import { fullName, splitFullName, type Issue, type RepoRef } from '../../github/types.js';
import { DEFAULT_LIST_CONCURRENCY, inScope, listAdvisoriesInScope, type SweepScope } from '../common/advisory-sweep.js';
import { inOrder, mapWithConcurrency } from '../common/concurrency.js';
import { isGhsaId } from '../common/inputs.js';
import type { RunnerLog } from '../common/runner.js';
import type { TrackedReport } from '../common/tracker.js';
import type { AckConfig } from './config.js';
import type { AdvisoryMode, IntakeMode, SweepMode } from './modes.js';
import type { AdvisoryCandidate, Candidate, IssueCandidate } from './context.js';

export interface Gathered {
  readonly candidates: Candidate[];
  /** Repositories, or reports (`GHSA-… in owner/repo`), the token cannot see. */
  readonly notVisible: string[];
  readonly failures: { item: string; message: string }[];
  /** The organization-level list was refused: each repository was listed instead. */
  readonly fellBack: boolean;
}

type Tracked = ReadonlyMap<string, TrackedReport>;

function notVisibleError(mode: AdvisoryMode): Error {
  const where = fullName(mode.repository);
  const advice = `if it exists, the token needs "${PERMISSIONS.advisoriesRead}" on ${where}`;
  if (mode.origin === 'inputs') {
    return new ConfigurationError(
      `Input "ghsa-id" is "${mode.ghsaId}", but no such advisory is visible in ${where} (GitHub answered 404): it accepts the id of an advisory of "repository"; ${advice}.`,
      'ghsa-id',
    );
  }
  return new PermissionError(
    `The relayed advisory ${mode.ghsaId} in ${where} is not visible to the token (GitHub answered 404): ${advice}.`,
  );
}

async function gatherAdvisory(client: GitHubClient, mode: AdvisoryMode): Promise<Gathered> {
  const advisory = await findAdvisory(client, mode.repository, mode.ghsaId);
  if (!advisory) throw notVisibleError(mode);
  const candidate: AdvisoryCandidate = {
    kind: 'advisory',
    key: advisory.ghsa_id,
    advisory,
    repository: mode.repository,
  };
  return { candidates: [candidate], notVisible: [], failures: [], fellBack: false };
}

/**
 * An issue that already tracks another report (someone put the intake label on it, or copied a tracking issue's
 * body) is not a new report: it is left alone, with a warning naming both, never silently.
 */
function issueCandidate(issue: Issue, log: Pick<RunnerLog, 'warning'>): IssueCandidate | undefined {
  const key = issueReportKey(issue.number);
  const state = readTrackerState(issue.body);
  const recorded = state?.key;
  if (recorded === undefined || recorded === key) return { kind: 'issue', key, issue };
  // Filed by hand, then accepted: the issue is now its advisory's tracking issue.
  if (state?.filedAs === key) return undefined;
  log.warning(
    `Issue #${issue.number} (${key}) carries the state block of another report, ${recorded}: it is not taken in as a new report. If it is ${recorded}'s tracking issue, remove the intake label from it; if it is a new report, file it again without the copied state block.`,
  );
  return undefined;
}

async function gatherIssue(
  client: GitHubClient,
  log: Pick<RunnerLog, 'warning'>,
  tracker: RepoRef,
  issueNumber: number,
): Promise<Gathered> {
  const candidate = issueCandidate(await getIssue(client, tracker, issueNumber), log);
  return { candidates: candidate ? [candidate] : [], notVisible: [], failures: [], fellBack: false };
}

interface Unfinished {
  readonly candidates: AdvisoryCandidate[];
  readonly notVisible: string[];
  readonly failures: { item: string; message: string }[];
}

/** Reports with a tracking issue but no acknowledgement that the sweep's listing did not return (accepted already...). */
async function unfinishedReports(
  client: GitHubClient,
  scope: SweepScope,
  tracked: Tracked,
  listed: ReadonlySet<string>,
): Promise<Unfinished> {
  const unfinished = [...tracked.values()].filter(
    ({ issue, state }) =>
      state.repository !== null &&
      isGhsaId(state.key) &&
      !listed.has(state.key) &&
      !isTakenIn(state) &&
      issue.state === 'open' &&
      inScope(scope, state.repository),
  );
  const found: Unfinished = { candidates: [], notVisible: [], failures: [] };
  await mapWithConcurrency(unfinished, DEFAULT_LIST_CONCURRENCY, async ({ state }) => {
    const repository = splitFullName(state.repository ?? '');
    const where = `${state.key} in ${fullName(repository)}`;
    try {
      const advisory = await findAdvisory(client, repository, state.key);
      if (advisory) found.candidates.push({ kind: 'advisory', key: state.key, advisory, repository });
      else found.notVisible.push(where);
    } catch (error) {
      if (error instanceof PermissionError) found.notVisible.push(where);
      else found.failures.push({ item: where, message: (error as Error).message });
    }
  });
  return found;
}

async function gatherSweep(
  client: GitHubClient,
  log: Pick<RunnerLog, 'warning'>,
  config: AckConfig,
  mode: SweepMode,
  tracked: Promise<Tracked>,
): Promise<Gathered> {
  const states: AdvisoryState[] = config.includeDrafts ? ['triage', 'draft'] : ['triage'];
  const [reports, [listing, filed]] = await inOrder(
    tracked,
    inOrder(
      listAdvisoriesInScope(client, log, mode.scope, states),
      listIssuesWithLabel(client, config.tracker, config.policy.intakeLabel, 'open'),
    ),
  );
  const listed: AdvisoryCandidate[] = listing.advisories.map(({ advisory, repository }) => ({
    kind: 'advisory',
    key: advisory.ghsa_id,
    advisory,
    repository,
  }));
  const unfinished = await unfinishedReports(client, mode.scope, reports, new Set(listed.map((c) => c.key)));
  const issues = filed.map((issue) => issueCandidate(issue, log)).filter((c): c is IssueCandidate => c !== undefined);
  return {
    candidates: [...listed, ...unfinished.candidates, ...issues],
    notVisible: [...listing.notVisible, ...unfinished.notVisible],
    failures: [...listing.failures, ...listing.partlyVisible.map(publishedOnly), ...unfinished.failures],
    fellBack: listing.fellBack,
  };
}

/** A repository where new reports would go unseen: the run fails on it, saying which permission to grant. */
function publishedOnly(repository: string): { item: string; message: string } {
  return {
    item: repository,
    message: `the token sees only its published advisories (it is no admin or security manager of the repository), so a new report there goes unseen: give it "${PERMISSIONS.advisoriesRead}"`,
  };
}

const NOTHING: Gathered = { candidates: [], notVisible: [], failures: [], fellBack: false };

function gatherNamed(
  client: GitHubClient,
  log: Pick<RunnerLog, 'warning'>,
  config: AckConfig,
  mode: Exclude<IntakeMode, SweepMode>,
): Promise<Gathered> {
  if (mode.kind === 'advisory') return gatherAdvisory(client, mode);
  if (mode.kind === 'issue') return gatherIssue(client, log, config.tracker, mode.issueNumber);
  return Promise.resolve(NOTHING);
}

/**
 * Every report of the run, read before anything is written. The reads go out together with the tracker's (its
 * privacy check and its reports, `tracked`), whose failure still comes first.
 */
export async function gatherCandidates(
  client: GitHubClient,
  log: Pick<RunnerLog, 'warning'>,
  config: AckConfig,
  tracked: Promise<Tracked>,
): Promise<Gathered> {
  const { mode } = config;
  if (mode.kind === 'sweep') return gatherSweep(client, log, config, mode, tracked);
  const [, gathered] = await inOrder(tracked, gatherNamed(client, log, config, mode));
  return gathered;
}
