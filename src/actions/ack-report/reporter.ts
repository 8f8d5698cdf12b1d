/**
 * Telling the reporter that the report was received, and what happens next. Through the advisory's comments where
 * they reach the reporter; otherwise a human sends the text through the channel the report came in, and the
 * tracker issue shows it to them.
 */
import { acknowledgementMarker } from '../../domain/acknowledgement.js';
import { preferredChannel } from '../../domain/intake.js';
import type { AckChannel } from '../../domain/tracker-state.js';
import { ensureAdvisoryComment } from '../../github/advisory-comments.js';
import type { GitHubClient } from '../../github/client.js';
import type { Advisory, RepoRef } from '../../github/types.js';

export type ReporterAcknowledgement =
  | { readonly channel: Exclude<AckChannel, 'manual'>; readonly written: boolean }
  | { readonly channel: 'manual'; readonly why: string };

function manualReason(repositoryPrivate: boolean): string {
  return repositoryPrivate
    ? 'the repository is private, and advisory comments reach reporters on public repositories only'
    : 'the advisory was opened by a maintainer, not filed through private vulnerability reporting, so the reporter is not on it';
}

export async function acknowledgeAdvisoryReporter(
  client: GitHubClient,
  ref: RepoRef,
  advisory: Advisory,
  repositoryPrivate: boolean,
  message: string,
): Promise<ReporterAcknowledgement> {
  const channel = preferredChannel({
    kind: 'advisory',
    repositoryPrivate,
    privateReport: advisory.submission !== null && advisory.submission !== undefined,
  });
  if (channel !== 'advisory-comment') return { channel: 'manual', why: manualReason(repositoryPrivate) };
  const marker = acknowledgementMarker(advisory.ghsa_id);
  const result = await ensureAdvisoryComment(client, ref, advisory.ghsa_id, marker, message);
  if (!result.available) {
    return {
      channel: 'manual',
      why: `advisory comments are not available for it (GitHub answered ${result.status} on the comments endpoint)`,
    };
  }
  return { channel, written: result.value === 'created' };
}
