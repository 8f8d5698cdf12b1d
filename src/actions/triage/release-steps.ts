/**
 * Confirmations in a tracking issue, by an active member of the response team (runCommand checks membership and
 * answers each comment once; an edited comment is never a command):
 * - `/triage sanitized` (alias `/release sanitized`): the advisory's public text was reviewed for publication. The
 *   first command shows the text, in one private comment in the tracking issue ("What will become public"); a
 *   command made after that comment, for the same text, is recorded with who, when and the text's fingerprint. A
 *   text changed since is shown again instead, and its review asked for again.
 * - `/release done <item>` and `/release undo <item>`: one release-day step a person takes (release-checklist.ts).
 * Writes go through updateTracker (merged with concurrent writers); a command already applied writes nothing.
 */
import { formatUtc } from '../../domain/checklist.js';
import { ConfigurationError } from '../../domain/errors.js';
import {
  checklistItem,
  openChecklistItems,
  publicTextComment,
  publicTextDigest,
  publicTextMarker,
  releaseDaySection,
  SANITIZED_COMMAND,
  shownDigest,
  withChecklistItem,
  withoutChecklistItem,
  withSanitizedReview,
  type ReleaseChecklistKey,
  type ReleaseStep,
} from '../../domain/release-checklist.js';
import { readTrackerState, type TrackerState } from '../../domain/tracker-state.js';
import { getAdvisory } from '../../github/advisories.js';
import { listComments, oldestWithMarker, upsertMarkedComment } from '../../github/issues.js';
import { fullName, splitFullName, type Issue, type IssueComment } from '../../github/types.js';
import { isGhsaId } from '../common/inputs.js';
import { policyForState, updateTracker } from '../common/tracker.js';
import type { CommandMode } from './config.js';
import type { TriageContext } from './run.js';

const SECTION = 'release-day';

interface StepTarget {
  readonly context: TriageContext;
  readonly mode: CommandMode;
  readonly issue: Issue;
  readonly state: TrackerState;
  readonly ghsaId: string;
}

/** Runs a confirmation command; returns the reply. */
export async function runReleaseStep(
  context: TriageContext,
  mode: CommandMode,
  issue: Issue,
  step: ReleaseStep,
): Promise<string> {
  const state = readTrackerState(issue.body);
  if (!state || !isGhsaId(state.key) || !state.repository) {
    throw new ConfigurationError(
      'This issue is not the tracking issue of a repository advisory (no state block with a GHSA id and repository): confirm release steps in the tracking issue ack-report opened.',
      'release step command',
    );
  }
  const ghsaId = state.key;
  if (state.decision === 'reject') {
    throw new ConfigurationError(
      `${ghsaId} was rejected in triage: there is no release to prepare.`,
      'release step command',
    );
  }
  if (state.publishedAt) {
    return `${ghsaId} is already published (${formatUtc(new Date(state.publishedAt))}): nothing to confirm. Nothing was changed.`;
  }
  const target = { context, mode, issue, state, ghsaId };
  if (step.kind === 'sanitized') return reviewPublicText(target, state.repository);
  return step.kind === 'done' ? confirmItem(target, step.item) : withdrawItem(target, step.item);
}

/** The state saved, merged with concurrent writers; the Release day section follows the merged state. */
async function save({ context, mode, issue, state }: StepTarget, wanted: TrackerState): Promise<void> {
  const policy = policyForState(context.policy, state);
  const sections = { [SECTION]: (merged: TrackerState) => releaseDaySection(merged) };
  await updateTracker(context.client, mode.tracker, { issue, state }, { state: wanted, policy, sections }, context.log);
}

/**
 * Whether `shown` showed this very text before the command was made: posted (or last edited) before the command's
 * comment, so that a re-delivered command that asked to be shown the text never counts as its review.
 */
function shownBefore(shown: IssueComment | undefined, digest: string, mode: CommandMode): boolean {
  if (!shown || shown.id >= mode.event.commentId || shownDigest(shown.body ?? '') !== digest) return false;
  const madeAt = mode.event.createdAt;
  return madeAt === undefined || Date.parse(shown.updated_at) <= Date.parse(madeAt);
}

