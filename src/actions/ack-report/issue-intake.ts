/**
 * Acknowledging a report filed by hand as an issue in the tracker (e-mailed reports, issue forms). The issue itself
 * becomes the tracking issue: it gets the tracker label, the report and acknowledgement sections, the checklist and
 * the state block under the text it was filed with. Filed with the intake form, its clock starts when the report
 * arrived ("Received at"), and its channel, repository, packages and credit are recorded. The acknowledgement is a
 * text for a person to send through the report's channel, in a comment; the step is met only when a team member
 * confirms it with `/ack sent` (triage). That comment is also the run's claim: when two runs post one at once, the
 * older stands.
 */
import { acknowledgementMarker } from '../../domain/acknowledgement.js';
import { acknowledgedState, isTakenIn, isWithinLease } from '../../domain/intake.js';
import { INTAKE_FORM_LABELS, readIntakeForm, type IntakeForm } from '../../domain/intake-form.js';
import { newTrackerState, type TrackerState } from '../../domain/tracker-state.js';
import { createComment, listComments, updateComment } from '../../github/issues.js';
import type { Issue, IssueComment } from '../../github/types.js';
import { ISSUE_REPORT_FACTS, type ReportIntakeFacts } from '../../templates/tracker-issue.js';
import { inScope } from '../common/advisory-sweep.js';
import { policyForState, TRACKER_LABEL, updateTracker, type TrackedReport } from '../common/tracker.js';
import { claimReport } from './claim.js';
import { scopeText } from './config.js';
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
  text: string,
): Promise<Hold> {
  const { client, config, now } = context;
  const [first] = ackComments(await listComments(client, config.tracker, issueNumber), marker);
  if (first) {
    if (isWithinLease(first.created_at, now)) return { held: false, why: 'another run acknowledged it moments ago' };
    const claimed = await claimReport(client, config.tracker, issueNumber, context.runId);
    return claimed ? { held: true } : { held: false, why: 'another run is finishing it' };
  }
  const mine = await createComment(client, config.tracker, issueNumber, `${text.trimEnd()}\n\n${marker}`);
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

/** The state of a report taken in now: its clock starts when the report arrived (the form), else when filed. */
function intakeState(context: IntakeContext, issue: Issue, key: string, form: IntakeForm | undefined): TrackerState {
  const receivedAt = form?.receivedAt.toISOString() ?? issue.created_at;
  const state = newTrackerState(key, form?.repository ?? null, context.config.policy.name, receivedAt);
  if (!form) return state;
  return {
    ...state,
    intakeChannel: form.channel,
    packages: [...form.packages],
    ...(form.credit ? { credit: form.credit } : {}),
  };
}

function intakeFacts(form: IntakeForm | undefined): ReportIntakeFacts {
  if (!form) return ISSUE_REPORT_FACTS;
  return { ...ISSUE_REPORT_FACTS, repository: form.repository, source: `${form.channel}, filed in the tracker` };
}

/** The comment holding the text to send: a person copies it into their reply through the report's channel. */
function toSendComment(message: string, via: string): string {
  const quoted = message
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`));
  return [
    `**Acknowledgement to send to the reporter** (${via}), from the team's own address. Once it is sent, comment \`/ack sent\` on this issue: until then the report counts as not acknowledged.`,
    '',
    ...quoted,
  ].join('\n');
}

export async function acknowledgeIssueReport(
  context: IntakeContext,
  candidate: IssueCandidate,
  existing: TrackedReport | undefined,
): Promise<Outcome> {
  const { config, now } = context;
  const { issue, key } = candidate;
  const base = { key, repository: null, issueUrl: issue.html_url };
  if (existing && isTakenIn(existing.state)) {
    const at = existing.state.acknowledgedAt;
    return { ...base, status: 'already', ...(at ? { acknowledgedAt: at } : {}) };
  }
  if (issue.state === 'closed') return { ...base, status: 'skipped', detail: 'the issue is closed' };
  // Read and checked before any write: a mistake in the form fails this report, naming the field.
  const form = readIntakeForm(issue.body, new Date(issue.created_at), now);
  const repository = form?.repository ?? null;
  if (repository && config.scope && !inScope(config.scope, repository)) {
    return {
      ...base,
      repository,
      status: 'failed',
      detail: `its intake form names ${repository}, outside the configured scope (${scopeText(config.scope)}): nothing was written. Correct the form's "${INTAKE_FORM_LABELS.repository}", or add the repository to "repositories"`,
    };
  }
  const state = existing?.state ?? intakeState(context, issue, key, form);
  const policy = policyForState(config.policy, state);
  const texts = renderTexts({
    templates: { tracker: config.trackerTemplate, acknowledgement: config.ackTemplate },
    policy,
    state,
    facts: intakeFacts(form),
    contact: config.contact,
    now,
  });
  const via = state.intakeChannel ?? 'the channel the report came in';
  const comment = toSendComment(texts.message, via);
  const hold = await postAcknowledgement(context, issue.number, acknowledgementMarker(key), comment);
  if (!hold.held) return { ...base, status: 'in-progress', detail: hold.why };
  const at = now.toISOString();
  const notify = config.webhook !== undefined;
  const prepared = acknowledgedState(state, { at: now, channel: 'manual', severity: null, notify }, via);
  const why = `the report came in outside GitHub (${via}): answer through it`;
  const parts = {
    report: texts.reportPending,
    acknowledgement: { status: 'manual', at, why, message: texts.message } as const,
  };
  // Merged into the issue as it is now (updateTracker): whoever edits it at the same time keeps their change.
  await updateTracker(
    context.client,
    config.tracker,
    { issue, state },
    {
      ...acknowledgementUpdate(key, parts, policy, prepared),
      labels: (current) => (current.includes(TRACKER_LABEL) ? undefined : [...current, TRACKER_LABEL]),
    },
    context.log,
  );
  const facts = { key, repository, severity: null, issueUrl: issue.html_url, toSend: true };
  const problem = await notifyOnce(context, state, facts);
  return {
    ...base,
    repository,
    status: 'acknowledged',
    receivedAt: state.receivedAt,
    due: texts.due.toISOString(),
    late: texts.late,
    channel: 'manual',
    ...(problem ? { detail: problem } : {}),
  };
}
