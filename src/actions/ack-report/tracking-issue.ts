/**
 * The tracking issue in the private tracker: its body (marker, `report` section from the template, acknowledgement
 * section, checklist, state block), its creation, and what happens when two runs open one for the same report at
 * once: after creating, the tracker is listed again and the oldest issue for the report wins; a run whose issue is
 * not the oldest closes it as a duplicate (without the embargoed text) and leaves the report to the other run.
 */
import { ACK_SECTION, acknowledgementSection, type AcknowledgementRecord } from '../../domain/acknowledgement.js';
import type { Policy } from '../../domain/policy/types.js';
import { replaceSection, reportMarker, type TrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { createIssue, updateIssue } from '../../github/issues.js';
import type { Issue, RepoRef } from '../../github/types.js';
import { TRACKER_LABEL, trackerBody, type TrackedReport, type TrackerUpdate } from '../common/tracker.js';

export const REPORT_SECTION = 'report';

export interface BodyParts {
  /** The rendered tracker template. */
  readonly report: string;
  readonly acknowledgement: AcknowledgementRecord;
}

/** `body` with the marker, the report and acknowledgement sections, the checklist and the state block in place. */
export function composeBody(body: string, key: string, parts: BodyParts, policy: Policy, state: TrackerState): string {
  const marked = withMarker(key)(body);
  const withReport = replaceSection(marked, REPORT_SECTION, parts.report);
  const withAck = replaceSection(withReport, ACK_SECTION, acknowledgementSection(parts.acknowledgement));
  return trackerBody(withAck, policy, state);
}

/** Adds the report marker (at the end, as composeBody does) when the body has none; changes nothing twice. */
export function withMarker(key: string): (body: string) => string {
  const marker = reportMarker(key);
  return (body) => (body.includes(marker) ? body : `${body.trimEnd()}\n\n${marker}`.trimStart());
}

/** The acknowledgement as a tracker update (updateTracker): marker, report and acknowledgement sections, state. */
export function acknowledgementUpdate(
  key: string,
  parts: BodyParts,
  policy: Policy,
  state: TrackerState,
): TrackerUpdate {
  return {
    state,
    policy,
    ensure: withMarker(key),
    sections: { [REPORT_SECTION]: parts.report, [ACK_SECTION]: acknowledgementSection(parts.acknowledgement) },
  };
}

export function trackingIssueTitle(key: string, repository: string | null): string {
  return repository ? `Security report ${key} (${repository})` : `Security report ${key}`;
}

export async function openTrackingIssue(
  client: GitHubClient,
  tracker: RepoRef,
  title: string,
  body: string,
): Promise<Issue> {
  return createIssue(client, tracker, { title, body, labels: [TRACKER_LABEL] });
}

export type RaceResult = { readonly won: true } | { readonly won: false; readonly holder: Issue };

/**
 * Decides a creation race from a fresh listing of the tracker (oldest issue per report, see loadTrackedReports).
 * The loser's issue is closed as a duplicate; its body is replaced so the embargoed text is held in one place.
 */
export async function settleCreationRace(
  client: GitHubClient,
  tracker: RepoRef,
  created: Issue,
  key: string,
  listed: ReadonlyMap<string, TrackedReport>,
): Promise<RaceResult> {
  const holder = listed.get(key)?.issue;
  if (!holder || holder.number === created.number) return { won: true };
  await updateIssue(client, tracker, created.number, {
    state: 'closed',
    state_reason: 'duplicate',
    body: `Duplicate of #${holder.number}: two intake runs opened a tracking issue for the same report at once.`,
  });
  return { won: false, holder };
}
