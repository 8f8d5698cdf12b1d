import { readTrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { getIssue, labelNames, postOnce } from '../../github/issues.js';
import { isActiveTeamMember } from '../../github/teams.js';
import type { RepoRef } from '../../github/types.js';
import type { IssueCommentEvent } from '../common/comment-event.js';
import { parseGhsaId, parseRepository, type TeamRef } from '../common/inputs.js';
import type { RunnerLog } from '../common/runner.js';
import { TRACKER_LABEL, type TrackedReport } from '../common/tracker.js';
import { FORK_COMMAND_USAGE, parseForkCommand } from './command.js';

export interface CommentJob {
  readonly ghsaId: string;
  readonly repository: RepoRef;
  readonly report: TrackedReport;
  /** `fix-team=` of the command, when given. */
  readonly fixTeam: readonly string[] | undefined;
}

export type ReplyOutcome = 'refused' | 'ready' | 'waiting' | 'failed';

/** Answers the command once per comment and outcome, so a re-run of the same event writes nothing new. */
export async function replyToCommand(
  client: GitHubClient,
  tracker: RepoRef,
  event: IssueCommentEvent,
  outcome: ReplyOutcome,
  text: string,
): Promise<void> {
  const marker = `<!-- disclosure-actions:fork-reply ${event.commentId} ${outcome} -->`;
  await postOnce(client, tracker, event.issueNumber, marker, `@${event.author} ${text}`);
}

/**
 * The advisory a `/fork` comment asks for, read from the tracking issue's state block, or undefined when the comment
 * is not a command to act on (then it has been answered or ignored, and nothing else changes).
 */
export async function resolveCommentJob(
  client: GitHubClient,
  log: RunnerLog,
  tracker: RepoRef,
  event: IssueCommentEvent,
  team: TeamRef,
): Promise<CommentJob | undefined> {
  if (event.action !== 'created' || event.isPullRequest) {
    log.info(`Ignoring the issue_comment event (action "${event.action}"): only new issue comments are commands.`);
    return undefined;
  }
  const command = parseForkCommand(event.body);
  if (command.kind === 'none') {
    log.info(`Comment ${event.commentId} is not a /fork command; nothing to do.`);
    return undefined;
  }
  if (!(await isActiveTeamMember(client, team.org, team.slug, event.author))) {
    log.warning(`/fork by ${event.author} refused: not a member of ${team.org}/${team.slug}.`);
    await replyToCommand(
      client,
      tracker,
      event,
      'refused',
      `only members of ${team.org}/${team.slug} may run \`/fork\`; nothing was changed.`,
    );
    return undefined;
  }
  if (command.kind === 'invalid') {
    log.warning(`/fork in comment ${event.commentId} not run: ${command.problem}`);
    await replyToCommand(client, tracker, event, 'refused', `\`/fork\` not run: ${command.problem}.`);
    return undefined;
  }
  const report = await trackedReportOf(client, tracker, event.issueNumber);
  if (!report) {
    log.warning(`/fork in #${event.issueNumber} not run: it is not the tracking issue of an advisory.`);
    await replyToCommand(
      client,
      tracker,
      event,
      'refused',
      `\`/fork\` works in the tracking issue of an advisory (usage: ${FORK_COMMAND_USAGE}); this issue is not one, so nothing was changed.`,
    );
    return undefined;
  }
  return { ...report, fixTeam: command.fixTeam };
}

async function trackedReportOf(
  client: GitHubClient,
  tracker: RepoRef,
  issueNumber: number,
): Promise<Omit<CommentJob, 'fixTeam'> | undefined> {
  const issue = await getIssue(client, tracker, issueNumber);
  const state = readTrackerState(issue.body);
  if (!state?.repository || !labelNames(issue).includes(TRACKER_LABEL)) return undefined;
  try {
    return {
      ghsaId: parseGhsaId('tracker state', state.key),
      repository: parseRepository('tracker state', state.repository),
      report: { issue, state },
    };
  } catch {
    return undefined;
  }
}
