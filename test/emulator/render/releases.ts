import { nodeId } from '../ids.js';
import type { Release } from '../types.js';
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
    assets: [],
  };
}
