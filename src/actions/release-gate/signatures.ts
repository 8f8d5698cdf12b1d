/**
 * Binaries, signed (Stacklok: "built, signed, publicly available"): with the policy's `signing-key`, every asset of
 * each release the gate checks must come with a detached signature (`<asset>.asc` or `<asset>.sig`) that the key
 * verifies. The gate stays shut otherwise, even when forced: a forced gate overrides the window, never a binary.
 */
import { ExpectedFailure } from '../../domain/errors.js';
import { inertForLog } from '../../domain/sanitize.js';
import type { GitHubClient } from '../../github/client.js';
import { downloadReleaseAsset, listReleaseAssets, type ReleaseAsset } from '../../github/release-assets.js';
import type { Release, RepoRef } from '../../github/types.js';
import type { Keyring } from '../../signing/gpg.js';
import type { RunnerLog } from '../common/runner.js';

const SIGNATURE_SUFFIXES = ['.asc', '.sig'] as const;

const isSignature = (name: string): boolean => SIGNATURE_SUFFIXES.some((suffix) => name.endsWith(suffix));

function signatureOf(asset: ReleaseAsset, assets: readonly ReleaseAsset[]): ReleaseAsset | undefined {
  for (const suffix of SIGNATURE_SUFFIXES) {
    const found = assets.find((candidate) => candidate.name === `${asset.name}${suffix}`);
    if (found) return found;
  }
  return undefined;
}

/** The problems of one release's assets (none: every binary verified). */
async function checkRelease(
  client: GitHubClient,
  repository: RepoRef,
  release: Release,
  keyring: Keyring,
  log: Pick<RunnerLog, 'info'>,
): Promise<string[]> {
  const assets = await listReleaseAssets(client, repository, release.id);
  const binaries = assets.filter((asset) => !isSignature(asset.name));
  const where = `release ${inertForLog(release.tag_name)}`;
  if (binaries.length === 0) {
    log.info(`No asset to verify in ${where}.`);
    return [];
  }
  const problems: string[] = [];
  for (const asset of binaries) {
    const name = inertForLog(asset.name);
    const signature = signatureOf(asset, assets);
    if (!signature) {
      problems.push(`${where}: asset "${name}" has no detached signature (${name}.asc or ${name}.sig)`);
      continue;
    }
    const [data, detached] = [
      await downloadReleaseAsset(client, repository, asset.id),
      await downloadReleaseAsset(client, repository, signature.id),
    ];
    const problem = await keyring.verify(data, detached);
    if (problem)
      problems.push(`${where}: asset "${name}" fails its signature ${inertForLog(signature.name)}: ${problem}`);
    else log.info(`Verified ${name} of ${where} against ${inertForLog(signature.name)} with the signing key.`);
  }
  return problems;
}

/** Verifies every asset of `releases` with the key; throws naming each asset that fails or lacks a signature. */
export async function requireSignedAssets(
  client: GitHubClient,
  repository: RepoRef,
  releases: readonly Release[],
  publicKey: Buffer,
  tempRoot: string | undefined,
  log: Pick<RunnerLog, 'info'>,
): Promise<void> {
  const { openKeyring } = await import('../../signing/gpg.js');
  const keyring = await openKeyring(publicKey, tempRoot);
  const problems: string[] = [];
  try {
    for (const release of releases) problems.push(...(await checkRelease(client, repository, release, keyring, log)));
  } finally {
    await keyring.close();
  }
  if (problems.length > 0) {
    throw new ExpectedFailure(
      `${problems.length} release asset(s) not verified with the policy's signing-key:\n- ${problems.join('\n- ')}`,
    );
  }
}
