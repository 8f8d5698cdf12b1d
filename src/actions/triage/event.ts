import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';

/** The parts of an `issue_comment` event a `/triage` command needs. */
export interface CommentEvent {
  readonly action: string;
  readonly commentId: number;
  readonly body: string;
  readonly login: string;
  readonly issueNumber: number;
  readonly isPullRequest: boolean;
  /** `owner/name` of the repository the comment was made in. */
  readonly repository: string | undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads the event payload the runner wrote to GITHUB_EVENT_PATH. */
export function readCommentEvent(env: NodeJS.ProcessEnv = process.env): CommentEvent {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new ConfigurationError('GITHUB_EVENT_PATH is not set: cannot read the issue_comment event.');
  let payload: Record<string, unknown>;
  try {
    payload = record(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new ConfigurationError(`The event payload at ${path} cannot be read: ${(error as Error).message}`);
  }
  const comment = record(payload.comment);
  const issue = record(payload.issue);
  const user = record(comment.user);
  const repository = record(payload.repository);
  if (typeof comment.body !== 'string' || typeof issue.number !== 'number' || typeof user.login !== 'string') {
    throw new ConfigurationError(
      'The issue_comment event has no comment body, issue number or commenter: is the workflow triggered by `issue_comment`?',
    );
  }
  return {
    action: typeof payload.action === 'string' ? payload.action : 'created',
    commentId: typeof comment.id === 'number' ? comment.id : 0,
    body: comment.body,
    login: user.login,
    issueNumber: issue.number,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    repository: typeof repository.full_name === 'string' ? repository.full_name : undefined,
  };
}
