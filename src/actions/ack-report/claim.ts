/**
 * Claiming a report that an earlier run left half acknowledged (its tracking issue exists, the acknowledgement is not
 * recorded). GitHub has no compare-and-set on issues, so the claim is append-only: each run posts a claim comment,
 * lists the comments, and the oldest live claim holds the report (see claimHolder). A run that loses edits its
 * comment to say it stood down. The comments stay as a record in the private tracker.
 */
import { randomUUID } from 'node:crypto';
import { claimHolder } from '../../domain/intake.js';
import type { GitHubClient } from '../../github/client.js';
import { createComment, listComments, updateComment } from '../../github/issues.js';
import type { RepoRef } from '../../github/types.js';

const CLAIM = 'disclosure-actions:ack-claim';

/** Tells concurrent runs apart: the workflow run (when there is one) and a random part. */
export function newRunId(env: NodeJS.ProcessEnv = process.env): string {
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
  const claims = comments
    .filter((comment) => (comment.body ?? '').includes(`<!-- ${CLAIM} `))
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
