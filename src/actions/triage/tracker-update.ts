import type { Policy } from '../../domain/policy/types.js';
import type { Tlp, TrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import type { RepoRef } from '../../github/types.js';
import { updateTracker, type TrackedReport, type TrackerLog, type TrackerUpdate } from '../common/tracker.js';

export const TLP_LABEL_PREFIX = 'tlp:';

export function tlpLabel(tlp: Tlp): string {
  return `${TLP_LABEL_PREFIX}${tlp.toLowerCase()}`;
}

/** The labels with exactly one TLP label, the given one; undefined when they are already so. */
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

/** The tracker update of a triage: state, checklist and timeline section, the TLP label, closed on a rejection. */
export function trackerUpdateOf(policy: Policy, change: TrackerChange): TrackerUpdate {
  const { tlp } = change;
  return {
    state: change.state,
    policy,
    sections: { timeline: change.timelineSection },
    ...(tlp ? { labels: (current: readonly string[]) => labelsWithTlp(current, tlp) } : {}),
    ...(change.close ? { close: 'not_planned' as const } : {}),
  };
}

/** Writes the update when there is one (merged with concurrent changes, see updateTracker); returns what changed. */
export async function saveTrackerChange(
  client: GitHubClient,
  tracker: RepoRef,
  report: TrackedReport,
  policy: Policy,
  change: TrackerChange,
  log?: TrackerLog,
): Promise<string[]> {
  const saved = await updateTracker(client, tracker, report, trackerUpdateOf(policy, change), log);
  return [
    ...(saved.body ? ['tracker issue updated (state, checklist, timeline)'] : []),
    ...(saved.labels && change.tlp ? [`tracker label ${tlpLabel(change.tlp)}`] : []),
    ...(saved.closed ? ['tracker issue closed'] : []),
  ];
}
