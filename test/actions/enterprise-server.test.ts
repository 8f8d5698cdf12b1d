/**
 * GitHub Enterprise Server, as the emulator answers for it (`enterpriseServer: true`: REST under `/api/v3`, GraphQL
 * at `/api/graphql`, and a 404 for repository security advisories and private vulnerability reporting, which no
 * Enterprise Server 3.x release has). What works there, and that everything else fails saying why instead of
 * reporting a bare 404, a missing permission or an advisory that "does not exist". Runs in process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { addAdvisory, addIssue, addLabel } from '../emulator/state.js';
import { isEnterpriseServer } from '../../src/github/errors.js';
import { runInProcess } from '../harness/in-process.js';
import type { RunResult } from '../harness/run-action.js';

const PROJECT = 'sample-org/sample-project';
const TRACKER = 'sample-org/security-tracker';
const NOW = '2026-11-03T16:10:00Z'; // a Tuesday, inside the 16:00 UTC window
const GAP = /GitHub Enterprise Server has no repository security advisories/;

let emulator: Emulator;
let ghsaId: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: defaultSeed(), now: '2026-11-02T09:00:00Z', enterpriseServer: true });
  ghsaId = addAdvisory(emulator.state, PROJECT, { state: 'triage', summary: 'Embargoed: path traversal' }).ghsaId;
});

afterAll(async () => {
  await emulator.stop();
});

function run(action: string, inputs: Record<string, string>, extra: Partial<Parameters<typeof runInProcess>[1]> = {}) {
  return runInProcess(action, {
    emulator,
    now: NOW,
    repository: TRACKER,
    inputs: { token: 'token-admin', ...inputs },
    ...extra,
  });
}

/** The run failed once, with the Enterprise Server explanation, after writing nothing. */
function expectGap(result: RunResult, name: string): void {
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  const message = result.errors[0]?.message ?? '';
  expect(message).toMatch(new RegExp(`^${name}: configuration error in GITHUB_API_URL: `));
  expect(message).toMatch(GAP);
  expect(message).toMatch(/ answered 404 at http:\/\/127\.0\.0\.1:\d+\/api\/v3\. /);
  expect(message).toMatch(/\/security-advisories|\/private-vulnerability-reporting/);
  expect(message).not.toMatch(/permission|does not exist|not visible/i);
  expect(message).not.toContain(ghsaId);
  expect(emulator.writes()).toEqual([]);
}

describe('GitHub Enterprise Server is told by its API URL', () => {
  it.each([
    ['https://ghes.example.com/api/v3', true],
    ['https://ghes.example.com/api/v3/', true],
    ['http://10.0.0.5:8080/api/v3', true],
    ['https://api.github.com', false],
    ['https://api.octocorp.ghe.com', false],
    ['http://127.0.0.1:4000', false],
    ['not a url', false],
  ])('%s: %s', (url, expected) => {
    expect(isEnterpriseServer(url)).toBe(expected);
  });
});

describe('the emulator as GitHub Enterprise Server', () => {
  it('serves REST under /api/v3 and answers 404 for repository advisories', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    const headers = { authorization: 'token token-admin' };
    const repo = await fetch(`${emulator.url}/repos/${PROJECT}`, { headers });
    expect(repo.status).toBe(200);
    expect(((await repo.json()) as { url: string }).url).toBe(`${emulator.url}/repos/${PROJECT}`);
    const advisories = await fetch(`${emulator.url}/repos/${PROJECT}/security-advisories`, { headers });
    expect(advisories.status).toBe(404);
    const origin = emulator.url.replace(/\/api\/v3$/, '');
    expect((await fetch(`${origin}/repos/${PROJECT}`, { headers })).status).toBe(404);
    const graphql = await fetch(`${origin}/api/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(graphql.status).toBe(200);
  });
});

describe('on GitHub Enterprise Server', () => {
  it('release-gate checks the release window (it needs no API)', async () => {
    emulator.resetLog();
    const result = await run('release-gate', { mode: 'check' });
    expect(result.errors).toEqual([]);
    expect(result.outputs.open).toBe('true');
  });

  it('release-gate with advisory preconditions fails saying Enterprise Server has no advisories', async () => {
    emulator.resetLog();
    expectGap(await run('release-gate', { mode: 'check', 'ghsa-ids': ghsaId, repository: PROJECT }), 'release-gate');
  });

  it('ack-report sweeping for reports fails saying so', async () => {
    emulator.resetLog();
    expectGap(await run('ack-report', { tracker: TRACKER, repositories: PROJECT }), 'ack-report');
  });

  it('ack-report acknowledges a report filed by hand in the tracker (no advisory involved)', async () => {
    addLabel(emulator.state, TRACKER, 'security-report');
    const filed = addIssue(emulator.state, TRACKER, {
      title: 'Report received by e-mail',
      body: 'Embargoed details',
      labels: ['security-report'],
      createdAt: '2026-11-03T09:00:00Z',
    });
    emulator.resetLog();
    const payload = {
      action: 'opened',
      issue: { number: filed.number, labels: [{ name: 'security-report' }] },
      repository: { full_name: TRACKER },
    };
    const result = await run('ack-report', { tracker: TRACKER }, { eventName: 'issues', eventPayload: payload });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.outputs.acknowledged ?? '[]')).toEqual([`issue-${filed.number}`]);
    expect(emulator.writes().length).toBeGreaterThan(0);
  });

  it('sla-check fails saying so', async () => {
    emulator.resetLog();
    expectGap(await run('sla-check', { tracker: TRACKER, repositories: PROJECT }), 'sla-check');
  });

  it('triage fails saying so', async () => {
    emulator.resetLog();
    const result = await run('triage', {
      'ghsa-id': ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      'cvss-vector': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N',
      decision: 'accept',
    });
    expectGap(result, 'triage');
  });

  it('create-temp-fork fails saying so', async () => {
    emulator.resetLog();
    expectGap(
      await run('create-temp-fork', { 'ghsa-id': ghsaId, repository: PROJECT, tracker: TRACKER }),
      'create-temp-fork',
    );
  });

  it('publish-announcement fails saying so, before publishing anything', async () => {
    emulator.resetLog();
    const result = await run('publish-announcement', {
      'gate-open': 'true',
      'ghsa-ids': ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      project: 'sample-project',
      version: '1.4.2',
    });
    expectGap(result, 'publish-announcement');
  });
});
