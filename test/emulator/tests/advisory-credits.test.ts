/**
 * `credits` of a repository advisory (PATCH, docs.github.com/rest/security-advisories/repository-advisories): a list
 * of `{ login, type }` that replaces the one there; GitHub takes logins only, of users it knows, and a type of its
 * `security-advisory-credit-types`. The answer carries `credits` and `credits_detailed` (pending until accepted).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../index.js';
import { addAdvisory } from '../state.js';
import { api } from './api.js';

const PROJECT = 'sample-org/sample-project';
let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: '2026-01-05T09:00:00Z' });
});

afterEach(async () => {
  await emulator.stop();
});

interface Credited {
  credits: { login: string; type: string }[];
  credits_detailed: { user: { login: string }; type: string; state: string }[];
}

describe('advisory credits', () => {
  it('replaces the list with the logins and types sent, and shows them pending', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const path = `/repos/${PROJECT}/security-advisories/${advisory.ghsaId}`;
    const answer = await api<Credited>(emulator, 'PATCH', path, {
      body: { credits: [{ login: 'reporter-rita', type: 'finder' }] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.credits).toEqual([{ login: 'reporter-rita', type: 'finder' }]);
    expect(answer.body.credits_detailed[0]).toMatchObject({ user: { login: 'reporter-rita' }, state: 'pending' });
  });

  it('refuses an unknown login or a type outside the enum with 422, changing nothing', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const path = `/repos/${PROJECT}/security-advisories/${advisory.ghsaId}`;
    for (const credit of [
      { login: 'jane-doe-not-a-user', type: 'reporter' },
      { login: 'reporter-rita', type: 'chef' },
      { name: 'Jane Doe', type: 'reporter' },
    ]) {
      const answer = await api(emulator, 'PATCH', path, { body: { credits: [credit] } });
      expect(answer.status).toBe(422);
    }
    expect(advisory.credits).toEqual([]);
  });
});
