import { createOnce, NO_BLIND_RETRY, sameText } from './create-once.js';
import { hasStatus } from './errors.js';
import type { GitHubClient } from './client.js';
import type { RepoRef } from './types.js';

/**
 * Advisory comments: a public preview (since 2026-10), public repositories only, not in the OpenAPI packages yet,
 * so called through `client.request`. Every caller has a fallback for `unavailable`.
 */
export interface AdvisoryComment {
  readonly id: number;
  readonly body: string;
  readonly html_url?: string;
}

export type CommentsResult<T> = { available: true; value: T } | { available: false; status: number };

const PATH = 'GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}/comments';

export async function listAdvisoryComments(
  client: GitHubClient,
  ref: RepoRef,
  ghsaId: string,
): Promise<CommentsResult<AdvisoryComment[]>> {
  try {
    const value = await client.paginate<AdvisoryComment>(PATH, { ...ref, ghsa_id: ghsaId, per_page: 100 });
    return { available: true, value };
  } catch (error) {
    if (hasStatus(error, 403, 404, 410, 422)) return { available: false, status: (error as { status: number }).status };
    throw error;
  }
}

export async function createAdvisoryComment(
  client: GitHubClient,
  ref: RepoRef,
  ghsaId: string,
  body: string,
): Promise<CommentsResult<AdvisoryComment>> {
  const create = async (): Promise<AdvisoryComment> => {
    const { data } = await client.request('POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/comments', {
      ...ref,
      ghsa_id: ghsaId,
      body,
      ...NO_BLIND_RETRY,
    });
    return data as AdvisoryComment;
  };
  const findMade = async (): Promise<AdvisoryComment | undefined> => {
    const listed = await listAdvisoryComments(client, ref, ghsaId);
    return listed.available ? listed.value.find((comment) => sameText(comment.body, body)) : undefined;
  };
  try {
    return { available: true, value: await createOnce(client, create, findMade) };
  } catch (error) {
    if (hasStatus(error, 403, 404, 410, 422)) return { available: false, status: (error as { status: number }).status };
    throw error;
  }
}

/** Posts `body` unless a comment carrying `marker` is already there (idempotent across re-runs). */
export async function ensureAdvisoryComment(
  client: GitHubClient,
  ref: RepoRef,
  ghsaId: string,
  marker: string,
  body: string,
): Promise<CommentsResult<'created' | 'exists'>> {
  const existing = await listAdvisoryComments(client, ref, ghsaId);
  if (!existing.available) return existing;
  if (existing.value.some((comment) => comment.body.includes(marker))) return { available: true, value: 'exists' };
  const created = await createAdvisoryComment(client, ref, ghsaId, `${body.trimEnd()}\n\n${marker}\n`);
  return created.available ? { available: true, value: 'created' } : created;
}
