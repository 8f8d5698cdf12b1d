/**
 * Detached OpenPGP signatures checked with the runner's `gpg` (on GitHub's hosted runners), through `@actions/exec`.
 * Each check runs in a keyring of its own, in a temporary directory holding only the project's public key, so that
 * a good signature can only be that key's, and nothing of the runner's own keyring is read or changed.
 */
import { getExecOutput } from '@actions/exec';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Keyring {
  /** Undefined when `signature` is a good signature of `data` by the key; else why not, in gpg's words. */
  verify(data: Buffer, signature: Buffer): Promise<string | undefined>;
  /** Removes the keyring's directory. */
  close(): Promise<void>;
}

async function gpg(
  home: string,
  args: readonly string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return getExecOutput('gpg', ['--batch', '--no-tty', '--homedir', home, ...args], {
    ignoreReturnCode: true,
    silent: true,
  });
}

/** gpg's own reason, from its status lines (`[GNUPG:] BADSIG …`) or its last message. */
function problemOf(result: { exitCode: number; stdout: string; stderr: string }): string {
  const status = result.stdout
    .split('\n')
    .find((line) => /\[GNUPG:\] (BADSIG|ERRSIG|EXPKEYSIG|REVKEYSIG|NODATA)/.test(line));
  if (status?.includes('BADSIG')) return 'BAD signature';
  if (status?.includes('ERRSIG')) return 'the signature cannot be checked with the signing key (made by another key?)';
  if (status?.includes('EXPKEYSIG')) return 'signed by an expired key';
  if (status?.includes('REVKEYSIG')) return 'signed by a revoked key';
  if (status?.includes('NODATA')) return 'the signature file holds no OpenPGP signature';
  const last = result.stderr.trim().split('\n').pop() ?? '';
  return `gpg exited with ${result.exitCode}${last ? `: ${last.replace(/^gpg: /, '')}` : ''}`;
}

/** Stops the gpg agent of a temporary home (if one started) and removes the home. */
async function removeHome(home: string): Promise<void> {
  await getExecOutput('gpgconf', ['--homedir', home, '--kill', 'all'], {
    ignoreReturnCode: true,
    silent: true,
  }).catch(() => undefined);
  await rm(home, { recursive: true, force: true });
}

/**
 * A keyring holding `publicKey` (ASCII-armored or binary), in a new directory under `tempRoot`; throws when gpg cannot
 * be run or the key does not import.
 */
