/**
 * Escalating a breach, once: the comment that @-mentions the team, carrying the breach's marker, then the chat
 * message; the caller then records the step in a state block. The comment is the escalation and its record, so a
 * sweep interrupted anywhere neither repeats nor loses it on the next run; the chat message is sent at most once.
 *
 * Two sweeps at once (a re-run started while the scheduled one runs) may each post the comment. GitHub notifies a
 * mention when the comment is created, and deleting it later does not take the notification back, so the comment is
 * first posted without the mention: a claim. After posting, the comments are listed again (until the listing shows
 * this run's claims: listings lag behind writes, settle.ts) and the oldest claim per breach wins. The run that holds
 * it edits the mention in (GitHub notifies the mentions an edit adds, once) and sends the chat message; a run that
 * lost deletes its claim, which never mentioned anyone. A claim left without its mention by a run that stopped
 * before the edit gets it from the next sweep (no chat message then: at most once).
 */
import type { ChatChannel } from '../common/chat.js';
import type { Step } from '../../domain/deadlines.js';
import type { ReportAssessment } from '../../domain/sla.js';
import { escalationComment, escalationMarker, escalationMessage, isBreach } from '../../domain/sla-text.js';
import type { GitHubClient } from '../../github/client.js';
import {
  createComment,
  deleteComment,
  listComments,
  oldestWithMarker,
  updateCommentUnlessGone,
} from '../../github/issues.js';
import type { IssueComment, RepoRef } from '../../github/types.js';
import type { Pause } from '../common/concurrency.js';
import type { RunnerLog } from '../common/runner.js';
import { listingShowing } from './settle.js';

export interface WriteContext {
  readonly client: GitHubClient;
  readonly tracker: RepoRef;
  readonly webhook: ChatChannel | undefined;
  /** `@org/team`, or undefined for a comment without a mention. */
  readonly mention: string | undefined;
  /** Tracking issues brought up to date at once. */
  readonly concurrency: number;
  /** Where a failed chat message is reported, and a tracker update written again (tracker.ts). */
  readonly log: Pick<RunnerLog, 'warning' | 'info'>;
  /** The waits of settling (settle.ts, tracker.ts): while one issue waits, another makes its requests. */
  readonly pause: Pause;
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
  ctx: Pick<WriteContext, 'mention'>,
  webhook: ChatChannel,
  breach: Breach,
  issue: EscalationIssue,
  outcome: EscalationOutcome,
): Promise<void> {
  const { assessment, step } = breach;
  const text = escalationMessage(assessment, step, { url: issue.url, mention: ctx.mention });
  const what = isBreach(assessment, step) ? 'Breach' : 'Reminder';
  const problem = await webhook.send(text, `${what} of ${step} on ${assessment.key} escalated in the tracker`);
  if (problem) outcome.failures.push({ item: `${assessment.key} ${step}`, message: `${problem}; not sent again` });
  else outcome.messages += 1;
}

interface Posted {
  readonly breach: Breach;
  readonly marker: string;
  readonly commentId: number;
}

/** The claims posted by this run that are the oldest for their breach; a younger one another sweep beat. */
async function settlePosted(
  ctx: WriteContext,
  issue: EscalationIssue,
  posted: readonly Posted[],
): Promise<{ held: Posted[]; beaten: Posted[] }> {
  const comments = await listingShowing(
    () => listComments(ctx.client, ctx.tracker, issue.number),
    (comment) => comment.id,
    posted.map((p) => p.commentId),
    ctx.pause,
  );
  const holds = (p: Posted): boolean => (oldestWithMarker(comments, p.marker)?.id ?? p.commentId) === p.commentId;
  return { held: posted.filter(holds), beaten: posted.filter((p) => !holds(p)) };
}

const bodyOf = (breach: Breach, mention: string | undefined, marker: string): string =>
  `${escalationComment(breach.assessment, breach.step, mention)}\n\n${marker}`;

/** Whether a comment still lacks the mention this sweep would put in (a claim whose run stopped before the edit). */
const lacksMention = (comment: IssueComment, mention: string | undefined): boolean =>
  mention !== undefined && !(comment.body ?? '').includes(mention);

/**
 * Posts the missing claims, settles them against a concurrent sweep, mentions the team in those this run holds and
 * sends their messages. A failed request stops the posting, but the claims already posted are still settled and, when
 * held, completed (when the settling listing is what failed, as if no other sweep ran), and the failure is raised
 * after.
 */
export async function escalate(
  ctx: WriteContext,
  issue: EscalationIssue,
  breaches: readonly Breach[],
  existing: readonly IssueComment[],
): Promise<EscalationOutcome> {
  const outcome: EscalationOutcome = { escalated: [], messages: 0, comments: 0, failures: [] };
  const posted: Posted[] = [];
  const unfinished: Posted[] = [];
  let failure: unknown;
  for (const breach of breaches) {
    const { assessment, step } = breach;
    const marker = escalationMarker(assessment.key, step);
    const found = oldestWithMarker(existing, marker);
    if (found) {
      if (lacksMention(found, ctx.mention)) unfinished.push({ breach, marker, commentId: found.id });
    } else {
      try {
        const comment = await createComment(ctx.client, ctx.tracker, issue.number, bodyOf(breach, undefined, marker));
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
  // The mention goes in only once the claim is held: a run that lost never mentioned anyone.
  for (const claim of [...unfinished, ...held]) {
    if (ctx.mention === undefined) continue;
    try {
      const body = bodyOf(claim.breach, ctx.mention, claim.marker);
      if (await updateCommentUnlessGone(ctx.client, ctx.tracker, claim.commentId, body)) outcome.comments += 1;
    } catch (error) {
      failure ??= error;
    }
  }
  if (ctx.webhook) for (const { breach } of held) await sendChat(ctx, ctx.webhook, breach, issue, outcome);
  if (failure !== undefined) throw failure;
  return outcome;
}
