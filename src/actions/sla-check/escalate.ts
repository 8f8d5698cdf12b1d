/**
 * Escalating a breach, once: the comment that @-mentions the team, carrying the breach's marker, then the chat
 * message; the caller then records the step in a state block. The comment is the escalation and its record, so a
 * sweep interrupted anywhere neither repeats nor loses it on the next run; the chat message is sent at most once.
 * Two sweeps at once (a re-run started while the scheduled one runs) each post the comment: after posting, the
 * comments are listed again and the oldest per breach is kept; the younger run deletes its own and sends no message.
 */
import * as core from '@actions/core';
import type { Step } from '../../domain/deadlines.js';
import type { ReportAssessment } from '../../domain/sla.js';
import { escalationComment, escalationMarker, escalationMessage } from '../../domain/sla-text.js';
import type { GitHubClient } from '../../github/client.js';
import { createComment, deleteComment, listComments, oldestWithMarker } from '../../github/issues.js';
import type { IssueComment, RepoRef } from '../../github/types.js';

export interface WriteContext {
  readonly client: GitHubClient;
  readonly tracker: RepoRef;
  readonly webhook: URL | undefined;
  /** `@org/team`, or undefined for a comment without a mention. */
  readonly mention: string | undefined;
  /** Tracking issues brought up to date at once. */
  readonly concurrency: number;
}

export interface Breach {
  readonly assessment: ReportAssessment;
  readonly step: Step;
}

export interface Failure {
  readonly item: string;
  readonly message: string;
}

export interface EscalationOutcome {
  /** Breaches now escalated (this run or an interrupted earlier one). */
  readonly escalated: Breach[];
  /** Chat messages sent by this run. */
  messages: number;
  comments: number;
  readonly failures: Failure[];
}

/** Where the mention comments go: the tracking issue, or the dashboard for reports not tracked yet. */
export interface EscalationIssue {
  readonly number: number;
  readonly url: string;
}

async function sendChat(
  webhook: URL,
  breach: Breach,
  issue: EscalationIssue,
  mention: string | undefined,
  outcome: EscalationOutcome,
): Promise<void> {
  const { assessment, step } = breach;
  const { postWebhook } = await import('../../channels/webhook.js');
  try {
    await postWebhook(webhook, { text: escalationMessage(assessment, step, { url: issue.url, mention }) });
    outcome.messages += 1;
  } catch (error) {
    const message = `chat notification failed: ${(error as Error).message}`;
    core.warning(`Breach of ${step} on ${assessment.key} escalated in the tracker, but ${message}; not sent again.`);
    outcome.failures.push({ item: `${assessment.key} ${step}`, message });
  }
}

interface Posted {
  readonly breach: Breach;
  readonly marker: string;
  readonly commentId: number;
}

/** The comments posted by this run that are the oldest for their breach; a younger one another sweep beat. */
async function settlePosted(
  ctx: WriteContext,
  issue: EscalationIssue,
  posted: readonly Posted[],
): Promise<{ held: Posted[]; beaten: Posted[] }> {
  const comments = await listComments(ctx.client, ctx.tracker, issue.number);
  const holds = (p: Posted): boolean => (oldestWithMarker(comments, p.marker)?.id ?? p.commentId) === p.commentId;
  return { held: posted.filter(holds), beaten: posted.filter((p) => !holds(p)) };
}

/**
 * Posts the missing mention comments, settles them against a concurrent sweep, then sends the messages of those this
 * run holds. A failed request stops the posting, but the comments already posted still get their message (when the
 * settling listing is what failed, as if no other sweep ran), and the failure is raised after.
 */
export async function escalate(
  ctx: WriteContext,
  issue: EscalationIssue,
  breaches: readonly Breach[],
  existing: readonly IssueComment[],
): Promise<EscalationOutcome> {
  const outcome: EscalationOutcome = { escalated: [], messages: 0, comments: 0, failures: [] };
  const posted: Posted[] = [];
  let failure: unknown;
  for (const breach of breaches) {
    const { assessment, step } = breach;
    const marker = escalationMarker(assessment.key, step);
    if (!existing.some((comment) => (comment.body ?? '').includes(marker))) {
      const body = `${escalationComment(assessment, step, ctx.mention)}\n\n${marker}`;
      try {
        const comment = await createComment(ctx.client, ctx.tracker, issue.number, body);
        posted.push({ breach, marker, commentId: comment.id });
      } catch (error) {
        failure = error;
        break;
      }
      outcome.comments += 1;
    }
    outcome.escalated.push(breach);
  }
  let held = posted;
  if (posted.length > 0) {
    try {
      const settled = await settlePosted(ctx, issue, posted);
      held = settled.held;
      for (const { commentId } of settled.beaten) await deleteComment(ctx.client, ctx.tracker, commentId);
    } catch (error) {
      failure ??= error;
    }
  }
  if (ctx.webhook) for (const { breach } of held) await sendChat(ctx.webhook, breach, issue, ctx.mention, outcome);
  if (failure !== undefined) throw failure;
  return outcome;
}
