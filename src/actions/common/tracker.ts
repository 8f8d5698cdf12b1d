import { renderChecklist } from '../../domain/checklist.js';
import { PRESETS, isPresetName } from '../../domain/policy/presets.js';
import type { Policy } from '../../domain/policy/types.js';
import { readTrackerState, replaceSection, writeTrackerState, type TrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { listIssuesWithLabel, updateIssue } from '../../github/issues.js';
import { requirePrivateTracker } from '../../github/repos.js';
import type { Issue, RepoRef } from '../../github/types.js';
import { inOrder } from './concurrency.js';

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
 * The tracker's reports, listed while the tracker's privacy is checked: a public, missing or invisible tracker still
 * fails the run with that configuration error first, before anything is written.
 */
export async function loadPrivateTracker(
  client: GitHubClient,
  tracker: RepoRef,
  inputName = 'tracker',
): Promise<Map<string, TrackedReport>> {
  const [, reports] = await inOrder(
    requirePrivateTracker(client, tracker, inputName),
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
    const state = readTrackerState(issue.body);
    if (state && !reports.has(state.key)) reports.set(state.key, { issue, state });
  }
  return reports;
}

/** The policy a report's deadlines are counted under: the preset it was acknowledged under, else the configured one. */
export function policyForState(configured: Policy, state: TrackerState): Policy {
  if (state.policy === configured.name || !isPresetName(state.policy)) return configured;
  return PRESETS[state.policy];
}

/**
 * The body with the checklist re-rendered and the state block replaced. The checklist follows the policy the report
 * was tracked under (policyForState), whatever the action running now is configured with.
 */
export function trackerBody(body: string, configured: Policy, state: TrackerState): string {
  const checklist = renderChecklist(policyForState(configured, state), state);
  return writeTrackerState(replaceSection(body, 'checklist', checklist), state);
}

/**
 * Writes the new state (and any section edits `edit` makes) to the tracking issue, only when the body changed.
 * Returns the issue as it now is.
 */
export async function saveTrackedReport(
  client: GitHubClient,
  tracker: RepoRef,
  report: TrackedReport,
  policy: Policy,
  state: TrackerState,
  edit: (body: string) => string = (body) => body,
): Promise<TrackedReport & { written: boolean }> {
  const current = report.issue.body ?? '';
  const next = trackerBody(edit(current), policy, state);
  if (next === current) return { ...report, state, written: false };
  const issue = await updateIssue(client, tracker, report.issue.number, { body: next });
  return { issue, state, written: true };
}
