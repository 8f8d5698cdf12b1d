/**
 * Escalating a breach, once: the chat message goes out first, then the comment that @-mentions the team, carrying
 * the breach's marker; the caller then records the step in a state block. The comment's presence proves the message
 * went out, so a sweep interrupted anywhere in between neither repeats nor loses either on the next run (only a
 * crash between the message and the comment can repeat the message).
 */
import * as core from '@actions/core';
import { postWebhook } from '../../channels/webhook.js';
import type { Step } from '../../domain/deadlines.js';
import type { ReportAssessment } from '../../domain/sla.js';
import { escalationComment, escalationMarker, escalationMessage } from '../../domain/sla-text.js';
import type { GitHubClient } from '../../github/client.js';
import { createComment } from '../../github/issues.js';
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
  try {
    await postWebhook(webhook, { text: escalationMessage(assessment, step, { url: issue.url, mention }) });
    outcome.messages += 1;
  } catch (error) {
    const message = `chat notification failed: ${(error as Error).message}`;
    core.warning(`Breach of ${step} on ${assessment.key} escalated in the tracker, but ${message}; not sent again.`);
    outcome.failures.push({ item: `${assessment.key} ${step}`, message });
  }
}

export async function escalate(
  ctx: WriteContext,
  issue: EscalationIssue,
  breaches: readonly Breach[],
  existing: readonly IssueComment[],
): Promise<EscalationOutcome> {
  const outcome: EscalationOutcome = { escalated: [], messages: 0, comments: 0, failures: [] };
  for (const breach of breaches) {
    const { assessment, step } = breach;
    const marker = escalationMarker(assessment.key, step);
    if (existing.some((comment) => (comment.body ?? '').includes(marker))) {
      outcome.escalated.push(breach);
      continue;
    }
    // The mention is the escalation and its record (GitHub notifies the team of it); the chat message follows, at
    // most once: a sweep cut short between the two never sends it twice.
    const body = `${escalationComment(assessment, step, ctx.mention)}\n\n${marker}`;
    await createComment(ctx.client, ctx.tracker, issue.number, body);
    outcome.comments += 1;
    outcome.escalated.push(breach);
    if (ctx.webhook) await sendChat(ctx.webhook, breach, issue, ctx.mention, outcome);
  }
  return outcome;
}
