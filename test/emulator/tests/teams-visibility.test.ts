/**
 * Pending team memberships and `internal` repositories, as GitHub answers them: "Get team membership for a user"
 * reports an invitation not yet accepted as `{ state: 'pending', role }` while "List team members" lists active
 * members only; an internal repository (GitHub Enterprise Cloud) answers `visibility: 'internal'` with
 * `private: true` on every endpoint, and is treated as the private repository it is.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../index.js';
import { defaultSeed, type SeedData } from '../seed.js';
import { addAdvisory, addRepo, addTeam, createState, findRepo } from '../state.js';
import { api } from './api.js';

const ORG = 'sample-org';
const INNER = 'sample-org/inner-source';

let emulator: Emulator | undefined;

async function start(seed: SeedData): Promise<Emulator> {
  emulator = await startEmulator({ seed, now: '2026-01-05T09:00:00Z' });
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

function seedWithInvitations(): SeedData {
  const seed = defaultSeed();
  const [security] = seed.teams;
  if (security) security.pending = ['carol', { login: 'dana', role: 'maintainer' }];
  return seed;
}

const logins = (users: { login: string }[]): string[] => users.map((user) => user.login).sort();

describe('pending team memberships', () => {
  const TEAM = `/orgs/${ORG}/teams/security-team`;

  it('answers an invitation not yet accepted as pending, with its role; members as active; others 404', async () => {
    const emu = await start(seedWithInvitations());
    const membership = async (login: string) => api(emu, 'GET', `${TEAM}/memberships/${login}`);
    expect((await membership('carol')).body).toEqual({
      url: expect.stringMatching(/\/memberships\/carol$/),
      role: 'member',
      state: 'pending',
    });
    expect((await membership('dana')).body).toMatchObject({ role: 'maintainer', state: 'pending' });
    expect((await membership('CAROL')).body).toMatchObject({ state: 'pending' });
    expect((await membership('sirt-lead')).body).toMatchObject({ role: 'maintainer', state: 'active' });
    expect((await membership('sirt-member')).body).toMatchObject({ role: 'member', state: 'active' });
    expect((await membership('bob')).status).toBe(404);
  });

  it('lists active members only, for every role filter', async () => {
    const emu = await start(seedWithInvitations());
    const members = async (query = '') =>
      logins((await api<{ login: string }[]>(emu, 'GET', `${TEAM}/members${query}`)).body);
    expect(await members()).toEqual(['sirt-lead', 'sirt-member']);
    expect(await members('?role=member')).toEqual(['sirt-member']);
    expect(await members('?role=maintainer')).toEqual(['sirt-lead']);
  });

  it('refuses a seed that makes someone both an active and a pending member', () => {
    const state = createState();
    state.org = ORG;
    expect(() => addTeam(state, 'fixers', { members: ['alice'], pending: ['alice'] })).toThrow(
      /alice cannot be both an active and a pending member/,
    );
  });
});

describe('internal repositories', () => {
  function seedWithInternal(): SeedData {
    const seed = defaultSeed();
    seed.repos.push({ fullName: INNER, visibility: 'internal', pvrEnabled: true, files: { 'README.md': '# inner\n' } });
    return seed;
  }

  interface RepoFields {
    full_name: string;
    private: boolean;
    visibility: string;
  }

  it('answers visibility internal with private true on the repository, the org listing and GraphQL', async () => {
    const emu = await start(seedWithInternal());
    expect((await api<RepoFields>(emu, 'GET', `/repos/${INNER}`)).body).toMatchObject({
      private: true,
      visibility: 'internal',
    });
    const listed = (await api<RepoFields[]>(emu, 'GET', `/orgs/${ORG}/repos?per_page=100`)).body;
    const fields = Object.fromEntries(listed.map((repo) => [repo.full_name, [repo.private, repo.visibility]]));
    expect(fields).toEqual({
      'sample-org/sample-project': [false, 'public'],
      'sample-org/security-tracker': [true, 'private'],
      'sample-org/private-lib': [true, 'private'],
      'sample-org/docs-site': [false, 'public'],
      [INNER]: [true, 'internal'],
    });
    const graphql = await api<{ data: { repository: { isPrivate: boolean; visibility: string } } }>(
      emu,
      'POST',
      '/graphql',
      { body: { query: `query{ repository(owner:"${ORG}",name:"inner-source"){ isPrivate visibility } }` } },
    );
    expect(graphql.body.data.repository).toEqual({ isPrivate: true, visibility: 'INTERNAL' });
  });

  it('treats it as private: hidden from an outsider, no CVE request, no advisory comments; its fork is private', async () => {
    const emu = await start(seedWithInternal());
    expect((await api(emu, 'GET', `/repos/${INNER}`, { token: 'token-reporter' })).status).toBe(404);
    const advisory = addAdvisory(emu.state, INNER, { state: 'draft' });
    const base = `/repos/${INNER}/security-advisories/${advisory.ghsaId}`;
    expect((await api(emu, 'POST', `${base}/cve`)).status).toBe(422);
    expect((await api(emu, 'GET', `${base}/comments`)).status).toBe(404);
    const fork = await api<RepoFields>(emu, 'POST', `${base}/forks`);
    expect(fork.body).toMatchObject({ private: true, visibility: 'private' });
    const withFork = await api<{ private_fork: { private: boolean } }>(emu, 'GET', base);
    expect(withFork.body.private_fork.private).toBe(true);
  });

  it('refuses a seed whose private flag contradicts its visibility, and flags a test that changes only one', async () => {
    const state = createState();
    expect(() => addRepo(state, 'sample-org/x', { visibility: 'internal', private: false })).toThrow(
      /private: false contradicts visibility: internal/,
    );
    expect(() => addRepo(state, 'sample-org/y', { visibility: 'public', private: true })).toThrow(/contradicts/);
    expect(addRepo(state, 'sample-org/z', { private: true })).toMatchObject({ private: true, visibility: 'private' });
    expect(addRepo(state, 'sample-org/w')).toMatchObject({ private: false, visibility: 'public' });

    const emu = await start(seedWithInternal());
    const repo = findRepo(emu.state, INNER);
    if (repo) repo.private = false;
    const answer = await api<{ message: string }>(emu, 'GET', `/repos/${INNER}`);
    expect(answer.status).toBe(500);
    expect(answer.body.message).toMatch(/has private: false and visibility: internal; change both/);
    expect(emu.contractViolations).toHaveLength(1);
    emu.contractViolations.length = 0;
  });
});
