/**
 * `/ack` in a tracking issue, by an active member of the response team (runCommand checks membership and answers
 * each comment once):
 * - `/ack sent` confirms that the acknowledgement ack-report prepared for a person to send (e-mailed reports,
 *   private repositories, maintainers' drafts) was sent. Until then the acknowledge step is open, and sla-check
 *   escalates it like any deadline; the confirmation is recorded with who and when.
 * - `/ack credit ...` records how the reporter wants to be credited and, for a GitHub login on a report with an
 *   advisory, writes it to the advisory's credits.
 * Writes go through updateTracker (merged with concurrent writers); a command already applied writes nothing.
 */
import type { AckCommandOf } from '../../domain/ack-command.js';
import { ACK_SECTION, acknowledgementSection } from '../../domain/acknowledgement.js';
import { formatUtc } from '../../domain/checklist.js';
import { creditsWith, creditText } from '../../domain/credit.js';
import { ConfigurationError } from '../../domain/errors.js';
import { acknowledgementTiming, confirmedState } from '../../domain/intake.js';
import { withAcknowledgedRow } from '../../domain/tracker-record.js';
import { readTrackerState, type ReporterCredit, type TrackerState } from '../../domain/tracker-state.js';
import { findAdvisory, updateAdvisory } from '../../github/advisories.js';
import { ensureAdvisoryComment } from '../../github/advisory-comments.js';
import { fullName, splitFullName, type Issue } from '../../github/types.js';
import { isGhsaId } from '../common/inputs.js';
import { policyForState, updateTracker } from '../common/tracker.js';
import type { CommandMode } from './config.js';
import type { TriageContext } from './run.js';

const CHANNEL_TEXT: Readonly<Record<string, string>> = {
  'advisory-comment': 'in a comment on the advisory',
  'issue-comment': 'in a comment on the tracking issue',
};

function stateOf(issue: Issue): TrackerState {
  const state = readTrackerState(issue.body);
  if (!state) {
    throw new ConfigurationError(
      'This issue has no state block: `/ack` works in a tracking issue that ack-report opened or took in.',
      'ack command',
    );
  }
  return state;
}

/** Milestone updates prepared for a person to send (ack-report) that nobody confirmed yet. */
function pendingUpdates(state: TrackerState): string[] {
  const confirmed = new Set((state.updatesSent ?? []).map((update) => update.key));
  return (state.updatesToSend ?? []).filter((key) => !confirmed.has(key));
}

function nothingPending(state: TrackerState): string {
  if (state.ackSent) {
    return `The acknowledgement of ${state.key} was confirmed already, by \`${state.ackSent.login}\` on ${formatUtc(new Date(state.ackSent.at))}, and no update waits to be sent. Nothing was changed.`;
  }
  if (state.acknowledgedAt) {
    const where = CHANNEL_TEXT[state.ackChannel ?? ''] ?? '';
    return `${state.key} was acknowledged ${where} on ${formatUtc(new Date(state.acknowledgedAt))} and no update waits to be sent: there is nothing to confirm. Nothing was changed.`;
  }
  throw new ConfigurationError(
    `ack-report has not prepared the acknowledgement of ${state.key} yet: once it has (its next run), send the text it puts in this issue, then comment \`/ack sent\`.`,
    'ack command',
  );
}

/**
 * `/ack sent`: whatever this issue holds for a person to send and nobody confirmed (the acknowledgement, milestone
 * updates) is recorded as sent by the commenter, at the comment's time.
 */
async function confirmSent(context: TriageContext, mode: CommandMode, issue: Issue, state: TrackerState) {
  const { client, log, now } = context;
  const { event, tracker } = mode;
  const ackPending = state.ackToSend !== undefined && !state.ackSent;
  const updates = pendingUpdates(state);
  if (!ackPending && updates.length === 0) return nothingPending(state);
  const at = event.createdAt ?? now.toISOString();
  const who = { login: event.author, at, comment: event.commentId };
  const acknowledged = ackPending ? confirmedState(state, who) : state;
  const confirmed: TrackerState =
    updates.length > 0
      ? { ...acknowledged, updatesSent: [...(state.updatesSent ?? []), ...updates.map((key) => ({ key, ...who }))] }
      : acknowledged;
  const policy = policyForState(context.policy, state);
  const via = state.ackToSend?.via ?? 'its channel';
  const sections: Record<string, string> = ackPending
    ? { [ACK_SECTION]: acknowledgementSection({ status: 'confirmed', login: event.author, at, via }) }
    : {};
  const timing = acknowledgementTiming(policy, state, new Date(at));
  // The report section's "Acknowledged" row, written at intake as "not yet", follows the confirmation.
  const acknowledgedAt = confirmed.acknowledgedAt ?? at;
  const ensure = ackPending ? (body: string) => withAcknowledgedRow(body, acknowledgedAt, timing.late) : undefined;
  await updateTracker(client, tracker, { issue, state }, { state: confirmed, policy, sections, ensure }, log);
  log.info(`/ack sent by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${state.key}.`);
  const lines: string[] = [];
  if (ackPending) {
    const verdict = timing.late
      ? `late: it was due by ${formatUtc(timing.due)}`
      : `met: due by ${formatUtc(timing.due)}`;
    lines.push(
      `**Acknowledgement of ${state.key} confirmed sent** by \`${event.author}\` on ${formatUtc(new Date(at))} (${verdict}).`,
    );
  }
  if (updates.length > 0) {
    lines.push(
      `**Reporter update(s) confirmed sent** by \`${event.author}\`: ${updates.map((key) => `\`${key}\``).join(', ')}.`,
    );
  }
  return lines.join('\n\n');
}

const sameCredit = (a: ReporterCredit | undefined, b: ReporterCredit): boolean =>
  a !== undefined &&
  (a.login ?? '').toLowerCase() === (b.login ?? '').toLowerCase() &&
  a.name === b.name &&
  Boolean(a.declined) === Boolean(b.declined) &&
  (a.type ?? 'reporter') === (b.type ?? 'reporter');

/** The advisory's credits brought in line with the choice (reports with an advisory only); what was done. */
async function creditAdvisory(context: TriageContext, state: TrackerState, credit: ReporterCredit): Promise<string> {
  if (!isGhsaId(state.key) || !state.repository) {
    return credit.login
      ? 'There is no advisory yet: the login goes to its credits once there is one.'
      : 'Nothing to change on an advisory.';
  }
  const repository = splitFullName(state.repository);
  const advisory = await findAdvisory(context.client, repository, state.key);
  if (!advisory) {
    throw new ConfigurationError(
      `The advisory ${state.key} in ${state.repository} is not visible to the token: the credit was not recorded.`,
      'ack command',
    );
  }
  const credits = creditsWith(advisory.credits, credit, state.credit?.login);
  if (!credits) return "The advisory's credits already say so.";
  await updateAdvisory(context.client, repository, state.key, { credits });
  return `The advisory's credits now list ${credits.length === 0 ? 'nobody' : credits.map((c) => `\`@${c.login}\` (${c.type})`).join(', ')}.`;
}

