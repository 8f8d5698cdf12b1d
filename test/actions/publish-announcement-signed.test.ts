/**
 * The mailing-list message clearsigned (issue 19, point 3) with a real `gpg` and keys generated for the test, and the
 * shared retrospective's link sent to chat once (point 7): in-process scenarios against the emulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import { addIssue } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import type { RunResult } from '../harness/run-action.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { retrospectiveChatText } from '../../src/actions/publish-announcement/notify.js';
import { retrospectiveMarker } from '../../src/actions/publish-announcement/retrospective.js';
import {
  baseInputs,
  denialOfService,
  issueNow,
  NOW,
  pathTraversal,
  PROJECT,
  publish,
  release,
  stateOf,
  TRACKER,
  trackingIssue,
  writesOf,
} from './publish-announcement.world.js';

const PASSPHRASE = 'correct horse battery staple';

let root: string;
let home: string;
/** The armored private keys: one without a passphrase, one with PASSPHRASE. */
let plainKey: string;
let protectedKey: string;
let publicKeys: string;

const gpg = (passphrase: string, ...args: string[]): Buffer =>
  execFileSync(
    'gpg',
    ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', passphrase, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mail-signed-'));
  home = join(root, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  gpg('', '--quick-gen-key', 'Plain Key <plain@sample.example>', 'ed25519', 'sign', 'never');
  gpg(PASSPHRASE, '--quick-gen-key', 'Protected Key <protected@sample.example>', 'ed25519', 'sign', 'never');
  plainKey = gpg('', '--armor', '--export-secret-keys', 'plain@sample.example').toString();
  protectedKey = gpg(PASSPHRASE, '--armor', '--export-secret-keys', 'protected@sample.example').toString();
  publicKeys = gpg('', '--armor', '--export').toString();
}, 60_000);

afterAll(() => {
  spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
  rmSync(root, { recursive: true, force: true });
});

/** `gpg --verify` of a file in the test's keyring: which key made a good signature, or gpg's complaint. */
function verify(file: string): { good: boolean; by: string } {
  const result = spawnSync('gpg', ['--batch', '--homedir', home, '--status-fd', '1', '--verify', file], {
    encoding: 'utf8',
  });
  const good = /\[GNUPG:\] GOODSIG \S+ (.*)/.exec(result.stdout);
  return { good: result.status === 0 && good !== null, by: good?.[1] ?? result.stderr };
}

const watched = watchedEmulator(() => ({ now: NOW }));
const results = watched.results;
let emulator: Emulator;
let runnerTemp: string;

beforeEach(() => {
  emulator = watched.emulator;
  runnerTemp = mkdtempSync(join(root, 'runner-temp-'));
});

function world(): Advisory {
  const advisory = pathTraversal(emulator);
  trackingIssue(emulator, advisory);
  release(emulator);
  emulator.resetLog();
  return advisory;
}

function signedRun(advisory: Advisory, signing: Record<string, string>): Promise<RunResult> {
  const inputs = { ...baseInputs(emulator, [advisory]), recipients: 'sample-project-announce@example.org', ...signing };
  return publish(emulator, inputs, results, { env: { RUNNER_TEMP: runnerTemp } });
}

/**
 * Nothing of the key or the passphrase anywhere the run wrote (log, outputs, summary, errors) but the `add-mask`
 * commands that register them with the runner.
 */
function expectNoSecretIn(result: RunResult, secrets: readonly string[]): void {
  const log = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const seen = [log, result.summary, JSON.stringify(result.outputs), JSON.stringify(result.errors)].join('\n');
  for (const secret of secrets) {
    for (const line of secret.split('\n').filter((part) => part.length > 20)) expect(seen).not.toContain(line);
  }
}

