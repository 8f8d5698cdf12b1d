/**
 * A person approves the publication of an advisory with `/release approve` in its tracking issue. Environments with
 * required reviewers exist in private repositories only on GitHub Enterprise, so the approval lives here, on every
 * plan: triage records it (an active member of the response team only), publish-announcement and a forced
 * release-gate refuse to go on without it, and a scheduled release still waiting for it is reported as waiting.
 *
 * How many different people must approve is the policy's `release-approvals`: 1 by default, a project option (2 is
 * in the spirit of conda-forge's roles "covered by a minimum of two separate individuals"; no process document asks
 * for a number of approvals). Pure.
 */
import { firstOfEach } from './first-of-each.js';
import type { ReleaseApproval, TrackerState } from './tracker-state.js';

export type ReleaseCommand =
  { readonly kind: 'none' } | { readonly kind: 'approve' } | { readonly kind: 'invalid'; readonly problem: string };

export const RELEASE_COMMAND_USAGE = '`/release approve`';

const COMMAND = /^[ \t]*\/release(?=\s|$)(.*)$/im;

/** The `/release` command of a comment (on a line of its own), or `none`. */
export function parseReleaseCommand(body: string): ReleaseCommand {
  const match = COMMAND.exec(body);
  if (!match) return { kind: 'none' };
  const args = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  if (args.length === 1 && args[0]?.toLowerCase() === 'approve') return { kind: 'approve' };
  return { kind: 'invalid', problem: `\`/release\` takes one word, approve: use ${RELEASE_COMMAND_USAGE}` };
}

/** The approvals recorded, one per person (the first of each). */
export function approversOf(state: Pick<TrackerState, 'approvals'>): ReleaseApproval[] {
  return firstOfEach(state.approvals ?? [], (approval) => approval.login.toLowerCase());
}

export interface ApprovalStatus {
  readonly approvals: readonly ReleaseApproval[];
  readonly required: number;
  /** How many more different people must approve; 0 when approved. */
  readonly missing: number;
}

export function approvalStatus(state: Pick<TrackerState, 'approvals'>, required: number): ApprovalStatus {
  const approvals = approversOf(state);
  return { approvals, required, missing: Math.max(0, required - approvals.length) };
}

/** The state with `login`'s approval added, unless that person approved already. */
export function withApproval(state: TrackerState, approval: ReleaseApproval): TrackerState {
  if (approversOf(state).some((known) => known.login.toLowerCase() === approval.login.toLowerCase())) return state;
  return { ...state, approvals: [...(state.approvals ?? []), approval] };
}

/** Where an advisory waiting for approval must be approved, and by whom, for the messages. */
export interface ApprovalPlace {
  readonly ghsaId: string;
  /** The tracking issue's URL; undefined when the advisory has none. */
  readonly issueUrl: string | undefined;
  /** `org/team`, when known: whose members may approve. */
  readonly team?: string | undefined;
}

/** "GHSA-… needs 1 more approval: a member of org/team other than alice must comment `/release approve` in <url>". */
export function approvalNeeded(place: ApprovalPlace, status: ApprovalStatus): string {
  const who = place.team
    ? `a member of ${place.team}`
    : 'a member of the response team (the team of the triage workflow)';
  const others = status.approvals.map((approval) => approval.login);
  const besides = others.length > 0 ? ` other than ${others.join(', ')}` : '';
  const people =
    status.missing === 1 ? `${who}${besides} must` : `${status.missing} different people, each ${who}${besides}, must`;
  if (!place.issueUrl) {
    return `${place.ghsaId} has no tracking issue in the tracker, so its publication cannot be approved: open one with ack-report, then ${people} comment \`/release approve\` in it`;
  }
  const count = status.missing === 1 ? '1 more approval' : `${status.missing} more approvals`;
  return `${place.ghsaId} needs ${count} (release-approvals: ${status.required}): ${people} comment \`/release approve\` in its tracking issue ${place.issueUrl}`;
}