async function recordCredit(
  context: TriageContext,
  mode: CommandMode,
  issue: Issue,
  state: TrackerState,
  credit: ReporterCredit,
): Promise<string> {
  const { client, log } = context;
  if (sameCredit(state.credit, credit)) {
    return `The credit for ${state.key} is already recorded: ${creditText(credit)}. Nothing was changed.`;
  }
  // The advisory first: when GitHub refuses the login, nothing is recorded and the reply says why.
  const advisoryNote = await creditAdvisory(context, state, credit);
  const policy = policyForState(context.policy, state);
  await updateTracker(client, mode.tracker, { issue, state }, { state: { ...state, credit }, policy }, log);
  log.info(
    `/ack credit by ${mode.event.author} on ${fullName(mode.tracker)}#${mode.event.issueNumber} for ${state.key}.`,
  );
  return `**Credit for ${state.key} recorded** by \`${mode.event.author}\`: ${creditText(credit)}. ${advisoryNote}`;
}

const infoMarker = (key: string, comment: number): string => `<!-- disclosure-actions:needs-info ${key} ${comment} -->`;

/**
 * `/triage needs-info`: the question goes to the reporter through the acknowledgement's channel (an advisory comment
 * where the reporter is on the advisory; otherwise a text a person sends, confirmed with `/ack sent`), and the wait
 * is recorded with who asked and when. The same comment delivered twice asks once.
 */
async function askReporter(
  context: TriageContext,
  mode: CommandMode,
  issue: Issue,
  state: TrackerState,
  question: string,
): Promise<string> {
  const { client, log, now } = context;
  const { event, tracker } = mode;
  if (state.decision) {
    throw new ConfigurationError(
      `${state.key} was decided already (${state.decision}): ask the reporter in the advisory or by hand.`,
      'triage command',
    );
  }
  const key = `reporter:needs-info:${event.commentId}`;
  if (state.notified.includes(key)) return `This question was recorded already. Nothing was changed.`;
  const at = event.createdAt ?? now.toISOString();
  const onAdvisory = state.ackChannel === 'advisory-comment' && isGhsaId(state.key) && state.repository;
  const posted = onAdvisory
    ? await ensureAdvisoryComment(
        client,
        splitFullName(state.repository ?? ''),
        state.key,
        infoMarker(state.key, event.commentId),
        question,
      )
    : undefined;
  const toSend = !posted?.available;
  const next: TrackerState = {
    ...state,
    notified: [...state.notified, key],
    infoRequests: [...(state.infoRequests ?? []), { login: event.author, at, comment: event.commentId }],
    ...(toSend ? { updatesToSend: [...(state.updatesToSend ?? []), key] } : {}),
  };
  await updateTracker(
    client,
    tracker,
    { issue, state },
    { state: next, policy: policyForState(context.policy, state) },
    log,
  );
  log.info(`/triage needs-info by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${state.key}.`);
  const how = toSend
    ? `**Send the question above to the reporter** (${state.ackToSend?.via ?? state.intakeChannel ?? 'through the channel the report came in'}), then comment \`/ack sent\`.`
    : 'It was posted as a comment on the advisory, where the reporter sees it.';
  return `**More information asked of the reporter** by \`${event.author}\` on ${formatUtc(new Date(at))}: the wait is recorded from then. ${how}`;
}

/** Runs an `/ack` command from an active member; returns the reply. */
export async function runAckCommand(
  context: TriageContext,
  mode: CommandMode,
  issue: Issue,
  command: AckCommandOf,
): Promise<string> {
  const state = stateOf(issue);
  if (command.kind === 'sent') return confirmSent(context, mode, issue, state);
  if (command.kind === 'needs-info') return askReporter(context, mode, issue, state, command.question);
  return recordCredit(context, mode, issue, state, command.credit);
}
