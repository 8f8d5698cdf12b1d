/**
 * What an acknowledgement says and leaves behind: the policy's dates for the reporter, the tracker issue's
 * acknowledgement section, and the team notification. Pure.
 */
import { deadlinesFor, formatUtc } from './checklist.js';
import { basisOf } from './policy/provenance.js';
import type { Policy } from './policy/types.js';
import type { AckChannel, TrackerState } from './tracker-state.js';

/** The dates a reporter is told, ISO 8601 UTC; every deadline counts from when the report was received. */
export interface AcknowledgementDates {
  readonly receivedAt: string;
  readonly acknowledgedAt: string;
  readonly ackDeadline: string;
  readonly triageDue: string;
  readonly fixReleaseTarget: string;
  /** Null when the policy has no disclosure deadline: then no text promises publication by a date. */
  readonly disclosureDeadline: string | null;
  /** Where each number comes from, for the reporter: `as the SPEC 11 states`, `a target we set: …`. */
  readonly ackBasis: string;
  readonly triageBasis: string;
  readonly fixReleaseBasis: string;
  readonly disclosureBasis: string | null;
}

export function acknowledgementDates(policy: Policy, state: TrackerState, at: Date): AcknowledgementDates {
  const deadlines = deadlinesFor(policy, state);
  const iso = (date: Date | undefined): string => (date ?? new Date(state.receivedAt)).toISOString();
  return {
    receivedAt: new Date(state.receivedAt).toISOString(),
    acknowledgedAt: at.toISOString(),
    ackDeadline: iso(deadlines.acknowledge),
    triageDue: iso(deadlines.triage),
    fixReleaseTarget: iso(deadlines['fix-release']),
    disclosureDeadline: deadlines.disclose ? deadlines.disclose.toISOString() : null,
    ackBasis: basisOf(policy, 'acknowledge'),
    triageBasis: basisOf(policy, 'triage'),
    fixReleaseBasis: basisOf(policy, 'fix-release'),
    disclosureBasis: deadlines.disclose ? basisOf(policy, 'disclose') : null,
  };
}

/** Hidden marker of the acknowledgement comment (advisory or issue comment), so it is posted once. */
export function acknowledgementMarker(key: string): string {
  return `<!-- disclosure-actions:ack ${key} -->`;
}

export const ACK_SECTION = 'acknowledgement';

export type AcknowledgementRecord =
  | { readonly status: 'pending' }
  | { readonly status: 'sent'; readonly channel: Exclude<AckChannel, 'manual'>; readonly at: string }
  | { readonly status: 'manual'; readonly at: string; readonly why: string; readonly message: string }
  | { readonly status: 'confirmed'; readonly login: string; readonly at: string; readonly via: string };

const CHANNEL_TEXT: Readonly<Record<Exclude<AckChannel, 'manual'>, string>> = {
  'advisory-comment': 'in a comment on the advisory',
  'issue-comment': 'in a comment on this issue',
};

function quoted(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`));
}

/** The tracker issue's acknowledgement section: pending, sent (where and when), or the text a human must send. */
export function acknowledgementSection(record: AcknowledgementRecord): string {
  const heading = '### Acknowledgement';
  if (record.status === 'pending') return `${heading}\n\nNot sent yet: ack-report is working on it.`;
  if (record.status === 'sent') {
    return `${heading}\n\nSent to the reporter ${CHANNEL_TEXT[record.channel]} on ${formatUtc(new Date(record.at))}.`;
  }
  if (record.status === 'confirmed') {
    return `${heading}\n\nSent to the reporter (${record.via}) by \`${record.login}\`, confirmed with \`/ack sent\` on ${formatUtc(new Date(record.at))}.`;
  }
  return [
    heading,
    '',
    `> [!IMPORTANT]`,
    `> **Send this acknowledgement to the reporter yourself**, through the channel the report came in (${record.why}).`,
    `> Prepared ${formatUtc(new Date(record.at))}. Then comment \`/ack sent\` on this issue: until a member of the response team does, the report counts as not acknowledged (sla-check escalates it like any deadline).`,
    '',
    ...quoted(record.message),
  ].join('\n');
}

export interface NotificationFacts {
  readonly key: string;
  readonly repository: string | null;
  readonly severity: string | null | undefined;
  readonly issueUrl: string;
  /** The acknowledgement is a text a person sends: it is not made yet. */
  readonly toSend?: boolean;
}

/** The team's chat message: the report's id, repository, severity and the tracker link, nothing of its text. */
export function notificationText(facts: NotificationFacts): string {
  const where = facts.repository ? ` in ${facts.repository}` : ' filed in the tracker';
  const done = facts.toSend
    ? 'taken in: its acknowledgement is to be sent by hand, then confirmed with `/ack sent`'
    : 'acknowledged';
  return `New security report ${facts.key}${where} (severity: ${facts.severity ?? 'not rated yet'}) ${done}. Tracking issue: ${facts.issueUrl}`;
}
