/**
 * Claiming a report that an earlier run left half acknowledged (its tracking issue exists, the acknowledgement is not
 * recorded). GitHub has no compare-and-set on issues, so the claim is append-only: each run posts a claim comment,
 * lists the comments, and the oldest live claim holds the report (see claimHolder). A run that loses edits its
 * comment to say it stood down; a run that fails on a report it holds posts a release, so the next run (a re-run of
 * the failed job, say) finishes it at once instead of waiting out the lease. The comments stay as a record.
 */
import { randomUUID } from 'node:crypto';
import { claimHolder } from '../../domain/intake.js';
import type { GitHubClient } from '../../github/client.js';
import { createComment, listComments, updateComment } from '../../github/issues.js';
import type { RepoRef } from '../../github/types.js';

const CLAIM = 'disclosure-actions:ack-claim';
const RELEASE = 'disclosure-actions:ack-release';

interface MarkedComment {
  readonly id: number;
  readonly body?: string | null | undefined;
  readonly created_at: string;
}

const runOf = (body: string, marker: string): string | undefined =>
  new RegExp(`<!-- ${marker} (\\S+) -->`).exec(body)?.[1];

/**
 * Whether no live run holds the report: some run gave it up, and the latest claimant (if any run claimed it since
 * the one that opened the issue) is among those that gave up.
 */
export function isReleased(comments: readonly MarkedComment[]): boolean {
  const released = new Set(comments.flatMap((c) => runOf(c.body ?? '', RELEASE) ?? []));
  if (released.size === 0) return false;
  const lastClaimant = comments.flatMap((c) => runOf(c.body ?? '', CLAIM) ?? []).at(-1);
  return lastClaimant === undefined || released.has(lastClaimant);
}

/** Says, in the tracking issue, that this run gave up on the report: the next run may finish it straight away. */
export async function releaseReport(
  client: GitHubClient,
  tracker: RepoRef,
  issueNumber: number,
  runId: string,
): Promise<void> {
  await createComment(
    client,
    tracker,
    issueNumber,
    `ack-report could not finish this acknowledgement (run ${runId}); the next run finishes it.\n\n<!-- ${RELEASE} ${runId} -->`,
  );
}

/** Tells concurrent runs apart: the workflow run (when there is one) and a random part. */
export function newRunId(env: NodeJS.ProcessEnv): string {
  return `${env.GITHUB_RUN_ID ?? 'local'}-${randomUUID().slice(0, 8)}`;
}

export async function claimReport(
  client: GitHubClient,
  tracker: RepoRef,
  issueNumber: number,
  runId: string,
): Promise<boolean> {
  const mine = await createComment(
    client,
    tracker,
    issueNumber,
    `ack-report is finishing the acknowledgement of this report, which an earlier run left unfinished (run ${runId}).\n\n<!-- ${CLAIM} ${runId} -->`,
  );
  const comments = await listComments(client, tracker, issueNumber);
  const released = new Set(comments.flatMap((comment) => runOf(comment.body ?? '', RELEASE) ?? []));
  const claims = comments
    .filter((comment) => {
      const run = runOf(comment.body ?? '', CLAIM);
      return run !== undefined && !released.has(run);
    })
    .map((comment) => ({ id: comment.id, createdAt: comment.created_at }));
  if (claimHolder(claims) === mine.id) return true;
  await updateComment(
    client,
    tracker,
    mine.id,
    `ack-report stood down (run ${runId}): another run was already finishing this acknowledgement.`,
  );
  return false;
}
