import { nodeId } from '../ids.js';
import { createHash } from 'node:crypto';
import type { Release, ReleaseAsset } from '../types.js';
import { simpleUser } from './users.js';
import type { View } from './view.js';

export function releaseObject(view: View, release: Release) {
  const url = `${view.api}/repos/${release.repo}/releases/${release.id}`;
  return {
    url,
    html_url: `${view.web}/${release.repo}/releases/tag/${encodeURIComponent(release.tagName)}`,
    assets_url: `${url}/assets`,
    upload_url: `https://uploads.github.com/repos/${release.repo}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${view.api}/repos/${release.repo}/tarball/${release.tagName}`,
    zipball_url: `${view.api}/repos/${release.repo}/zipball/${release.tagName}`,
    id: release.id,
    node_id: nodeId('Release', release.id),
    tag_name: release.tagName,
    target_commitish: 'main',
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    published_at: release.publishedAt,
    author: simpleUser(view, release.author),
    assets: (release.assets ?? []).map((asset) => releaseAssetObject(view, release, asset)),
  };
}

/** GitHub's `release-asset`: the API URL (download it there with `Accept: application/octet-stream`) and the browser's. */
export function releaseAssetObject(view: View, release: Release, asset: ReleaseAsset) {
  return {
    url: `${view.api}/repos/${release.repo}/releases/assets/${asset.id}`,
    browser_download_url: `${view.web}/${release.repo}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: nodeId('ReleaseAsset', asset.id),
    name: asset.name,
    label: asset.label,
    state: 'uploaded' as const,
    content_type: asset.contentType,
    size: asset.content.length,
    digest: `sha256:${createHash('sha256').update(asset.content).digest('hex')}`,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.createdAt,
    uploader: simpleUser(view, asset.uploader),
  };
}
