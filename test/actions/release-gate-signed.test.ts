/**
 * Binaries, signed (issue 19, point 3): with the policy's `signing-key`, the gate downloads each asset of the releases
 * it checks and its detached signature from GitHub's release-asset endpoints, and verifies it with a real `gpg`
 * against a key generated for this test (no passphrase, in a GNUPGHOME of its own).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import { nextId } from '../emulator/ids.js';
import { addRelease } from '../emulator/state.js';
import type { Release } from '../emulator/types.js';
import type { RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
} from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// 2026-11-19 is a Thursday: the SPEC 11 window is open 16:00-17:00 UTC.
const NOW = '2026-11-19T16:05:00Z';
const pkg = { ecosystem: 'pip', name: 'sample-project' };

let root: string;
let home: string;
let workspace: string;

const gpg = (...args: string[]): Buffer =>
  execFileSync('gpg', ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** A detached signature of `content` by the test's key, armored (`.asc`) or binary (`.sig`). */
function sign(content: Buffer, armor: boolean): Buffer {
  const file = join(root, `to-sign-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, content);
  return gpg('--detach-sign', ...(armor ? ['--armor'] : []), '--output', '-', file);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gate-signed-'));
  home = join(root, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  gpg('--quick-gen-key', 'Sample Project Releases <releases@sample.example>', 'ed25519', 'sign', 'never');
  workspace = join(root, 'workspace');
  mkdirSync(join(workspace, '.github'), { recursive: true });
  mkdirSync(join(workspace, 'keys'));
  writeFileSync(join(workspace, 'keys', 'project.asc'), gpg('--armor', '--export'));
  writeFileSync(join(workspace, '.github', 'disclosure-policy.yml'), 'signing-key: keys/project.asc\n');
}, 60_000);

afterAll(() => {
  try {
    execFileSync('gpgconf', ['--homedir', home, '--kill', 'all']);
  } catch {
    // no agent was started
  }
  rmSync(root, { recursive: true, force: true });
});

const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

function addAsset(release: Release, name: string, content: Buffer): void {
  const asset = {
    id: nextId(emulator.state),
    name,
    label: null,
    contentType: 'application/octet-stream',
    content,
    uploader: 'sirt-lead',
    createdAt: NOW,
  };
  release.assets = [...(release.assets ?? []), asset];
}

/** Two release lines: 2.3.1 with an armored signature, 1.9.7 with a binary one. */
function signedReleases(): { newer: Release; older: Release } {
  const newer = addRelease(emulator.state, PROJECT, 'v2.3.1');
  const tarball = Buffer.from('sample-project 2.3.1 sdist bytes\n');
  addAsset(newer, 'sample-project-2.3.1.tar.gz', tarball);
  addAsset(newer, 'sample-project-2.3.1.tar.gz.asc', sign(tarball, true));
  const older = addRelease(emulator.state, PROJECT, 'v1.9.7');
  const wheel = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x80]);
  addAsset(older, 'sample_project-1.9.7-py3-none-any.whl', wheel);
  addAsset(older, 'sample_project-1.9.7-py3-none-any.whl.sig', sign(wheel, false));
  return { newer, older };
}

function gate(extra: Record<string, string> = {}): Promise<RunResult> {
  const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, {
    state: 'draft',
    cveId: 'CVE-2026-41234',
    severity: 'high',
    vulnerabilities: [
      {
        package: pkg,
        vulnerable_version_range: '>= 2.0.0, < 2.3.1',
        patched_versions: '2.3.1',
        vulnerable_functions: null,
      },
      { package: pkg, vulnerable_version_range: '< 1.9.7', patched_versions: '1.9.7', vulnerable_functions: null },
    ],
  });
  // Tracked, its text reviewed for publication and its publication approved: only the signatures decide.
  addReleaseApproval(emulator.state, addTrackingIssue(emulator.state, reportOf(advisory)));
  return watched.run('release-gate', {
    env: { GITHUB_WORKSPACE: workspace },
    inputs: {
      token: 'token-admin',
      repository: PROJECT,
      tracker: TRACKER,
      'ghsa-ids': advisory.ghsaId,
      versions: '2.3.1, 1.9.7',
      ...extra,
    },
  });
}

const downloads = (): string[] =>
  emulator.log.filter((entry) => entry.operationId === 'repos/get-release-asset').map((entry) => entry.path);

describe('release-gate: signed release assets', () => {
  it('opens when every asset of both lines has a good signature by the signing key', async () => {
    const { newer, older } = signedReleases();
    const result = await gate();
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.open).toBe('true');
    expect(result.stdout).toContain(
      'Verified sample-project-2.3.1.tar.gz of release v2.3.1 against sample-project-2.3.1.tar.gz.asc with the signing key.',
    );
    expect(result.stdout).toContain('Verified sample_project-1.9.7-py3-none-any.whl of release v1.9.7');
    const ids = [...(newer.assets ?? []), ...(older.assets ?? [])].map((asset) => asset.id);
    expect(downloads()).toEqual(ids.map((id) => `/repos/${PROJECT}/releases/assets/${id}`));
    expect(emulator.writes()).toEqual([]);
  });

  it('fails naming a tampered asset, and a forced gate cannot override it', async () => {
    const { newer } = signedReleases();
    const tarball = newer.assets?.[0];
    if (!tarball) throw new Error('no asset');
    tarball.content = Buffer.from('sample-project 2.3.1 sdist bytes, with a backdoor\n');
    const result = await gate();
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain("1 release asset(s) not verified with the policy's signing-key");
    expect(message).toContain(
      'release v2.3.1: asset "sample-project-2.3.1.tar.gz" fails its signature sample-project-2.3.1.tar.gz.asc: BAD signature',
    );
    expect(message).not.toContain('1.9.7-py3');
    const forced = await gate({ force: 'true', 'force-reason': 'exploited', tracker: 'sample-org/security-tracker' });
    expect(forced.exitCode).toBe(1);
    expect(forced.errors[0]?.message).toContain('fails its signature');
    expect(emulator.writes()).toEqual([]);
  });

  it('fails naming an asset without a signature, and one signed by another key', async () => {
    const { older } = signedReleases();
    const newest = addRelease(emulator.state, PROJECT, 'v2.3.2');
    addAsset(newest, 'sample-project-2.3.2.tar.gz', Buffer.from('unsigned'));
    const strangerHome = join(root, 'stranger');
    mkdirSync(strangerHome, { mode: 0o700 });
    const stranger = (...args: string[]): Buffer =>
      execFileSync(
        'gpg',
        ['--batch', '--homedir', strangerHome, '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
    stranger('--quick-gen-key', 'Someone Else <else@example.org>', 'ed25519', 'sign', 'never');
    const extra = Buffer.from('another file');
    const extraFile = join(root, 'extra');
    writeFileSync(extraFile, extra);
    addAsset(older, 'checksums.txt', extra);
    addAsset(older, 'checksums.txt.asc', stranger('--detach-sign', '--armor', '--output', '-', extraFile));
    execFileSync('gpgconf', ['--homedir', strangerHome, '--kill', 'all']);
    const result = await gate({ versions: '2.3.1, 1.9.7, 2.3.2' });
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('2 release asset(s) not verified');
    expect(message).toContain(
      'release v2.3.2: asset "sample-project-2.3.2.tar.gz" has no detached signature (sample-project-2.3.2.tar.gz.asc or sample-project-2.3.2.tar.gz.sig)',
    );
    expect(message).toContain('release v1.9.7: asset "checksums.txt" fails its signature checksums.txt.asc');
  });

  it('names the policy setting when the key file is missing, before any request', async () => {
    const other = join(root, 'other-workspace');
    mkdirSync(join(other, '.github'), { recursive: true });
    writeFileSync(join(other, '.github', 'disclosure-policy.yml'), 'signing-key: keys/missing.asc\n');
    const result = await watched.run('release-gate', {
      env: { GITHUB_WORKSPACE: other },
      inputs: { token: 'token-admin', repository: PROJECT, versions: '2.3.1' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('"signing-key" names keys/missing.asc, which cannot be read');
    expect(emulator.log).toEqual([]);
    expect(readFileSync(join(other, '.github', 'disclosure-policy.yml'), 'utf8')).toContain('signing-key');
  });
});