describe('publish-announcement: the mailing-list message, clearsigned', () => {
  it('clearsigns the body of the mail output and the .eml file with a key without a passphrase', async () => {
    const advisory = world();
    const result = await signedRun(advisory, { 'mail-signing-key': plainKey });
    expect(result.errors).toEqual([]);
    const mail = result.outputs.mail ?? '';
    expect(mail).toMatch(
      /^To: sample-project-announce@example\.org\nSubject: Security release of sample-project 1\.4\.2 is now available\n[\s\S]*\n\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: \S+\n\n/,
    );
    expect(mail).toMatch(/\n-----BEGIN PGP SIGNATURE-----\n[\s\S]+\n-----END PGP SIGNATURE-----\n$/);
    const eml = result.outputs['mail-path'] ?? '';
    expect(readFileSync(eml, 'utf8')).toBe(mail);
    // Good signature by the key, over the message as a reader saves it.
    expect(verify(eml)).toEqual({ good: true, by: 'Plain Key <plain@sample.example>' });
    // The Discussion and the body output stay unsigned Markdown.
    expect(result.outputs.body).not.toContain('PGP');
    expect(emulator.state.discussions[0]?.body).not.toContain('PGP');
    // A body altered after signing fails the check.
    const tampered = join(runnerTemp, 'tampered.eml');
    const signedPart = mail.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
    writeFileSync(tampered, mail.slice(0, signedPart) + mail.slice(signedPart).replace('1.4.2', '1.4.3'));
    expect(verify(tampered).good).toBe(false);
    // The key is masked, appears nowhere, and its temporary GNUPGHOME is gone.
    expect(result.masks).toContain(plainKey.trim());
    expectNoSecretIn(result, [plainKey]);
    expect(readdirSync(runnerTemp).filter((name) => name.startsWith('gpg-'))).toEqual([]);
    expect(result.stdout).toMatch(/clearsigned with the key [0-9A-F]{40}\./);
  });

  it('signs with a passphrase-protected key, the passphrase masked', async () => {
    const advisory = world();
    const signing = { 'mail-signing-key': protectedKey, 'mail-signing-passphrase': PASSPHRASE };
    const result = await signedRun(advisory, signing);
    expect(result.errors).toEqual([]);
    expect(verify(result.outputs['mail-path'] ?? '')).toEqual({
      good: true,
      by: 'Protected Key <protected@sample.example>',
    });
    expect(result.masks).toEqual(expect.arrayContaining([protectedKey.trim(), PASSPHRASE]));
    expectNoSecretIn(result, [protectedKey, PASSPHRASE]);
    expect(readdirSync(runnerTemp).filter((name) => name.startsWith('gpg-'))).toEqual([]);
  });

  const refusals: readonly { what: string; signing: () => Record<string, string>; input: string; says: RegExp }[] = [
    {
      what: 'a wrong passphrase',
      signing: () => ({ 'mail-signing-key': protectedKey, 'mail-signing-passphrase': 'wrong' }),
      input: 'mail-signing-passphrase',
      says: /Bad passphrase/,
    },
    {
      what: 'a protected key without its passphrase',
      signing: () => ({ 'mail-signing-key': protectedKey }),
      input: 'mail-signing-passphrase',
      says: /No passphrase given|Bad passphrase/,
    },
    {
      what: 'a public key',
      signing: () => ({ 'mail-signing-key': publicKeys }),
      input: 'mail-signing-key',
      says: /holds a public key, which cannot sign/,
    },
    {
      what: 'a path instead of the key',
      signing: () => ({ 'mail-signing-key': '.github/signing-key.asc' }),
      input: 'mail-signing-key',
      says: /never a path: a key kept in a public repository can sign for anyone/,
    },
    {
      what: 'an armored block gpg cannot import',
      signing: () => ({
        'mail-signing-key':
          '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nbm90IGEga2V5IGF0IGFsbA==\n=AAAA\n-----END PGP PRIVATE KEY BLOCK-----',
      }),
      input: 'mail-signing-key',
      says: /gpg could not import it/,
    },
  ];

  it.each(refusals)('refuses $what with a ConfigurationError naming the input, before any request', async (bad) => {
    const advisory = world();
    const result = await signedRun(advisory, bad.signing());
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(`configuration error in ${bad.input}`);
    expect(result.errors[0]?.message).toContain(`Input "${bad.input}"`);
    expect(result.errors[0]?.message).toMatch(bad.says);
    expect(emulator.log).toEqual([]);
    expect(advisory.state).toBe('draft');
    expect(readdirSync(runnerTemp)).toEqual([]);
    expectNoSecretIn(result, Object.values(bad.signing()));
  });
});

/** A retrospective issue for `advisories`, as step 7 opens it, recorded in their tracking issues' states. */
function closedRetrospective(advisories: readonly Advisory[]): Issue {
  return addIssue(emulator.state, TRACKER, {
    title: 'Retrospective: sample-project 1.4.2 security release',
    body: `${retrospectiveMarker(advisories.map((a) => a.ghsaId))}\n## What happened\nWritten and reviewed.\n\n### Sharing\n\nprivate note`,
    labels: ['disclosure-retrospective'],
    state: 'closed',
    stateReason: 'completed',
  });
}

const chatTexts = (): string[] => emulator.state.webhookDeliveries.map((delivery) => JSON.stringify(delivery.body));

