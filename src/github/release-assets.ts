/**
 * A release's uploaded files (GitHub's release-asset endpoints): the list, and one file's bytes, asked for with
 * `Accept: application/octet-stream` (GitHub streams them or redirects to them; the client follows a redirect).
 */
import type { GitHubClient } from './client.js';
import type { RepoRef } from './types.js';

export interface ReleaseAsset {
  readonly id: number;
  readonly name: string;
  readonly size: number;
}

export async function listReleaseAssets(
  client: GitHubClient,
  ref: RepoRef,
  releaseId: number,
): Promise<ReleaseAsset[]> {
  const assets = await client.paginate(client.rest.repos.listReleaseAssets, {
    ...ref,
    release_id: releaseId,
    per_page: 100,
  });
  return assets.map(({ id, name, size }) => ({ id, name, size }));
}

/** The asset's bytes. */
export async function downloadReleaseAsset(client: GitHubClient, ref: RepoRef, assetId: number): Promise<Buffer> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
    ...ref,
    asset_id: assetId,
    headers: { accept: 'application/octet-stream' },
  });
  const body: unknown = data;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  throw new Error(`GitHub answered the download of release asset ${assetId} with no file`);
}
