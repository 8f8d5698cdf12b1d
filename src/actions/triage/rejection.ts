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
  /** The report's key: its GHSA id, or `issue-<n>` for a report filed by hand that has no advisory. */
  readonly key: string;
  /** Null for a report without an advisory (filed by hand, rejected before one was opened). */
  readonly ghsaId: string | null;
  readonly repository: RepoRef | undefined;
  readonly reason: string;
  /** Out of scope: the upstream project the reporter is sent to (upstream.ts). */
  readonly upstream: string | undefined;
  /** The reporter's message, rendered before any write so a broken template changes nothing. */
  readonly message: string;
}

export type RejectionFacts = Omit<RejectionData, 'repository' | 'upstreamUrl'> & {
  readonly repository: RepoRef | undefined;
  readonly upstreamUrl?: string | null | undefined;
  /** Defaults to the GHSA id. */
  readonly key?: string;
};

export function renderRejection(template: TemplateChoice, data: RejectionFacts): Rejection {
  const { key, ...facts } = data;
  const upstreamUrl = data.upstreamUrl ?? null;
  const repository = data.repository ? fullName(data.repository) : null;
  const message = renderChosenTemplate(template, { ...facts, repository, upstreamUrl });
  return {
    key: key ?? data.ghsaId ?? '',
    ghsaId: data.ghsaId,
    repository: data.repository,
    reason: data.reason,
    upstream: upstreamUrl ?? undefined,
    message,
  };
}

const marker = (key: string): string => `<!-- disclosure-actions:triage-rejection ${key} -->`;

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
  const { ghsaId, repository } = rejection;
  if (channel !== 'advisory-comment' || !ghsaId || !repository) return { via: 'not-told', written: false };
  const result = await ensureAdvisoryComment(client, repository, ghsaId, marker(rejection.key), rejection.message);
  if (!result.available) return { via: 'not-told', written: false };
  return { via: 'advisory-comment', written: result.value === 'created' };
}

/** The line saying where the reporter is sent (a checked URL or mailto: address, so printed as is). */
function upstreamLines(rejection: Rejection): string[] {
  return rejection.upstream ? [`Out of scope, report upstream: ${rejection.upstream}`, ''] : [];
}

/**
 * The tracker's record of the rejection, with the reporter's message when a human has to send it (recorded in the
 * state as an update to send, so `/ack sent` confirms it like the acknowledgement).
 */
export function trackerRejectionComment(rejection: Rejection, toldVia: ToldVia, now: Date): string {
  const head = [
    `**Rejected at triage** on ${formatUtc(now)}.`,
    '',
    ...upstreamLines(rejection),
    `Reason: ${inertText(rejection.reason)}`,
    '',
  ];
  if (toldVia === 'advisory-comment')
    return [...head, 'The reporter was told in a comment on the advisory.'].join('\n');
  const quoted = rejection.message
    .trimEnd()
    .split('\n')
    .map((line) => `> ${line}`);
  return [
    ...head,
    'The reporter has **not** been told automatically (the acknowledgement did not go through an advisory comment).',
    'Send them this message through the channel you used to acknowledge the report, then comment `/ack sent` on this issue:',
    '',
    ...quoted,
  ].join('\n');
}

export async function recordRejection(
  client: GitHubClient,
  tracker: RepoRef,
  issueNumber: number,
  body: string,
  key: string,
): Promise<'created' | 'exists'> {
  return postOnce(client, tracker, issueNumber, marker(key), body);
}