describe('publish-announcement: the shared retrospective to chat', () => {
  it('sends its link once the retrospective is shared, once, and nothing of the tracker', async () => {
    const advisory = pathTraversal(emulator);
    const tracking = trackingIssue(emulator, advisory);
    release(emulator);
    const inputs = { ...baseInputs(emulator, [advisory]), 'retrospective-category': 'General' };
    const first = await publish(emulator, inputs, results);
    expect(first.errors).toEqual([]);
    // Release day: the announcement's message only; the retrospective is not written yet.
    expect(chatTexts()).toHaveLength(1);
    expect(chatTexts().join('\n')).not.toContain('retrospective');

    const retrospective = emulator.state.issues.find(
      (issue) => issue.repo === TRACKER && issue.number === Number(first.outputs['retrospective-issue']),
    );
    if (!retrospective) throw new Error('no retrospective issue');
    // The team writes it (the text above "Sharing" becomes public in the Discussion, never in chat) and closes it.
    retrospective.body = (retrospective.body ?? '').replace(
      '### Sharing',
      'Lessons: fuzz the archive reader.\n\n### Sharing',
    );
    retrospective.state = 'closed';
    retrospective.stateReason = 'completed';
    emulator.resetLog();
    const second = await publish(emulator, inputs, results);
    expect(second.errors).toEqual([]);
    const url = second.outputs['retrospective-url'] ?? '';
    expect(url).toMatch(/^https:\/\/github\.com\/sample-org\/sample-project\/discussions\/\d+$/);
    expect(chatTexts()).toHaveLength(2);
    const message = chatTexts()[1] ?? '';
    expect(message).toContain(`The retrospective of the sample-project 1.4.2 security release is public: ${url}`);
    expect(message).not.toContain('Lessons');
    expect(emulator.state.discussions.find((d) => d.url === url)?.body).toContain('Lessons: fuzz the archive reader.');
    expect(stateOf(emulator, tracking).notified).toContain('publish-announcement:retrospective');
    expect(issueNow(emulator, tracking).state).toBe('closed');
    expect(second.summary).toMatch(/Share the retrospective<\/td><td>done<\/td><td>discussion: .*; chat: sent/);

    // A third run: already shared, already sent; nothing written, nothing sent.
    emulator.resetLog();
    const third = await publish(emulator, inputs, results);
    expect(third.errors).toEqual([]);
    expect(writesOf(emulator)).toEqual([]);
    expect(chatTexts()).toHaveLength(2);
    expect(third.summary).toMatch(/Share the retrospective<\/td><td>already done<\/td><td>.*chat: already sent/);
  });

  it('sends nothing while an advisory of the release is unpublished, then once it is', async () => {
    const a = pathTraversal(emulator);
    // GitHub refuses to publish an advisory without an affected product.
    const b = denialOfService(emulator, PROJECT, { vulnerabilities: [] });
    const retrospective = closedRetrospective([a, b]);
    trackingIssue(emulator, a, { retrospectiveIssue: retrospective.number });
    trackingIssue(emulator, b, { retrospectiveIssue: retrospective.number });
    release(emulator);
    const inputs = { ...baseInputs(emulator, [a, b]), 'retrospective-category': 'General' };
    const refused = await publish(emulator, inputs, results);
    expect(refused.exitCode).toBe(1);
    expect(b.state).toBe('draft');
    expect(chatTexts()).toEqual([]);
    expect(emulator.state.discussions).toEqual([]);
    expect(refused.outputs['retrospective-url']).toBe('');

    b.vulnerabilities = a.vulnerabilities;
    const published = await publish(emulator, inputs, results);
    expect(published.errors).toEqual([]);
    expect(chatTexts()).toHaveLength(2);
    expect(chatTexts()[1]).toContain(`is public: ${published.outputs['retrospective-url'] ?? 'none'}`);
  });

  it('sends nothing to chat without a tracking issue to record it in, and says why', async () => {
    const advisory = pathTraversal(emulator, PROJECT, { state: 'published', publishedAt: '2026-01-26T16:00:00Z' });
    closedRetrospective([advisory]);
    release(emulator);
    const inputs = { ...baseInputs(emulator, [advisory]), 'retrospective-category': 'General' };
    const result = await publish(emulator, inputs, results);
    expect(result.errors).toEqual([]);
    expect(result.outputs['retrospective-url']).not.toBe('');
    expect(chatTexts().filter((text) => text.includes('retrospective'))).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining('The retrospective is not sent to chat: no tracking issue can record that it was'),
    );
  });

  it('names a disclosure without a fix as such, not by a version', () => {
    const link = 'https://github.com/sample-org/sample-project/discussions/7';
    expect(retrospectiveChatText({ project: 'sample-project', version: 'without a fix', versions: [] }, link)).toBe(
      `The retrospective of the sample-project security disclosure is public: ${link}`,
    );
    expect(
      retrospectiveChatText({ project: 'p', version: '2.3.1 and 1.9.7', versions: ['2.3.1', '1.9.7'] }, link),
    ).toBe(`The retrospective of the p 2.3.1 and 1.9.7 security release is public: ${link}`);
  });
});
