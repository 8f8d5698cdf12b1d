import { performance } from 'node:perf_hooks';
import { renderChecklist } from '../../domain/checklist.js';
import { PRESETS, isPresetName } from '../../domain/policy/presets.js';
import type { Policy } from '../../domain/policy/types.js';
import { lostChanges, lostSections, mergeState } from '../../domain/tracker-merge.js';
import { RECORD_SECTION, renderTrackerRecord } from '../../domain/tracker-record.js';
import {
  readTrackerState,
  replaceSection,
  replaceSectionBefore,
  writeTrackerState,
  type TrackerState,
} from '../../domain/tracker-state.js';
import { TrackerStateVersionError } from '../../domain/tracker-state-migration.js';
import type { GitHubClient } from '../../github/client.js';
import { isAmbiguous } from '../../github/create-once.js';
import {
  getIssue,
  labelNames,
  listIssuesWithLabel,
  updateIssueWithoutRetry,
  type IssueUpdate,
} from '../../github/issues.js';
import { retryBaseMs } from '../../github/retry-base.js';
import { requirePrivateTracker, type PrivacyLog } from '../../github/repos.js';
import type { Issue, RepoRef } from '../../github/types.js';
import { inOrder, sleep, type Pause } from './concurrency.js';
import type { RunnerLog } from './runner.js';

/** Every tracking issue carries this label, so one list call per 100 issues finds them all. */
export const TRACKER_LABEL = 'disclosure-tracker';

export interface TrackedReport {
  readonly issue: Issue;
  readonly state: TrackerState;
}

/** All tracking issues of the tracker by report key (GHSA id or `issue-<n>`); the oldest wins on duplicates. */
export async function loadTrackedReports(client: GitHubClient, tracker: RepoRef): Promise<Map<string, TrackedReport>> {
  return trackedReportsIn(await listIssuesWithLabel(client, tracker, TRACKER_LABEL, 'all'));
}

/**
 * The tracker's reports, listed while the tracker's privacy is checked: a public, internal, missing or invisible
 * tracker still fails the run with that configuration error first, before anything is written. With `log`, the
 * organization's base permission is reported too (requirePrivateTracker).
 */
export async function loadPrivateTracker(
  client: GitHubClient,
  tracker: RepoRef,
  inputName = 'tracker',
  log?: PrivacyLog,
): Promise<Map<string, TrackedReport>> {
  const [, reports] = await inOrder(
    requirePrivateTracker(client, tracker, inputName, log),
    loadTrackedReports(client, tracker),
  );
  return reports;
}

/**
 * The tracking issues among `issues` (those with a state block) by report key; the oldest wins on duplicates.
 * For callers that list the label themselves because they also look for other issues carrying it (the dashboard).
 */
export function trackedReportsIn(issues: readonly Issue[]): Map<string, TrackedReport> {
  const reports = new Map<string, TrackedReport>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const state = stateOfIssue(issue);
    if (state && !reports.has(state.key)) reports.set(state.key, { issue, state });
  }
  return reports;
}

/** The issue's state block; a block of an unknown version fails the run naming the issue, never skips it. */
function stateOfIssue(issue: Issue): TrackerState | undefined {
  try {
    return readTrackerState(issue.body);
  } catch (error) {
    if (!(error instanceof TrackerStateVersionError)) throw error;
    throw new TrackerStateVersionError(error.version, `tracking issue #${issue.number} (${issue.html_url})`);
  }
}

/** The policy a report's deadlines are counted under: the preset it was acknowledged under, else the configured one. */
export function policyForState(configured: Policy, state: TrackerState): Policy {
  if (state.policy === configured.name || !isPresetName(state.policy)) return configured;
  return PRESETS[state.policy];
}

/**
 * The body with the live record and the checklist re-rendered from `state` and the state block replaced: the
 * visible issue always says what the state says. Both depend on the state alone, so an unchanged state gives the
 * same bytes. The checklist follows the policy the report was tracked under (policyForState), whatever the action
 * running now is configured with. The rest of the body (the report, other sections, people's edits) is kept.
 */
