import { silentLog } from '../../harness/silent-log.js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/github/client.js';
import { ContractChecker } from '../contract.js';
import { startEmulator, type Emulator, type FaultOptions } from '../index.js';
import { addAdvisory } from '../state.js';
import { api } from './api.js';

const TRACKER = 'sample-org/security-tracker';
const ADVISORIES = '/repos/sample-org/sample-project/security-advisories';

let emulator: Emulator | undefined;

async function start(faults: FaultOptions = {}): Promise<Emulator> {
  emulator = await startEmulator({ faults });
  return emulator;
}

afterEach(async () => {
  if (emulator) {
    expect(emulator.contractViolations).toEqual([]);
    await emulator.stop();
  }
  emulator = undefined;
});

/** The project's own client against the emulator, as the actions build it (pacing off, as on the emulator). */
const clientFor = (emu: Emulator) =>
  createClient({ token: 'token-admin', log: silentLog, apiUrl: emu.url, pacing: 'none' });

async function createIssues(emu: Emulator, count: number): Promise<void> {
  const client = clientFor(emu);
  for (let index = 0; index < count; index += 1) {
    await client.rest.issues.create({ owner: 'sample-org', repo: 'security-tracker', title: `issue ${index}` });
  }
}

const trackerIssueTitles = (emu: Emulator): string[] =>
  emu.state.issues.filter((issue) => issue.repo === TRACKER).map((issue) => issue.title);
const statuses = (emu: Emulator): number[] => emu.log.map((entry) => entry.status);

describe('authentication and visibility', () => {
  it('answers 401 without a token and with an unknown one, as GitHub words it', async () => {
    const emu = await start();
    expect(await api(emu, 'GET', '/repos/sample-org/sample-project', { token: null })).toMatchObject({
      status: 401,
      body: { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' },
    });
    expect((await api(emu, 'GET', '/repos/sample-org/sample-project', { token: 'ghs_revoked' })).body).toMatchObject({
      message: 'Bad credentials',
    });
  });

  it('hides private repositories from a token that cannot see them (404, not 403)', async () => {
    const emu = await start();
    expect((await api(emu, 'GET', '/repos/sample-org/private-lib', { token: 'token-reporter' })).status).toBe(404);
    expect((await api(emu, 'GET', '/repos/sample-org/private-lib')).status).toBe(200);
  });

  it('lists only published advisories to a token without advisory rights: an empty list, not an error', async () => {
    const emu = await start();
    const report = addAdvisory(emu.state, 'sample-org/sample-project', { state: 'triage' });
    const published = addAdvisory(emu.state, 'sample-org/sample-project', {
      state: 'published',
      publishedAt: '2026-01-01T00:00:00Z',
    });
    const listed = await api<{ ghsa_id: string }[]>(emu, 'GET', ADVISORIES, { token: 'token-no-advisories' });
    expect(listed.status).toBe(200);
    expect(listed.body.map((advisory) => advisory.ghsa_id)).toEqual([published.ghsaId]);
    expect((await api(emu, 'GET', `${ADVISORIES}/${report.ghsaId}`, { token: 'token-no-advisories' })).status).toBe(
      404,
    );
    const patch = await api<{ message: string }>(emu, 'PATCH', `${ADVISORIES}/${published.ghsaId}`, {
      token: 'token-no-advisories',
      body: { summary: 'changed' },
    });
    expect(patch).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } });
  });

  it('lets only an organization owner list the whole org (404 for others)', async () => {
    const emu = await start();
    expect((await api(emu, 'GET', '/orgs/sample-org/security-advisories')).status).toBe(200);
    expect((await api(emu, 'GET', '/orgs/sample-org/security-advisories', { token: 'token-repo-writer' })).status).toBe(
      404,
    );
  });

  it('shows the reporter their own report, and refuses them writes elsewhere', async () => {
    const emu = await start();
    const report = addAdvisory(emu.state, 'sample-org/sample-project', { state: 'triage', author: 'reporter-rita' });
    expect((await api(emu, 'GET', `${ADVISORIES}/${report.ghsaId}`, { token: 'token-reporter' })).status).toBe(200);
    const issue = await api(emu, 'POST', '/repos/sample-org/sample-project/issues', {
      token: 'token-reporter',
      body: { title: 'x' },
    });
    expect(issue.status).toBe(403);
    const fork = await api(emu, 'POST', `${ADVISORIES}/${report.ghsaId}/forks`, { token: 'token-no-admin' });
    expect(fork.status).toBe(403);
  });
});

