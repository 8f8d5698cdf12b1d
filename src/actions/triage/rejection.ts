import { formatUtc } from '../../domain/checklist.js';
import { inertText } from '../../domain/sanitize.js';
import type { AckChannel } from '../../domain/tracker-state.js';
import { ensureAdvisoryComment } from '../../github/advisory-comments.js';
import type { GitHubClient } from '../../github/client.js';
import { postOnce } from '../../github/issues.js';
import { fullName, type RepoRef } from '../../github/types.js';
import type { RejectionData } from '../../templates/rejection.js';
import { renderChosenTemplate } from '../common/template-render.js';
import type { TemplateChoice } from '../common/templates.js';

export interface Rejection {
  readonly ghsaId: string;
  readonly repository: RepoRef;
  readonly reason: string;
  /** The reporter's message, rendered before any write so a broken template changes nothing. */
  readonly message: string;
}

export function renderRejection(
  template: TemplateChoice,
  data: Omit<RejectionData, 'repository'> & { repository: RepoRef },
): Rejection {
  const message = renderChosenTemplate(template, { ...data, repository: fullName(data.repository) });
  return { ghsaId: data.ghsaId, repository: data.repository, reason: data.reason, message };
}

const marker = (ghsaId: string): string => `<!-- disclosure-actions:triage-rejection ${ghsaId} -->`;

export type ToldVia = 'advisory-comment' | 'not-told';

export interface Told {
  readonly via: ToldVia;
  /** False when the advisory comment was there already (a re-run). */
  readonly written: boolean;
}

/**
 * Tells the reporter through the channel the acknowledgement used: an advisory comment (public repositories, while
 * the comments preview answers). Any other channel needs a human, who finds the text in the tracker.
 */
export async function tellReporter(
  client: GitHubClient,
  rejection: Rejection,
  channel: AckChannel | undefined,
): Promise<Told> {
  if (channel !== 'advisory-comment') return { via: 'not-told', written: false };
  const result = await ensureAdvisoryComment(
    client,
    rejection.repository,
    rejection.ghsaId,
    marker(rejection.ghsaId),
    rejection.message,
  );
  if (!result.available) return { via: 'not-told', written: false };
  return { via: 'advisory-comment', written: result.value === 'created' };
}

/** The tracker's record of the rejection, with the reporter's message when a human has to send it. */
export function trackerRejectionComment(rejection: Rejection, toldVia: ToldVia, now: Date): string {
  const head = [`**Rejected at triage** on ${formatUtc(now)}.`, '', `Reason: ${inertText(rejection.reason)}`, ''];
  if (toldVia === 'advisory-comment')
    return [...head, 'The reporter was told in a comment on the advisory.'].join('\n');
  const quoted = rejection.message
    .trimEnd()
    .split('\n')
    .map((line) => `> ${line}`);
  return [
    ...head,
    'The reporter has **not** been told automatically (the acknowledgement did not go through an advisory comment).',
    'Send them this message through the channel you used to acknowledge the report:',
    '',
    ...quoted,
  ].join('\n');
}

export async function recordRejection(
  client: GitHubClient,
  tracker: RepoRef,
  issueNumber: number,
  body: string,
  ghsaId: string,
): Promise<void> {
  await postOnce(client, tracker, issueNumber, marker(ghsaId), body);
}
