/**
 * The release-asset endpoints as GitHub documents them (docs.github.com/rest/releases/assets): the list of a release's
 * assets, paginated; one asset's description as JSON, or its bytes with `Accept: application/octet-stream` (GitHub may
 * also redirect; this emulator streams); 404 for an unknown asset, a draft's assets, or a private repository the token
 * cannot see. The release object carries its assets too.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { nextId } from '../ids.js';
import { startEmulator, type Emulator } from '../index.js';
import { addRelease, addRepo } from '../state.js';
import type { Release } from '../types.js';
import { api, API_VERSION } from './api.js';

const PROJECT = 'sample-org/sample-project';
let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: '2026-01-05T09:00:00Z' });
});

afterEach(async () => {
  expect(emulator.contractViolations).toEqual([]);
  await emulator.stop();
});

function addAsset(release: Release, name: string, content: Buffer): number {
  const id = nextId(emulator.state);
  const asset = {
    id,
    name,
    label: null,
    contentType: 'application/gzip',
    content,
    uploader: 'sirt-lead',
    createdAt: emulator.state.now,
  };
  release.assets = [...(release.assets ?? []), asset];
  return id;
}

async function download(path: string, token = 'token-admin'): Promise<{ status: number; type: string; bytes: Buffer }> {
  const response = await fetch(`${emulator.url}${path}`, {
    headers: {
      authorization: `token ${token}`,
      'x-github-api-version': API_VERSION,
      accept: 'application/octet-stream',
    },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('release assets', () => {
  it("lists a release's assets, describes one, and serves its bytes with Accept: application/octet-stream", async () => {
    const release = addRelease(emulator.state, PROJECT, 'v2.3.1');
    const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00]);
    const id = addAsset(release, 'sample-project-2.3.1.tar.gz', bytes);
    addAsset(release, 'sample-project-2.3.1.tar.gz.asc', Buffer.from('-----BEGIN PGP SIGNATURE-----'));
    const listed = await api<{ id: number; name: string; size: number; url: string }[]>(
      emulator,
      'GET',
      `/repos/${PROJECT}/releases/${release.id}/assets?per_page=1`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((asset) => [asset.name, asset.size])).toEqual([['sample-project-2.3.1.tar.gz', 6]]);
    expect(listed.headers.get('link')).toContain('rel="next"');
    const byTag = await api<{ assets: { id: number }[] }>(emulator, 'GET', `/repos/${PROJECT}/releases/tags/v2.3.1`);
    expect(byTag.body.assets).toHaveLength(2);
    const described = await api<{ name: string; url: string }>(
      emulator,
      'GET',
      `/repos/${PROJECT}/releases/assets/${id}`,
    );
    expect(described.body.name).toBe('sample-project-2.3.1.tar.gz');
    expect(described.body.url).toMatch(new RegExp(`/repos/${PROJECT}/releases/assets/${id}$`));
    const file = await download(`/repos/${PROJECT}/releases/assets/${id}`);
    expect(file).toEqual({ status: 200, type: 'application/octet-stream', bytes });
  });

  it('answers 404 for an unknown asset, a draft release, and a private repository the token cannot see', async () => {
    const draft = addRelease(emulator.state, PROJECT, 'v3.0.0', { draft: true });
    const inDraft = addAsset(draft, 'draft.tar.gz', Buffer.from('x'));
    expect((await api(emulator, 'GET', `/repos/${PROJECT}/releases/assets/999999`)).status).toBe(404);
    expect((await api(emulator, 'GET', `/repos/${PROJECT}/releases/${draft.id}/assets`)).status).toBe(404);
    expect((await download(`/repos/${PROJECT}/releases/assets/${inDraft}`)).status).toBe(404);
    addRepo(emulator.state, 'sample-org/hidden', { visibility: 'private' });
    const hidden = addRelease(emulator.state, 'sample-org/hidden', 'v1.0.0');
    const secret = addAsset(hidden, 'secret.tar.gz', Buffer.from('y'));
    expect((await download(`/repos/sample-org/hidden/releases/assets/${secret}`, 'token-reporter')).status).toBe(404);
  });
});
