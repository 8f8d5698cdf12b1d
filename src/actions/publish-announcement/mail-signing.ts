/**
 * The mailing-list message, clearsigned (issue 19, point 3): with `mail-signing-key` (an ASCII-armored private key
 * passed from a secret, never a file of the repository: a key in a public repository is anyone's), the body of the
 * `mail` output and of the `.eml` file is an OpenPGP cleartext-signed message that readers check with the project's
 * public key. The key is imported into a temporary GNUPGHOME (signing/gpg.ts), removed when the run ends.
 */
import { ConfigurationError } from '../../domain/errors.js';
import type { ClearSigner } from '../../signing/gpg.js';
import type { ActionInputs } from '../common/inputs.js';
import type { RunnerIO } from '../common/runner.js';

export interface MailSigningKey {
  readonly privateKey: string;
  readonly passphrase: string | undefined;
}

const PRIVATE_KEY_BLOCK = /^-----BEGIN PGP PRIVATE KEY BLOCK-----\r?\n[\s\S]*\n-----END PGP PRIVATE KEY BLOCK-----$/;
const PUBLIC_KEY_BLOCK = /^-----BEGIN PGP PUBLIC KEY BLOCK-----/;

const FROM_A_SECRET =
  'pass the ASCII-armored private key (gpg --armor --export-secret-keys KEYID) from an environment or repository secret, e.g. `mail-signing-key: ${{ secrets.MAIL_SIGNING_KEY }}`';

/** `mail-signing-key` and `mail-signing-passphrase`, masked as soon as they are read; undefined without a key. */
export function readMailSigningKey(inputs: ActionInputs, io: Pick<RunnerIO, 'setSecret'>): MailSigningKey | undefined {
  const privateKey = inputs.optional('mail-signing-key');
  const passphrase = inputs.optional('mail-signing-passphrase');
  // Masked before any check, so no message or annotation can carry them.
  if (privateKey !== undefined) io.setSecret(privateKey);
  if (passphrase !== undefined) io.setSecret(passphrase);
  if (privateKey === undefined) {
    if (passphrase === undefined) return undefined;
    throw new ConfigurationError(
      'Input "mail-signing-passphrase" is set but "mail-signing-key" is not: set both (the key from a secret), or neither to send the message unsigned.',
      'mail-signing-passphrase',
    );
  }
  if (PUBLIC_KEY_BLOCK.test(privateKey)) {
    throw new ConfigurationError(
      `Input "mail-signing-key" holds a public key, which cannot sign: ${FROM_A_SECRET}.`,
      'mail-signing-key',
    );
  }
  if (!PRIVATE_KEY_BLOCK.test(privateKey.trim())) {
    throw new ConfigurationError(
      `Input "mail-signing-key" is not an ASCII-armored OpenPGP private key (-----BEGIN PGP PRIVATE KEY BLOCK----- ... -----END PGP PRIVATE KEY BLOCK-----). It takes the key itself, never a path: a key kept in a public repository can sign for anyone; ${FROM_A_SECRET}.`,
      'mail-signing-key',
    );
  }
  return { privateKey, passphrase };
}

/**
 * The key, imported and tried on a probe text, before the run's first request: a key gpg refuses, or a wrong or
 * missing passphrase, fails as a ConfigurationError naming the input, with nothing written.
 */
export async function openMailSigner(
  key: MailSigningKey | undefined,
  tempRoot: string | undefined,
): Promise<ClearSigner | undefined> {
  if (!key) return undefined;
  const { openClearSigner, SigningKeyProblem } = await import('../../signing/gpg.js');
  try {
    return await openClearSigner(key.privateKey, key.passphrase, tempRoot);
  } catch (error) {
    if (error instanceof SigningKeyProblem) {
      const input = error.part === 'passphrase' ? 'mail-signing-passphrase' : 'mail-signing-key';
      const fix =
        error.part === 'passphrase'
          ? 'pass the key\'s passphrase in "mail-signing-passphrase" (from a secret)'
          : FROM_A_SECRET;
      throw new ConfigurationError(
        `Input "${input}": the mailing-list signing key cannot sign (${error.message}); ${fix}.`,
        input,
      );
    }
    throw new ConfigurationError(
      `Input "mail-signing-key" is set, but gpg cannot be run to sign the mailing-list message (${error instanceof Error ? error.message : String(error)}): use a runner with gpg (GitHub's hosted runners have it) or leave "mail-signing-key" empty.`,
      'mail-signing-key',
    );
  }
}
