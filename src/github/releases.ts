import { hasStatus } from './errors.js';
import type { GitHubClient } from './client.js';
import type { Release, RepoRef } from './types.js';

export async function getReleaseByTag(client: GitHubClient, ref: RepoRef, tag: string): Promise<Release | undefined> {
  try {
    const { data } = await client.rest.repos.getReleaseByTag({ ...ref, tag });
    return data;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

export async function updateReleaseBody(
  client: GitHubClient,
  ref: RepoRef,
  releaseId: number,
  body: string,
): Promise<Release> {
  const { data } = await client.rest.repos.updateRelease({ ...ref, release_id: releaseId, body });
  return data;
}
