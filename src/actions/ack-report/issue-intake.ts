/**
 * Acknowledging a report filed by hand as an issue in the tracker (e-mailed reports, issue forms). The issue itself
 * becomes the tracking issue: it gets the tracker label, the report and acknowledgement sections, the checklist and
 * the state block under the text it was filed with. The acknowledgement is a comment on it, for whoever filed it to
 * pass on. That comment is also the run's claim: when two runs post one at once, the older stands.
 */
import { acknowledgementMarker } from '../../domain/acknowledgement.js';
import { acknowledgedState, isAcknowledged, isWithinLease } from '../../domain/intake.js';
import { newTrackerState } from '../../domain/tracker-state.js';
import { createComment, listComments, updateComment } from '../../github/issues.js';
import type { IssueComment } from '../../github/types.js';
import { ISSUE_REPORT_FACTS } from '../../templates/tracker-issue.js';
import { policyForState, TRACKER_LABEL, updateTracker, type TrackedReport } from '../common/tracker.js';
import { claimReport } from './claim.js';
import type { IntakeContext, IssueCandidate, Outcome } from './context.js';
import { notifyOnce } from './notify.js';
import { renderTexts } from './texts.js';
import { acknowledgementUpdate } from './tracking-issue.js';

function ackComments(comments: readonly IssueComment[], marker: string): IssueComment[] {
  return comments.filter((comment) => (comment.body ?? '').includes(marker)).sort((a, b) => a.id - b.id);
}

type Hold = { readonly held: true } | { readonly held: false; readonly why: string };

/** Posts the acknowledgement unless one is there; decides whether this run holds the report. */
async function postAcknowledgement(
  context: IntakeContext,
  issueNumber: number,
  marker: string,
  message: string,
): Promise<Hold> {
  const { client, config, now } = context;
  const [first] = ackComments(await listComments(client, config.tracker, issueNumber), marker);
  if (first) {
    if (isWithinLease(first.created_at, now)) return { held: false, why: 'another run acknowledged it moments ago' };
    const claimed = await claimReport(client, config.tracker, issueNumber, context.runId);
    return claimed ? { held: true } : { held: false, why: 'another run is finishing it' };
  }
  const mine = await createComment(client, config.tracker, issueNumber, `${message.trimEnd()}\n\n${marker}`);
  const [oldest] = ackComments(await listComments(client, config.tracker, issueNumber), marker);
  if (!oldest || oldest.id === mine.id) return { held: true };
  await updateComment(
    client,
    config.tracker,
    mine.id,
    'Duplicate acknowledgement (two intake runs at once): see above.',
  );
  return { held: false, why: 'another run acknowledged it at the same time' };
}

export async function acknowledgeIssueReport(
  context: IntakeContext,
  candidate: IssueCandidate,
  existing: TrackedReport | undefined,
): Promise<Outcome> {
  const { client, config, now } = context;
  const { issue, key } = candidate;
  const base = { key, repository: null, issueUrl: issue.html_url };
  if (existing && isAcknowledged(existing.state)) {
    return { ...base, status: 'already', acknowledgedAt: existing.state.acknowledgedAt };
  }
  if (issue.state === 'closed') return { ...base, status: 'skipped', detail: 'the issue is closed' };
  const state = existing?.state ?? newTrackerState(key, null, config.policy.name, issue.created_at);
  const policy = policyForState(config.policy, state);
  const texts = renderTexts({
    templates: { tracker: config.trackerTemplate, acknowledgement: config.ackTemplate },
    policy,
    state,
    facts: ISSUE_REPORT_FACTS,
    contact: config.contact,
    now,
  });
  const hold = await postAcknowledgement(context, issue.number, acknowledgementMarker(key), texts.message);
  if (!hold.held) return { ...base, status: 'in-progress', detail: hold.why };
  const at = now.toISOString();
  const acknowledged = acknowledgedState(state, {
    at: now,
    channel: 'issue-comment',
    severity: null,
    notify: config.webhook !== undefined,
  });
  const parts = {
    report: texts.reportAcknowledged,
    acknowledgement: { status: 'sent', channel: 'issue-comment', at } as const,
  };
  // Merged into the issue as it is now (updateTracker): whoever edits it at the same time keeps their change.
  await updateTracker(
    client,
    config.tracker,
    { issue, state },
    {
      ...acknowledgementUpdate(key, parts, policy, acknowledged),
      labels: (current) => (current.includes(TRACKER_LABEL) ? undefined : [...current, TRACKER_LABEL]),
    },
    context.log,
  );
  const problem = await notifyOnce(context, state, { key, repository: null, severity: null, issueUrl: issue.html_url });
  return {
    ...base,
    status: 'acknowledged',
    receivedAt: state.receivedAt,
    acknowledgedAt: at,
    due: texts.due.toISOString(),
    late: texts.late,
    channel: 'issue-comment',
    ...(problem ? { detail: problem } : {}),
  };
}
