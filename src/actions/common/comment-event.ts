/** The `issue_comment` event that carries a ChatOps command (`/triage`, `/release approve`, `/fork`) in a tracker issue. */
import { EventPayload, type Json } from './event-payload.js';

/** The parts of an `issue_comment` event a command needs. */
export interface IssueCommentEvent {
  readonly action: string;
  readonly commentId: number;
  readonly body: string;
  /** The commenter's login. */
  readonly author: string;
  readonly issueNumber: number;
  /** When the comment was made (ISO 8601); undefined when the payload does not say. */
  readonly createdAt: string | undefined;
  readonly isPullRequest: boolean;
  /** `owner/name` of the repository the comment was made in; undefined when the payload names none. */
  readonly repository: string | undefined;
}

/** The comment of an `issue_comment` payload; a field a command needs that is missing fails the run, naming it. */
export function readIssueCommentEvent(payload: Json): IssueCommentEvent {
  const fields = new EventPayload('issue_comment', payload);
  const pullRequest = fields.value('issue.pull_request');
  return {
    action: fields.requiredText('action', 'action'),
    commentId: fields.requiredNumber('comment.id', 'comment id'),
    body: fields.requiredText('comment.body', 'comment body'),
    author: fields.requiredText('comment.user.login', 'commenter'),
    issueNumber: fields.requiredNumber('issue.number', 'issue number'),
    createdAt: fields.text('comment.created_at'),
    isPullRequest: pullRequest !== undefined && pullRequest !== null,
    repository: fields.text('repository.full_name'),
  };
}
