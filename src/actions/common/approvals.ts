/**
 * Whether the publication of each advisory was approved, as publish-announcement and a forced release-gate check it
 * before their first write. The tracker state records each `/release approve` (triage, command.ts); that record is
 * only a pointer: each approval counts when GitHub still shows its comment, in that tracking issue, by that person,
 * saying `/release approve`, and the person is an active member of the response team now. A tracker state edited by
 * hand cannot approve a release by itself.
 */
import { ConfigurationError, PermissionError } from '../../domain/errors.js';
import {
  approvalNeeded,
  approvalStatus,
  approversOf,
  parseReleaseCommand,
  type ApprovalStatus,
} from '../../domain/release-approval.js';
import type { ReleaseApproval } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { PERMISSIONS } from '../../github/errors.js';
import { getCommentUnlessGone } from '../../github/issues.js';
import { teamMembership } from '../../github/teams.js';
import type { RepoRef } from '../../github/types.js';
import type { TeamRef } from './inputs.js';
import type { TrackedReport } from './tracker.js';

/** One advisory's approvals, as checked. */
export interface ApprovalReview {
  readonly ghsaId: string;
  readonly issueUrl: string | undefined;
  /** Counting the approvals that hold only. */
  readonly status: ApprovalStatus;
  /** Approvals recorded that do not count, and why. */
  readonly discarded: readonly { readonly login: string; readonly why: string }[];
}

/** Why a recorded approval does not count; undefined when it does. */
async function discardReason(
  client: GitHubClient,
  tracker: RepoRef,
  issueNumber: number,
  approval: ReleaseApproval,
  team: TeamRef,
): Promise<string | undefined> {
  if (approval.comment === undefined) return 'no comment is recorded for it';
  const comment = await getCommentUnlessGone(client, tracker, approval.comment);
  if (!comment) return `its comment (${approval.comment}) is gone`;
  if ((comment.user?.login ?? '').toLowerCase() !== approval.login.toLowerCase()) {
    return `its comment (${approval.comment}) is by ${comment.user?.login ?? 'someone else'}`;
  }
  if (!comment.issue_url.endsWith(`/issues/${issueNumber}`)) {
    return `its comment (${approval.comment}) is not in the tracking issue`;
  }
  if (parseReleaseCommand(comment.body ?? '').kind !== 'approve') {
    return `its comment (${approval.comment}) no longer says /release approve`;
  }
  const membership = await teamMembership(client, team.org, team.slug, approval.login);
  if (!membership.visible) {
    throw new PermissionError(
      `Cannot check that ${approval.login}, who approved a publication, is in ${team.org}/${team.slug}: GitHub answered ${membership.status}. The token needs "${PERMISSIONS.members}".`,
    );
  }
  return membership.active ? undefined : `${approval.login} is not an active member of ${team.org}/${team.slug}`;
}

/** The approvals of each advisory, checked against GitHub's own record; `reports` by GHSA id. */
export async function reviewApprovals(
  client: GitHubClient,
  tracker: RepoRef,
  ghsaIds: readonly string[],
  reports: ReadonlyMap<string, TrackedReport>,
  team: TeamRef,
  required: number,
): Promise<ApprovalReview[]> {
  const reviews: ApprovalReview[] = [];
  for (const ghsaId of ghsaIds) {
    const report = reports.get(ghsaId);
    const valid: ReleaseApproval[] = [];
    const discarded: { login: string; why: string }[] = [];
    for (const approval of report ? approversOf(report.state) : []) {
      const why = await discardReason(client, tracker, report?.issue.number ?? 0, approval, team);
      if (why) discarded.push({ login: approval.login, why });
      else valid.push(approval);
    }
    reviews.push({
      ghsaId,
      issueUrl: report?.issue.html_url,
      status: approvalStatus({ approvals: valid }, required),
      discarded,
    });
  }
  return reviews;
}

/** The lines saying who must comment what where, for each advisory still missing approvals; empty when approved. */
export function approvalGaps(reviews: readonly ApprovalReview[], team: TeamRef | undefined): string[] {
  return reviews
    .filter((review) => review.status.missing > 0)
    .map((review) => {
      const needed = approvalNeeded(
        { ghsaId: review.ghsaId, issueUrl: review.issueUrl, team: team && `${team.org}/${team.slug}` },
        review.status,
      );
      const notCounted = review.discarded.map((entry) => `${entry.login}'s approval does not count: ${entry.why}`);
      return notCounted.length > 0 ? `${needed} (${notCounted.join('; ')})` : needed;
    });
}

/** The recorded approvals only (no request), for reporting a release as waiting. */
export function recordedApprovals(
  ghsaIds: readonly string[],
  reports: ReadonlyMap<string, TrackedReport>,
  required: number,
): ApprovalReview[] {
  return ghsaIds.map((ghsaId) => {
    const report = reports.get(ghsaId);
    return {
      ghsaId,
      issueUrl: report?.issue.html_url,
      status: approvalStatus(report?.state ?? {}, required),
      discarded: [],
    };
  });
}

/** The team input, when a step needs it to check approvals. */
export function requireApprovalTeam(team: TeamRef | undefined, action: string): TeamRef {
  if (team) return team;
  throw new ConfigurationError(
    `Input "team" is empty, but ${action} checks that each \`/release approve\` comes from an active member of the response team: set it to that team (slug, or org/slug; the "team" of the triage workflow).`,
    'team',
  );
}

/** The tracker, when a step needs it to read approvals. */
export function requireApprovalTracker(tracker: RepoRef | undefined, action: string): RepoRef {
  if (tracker) return tracker;
  throw new ConfigurationError(
    `Input "tracker" is empty, but ${action} needs the publication approvals recorded in the tracking issues (\`/release approve\`): name the private tracker.`,
    'tracker',
  );
}
