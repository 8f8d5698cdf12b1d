/**
 * `listingLagMs`: list endpoints answer with the world as it was that many real milliseconds ago, as GitHub's
 * eventually consistent listings and search do, while single-item GETs answer at once. The wall clock is faked
 * (only `Date`), so the lag is exact rather than raced against.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startEmulator, type Emulator } from '../index.js';
import { addAdvisory, addIssue } from '../state.js';
import { api } from './api.js';

const LAG = 5000;
const TRACKER = '/repos/sample-org/security-tracker';
const PROJECT = '/repos/sample-org/sample-project';
const ONLY_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

let emulator: Emulator;

/** Moves the faked wall clock on; the emulator's own clock (`state.now`) does not move. */
const wait = (ms: number): void => jest.setSystemTime(Date.now() + ms);

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: [...ONLY_DATE], now: new Date('2026-01-05T09:00:00Z') });
});

afterEach(async () => {
  jest.useRealTimers();
  try {
    expect(emulator.contractViolations).toEqual([]);
  } finally {
    await emulator.stop();
  }
});

const numbers = async (path: string): Promise<number[]> =>
  (await api<{ number: number }[]>(emulator, 'GET', path)).body.map((item) => item.number);
const ids = async (path: string): Promise<number[]> =>
  (await api<{ id: number }[]>(emulator, 'GET', path)).body.map((item) => item.id);

describe('listings that lag behind writes', () => {
  it('leaves a new issue out of the issues list and search until the lag has passed; GET finds it at once', async () => {
    emulator = await startEmulator({ listingLagMs: LAG });
    addIssue(emulator.state, 'sample-org/security-tracker', { title: 'seeded', body: 'marker' });
    const created = await api<{ number: number }>(emulator, 'POST', `${TRACKER}/issues`, {
      body: { title: 'new', body: 'marker' },
    });
    expect(created.status).toBe(201);
    const search = async () =>
      (
        await api<{ total_count: number; items: { number: number }[] }>(
          emulator,
          'GET',
          `/search/issues?q=${encodeURIComponent('repo:sample-org/security-tracker marker')}`,
        )
      ).body;
    expect((await api(emulator, 'GET', `${TRACKER}/issues/2`)).status).toBe(200);
    expect(await numbers(`${TRACKER}/issues?state=all`)).toEqual([1]);
    expect(await search()).toMatchObject({ total_count: 1, items: [{ number: 1 }] });
    wait(LAG - 1);
    expect(await numbers(`${TRACKER}/issues?state=all`)).toEqual([1]);
    wait(1);
    expect(await numbers(`${TRACKER}/issues?state=all`)).toEqual([2, 1]);
    expect((await search()).total_count).toBe(2);
  });

  it('leaves a new comment out of the comments list, and keeps a deleted one in it, for the lag', async () => {
    emulator = await startEmulator({ listingLagMs: LAG });
    addIssue(emulator.state, 'sample-org/security-tracker', { title: 'x' });
    const comment = await api<{ id: number }>(emulator, 'POST', `${TRACKER}/issues/1/comments`, {
      body: { body: 'first' },
    });
    const { id } = comment.body;
    expect((await api(emulator, 'GET', `${TRACKER}/issues/comments/${id}`)).status).toBe(200);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toEqual([]);
    wait(LAG);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toEqual([id]);

    expect((await api(emulator, 'DELETE', `${TRACKER}/issues/comments/${id}`)).status).toBe(204);
    expect((await api(emulator, 'GET', `${TRACKER}/issues/comments/${id}`)).status).toBe(404);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toEqual([id]);
    wait(LAG);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toEqual([]);
    // Created and deleted within the lag: never listed at all.
    const brief = await api<{ id: number }>(emulator, 'POST', `${TRACKER}/issues/1/comments`, {
      body: { body: 'oops' },
    });
    await api(emulator, 'DELETE', `${TRACKER}/issues/comments/${brief.body.id}`);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toEqual([]);
    wait(LAG);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toEqual([]);
  });

  it('leaves a new advisory out of the repository and organization lists, and a new advisory comment out of its list', async () => {
    emulator = await startEmulator({ listingLagMs: LAG });
    const seeded = addAdvisory(emulator.state, 'sample-org/sample-project', { state: 'draft' });
    const created = await api<{ ghsa_id: string }>(emulator, 'POST', `${PROJECT}/security-advisories`, {
      body: {
        summary: 'New',
        description: 'd',
        vulnerabilities: [{ package: { ecosystem: 'npm', name: 'sample' } }],
      },
    });
    const ghsa = async (path: string) =>
      (await api<{ ghsa_id: string }[]>(emulator, 'GET', path)).body.map((advisory) => advisory.ghsa_id);
    expect((await api(emulator, 'GET', `${PROJECT}/security-advisories/${created.body.ghsa_id}`)).status).toBe(200);
    expect(await ghsa(`${PROJECT}/security-advisories`)).toEqual([seeded.ghsaId]);
    expect(await ghsa('/orgs/sample-org/security-advisories')).toEqual([seeded.ghsaId]);

    const comments = `${PROJECT}/security-advisories/${seeded.ghsaId}/comments`;
    await api(emulator, 'POST', comments, { body: { body: 'a comment' } });
    expect(await ids(comments)).toEqual([]);

    wait(LAG);
    expect((await ghsa(`${PROJECT}/security-advisories`)).sort()).toEqual([seeded.ghsaId, created.body.ghsa_id].sort());
    expect(await ghsa('/orgs/sample-org/security-advisories')).toHaveLength(2);
    expect(await ids(comments)).toHaveLength(1);
  });

  it('does not lag by default', async () => {
    emulator = await startEmulator();
    await api(emulator, 'POST', `${TRACKER}/issues`, { body: { title: 'new' } });
    await api(emulator, 'POST', `${TRACKER}/issues/1/comments`, { body: { body: 'c' } });
    expect(await numbers(`${TRACKER}/issues`)).toEqual([1]);
    expect(await ids(`${TRACKER}/issues/1/comments`)).toHaveLength(1);
  });
});