describe('fault injection', () => {
  it('adds the configured latency to each request', async () => {
    const emu = await start({ latencyMs: 150 });
    const started = performance.now();
    await api(emu, 'GET', '/repos/sample-org/sample-project');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('answers injected 5xx like GitHub and leaves state untouched', async () => {
    const emu = await start({ serverErrorRate: 1, serverErrorStatuses: [502] });
    const answer = await api(emu, 'POST', `/repos/${TRACKER}/issues`, { body: { title: 'lost' } });
    expect(answer).toMatchObject({ status: 502, body: { message: 'Server Error', status: '502' } });
    expect(trackerIssueTitles(emu)).toEqual([]);
    expect(emu.writes()).toEqual([]);
  });

  it('sends a secondary rate limit as 403 with retry-after, or as 429', async () => {
    const emu = await start({ secondaryRateLimitEvery: 1, retryAfterSeconds: 7 });
    const limited = await api<{ message: string }>(emu, 'GET', '/repos/sample-org/sample-project');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.message).toMatch(/secondary rate limit/);
    emu.setFaults({ secondaryRateLimitEvery: 1, secondaryStatus: 429 });
    expect((await api(emu, 'GET', '/repos/sample-org/sample-project')).status).toBe(429);
  });

  it('exhausts the primary limit with x-ratelimit-remaining 0 and a reset, then recovers after it', async () => {
    const emu = await start({ primaryRateLimitAfter: 2, primaryResetSeconds: 1 });
    const first = await api(emu, 'GET', '/repos/sample-org/sample-project');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await api(emu, 'GET', '/repos/sample-org/sample-project');
    const spent = await api<{ message: string }>(emu, 'GET', '/repos/sample-org/sample-project');
    expect(spent.status).toBe(403);
    expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(spent.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(Date.now());
    expect(spent.body.message).toMatch(/API rate limit exceeded/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(emu, 'GET', '/repos/sample-org/sample-project')).status).toBe(200);
  });

  it('resets the connection on every n-th request', async () => {
    const emu = await start({ connectionResetEvery: 1 });
    await expect(api(emu, 'GET', '/repos/sample-org/sample-project')).rejects.toThrow();
  });

  it.each<[string, FaultOptions]>([
    ['30% 5xx', { serverErrorRate: 0.3, seed: 7 }],
    ['secondary rate limits', { secondaryRateLimitEvery: 4, retryAfterSeconds: 1 }],
    ['429 rate limits', { secondaryRateLimitEvery: 5, secondaryStatus: 429, retryAfterSeconds: 1 }],
    ['primary exhaustion with reset', { primaryRateLimitAfter: 6, primaryResetSeconds: 1 }],
    ['connection resets', { connectionResetEvery: 4 }],
  ])(
    'the project client absorbs %s and ends in the fault-free state',
    async (_name, faults) => {
      const emu = await start(faults);
      await createIssues(emu, 8);
      expect(trackerIssueTitles(emu)).toEqual([...Array(8).keys()].map((index) => `issue ${index}`));
      expect(statuses(emu).some((status) => status === 0 || status >= 403)).toBe(true);
    },
    30_000,
  );
});

describe('contract checks', () => {
  const checker = new ContractChecker();

  it('names the operation and the field when a response breaks GitHub schema', () => {
    const violation = checker.checkResponse('teams/get-membership-for-user-in-org', 200, {
      role: 'member',
      state: 'active',
    });
    expect(violation).toMatch(/^teams\/get-membership-for-user-in-org 200: \(root\) must have required property 'url'/);
  });

  it('flags a status the operation does not document', () => {
    expect(checker.checkResponse('issues/create', 200, {})).toMatch(/no 200 response/);
  });

  it('flags a request body GitHub would not accept', () => {
    expect(checker.checkRequest('security-advisories/update-repository-advisory', { state: 'triage' })).toMatch(
      /must be equal to one of the allowed values/,
    );
    expect(checker.checkRequest('security-advisories/update-repository-advisory', { colaborating_users: [] })).toMatch(
      /must NOT have additional properties/,
    );
    expect(checker.checkRequest('security-advisories/create-advisory-comment', { body: '' })).toMatch(
      /must NOT have fewer than 1 characters/,
    );
  });

  it('records what the actions send wrong', async () => {
    const emu = await start();
    await api(emu, 'POST', `/repos/${TRACKER}/issues`, { body: { title: 'ok', labels: 'not-a-list' } });
    expect(emu.contractViolations).toEqual([
      expect.stringMatching(/^issues\/create request body: \/labels must be array/),
    ]);
    emu.contractViolations.length = 0;
  });
});

describe('users', () => {
  it('percent-encodes bot logins in URLs and links a bot to its App, as GitHub does', async () => {
    const emu = await start();
    const advisory = addAdvisory(emu.state, 'sample-org/sample-project', { state: 'draft' });
    const answer = await api<{ publisher: { url: string; html_url: string } }>(
      emu,
      'PATCH',
      `${ADVISORIES}/${advisory.ghsaId}`,
      { token: 'token-repo-writer', body: { summary: 'updated' } },
    );
    expect(answer.status).toBe(200);
    advisory.publisher = 'disclosure-bot[bot]';
    const fetched = await api<{ publisher: { url: string; html_url: string } }>(
      emu,
      'GET',
      `${ADVISORIES}/${advisory.ghsaId}`,
    );
    expect(fetched.body.publisher.url).toBe(`${emu.url}/users/disclosure-bot%5Bbot%5D`);
    expect(fetched.body.publisher.html_url).toBe('https://github.com/apps/disclosure-bot');
  });
});

describe('the project client against GitHub errors', () => {
  it('sends a request that GitHub refuses with a 4xx once, never again', async () => {
    const emu = await start();
    const client = clientFor(emu);
    await expect(client.rest.issues.create({ owner: 'sample-org', repo: 'nope', title: 'x' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      client.rest.issues.create({ owner: 'sample-org', repo: 'security-tracker', title: '' }),
    ).rejects.toMatchObject({ status: 422 });
    expect(emu.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /repos/sample-org/nope/issues 404',
      'POST /repos/sample-org/security-tracker/issues 422',
    ]);
  });

  it('retries a 5xx up to three times, then gives up', async () => {
    const emu = await start({ serverErrorRate: 1, serverErrorStatuses: [503] });
    await expect(clientFor(emu).rest.repos.get({ owner: 'sample-org', repo: 'sample-project' })).rejects.toMatchObject({
      status: 503,
    });
    expect(emu.log.map((entry) => entry.status)).toEqual([503, 503, 503, 503]);
  });
});