export async function openKeyring(publicKey: Buffer | string, tempRoot: string = tmpdir()): Promise<Keyring> {
  const home = await mkdtemp(join(tempRoot, 'gpg-'));
  const close = (): Promise<void> => removeHome(home);
  try {
    const keyFile = join(home, 'signing-key');
    await writeFile(keyFile, publicKey);
    const imported = await gpg(home, ['--status-fd', '1', '--import', keyFile]);
    if (imported.exitCode !== 0 || !/\[GNUPG:\] IMPORT_OK/.test(imported.stdout)) {
      throw new Error(`gpg could not import the signing key: ${problemOf(imported)}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  let files = 0;
  return {
    async verify(data, signature) {
      files += 1;
      const dataFile = join(home, `data-${files}`);
      const signatureFile = join(home, `data-${files}.sig`);
      await writeFile(dataFile, data);
      await writeFile(signatureFile, signature);
      const result = await gpg(home, ['--status-fd', '1', '--verify', signatureFile, dataFile]);
      await rm(dataFile, { force: true });
      await rm(signatureFile, { force: true });
      const good = result.exitCode === 0 && /\[GNUPG:\] GOODSIG /.test(result.stdout);
      return good ? undefined : problemOf(result);
    },
    close,
  };
}

/** Clearsigns texts with one private key, held in a keyring of its own (a temporary GNUPGHOME). */
export interface ClearSigner {
  /** The signing key's fingerprint (public: it names the key, it does not give it). */
  readonly fingerprint: string;
  /** `text` as an OpenPGP cleartext-signed message (`-----BEGIN PGP SIGNED MESSAGE-----` …). */
  clearsign(text: string): Promise<string>;
  /** Stops the keyring's agent and removes its directory, the private key with it. */
  close(): Promise<void>;
}

/** Why a private key cannot sign: the key itself (`key`) or its passphrase (`passphrase`). Never holds either. */
export class SigningKeyProblem extends Error {
  constructor(
    readonly part: 'key' | 'passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'SigningKeyProblem';
  }
}

/** gpg's reason a signature was not made (`Bad passphrase`, `No passphrase given`, …), from its last message. */
function signingProblemOf(result: { exitCode: number; stdout: string; stderr: string }): string {
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const reason = last.replace(/^gpg: /, '').replace(/^.*(?:clear-sign|signing) failed: /, '');
  return reason || `gpg exited with ${result.exitCode}`;
}

/** The fingerprint of the first secret key the keyring holds; undefined when it holds none. */
async function secretKeyFingerprint(home: string): Promise<string | undefined> {
  const listed = await gpg(home, ['--with-colons', '--list-secret-keys']);
  const lines = listed.stdout.split('\n');
  const sec = lines.findIndex((line) => line.startsWith('sec:'));
  if (sec === -1) return undefined;
  return (
    lines
      .slice(sec + 1)
      .find((line) => line.startsWith('fpr:'))
      ?.split(':')[9] || undefined
  );
}

/**
 * Imports `privateKey` (ASCII-armored) into a new GNUPGHOME under `tempRoot` and signs a probe text, so a key that
 * does not import, holds no secret key, or whose passphrase is wrong fails here (SigningKeyProblem), before anything
 * is signed for real. The passphrase goes to gpg on its standard input (`--pinentry-mode loopback
 * --passphrase-fd 0`), never on its command line; the key file is removed as soon as it is imported.
 */
export async function openClearSigner(
  privateKey: string,
  passphrase: string | undefined,
  tempRoot: string = tmpdir(),
): Promise<ClearSigner> {
  const home = await mkdtemp(join(tempRoot, 'gpg-sign-'));
  const close = (): Promise<void> => removeHome(home);
  let fingerprint = '';
  let texts = 0;
  const clearsign = async (text: string): Promise<string> => {
    texts += 1;
    const dataFile = join(home, `text-${texts}`);
    const signedFile = join(home, `text-${texts}.asc`);
    await writeFile(dataFile, text, { mode: 0o600 });
    const result = await getExecOutput(
      'gpg',
      [
        ...['--batch', '--no-tty', '--homedir', home, '--status-fd', '1'],
        ...['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--local-user', fingerprint],
        ...['--output', signedFile, '--clearsign', dataFile],
      ],
      { ignoreReturnCode: true, silent: true, input: Buffer.from(`${passphrase ?? ''}\n`) },
    );
    const signed = result.exitCode === 0 && /\[GNUPG:\] SIG_CREATED /.test(result.stdout);
    const output = signed ? await readFile(signedFile, 'utf8') : undefined;
    await rm(dataFile, { force: true });
    await rm(signedFile, { force: true });
    if (output !== undefined) return output;
    const reason = signingProblemOf(result);
    throw new SigningKeyProblem(
      /passphrase/i.test(reason) ? 'passphrase' : 'key',
      `gpg could not sign with it: ${reason}`,
    );
  };
  try {
    const keyFile = join(home, 'private-key.asc');
    await writeFile(keyFile, `${privateKey.trim()}\n`, { mode: 0o600 });
    const imported = await gpg(home, ['--status-fd', '1', '--import', keyFile]);
    await rm(keyFile, { force: true });
    if (!/\[GNUPG:\] IMPORT_OK/.test(imported.stdout)) {
      throw new SigningKeyProblem('key', `gpg could not import it: ${problemOf(imported)}`);
    }
    fingerprint = (await secretKeyFingerprint(home)) ?? '';
    if (fingerprint === '') {
      throw new SigningKeyProblem('key', 'it holds no private (secret) key: a public key cannot sign');
    }
    await clearsign('disclosure-actions: checking the signing key\n');
  } catch (error) {
    await close();
    throw error;
  }
  return { fingerprint, clearsign, close };
}
