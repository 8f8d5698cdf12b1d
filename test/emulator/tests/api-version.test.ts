/**
 * `X-GitHub-Api-Version` on the wire: the emulator's strict mode (`requireApiVersion`) refuses a REST request without
 * it as GitHub refuses a version it does not serve, and the project's own client (createClient) sends it on every
 * request: plain, paginated, retried and GraphQL.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { API_VERSION as CLIENT_API_VERSION, createClient } from '../../../src/github/client.js';
import { silentLog } from '../../harness/silent-log.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../index.js';
import { addIssue } from '../state.js';
import { api } from './api.js';

const TRACKER = 'sample-org/security-tracker';
const VERSIONS_DOCS = 'https://docs.github.com/rest/about-the-rest-api/api-versions';

let emulator: Emulator | undefined;

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator(options);
  return emulator;
}

afterEach(async () => {
  const emu = emulator;
  emulator = undefined;
  if (!emu) return;
  try {
    expect(emu.contractViolations).toEqual([]);
  } finally {
    await emu.stop();
  }
});

interface ErrorBody {
  message: string;
  documentation_url: string;
  status: string;
}

describe('the emulator and X-GitHub-Api-Version', () => {
  it('in strict mode refuses a REST request without the header with a 400 and a GitHub-shaped error', async () => {
    const emu = await start({ requireApiVersion: true });
    const refused = await api<ErrorBody>(emu, 'GET', `/repos/${TRACKER}`, { apiVersion: null });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      message: expect.stringMatching(/"X-GitHub-Api-Version" request header is missing.*"2022-11-28"/),
      documentation_url: VERSIONS_DOCS,
      status: '400',
    });
    // Refused before anything is looked at: a write without the header changes nothing.
    const write = await api(emu, 'POST', `/repos/${TRACKER}/issues`, { apiVersion: null, body: { title: 'x' } });
    expect(write.status).toBe(400);
    expect(emu.state.issues).toEqual([]);
    expect(emu.writes()).toEqual([]);
    expect(emu.log.map((entry) => [entry.operationId, entry.apiVersion])).toEqual([
      ['api-version', null],
      ['api-version', null],
    ]);
    expect((await api(emu, 'GET', `/repos/${TRACKER}`)).status).toBe(200);
  });

  it('assumes the version when the header is missing outside strict mode, as GitHub does', async () => {
    const emu = await start();
    expect((await api(emu, 'GET', `/repos/${TRACKER}`, { apiVersion: null })).status).toBe(200);
    expect(emu.log[0]?.apiVersion).toBeNull();
  });

  it('refuses a version it does not serve in any mode, with the message GitHub gives', async () => {
    const emu = await start();
    const refused = await api<ErrorBody>(emu, 'GET', `/repos/${TRACKER}`, { apiVersion: 'v3' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'The version you specified in the "X-GitHub-Api-Version" request header, "v3", is not a supported version. ' +
        'The following versions are currently supported: "2022-11-28" (most recent).',
    );
    expect(refused.body.documentation_url).toBe(VERSIONS_DOCS);
  });
});

describe("the project's client pins X-GitHub-Api-Version on every request", () => {
  it('sends it on REST calls, every page of a paginated list, a write, GraphQL and a retry', async () => {
    const emu = await start({ requireApiVersion: true });
    for (let index = 0; index < 5; index += 1) addIssue(emu.state, TRACKER, { title: `#${index}` });
    const client = createClient({ token: 'token-admin', log: silentLog, apiUrl: emu.url, pacing: 'none' });
    const [owner, repo] = TRACKER.split('/') as [string, string];

    await client.rest.repos.get({ owner, repo });
    const issues = await client.paginate(client.rest.issues.listForRepo, { owner, repo, per_page: 2 });
    expect(issues).toHaveLength(5);
    await client.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'noted' });
    const answer = await client.graphql<{ repository: { name: string } }>(
      'query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { name } }',
      { owner, name: repo },
    );
    expect(answer.repository.name).toBe(repo);
    // Every second request from here is refused with a secondary rate limit: the retry carries the header too.
    emu.setFaults({ secondaryRateLimitEvery: 2, secondaryStatus: 429, retryAfterSeconds: 0 });
    await client.rest.repos.get({ owner, repo });
    await client.rest.repos.get({ owner, repo });
    emu.setFaults({});

    const seen = emu.log.map((entry) => `${entry.method} ${entry.operationId} ${entry.status} ${entry.apiVersion}`);
    expect(seen).toEqual([
      `GET repos/get 200 ${CLIENT_API_VERSION}`,
      `GET issues/list-for-repo 200 ${CLIENT_API_VERSION}`,
      `GET issues/list-for-repo 200 ${CLIENT_API_VERSION}`,
      `GET issues/list-for-repo 200 ${CLIENT_API_VERSION}`,
      `POST issues/create-comment 201 ${CLIENT_API_VERSION}`,
      `POST graphql 200 ${CLIENT_API_VERSION}`,
      `GET repos/get 200 ${CLIENT_API_VERSION}`,
      `GET fault:secondary-rate-limit 429 ${CLIENT_API_VERSION}`,
      `GET repos/get 200 ${CLIENT_API_VERSION}`,
    ]);
    expect(CLIENT_API_VERSION).toBe('2022-11-28');
  });
});
