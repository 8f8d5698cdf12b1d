/**
 * `/triage reject reason="..."` and `/triage reject upstream=<url>` on a report filed by hand that has no advisory
 * (e-mail, forums: the intake form). conda-forge: not accepted, "close the issue, notify the reporter"; packaged
 * software goes "to upstream". There is no advisory to close or comment on, so the reporter's message is a text for a
 * person to send through the report's channel, recorded as an update to send (`/ack sent` confirms it); the decision,
 * the upstream link and who decided are recorded in the state, and the issue is closed as not planned, which ends
 * every deadline (sla-check). The message is posted before the state records it: a run stopped in between posts
 * nothing twice on the re-run (the comment's marker), and a rejection already told changes nothing.
 */
import type { TriageRequest } from '../../domain/chatops.js';
import { formatUtc } from '../../domain/checklist.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import { checkUpstreamChange, upstreamRecord } from '../../domain/upstream.js';
import { fullName, splitFullName, type Issue } from '../../github/types.js';
import { policyForState, updateTracker } from '../common/tracker.js';
import type { CommandMode } from './config.js';
import { recordRejection, renderRejection, trackerRejectionComment } from './rejection.js';
import type { TriageContext } from './run.js';
import { labelsWithTlp } from './tracker-update.js';
import { REJECTION_NOTIFIED } from './triage-state.js';

/** What a rejection of a report without an advisory can take: the rest needs an advisory. */
function refuseAdvisoryKeys(state: TrackerState, request: TriageRequest): void {
  const given = [
    request.cvss && 'cvss',
    request.severity && 'severity',
    request.cweIds && 'cwe',
    request.fixTeam && 'fix-team',
    request.vulnerabilities && 'vulnerabilities',
  ].filter((key): key is string => typeof key === 'string');
  if (given.length === 0) return;
  throw new ConfigurationError(
    `${state.key} has no advisory, and a rejection opens none: drop ${given.join(', ')} (a rejection of a report filed by hand takes reason, upstream and tlp).`,
    'triage command',
  );
}

function alreadyRejected(state: TrackerState): string {
  const at = state.triagedAt ? ` on ${formatUtc(new Date(state.triagedAt))}` : '';
  const where = state.upstream ? `, sent upstream to ${state.upstream.url}` : '';
  return `${state.key} was rejected already${at}${where}, and the message for the reporter is in this issue. Nothing was changed.`;
}

/** The state of the rejected report: decided, told through a person (an update to send), upstream when given. */
function rejectedState(state: TrackerState, request: TriageRequest, now: Date, by: string): TrackerState {
  return {
    ...state,
    decision: 'reject',
    triagedAt: state.triagedAt ?? now.toISOString(),
    ...(request.tlp ? { tlp: request.tlp } : {}),
    ...(request.upstream ? { upstream: upstreamRecord(state, request.upstream, now, by) } : {}),
    notified: [...state.notified, REJECTION_NOTIFIED],
    updatesToSend: [...(state.updatesToSend ?? []), REJECTION_NOTIFIED],
  };
}

/** Rejects a report filed by hand that has no advisory; returns the reply. */
export async function rejectHandFiled(
  context: TriageContext,
  mode: CommandMode,
  issue: Issue,
  state: TrackerState,
  request: TriageRequest,
): Promise<string> {
  const { client, log, now } = context;
  const { event, tracker } = mode;
  const told = state.notified.includes(REJECTION_NOTIFIED);
  if (request.upstream) checkUpstreamChange(state, request.upstream, told);
  if (told) return alreadyRejected(state);
  refuseAdvisoryKeys(state, request);
  const policy = policyForState(context.policy, state);
  // Rendered before any write: a broken rejection template changes nothing.
  const rejection = renderRejection(context.rejectionTemplate, {
    key: state.key,
    ghsaId: null,
    repository: state.repository ? splitFullName(state.repository) : undefined,
    reason: request.reason ?? '',
    upstreamUrl: request.upstream ?? null,
    rejectedAt: now.toISOString(),
    policy: policy.name,
  });
  await recordRejection(client, tracker, issue.number, trackerRejectionComment(rejection, 'not-told', now), state.key);
  const tlp = request.tlp;
  await updateTracker(
    client,
    tracker,
    { issue, state },
    {
      state: rejectedState(state, request, now, event.author),
      policy,
      close: 'not_planned',
      ...(tlp ? { labels: (current: readonly string[]) => labelsWithTlp(current, tlp) } : {}),
    },
    log,
  );
  log.info(`/triage reject by ${event.author} on ${fullName(tracker)}#${issue.number} for ${state.key}.`);
  const via = state.ackToSend?.via ?? state.intakeChannel ?? 'the channel the report came in';
  const upstream = request.upstream ? ` Out of scope: the reporter is sent upstream, to ${request.upstream}.` : '';
  return [
    `**${state.key} rejected** by \`${event.author}\` on ${formatUtc(now)}; this issue is closed as not planned and no deadline applies any more.${upstream}`,
    '',
    `**Send the message above to the reporter** (${via}), then comment \`/ack sent\` on this issue.`,
  ].join('\n');
}