export function trackerBody(body: string, configured: Policy, state: TrackerState): string {
  const checklist = renderChecklist(policyForState(configured, state), state);
  const withChecklist = replaceSection(body, 'checklist', checklist);
  const withRecord = replaceSectionBefore(withChecklist, RECORD_SECTION, renderTrackerRecord(state), 'checklist');
  return writeTrackerState(withRecord, state);
}

/** What one run changes in a tracking issue; see updateTracker. */
export interface TrackerUpdate {
  /**
   * The state this run wants. Only what differs from the state it read (`report.state`) is applied, to the state
   * the issue holds just before the write (tracker-merge.ts); the checklist is re-rendered from the result.
   */
  readonly state: TrackerState;
  /** The configured policy (the checklist follows the report's own, see policyForState). */
  readonly policy: Policy;
  /** Sections this run owns, by name: their text, or a function of the merged state giving it. */
  readonly sections?: Readonly<Record<string, string | ((state: TrackerState) => string)>>;
  /** An edit that changes nothing when applied twice (the report marker at the top, say). */
  readonly ensure?: (body: string) => string;
  /** The labels wanted, from the labels the issue has now; undefined when they are already right. */
  readonly labels?: (current: readonly string[]) => string[] | undefined;
  /** Close the issue (when open) with this reason. */
  readonly close?: 'completed' | 'not_planned';
}

export interface SavedReport extends TrackedReport {
  /** Whether anything was written; `body`, `labels`, `closed`: what. */
  readonly written: boolean;
  readonly body: boolean;
  readonly labels: boolean;
  readonly closed: boolean;
}

/** Where updateTracker says that it wrote again, or that a write of its own was too slow to be checked by others. */
export type TrackerLog = Pick<RunnerLog, 'info' | 'warning'>;

/** Rounds of write-then-check before giving up on keeping a change that concurrent writers keep overwriting. */
const ROUNDS = 4;
/**
 * The wait before checking a write: longer than another run's read-to-write span, so that a write made from a read
 * older than this run's write has landed by the check. On github.com the client spaces writes a second apart
 * (octokit's throttling), so a write can wait its turn behind a sweep's other writes for a few seconds: 10 s.
 * With pacing `none` (a local emulator, a GitHub Enterprise Server without secondary limits): 0.3 s.
 */
function settleMs(client: GitHubClient): number {
  return retryBaseMs(client) >= 1000 ? 10_000 : 300;
}

interface Planned {
  readonly patch: IssueUpdate;
  readonly state: TrackerState;
  /** The text of each section this run owns, as written. */
  readonly sections: Record<string, string>;
}

/** The PATCH that applies `update` (relative to `report`, what this run read) to the issue as it is now. */
export function planTrackerUpdate(report: TrackedReport, update: TrackerUpdate, current: Issue): Planned {
  const currentBody = current.body ?? '';
  const state = mergeState(report.state, update.state, readTrackerState(currentBody) ?? report.state);
  const sections: Record<string, string> = {};
  let body = update.ensure ? update.ensure(currentBody) : currentBody;
  for (const [name, content] of Object.entries(update.sections ?? {})) {
    sections[name] = typeof content === 'function' ? content(state) : content;
    body = replaceSection(body, name, sections[name]);
  }
  body = trackerBody(body, update.policy, state);
  const patch: IssueUpdate = {};
  if (body !== currentBody) patch.body = body;
  const labels = update.labels?.(labelNames(current));
  if (labels) patch.labels = labels;
  if (update.close && current.state !== 'closed') {
    patch.state = 'closed';
    patch.state_reason = update.close;
  }
  return { patch, state, sections };
}

/** What of this run's update the issue no longer has: state fields, sections, labels, the marker edit. */
function lostFrom(report: TrackedReport, update: TrackerUpdate, planned: Planned, issue: Issue): string[] {
  const body = issue.body ?? '';
  const state = readTrackerState(body);
  return [
    ...(state ? lostChanges(report.state, update.state, state) : ['the state block']),
    ...lostSections(report.issue.body ?? '', planned.sections, body).map((name) => `the ${name} section`),
    ...(update.labels?.(labelNames(issue)) ? ['labels'] : []),
    ...(update.ensure && update.ensure(body) !== body ? ['the report marker'] : []),
  ];
}

