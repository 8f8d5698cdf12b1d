/**
 * `/triage` in a tracker issue comment. Only active members of the response team may run it; anyone else gets a
 * reply and nothing else happens. Every command is answered once (a marker carries the comment id, so a re-delivered
 * event does not answer twice). The tracker is private, but the answer still holds only decisions and numbers.
 */
import * as core from '@actions/core';
import { formatUtc } from '../../domain/checklist.js';
import { ConfigurationError, PermissionError } from '../../domain/errors.js';
import { inertText } from '../../domain/sanitize.js';
import { readTrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { hasStatus, PERMISSIONS } from '../../github/errors.js';
import { getIssue, postOnce } from '../../github/issues.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { isActiveTeamMember } from '../../github/teams.js';
import { fullName, splitFullName, type RepoRef } from '../../github/types.js';
import { inOrder } from '../common/concurrency.js';
import type { CommandMode, TriageConfig } from './config.js';
import { runTriage, type TriageResult } from './run.js';

const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;

const replyMarker = (commentId: number): string => `<!-- disclosure-actions:triage-reply ${commentId} -->`;

async function isMember(client: GitHubClient, mode: CommandMode): Promise<boolean> {
  try {
    return await isActiveTeamMember(client, mode.team.org, mode.team.slug, mode.event.login);
  } catch (error) {
    if (!hasStatus(error, 401, 403)) throw error;
    throw new PermissionError(
      `Cannot check whether ${mode.event.login} is in ${mode.team.org}/${mode.team.slug}: the token needs "${PERMISSIONS.members}".`,
    );
  }
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
    `- Disclosure deadline: ${formatUtc(result.timeline.disclosureDeadline)}`,
    `- Changes: ${result.changes.length > 0 ? result.changes.map((c) => inertText(c)).join('; ') : 'none (already as asked)'}`,
    ...result.notes.map((note) => `- Note: ${inertText(note)}`),
  ];
  return lines.join('\n');
}

function failureReply(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const outcome =
    error instanceof ConfigurationError
      ? 'Nothing was changed.'
      : 'Some changes may have been applied before the failure: see the workflow run, then run the command again.';
  return `**/triage failed**: ${inertText(message)}\n\n${outcome}`;
}

interface CommandTarget {
  readonly repository: RepoRef;
  readonly ghsaId: string;
}

/** The advisory the tracking issue is about, from its state block. */
function targetOf(
  body: string | null | undefined,
): CommandTarget & { state: NonNullable<ReturnType<typeof readTrackerState>> } {
  const state = readTrackerState(body);
  if (!state || !GHSA.test(state.key) || !state.repository) {
    throw new ConfigurationError(
      'This issue is not the tracking issue of a repository advisory (no state block with a GHSA id and repository): run /triage in the tracking issue ack-report opened.',
      'triage command',
    );
  }
  return { repository: splitFullName(state.repository), ghsaId: state.key, state };
}

export async function runCommand(
  client: GitHubClient,
  config: TriageConfig,
  mode: CommandMode,
  now: Date,
): Promise<TriageResult | undefined> {
  const { tracker, event } = mode;
  const reply = (text: string): Promise<unknown> =>
    postOnce(client, tracker, event.issueNumber, replyMarker(event.commentId), text);
  const [, member] = await inOrder(requirePrivateTracker(client, tracker, 'tracker'), isMember(client, mode));
  if (!member) {
    core.warning(`${event.login} is not an active member of ${mode.team.org}/${mode.team.slug}: /triage ignored.`);
    await reply(
      `\`${event.login}\` is not a member of the response team (${mode.team.org}/${mode.team.slug}), so this /triage command was not applied. Nothing was changed.`,
    );
    return undefined;
  }
  try {
    if ('error' in mode.command) throw mode.command.error;
    const issue = await getIssue(client, tracker, event.issueNumber);
    const { repository, ghsaId, state } = targetOf(issue.body);
    core.info(`/triage by ${event.login} on ${fullName(tracker)}#${event.issueNumber} for ${ghsaId}.`);
    const result = await runTriage(
      { client, policy: config.policy, now, rejectionTemplate: config.rejectionTemplate },
      { repository, ghsaId, tracker, report: { issue, state } },
      mode.command.request,
    );
    await reply(resultReply(result, event.login));
    return result;
  } catch (error) {
    await reply(failureReply(error));
    throw error;
  }
}
