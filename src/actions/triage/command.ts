/**
 * `/triage` in a tracker issue comment. Only active members of the response team may run it; anyone else gets a
 * reply and nothing else happens. Every command is answered once (a marker carries the comment id, so a re-delivered
 * event does not answer twice). The tracker is private, but the answer still holds only decisions and numbers.
 */
import { formatUtc } from '../../domain/checklist.js';
import { ConfigurationError, PermissionError } from '../../domain/errors.js';
import { inertText } from '../../domain/sanitize.js';
import { approvalStatus, withApproval } from '../../domain/release-approval.js';
import { releaseStepCommandName, releaseStepName } from '../../domain/release-checklist.js';
import { disclosureText } from '../../domain/timeline.js';
import { readTrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { PERMISSIONS } from '../../github/errors.js';
import { getIssue, postOnce } from '../../github/issues.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { teamMembership } from '../../github/teams.js';
import { fullName, splitFullName, type Issue, type RepoRef } from '../../github/types.js';
import { inOrder } from '../common/concurrency.js';
import { isGhsaId } from '../common/inputs.js';
import { updateTracker } from '../common/tracker.js';
import { runAckCommand } from './ack-sent.js';
import { handFiledReport, triageHandFiled } from './hand-filed.js';
import { rejectHandFiled } from './hand-filed-rejection.js';
import { runReleaseStep } from './release-steps.js';
import type { CommandMode } from './config.js';
import { runTriage, type TriageContext, type TriageResult } from './run.js';

const replyMarker = (commentId: number): string => `<!-- disclosure-actions:triage-reply ${commentId} -->`;

async function isMember(client: GitHubClient, mode: CommandMode): Promise<boolean> {
  const membership = await teamMembership(client, mode.team.org, mode.team.slug, mode.event.author);
  if (membership.visible) return membership.active;
  throw new PermissionError(
    `Cannot check whether ${mode.event.author} is in ${mode.team.org}/${mode.team.slug}: the token needs "${PERMISSIONS.members}".`,
  );
}

function resultReply(result: TriageResult, login: string): string {
  const score = result.score
    ? `${result.score.score} (${result.score.severity}, CVSS ${result.score.version})`
    : (result.severity ?? 'not scored');
  const slot = result.timeline.releaseSlot;
  const lines = [
    `**Triage of ${result.ghsaId}** (requested by \`${login}\`)`,
    '',
    `- Score: ${score}`,
    `- Decision: ${result.decision ?? 'none'}; advisory state: ${result.state}`,
    `- Proposed release slot: ${slot ? formatUtc(slot.start) : 'none'}`,
    `- Disclosure deadline: ${disclosureText(result.timeline)}`,
    `- Changes: ${result.changes.length > 0 ? result.changes.map((c) => inertText(c)).join('; ') : 'none (already as asked)'}`,
    ...result.notes.map((note) => `- Note: ${inertText(note)}`),
  ];
  return lines.join('\n');
}

function failureReply(command: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const outcome =
    error instanceof ConfigurationError
      ? 'Nothing was changed.'
      : 'Some changes may have been applied before the failure: see the workflow run, then run the command again.';
  return `**${command} failed**: ${inertText(message)}\n\n${outcome}`;
}

/** The command a mode runs, as the replies name it. */
function commandName(mode: CommandMode): string {
  if ('step' in mode.command) return releaseStepName(mode.command.step);
  if ('error' in mode.command && mode.command.error.source === 'release step command') {
    return releaseStepCommandName(mode.event.body);
  }
  if ('ack' in mode.command && mode.command.ack.kind === 'needs-info') return '/triage needs-info';
  if ('ack' in mode.command || ('error' in mode.command && mode.command.error.source === 'ack command')) return '/ack';
  const release =
    'approve' in mode.command || ('error' in mode.command && mode.command.error.source === 'release command');
  return release ? '/release approve' : '/triage';
}

interface CommandTarget {
  readonly repository: RepoRef;
  readonly ghsaId: string;
}

/** The advisory the tracking issue is about, from its state block. */
function targetOf(
  body: string | null | undefined,
  command = '/triage',
): CommandTarget & { state: NonNullable<ReturnType<typeof readTrackerState>> } {
  const state = readTrackerState(body);
  if (!state || !isGhsaId(state.key) || !state.repository) {
    throw new ConfigurationError(
      `This issue is not the tracking issue of a repository advisory (no state block with a GHSA id and repository): run ${command} in the tracking issue ack-report opened.`,
      command === '/triage' ? 'triage command' : 'release command',
    );
  }
  return { repository: splitFullName(state.repository), ghsaId: state.key, state };
}

export async function runCommand(context: TriageContext, mode: CommandMode): Promise<TriageResult | undefined> {
  const { client, log } = context;
  const { tracker, event } = mode;
  const reply = (text: string): Promise<unknown> =>
    postOnce(client, tracker, event.issueNumber, replyMarker(event.commentId), text);
  const command = commandName(mode);
  const [, member] = await inOrder(requirePrivateTracker(client, tracker, 'tracker', log), isMember(client, mode));
  if (!member) {
    log.warning(`${event.author} is not an active member of ${mode.team.org}/${mode.team.slug}: ${command} ignored.`);
    await reply(
      `\`${event.author}\` is not a member of the response team (${mode.team.org}/${mode.team.slug}), so this ${command} command was not applied. Nothing was changed.`,
    );
    return undefined;
  }
  try {
    if ('error' in mode.command) throw mode.command.error;
    const issue = await getIssue(client, tracker, event.issueNumber);
    if ('ack' in mode.command) {
      await reply(await runAckCommand(context, mode, issue, mode.command.ack));
      return undefined;
    }
    if ('approve' in mode.command) {
      await reply(await approveRelease(context, mode, issue));
      return undefined;
    }
    if ('step' in mode.command) {
      await reply(await runReleaseStep(context, mode, issue, mode.command.step));
      return undefined;
    }
    const decider = { ...context, actor: event.author, mention: `@${mode.team.org}/${mode.team.slug}` };
    // A report filed by hand (no advisory yet): accepting it opens the advisory (hand-filed.ts).
    const handFiled = handFiledReport(issue.body);
    if (handFiled && mode.command.request.decision === 'reject') {
      await reply(await rejectHandFiled(decider, mode, issue, handFiled, mode.command.request));
      return undefined;
    }
    if (handFiled) {
      const opened = await triageHandFiled(decider, mode, issue, handFiled, mode.command.request);
      await reply(resultReply(opened, event.author));
      return opened;
    }
    const { repository, ghsaId, state } = targetOf(issue.body);
    log.info(`/triage by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${ghsaId}.`);
    const result = await runTriage(
      decider,
      { repository, ghsaId, tracker, report: { issue, state } },
      mode.command.request,
    );
    await reply(resultReply(result, event.author));
    return result;
  } catch (error) {
    await reply(failureReply(command, error));
    throw error;
  }
}

/**
 * `/release approve` by an active member (checked by runCommand): the approval recorded in the tracker state, with
 * who and when, merged with whatever else is written to the issue at the same time (updateTracker). Returns the reply.
 */
async function approveRelease(context: TriageContext, mode: CommandMode, issue: Issue): Promise<string> {
  const { client, log, policy, now } = context;
  const { event, tracker, team } = mode;
  const { ghsaId, state } = targetOf(issue.body, '/release approve');
  if (state.decision === 'reject') {
    throw new ConfigurationError(
      `${ghsaId} was rejected in triage: there is no publication to approve.`,
      'release command',
    );
  }
  if (state.publishedAt) {
    return `${ghsaId} is already published (${formatUtc(new Date(state.publishedAt))}): nothing to approve.`;
  }
  const before = approvalStatus(state, policy.releaseApprovals);
  const again = before.approvals.some((approval) => approval.login.toLowerCase() === event.author.toLowerCase());
  const approval = { login: event.author, at: event.createdAt ?? now.toISOString(), comment: event.commentId };
  const saved = await updateTracker(
    client,
    tracker,
    { issue, state },
    { state: withApproval(state, approval), policy },
    log,
  );
  const status = approvalStatus(saved.state, policy.releaseApprovals);
  const who = status.approvals.map((known) => `\`${known.login}\``).join(', ');
  log.info(
    `/release approve by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${ghsaId}: ${status.approvals.length} of ${status.required} approval(s).`,
  );
  const heading = again
    ? `\`${event.author}\` had already approved the publication of ${ghsaId}.`
    : `**Publication of ${ghsaId} approved** by \`${event.author}\`.`;
  const count = `Approvals: ${status.approvals.length} of ${status.required} required (${who}).`;
  const next =
    status.missing === 0
      ? 'publish-announcement may publish it on its release day.'
      : `Still needed: ${status.missing === 1 ? 'one more member' : `${status.missing} more members`} of ${team.org}/${team.slug}, other than ${who}, commenting \`/release approve\` here.`;
  return [heading, '', count, next].join('\n');
}
