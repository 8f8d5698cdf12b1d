import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';

/** The parts of an `issue_comment` event the `/fork` command needs. */
export interface CommentEvent {
  readonly action: string;
  readonly commentId: number;
  readonly body: string;
  readonly author: string;
  readonly issueNumber: number;
  readonly isPullRequest: boolean;
  /** `owner/name` of the repository the comment was made in. */
  readonly repository: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function readEventPayload(env: NodeJS.ProcessEnv = process.env): unknown {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    throw new ConfigurationError(`The event payload at ${path} cannot be read as JSON.`, 'GITHUB_EVENT_PATH');
  }
}

export function commentEventOf(payload: unknown): CommentEvent {
  const root = record(payload);
  const comment = record(root.comment);
  const issue = record(root.issue);
  const commentId = comment.id;
  const issueNumber = issue.number;
  const repository = text(record(root.repository).full_name);
  if (typeof commentId !== 'number' || typeof issueNumber !== 'number' || repository === '') {
    throw new ConfigurationError(
      'The issue_comment event payload lacks the comment id, the issue number or the repository.',
      'GITHUB_EVENT_PATH',
    );
  }
  return {
    action: text(root.action),
    commentId,
    body: text(comment.body),
    author: text(record(comment.user).login),
    issueNumber,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    repository,
  };
}
