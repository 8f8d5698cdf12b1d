/**
 * Intake (SPEC 11 step 1, conda-forge's intake): which reports still wait for an acknowledgement, when it is due,
 * which channel it goes through, which of several racing runs holds a report, and the tracker state once it is
 * made. Pure: the clock is passed in.
 */
import { deadlinesFor } from './checklist.js';
import type { Policy } from './policy/types.js';
import { UPDATES_OPT_IN } from './reporter-messages.js';
import type { AckChannel, TrackerState } from './tracker-state.js';

/** The tracker-state key of a report filed by hand as an issue in the tracker. */
export function issueReportKey(issueNumber: number): string {
  return `issue-${issueNumber}`;
}

/** Recorded in `notified` once the team's webhook has been sent for the acknowledgement (so it is sent once). */
export const ACK_NOTIFIED = 'ack-report:webhook';

/**
 * How long a run that started on a report (created its tracking issue, posted its claim) is taken to be still at
 * it. Longer than any run takes from the first write for a report to the last; a report left half done by a run
 * that died is resumed by the first run after that.
 */
export const CLAIM_LEASE_MS = 30 * 60_000;

export function isAcknowledged(state: TrackerState | undefined): boolean {
  return state?.acknowledgedAt !== undefined;
}

/**
 * Whether ack-report has nothing left to do for the report: it is acknowledged, or its acknowledgement is a text
 * prepared for a person to send, which counts once a team member confirms it (`/ack sent`).
 */
export function isTakenIn(state: TrackerState | undefined): boolean {
  return isAcknowledged(state) || state?.ackToSend !== undefined;
}

/** True while `createdAt` (an issue or comment some run made for the report) is within the lease of `now`. */
export function isWithinLease(createdAt: string, now: Date, leaseMs: number = CLAIM_LEASE_MS): boolean {
  const age = now.getTime() - new Date(createdAt).getTime();
  return age < leaseMs;
}

export interface Claim {
  readonly id: number;
  readonly createdAt: string;
}

/**
 * Which of the claims made on a report holds it: the oldest (lowest id: ids only grow) of those made within the
 * lease before the newest claim (GitHub's timestamps only, so runner clocks do not matter). Older claims were left
 * by runs that died.
 */
export function claimHolder(claims: readonly Claim[], leaseMs: number = CLAIM_LEASE_MS): number | undefined {
  if (claims.length === 0) return undefined;
  const newest = Math.max(...claims.map((claim) => new Date(claim.createdAt).getTime()));
  const live = claims.filter((claim) => newest - new Date(claim.createdAt).getTime() < leaseMs);
  return Math.min(...live.map((claim) => claim.id));
}

export interface AckTiming {
  readonly due: Date;
  readonly late: boolean;
}

/** When the acknowledgement was due under the policy (from `receivedAt`), and whether `at` is after that. */
export function acknowledgementTiming(policy: Policy, state: TrackerState, at: Date): AckTiming {
  const due = deadlinesFor(policy, state).acknowledge ?? new Date(state.receivedAt);
  return { due, late: at.getTime() > due.getTime() };
}

export interface ChannelFacts {
  readonly kind: 'advisory' | 'issue';
  readonly repositoryPrivate: boolean;
  /** The advisory came from a private vulnerability report (`submission` is set), so the reporter is on it. */
  readonly privateReport: boolean;
}

/**
 * Where the acknowledgement goes. An advisory comment reaches the reporter only on a public repository (the preview
 * endpoint's limit) and only when the reporter filed the advisory; a draft a maintainer opened for an e-mailed
 * report, or a private repository, needs a human to answer through the channel the report came in.
 */
export function preferredChannel(facts: ChannelFacts): AckChannel {
  if (facts.kind === 'issue') return 'issue-comment';
  return !facts.repositoryPrivate && facts.privateReport ? 'advisory-comment' : 'manual';
}

export interface AcknowledgementFacts {
  readonly at: Date;
  readonly channel: AckChannel;
  readonly severity: string | null | undefined;
  /** A team webhook is configured: it is marked sent before it is sent, so a re-run never sends it twice. */
  readonly notify: boolean;
}

/**
 * The state once acknowledged; a first acknowledgement time is never moved. An acknowledgement a person must send
 * (`manual`) is recorded as prepared (`ackToSend`, `via`: how the report came in) and not as made: the step stays
 * open until a team member confirms it (`/ack sent`, confirmedState).
 */
export function acknowledgedState(state: TrackerState, facts: AcknowledgementFacts, via = 'its channel'): TrackerState {
  const prepared = facts.channel === 'manual' && state.acknowledgedAt === undefined;
  const next: TrackerState = prepared
    ? { ...state, ackToSend: state.ackToSend ?? { at: facts.at.toISOString(), via }, ackChannel: 'manual' }
    : {
        ...state,
        acknowledgedAt: state.acknowledgedAt ?? facts.at.toISOString(),
        ackChannel: state.ackChannel ?? facts.channel,
      };
  // From now on its reporter is told each milestone (reporter-messages.ts), once.
  if (!state.notified.includes(UPDATES_OPT_IN)) next.notified = [...state.notified, UPDATES_OPT_IN];
  if (facts.severity && !state.severity) next.severity = facts.severity;
  if (facts.notify && !state.notified.includes(ACK_NOTIFIED)) next.notified = [...next.notified, ACK_NOTIFIED];
  return next;
}

export interface AckConfirmation {
  readonly login: string;
  /** When the confirming comment was made. */
  readonly at: string;
  readonly comment: number;
}

/** The state once a team member confirmed that the prepared acknowledgement was sent: acknowledged at `at`. */
export function confirmedState(state: TrackerState, confirmation: AckConfirmation): TrackerState {
  if (state.ackSent) return state;
  return {
    ...state,
    acknowledgedAt: state.acknowledgedAt ?? confirmation.at,
    ackSent: { login: confirmation.login, at: confirmation.at, comment: confirmation.comment },
  };
}