async function reviewPublicText(target: StepTarget, repository: string): Promise<string> {
  const { context, mode, issue, state, ghsaId } = target;
  const { client, log, now } = context;
  const { event, tracker } = mode;
  const advisory = await getAdvisory(client, splitFullName(repository), ghsaId);
  const text = { summary: advisory.summary, description: advisory.description };
  const digest = publicTextDigest(text);
  if (state.sanitized?.digest === digest) {
    return `The text of ${ghsaId} was reviewed for publication already, by \`${state.sanitized.login}\` on ${formatUtc(new Date(state.sanitized.at))}, and has not changed since. Nothing was changed.`;
  }
  const marker = publicTextMarker(ghsaId);
  const comments = await listComments(client, tracker, issue.number);
  const shown = oldestWithMarker(comments, marker);
  if (!shownBefore(shown, digest, mode)) {
    const outcome = await upsertMarkedComment(
      client,
      tracker,
      issue.number,
      marker,
      publicTextComment(ghsaId, text),
      comments,
    );
    log.info(
      `${SANITIZED_COMMAND} by ${event.author} for ${ghsaId}: the public text was shown (${outcome}), not yet reviewed.`,
    );
    const why = state.sanitized
      ? `The summary or description of ${ghsaId} changed since \`${state.sanitized.login}\` reviewed it`
      : `Nothing was recorded yet`;
    return `${why}: the text that will become public is now shown in this issue ("What will become public", fingerprint \`${digest}\`). Read it, edit the advisory if needed, then comment \`${SANITIZED_COMMAND}\` again to record the review.`;
  }
  const review = { login: event.author, at: event.createdAt ?? now.toISOString(), comment: event.commentId, digest };
  await save(target, withSanitizedReview(state, review));
  log.info(
    `${SANITIZED_COMMAND} by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${ghsaId}: recorded.`,
  );
  return `**Text of ${ghsaId} reviewed for publication** by \`${event.author}\` on ${formatUtc(new Date(review.at))} (fingerprint \`${digest}\`). A change to its summary or description after this asks for a new review before publication.`;
}

const stillOpen = (state: TrackerState): string => {
  const open = openChecklistItems(state);
  return open.length === 0
    ? 'Every release-day step is confirmed.'
    : `Still to confirm: ${open.map((item) => `\`/release done ${item}\``).join(', ')}.`;
};

async function confirmItem(target: StepTarget, item: ReleaseChecklistKey): Promise<string> {
  const { context, mode, state, ghsaId } = target;
  const { event, tracker } = mode;
  const { label } = checklistItem(item);
  const had = state.checklist?.[item];
  if (had) {
    return `"${label}" for ${ghsaId} was confirmed already, by \`${had.login}\` on ${formatUtc(new Date(had.at))}. Nothing was changed.`;
  }
  const confirmation = {
    login: event.author,
    at: event.createdAt ?? context.now.toISOString(),
    comment: event.commentId,
  };
  const wanted = withChecklistItem(state, item, confirmation);
  await save(target, wanted);
  context.log.info(
    `/release done ${item} by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${ghsaId}.`,
  );
  return `**Release-day step confirmed** for ${ghsaId}: "${label}", by \`${event.author}\` on ${formatUtc(new Date(confirmation.at))}.\n\n${stillOpen(wanted)}`;
}

async function withdrawItem(target: StepTarget, item: ReleaseChecklistKey): Promise<string> {
  const { context, mode, state, ghsaId } = target;
  const { event, tracker } = mode;
  const { label } = checklistItem(item);
  const had = state.checklist?.[item];
  if (!had) return `"${label}" for ${ghsaId} is not confirmed: nothing to undo. Nothing was changed.`;
  const wanted = withoutChecklistItem(state, item);
  await save(target, wanted);
  context.log.info(
    `/release undo ${item} by ${event.author} on ${fullName(tracker)}#${event.issueNumber} for ${ghsaId}.`,
  );
  return `**Release-day step withdrawn** for ${ghsaId}: "${label}" (confirmed by \`${had.login}\` on ${formatUtc(new Date(had.at))}) is open again, by \`${event.author}\`.\n\n${stillOpen(wanted)}`;
}
