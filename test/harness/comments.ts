/**
 * A team member's comment in a tracker issue and the `issue_comment` event GitHub delivers for it to the triage
 * workflow: how the scenarios run tracker commands (`/triage ...`, `/ack ...`, `/release ...`).
 */
import type { IssueComment } from '../emulator/types.js';
import type { RunOptions } from './run-action.js';
import { TRACKER } from './seed.js';

/** The event of `made`, as GitHub delivers it (`action: edited` for an edit, which triage ignores). */
export function commentEvent(made: IssueComment, action = 'created'): Pick<RunOptions, 'eventName' | 'eventPayload'> {
  return {
    eventName: 'issue_comment',
    eventPayload: {
      action,
      issue: { number: made.issueNumber },
      comment: { id: made.id, body: made.body, user: { login: made.user }, created_at: made.createdAt },
      repository: { full_name: TRACKER },
    },
  };
}

/** The triage run's options for `made`: the response team `security-team`, a person's token. */
export function commandRun(made: IssueComment, options: Partial<RunOptions> = {}, action = 'created'): RunOptions {
  return {
    inputs: { token: 'token-admin', team: 'security-team' },
    ...commentEvent(made, action),
    ...options,
  };
}