/**
 * Writes one run's change to a tracking issue without erasing a change another run makes at the same time. GitHub's
 * REST API has no conditional update for issues, so each round:
 *   1. reads the issue as it is now and merges this run's change into it (planTrackerUpdate, tracker-merge.ts);
 *   2. writes it (octokit's blind retry off: an unanswered write is judged by step 3);
 *   3. waits a settling time and reads the issue again: a concurrent run that read it before step 2 and wrote after
 *      it has erased this run's change, and the next round writes it again, merged into theirs.
 * Every run does the same, so of two overlapping writers the one whose change was erased puts it back. The one gap
 * is a write that takes longer, from its read to GitHub's answer, than the settling time: the others may have checked
 * before it landed, so the run warns that a concurrent change may be lost, naming the issue. `pause` is the settling
 * wait (a sweep's gives its request slot to another issue meanwhile, mapWithSlots).
 */
export async function updateTracker(
  client: GitHubClient,
  tracker: RepoRef,
  report: TrackedReport,
  update: TrackerUpdate,
  log?: TrackerLog,
  pause: Pause = sleep,
): Promise<SavedReport> {
  const number = report.issue.number;
  const settle = settleMs(client);
  const done = { written: false, body: false, labels: false, closed: false };
  // When the read each round's write is computed from was asked for: its span runs from there to GitHub's answer.
  let readAt = performance.now();
  let current = await getIssue(client, tracker, number);
  let unanswered: unknown;
  for (let round = 1; round <= ROUNDS; round += 1) {
    const planned = planTrackerUpdate(report, update, current);
    if (Object.keys(planned.patch).length === 0) {
      return { issue: current, state: readTrackerState(current.body) ?? planned.state, ...done };
    }
    unanswered = await writeOnce(client, tracker, number, planned.patch);
    Object.assign(done, {
      written: true,
      body: done.body || planned.patch.body !== undefined,
      labels: done.labels || planned.patch.labels !== undefined,
      closed: done.closed || planned.patch.state === 'closed',
    });
    const took = performance.now() - readAt;
    if (took > settle) {
      log?.warning(
        `Updating tracking issue #${number} took ${(took / 1000).toFixed(1)} s, longer than the ${settle / 1000} s other runs wait before checking their own updates: a change another run made to it at the same time may have been overwritten. Compare the issue with its edit history.`,
      );
    }
    await pause(settle);
    readAt = performance.now();
    current = await getIssue(client, tracker, number);
    const lost = lostFrom(report, update, planned, current);
    if (lost.length === 0) return { issue: current, state: readTrackerState(current.body) ?? planned.state, ...done };
    log?.info(
      unanswered === undefined
        ? `Tracking issue #${number}: another run wrote over this run's update (${lost.join(', ')}); writing it again, merged with theirs.`
        : `Tracking issue #${number}: GitHub did not answer the update, and it is not there (${lost.join(', ')}); writing it again.`,
    );
  }
  // Never answered and still missing: the update was not made, whatever another run did. Fail, so a re-run makes it.
  if (unanswered !== undefined) throw unanswered;
  log?.warning(
    `Tracking issue #${number} kept being written over by other runs (${ROUNDS} rounds): check its state and checklist, and re-run this job if this run's update is missing.`,
  );
  return { issue: current, state: readTrackerState(current.body) ?? report.state, ...done };
}

/**
 * One write; an unanswered one (5xx, dropped connection) may have been applied, and is judged by the re-read: its
 * error is returned, undefined when GitHub answered.
 */
async function writeOnce(client: GitHubClient, tracker: RepoRef, number: number, patch: IssueUpdate): Promise<unknown> {
  try {
    await updateIssueWithoutRetry(client, tracker, number, patch);
    return undefined;
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    return error;
  }
}
