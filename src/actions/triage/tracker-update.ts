import type { Policy } from '../../domain/policy/types.js';
import { replaceSection, type Tlp, type TrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { labelNames, updateIssue, type IssueUpdate } from '../../github/issues.js';
import type { RepoRef } from '../../github/types.js';
import { trackerBody, type TrackedReport } from '../common/tracker.js';

export const TLP_LABEL_PREFIX = 'tlp:';

export function tlpLabel(tlp: Tlp): string {
  return `${TLP_LABEL_PREFIX}${tlp.toLowerCase()}`;
}

/** The issue's labels with exactly one TLP label, the given one; undefined when they are already so. */
export function labelsWithTlp(current: readonly string[], tlp: Tlp): string[] | undefined {
  const wanted = [...current.filter((name) => !name.toLowerCase().startsWith(TLP_LABEL_PREFIX)), tlpLabel(tlp)];
  const same = wanted.length === current.length && wanted.every((name) => current.includes(name));
  return same ? undefined : wanted;
}

export interface TrackerChange {
  readonly state: TrackerState;
  readonly timelineSection: string;
  readonly tlp: Tlp | undefined;
  readonly close: boolean;
}

/** The one issue PATCH that brings body (state, checklist, timeline), labels and open/closed up to date. */
export function trackerIssueUpdate(report: TrackedReport, policy: Policy, change: TrackerChange): IssueUpdate {
  const update: IssueUpdate = {};
  const current = report.issue.body ?? '';
  const body = trackerBody(replaceSection(current, 'timeline', change.timelineSection), policy, change.state);
  if (body !== current) update.body = body;
  const labels = change.tlp ? labelsWithTlp(labelNames(report.issue), change.tlp) : undefined;
  if (labels) update.labels = labels;
  if (change.close && report.issue.state !== 'closed') {
    update.state = 'closed';
    update.state_reason = 'not_planned';
  }
  return update;
}

/** Writes the update when there is one; returns what changed, for the summary. */
export async function saveTrackerChange(
  client: GitHubClient,
  tracker: RepoRef,
  report: TrackedReport,
  policy: Policy,
  change: TrackerChange,
): Promise<string[]> {
  const update = trackerIssueUpdate(report, policy, change);
  if (Object.keys(update).length === 0) return [];
  await updateIssue(client, tracker, report.issue.number, update);
  return [
    ...(update.body === undefined ? [] : ['tracker issue updated (state, checklist, timeline)']),
    ...(update.labels === undefined || !change.tlp ? [] : [`tracker label ${tlpLabel(change.tlp)}`]),
    ...(update.state === 'closed' ? ['tracker issue closed'] : []),
  ];
}
