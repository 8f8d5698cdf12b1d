/**
 * The project's release-signing key and its signed binaries, made for the demo with a real `gpg` in a home of its
 * own: the public key goes where the policy file names it (`signing-key`) and release-gate verifies each asset
 * against it; the private key (never in a repository: on a real runner, a secret) clearsigns the mailing-list message.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextId } from '../emulator/ids.js';
import { addRelease } from '../emulator/state.js';
import { PROJECT, type World } from './world.js';

export interface SigningKit {
  /** A workspace holding `.github/disclosure-policy.yml` (naming the key) and `keys/project.asc`. */
  readonly workspace: string;
  /** The ASCII-armored private key, as a secret passes it to `mail-signing-key`. */
  readonly privateKey: string;
  /** Publishes release `tag` with each file and its detached signature (`.asc` armored, else `.sig`) as assets. */
  signedRelease(world: World, tag: string, files: readonly { name: string; content: Buffer; armor: boolean }[]): void;
  /** `gpg --verify` of a clearsigned file against the project's key, in one line. */
  verify(path: string): string;
  close(): void;
}

export function makeSigningKit(policyFile: string): SigningKit {
  const root = mkdtempSync(join(tmpdir(), 'demo-signing-'));
  const home = join(root, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  const gpg = (...args: string[]): Buffer =>
    execFileSync('gpg', ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  gpg('--quick-gen-key', 'Sample Project Releases <releases@sample.example>', 'ed25519', 'sign', 'never');
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, '.github'), { recursive: true });
  mkdirSync(join(workspace, 'keys'));
  writeFileSync(join(workspace, 'keys', 'project.asc'), gpg('--armor', '--export'));
  writeFileSync(join(workspace, '.github', 'disclosure-policy.yml'), policyFile);
  let signed = 0;
  const sign = (content: Buffer, armor: boolean): Buffer => {
    const file = join(root, `to-sign-${(signed += 1)}`);
    writeFileSync(file, content);
    return gpg('--detach-sign', ...(armor ? ['--armor'] : []), '--output', '-', file);
  };
  return {
    workspace,
    privateKey: gpg('--armor', '--export-secret-keys').toString('utf8'),
    signedRelease: (world, tag, files) => {
      const state = world.emulator.state;
      const release = addRelease(state, PROJECT, tag, { body: `sample-project ${tag.slice(1)}` });
      const asset = (name: string, content: Buffer) => ({
        id: nextId(state),
        name,
        label: null,
        contentType: 'application/octet-stream',
        content,
        uploader: 'sirt-lead',
        createdAt: world.now,
      });
      release.assets = files.flatMap(({ name, content, armor }) => [
        asset(name, content),
        asset(`${name}${armor ? '.asc' : '.sig'}`, sign(content, armor)),
      ]);
    },
    verify: (path) => {
      try {
        execFileSync('gpg', ['--batch', '--homedir', home, '--verify', path], { stdio: ['ignore', 'pipe', 'pipe'] });
        return 'good signature by Sample Project Releases <releases@sample.example>';
      } catch (error) {
        return `FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      }
    },
    close: () => {
      try {
        execFileSync('gpgconf', ['--homedir', home, '--kill', 'all'], { stdio: 'ignore' });
      } catch {
        // no agent was started
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
