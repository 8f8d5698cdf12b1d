import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../index.js';
import { addAdvisory, addToken } from '../state.js';
import type { Advisory } from '../types.js';
import { api } from './api.js';

const PROJECT = 'sample-org/sample-project';
const ADVISORIES = `/repos/${PROJECT}/security-advisories`;
const VULNERABILITY = { package: { ecosystem: 'pip', name: 'sample-project' }, vulnerable_version_range: '< 1.4.2' };

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: '2026-01-05T09:00:00Z' });
});

afterEach(async () => {
  expect(emulator.contractViolations).toEqual([]);
  await emulator.stop();
});

interface AdvisoryBody {
  ghsa_id: string;
  state: string;
  severity: string | null;
  submission: { accepted: boolean } | null;
  collaborating_users: { login: string }[];
  collaborating_teams: { slug: string }[];
  cvss_severities: { cvss_v3: { score: number } | null; cvss_v4: { score: number } | null };
  published_at: string | null;
  closed_at: string | null;
}

const patch = (advisory: Advisory, body: unknown, token?: string) =>
  api<AdvisoryBody & { message?: string }>(emulator, 'PATCH', `${ADVISORIES}/${advisory.ghsaId}`, {
    body,
    ...(token ? { token } : {}),
  });

/** Parses a Link header into rel -> URL. */
function links(header: string | null): Record<string, string> {
  return Object.fromEntries(
    (header ?? '')
      .split(',')
      .filter(Boolean)
      .map((part) => {
        const [, url = '', rel = ''] = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim()) ?? [];
        return [rel, url];
      }),
  );
}

describe('advisory lists', () => {
  it('pages 250 advisories 100 at a time with exact cursor Link headers, newest first', async () => {
    for (let day = 0; day < 250; day += 1) {
      const created = new Date(Date.UTC(2025, 0, 1) + day * 3600_000).toISOString();
      addAdvisory(emulator.state, PROJECT, { state: 'triage', createdAt: created, updatedAt: created });
    }
    const seen: string[] = [];
    const pages: { count: number; rels: string[] }[] = [];
    let path: string | undefined = `/orgs/sample-org/security-advisories?per_page=100&state=triage`;
    while (path) {
      const page = await api<AdvisoryBody[]>(emulator, 'GET', path);
      expect(page.status).toBe(200);
      seen.push(...page.body.map((advisory) => advisory.ghsa_id));
      const rel = links(page.headers.get('link'));
      pages.push({ count: page.body.length, rels: Object.keys(rel).sort() });
      path = rel.next ? rel.next.slice(emulator.url.length) : undefined;
      if (rel.next)
        expect(rel.next).toMatch(
          /^http:\/\/127\.0\.0\.1:\d+\/orgs\/sample-org\/security-advisories\?per_page=100&state=triage&after=[\w-]+$/,
        );
    }
    expect(pages).toEqual([
      { count: 100, rels: ['next'] },
      { count: 100, rels: ['next', 'prev'] },
      { count: 50, rels: ['prev'] },
    ]);
    expect(new Set(seen).size).toBe(250);
    const expected = [...emulator.state.advisories]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((a) => a.ghsaId);
    expect(seen).toEqual(expected);
  });

  it('clamps per_page to 100 and rejects a forged cursor with 400', async () => {
    for (let i = 0; i < 120; i += 1) addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const big = await api<unknown[]>(emulator, 'GET', `${ADVISORIES}?per_page=500`);
    expect(big.body).toHaveLength(100);
    const forged = await api<{ message: string }>(emulator, 'GET', `${ADVISORIES}?after=not-a-cursor`);
    expect(forged.status).toBe(400);
  });

  it('filters by state and sorts by updated ascending', async () => {
    addAdvisory(emulator.state, PROJECT, {
      state: 'published',
      updatedAt: '2026-01-03T00:00:00Z',
      publishedAt: '2026-01-03T00:00:00Z',
    });
    const first = addAdvisory(emulator.state, PROJECT, { state: 'draft', updatedAt: '2026-01-01T00:00:00Z' });
    const second = addAdvisory(emulator.state, PROJECT, { state: 'draft', updatedAt: '2026-01-02T00:00:00Z' });
    const list = await api<AdvisoryBody[]>(emulator, 'GET', `${ADVISORIES}?state=draft&sort=updated&direction=asc`);
    expect(list.body.map((advisory) => advisory.ghsa_id)).toEqual([first.ghsaId, second.ghsaId]);
    const bad = await api(emulator, 'GET', `${ADVISORIES}?state=triaged`);
    expect(bad.status).toBe(422);
  });
});

describe('advisory state rules', () => {
  const report = () =>
    addAdvisory(emulator.state, PROJECT, {
      state: 'triage',
      submissionAccepted: false,
      vulnerabilities: [{ ...VULNERABILITY, patched_versions: null, vulnerable_functions: null }],
    });

  it('accepts a report into draft (submission accepted) and publishes a draft', async () => {
    const advisory = report();
    const accepted = await patch(advisory, { state: 'draft' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'draft', submission: { accepted: true } });
    emulator.setNow('2026-01-09T16:00:00Z');
    const published = await patch(advisory, { state: 'published' });
    expect(published.body).toMatchObject({ state: 'published', published_at: '2026-01-09T16:00:00Z' });
  });

  it('refuses triage as a target, moving a published advisory, and publishing a report before it is accepted', async () => {
    const advisory = report();
    expect((await patch(advisory, { state: 'published' })).status).toBe(422);
    expect(emulator.contractViolations).toEqual([]);
    await patch(advisory, { state: 'draft' });
    await patch(advisory, { state: 'published' });
    const back = await patch(advisory, { state: 'draft' });
    expect(back.status).toBe(422);
    expect(back.body.message).toMatch(/published advisory cannot be moved/);
    expect(advisory.state).toBe('published');
  });

  it('refuses state triage in a PATCH (and flags the request as outside GitHub schema)', async () => {
    const advisory = report();
    const answer = await patch(advisory, { state: 'triage' });
    expect(answer.status).toBe(422);
    expect(emulator.contractViolations).toEqual([
      expect.stringContaining(
        'update-repository-advisory request body: /state must be equal to one of the allowed values',
      ),
    ]);
    emulator.contractViolations.length = 0;
  });

  it('closes and reopens', async () => {
    const advisory = report();
    expect((await patch(advisory, { state: 'closed' })).body).toMatchObject({
      state: 'closed',
      closed_at: '2026-01-05T09:00:00Z',
    });
    expect((await patch(advisory, { state: 'draft' })).body).toMatchObject({ state: 'draft', closed_at: null });
  });

  it('needs an affected product with an ecosystem to publish', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const answer = await patch(advisory, { state: 'published' });
    expect(answer.status).toBe(422);
    expect(advisory.state).toBe('draft');
  });

  it('replaces the collaborator lists rather than merging them', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, {
      state: 'draft',
      collaboratingUsers: ['alice'],
      collaboratingTeams: ['maintainers'],
    });
    const answer = await patch(advisory, { collaborating_users: ['bob'] });
    expect(answer.body.collaborating_users.map((user) => user.login)).toEqual(['bob']);
    expect(answer.body.collaborating_teams.map((team) => team.slug)).toEqual(['maintainers']);
    const teams = await patch(advisory, { collaborating_teams: [] });
    expect(teams.body.collaborating_teams).toEqual([]);
    const unknown = await patch(advisory, { collaborating_users: ['nobody-here'] });
    expect(unknown.status).toBe(422);
  });

  it('scores a CVSS vector, refuses severity together with a vector, and refuses a malformed vector', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const v4 = await patch(advisory, {
      cvss_vector_string: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    });
    expect(v4.body.cvss_severities.cvss_v4?.score).toBe(9.3);
    expect(v4.body.severity).toBe('critical');
    const both = await patch(advisory, {
      severity: 'low',
      cvss_vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
    expect(both.status).toBe(422);
    const bad = await patch(advisory, { cvss_vector_string: 'CVSS:3.1/AV:N' });
    expect(bad.status).toBe(422);
  });

  it('files a private vulnerability report in triage as its author', async () => {
    const answer = await api<AdvisoryBody & { author: { login: string } }>(emulator, 'POST', `${ADVISORIES}/reports`, {
      token: 'token-reporter',
      body: { summary: 'Overflow', description: 'Details', vulnerabilities: [VULNERABILITY] },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      state: 'triage',
      author: { login: 'reporter-rita' },
      submission: { accepted: false },
    });
    const disabled = await api(emulator, 'POST', '/repos/sample-org/docs-site/security-advisories/reports', {
      token: 'token-reporter',
      body: { summary: 'x', description: 'y' },
    });
    expect(disabled.status).toBe(403);
  });
});

describe('CVE requests and temporary private forks', () => {
  it('accepts a CVE request once, for public repositories only', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    expect((await api(emulator, 'POST', `${ADVISORIES}/${advisory.ghsaId}/cve`)).status).toBe(202);
    expect(advisory.cveRequested).toBe(true);
    expect((await api(emulator, 'POST', `${ADVISORIES}/${advisory.ghsaId}/cve`)).status).toBe(422);
    const hidden = addAdvisory(emulator.state, 'sample-org/private-lib', { state: 'draft' });
    const refused = await api<{ message: string }>(
      emulator,
      'POST',
      `/repos/sample-org/private-lib/security-advisories/${hidden.ghsaId}/cve`,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/public repositories/);
  });

  it('answers 202 at once and serves the fork only once GitHub has finished creating it', async () => {
    await emulator.stop();
    emulator = await startEmulator({ forkReadyAfterMs: 1500 });
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const created = await api<{ full_name: string; private: boolean }>(
      emulator,
      'POST',
      `${ADVISORIES}/${advisory.ghsaId}/forks`,
    );
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ full_name: `${PROJECT}-${advisory.ghsaId.toLowerCase()}`, private: true });
    expect((await api(emulator, 'GET', `/repos/${created.body.full_name}`)).status).toBe(404);
    const fetched = await api<{ private_fork: { full_name: string } }>(
      emulator,
      'GET',
      `${ADVISORIES}/${advisory.ghsaId}`,
    );
    expect(fetched.body.private_fork.full_name).toBe(created.body.full_name);
    await new Promise((resolve) => setTimeout(resolve, 1550));
    expect((await api(emulator, 'GET', `/repos/${created.body.full_name}`)).status).toBe(200);
    const again = await api<{ full_name: string }>(emulator, 'POST', `${ADVISORIES}/${advisory.ghsaId}/forks`);
    expect(again.body.full_name).toBe(created.body.full_name);
    expect(emulator.state.repos.filter((repo) => repo.fork)).toHaveLength(1);
  });

  it('lets a person delete a fork only with Administration, and clears the advisory link', async () => {
    addToken(emulator.state, 'token-carol', { login: 'carol', advisoriesWrite: true });
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'closed', closedAt: '2026-01-05T09:00:00Z' });
    const fork = await api<{ full_name: string }>(emulator, 'POST', `${ADVISORIES}/${advisory.ghsaId}/forks`);
    const refused = await api<{ message: string }>(emulator, 'DELETE', `/repos/${fork.body.full_name}`, {
      token: 'token-carol',
    });
    expect(refused).toMatchObject({ status: 403, body: { message: 'Must have admin rights to Repository.' } });
    expect((await api(emulator, 'DELETE', `/repos/${fork.body.full_name}`)).status).toBe(204);
    expect(advisory.privateFork).toBeNull();
  });
});

describe("temporary private forks on GitHub's rules", () => {
  const NOT_FOUND = { message: 'Not Found', documentation_url: expect.any(String), status: '404' };

  async function forkOf(advisory: Advisory, token = 'token-admin'): Promise<string> {
    const created = await api<{ full_name: string }>(emulator, 'POST', `${ADVISORIES}/${advisory.ghsaId}/forks`, {
      token,
    });
    expect(created.status).toBe(202);
    return created.body.full_name;
  }

  it('answers 404 Not Found to an App installation token and to GITHUB_TOKEN, and serves a person', async () => {
    addToken(emulator.state, 'token-github-actions', { login: 'github-actions[bot]', contentsWrite: true });
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    // An App with every permission may ask for the fork: the 202 answer and the advisory are all it learns of it.
    const fork = await forkOf(advisory, 'token-repo-writer');
    expect(emulator.state.tokens['token-repo-writer']?.kind).toBe('installation');

    for (const token of ['token-repo-writer', 'token-github-actions']) {
      const repo = await api(emulator, 'GET', `/repos/${fork}`, { token });
      expect(repo).toMatchObject({ status: 404, body: NOT_FOUND });
      const content = await api(emulator, 'GET', `/repos/${fork}/contents/README.md`, { token });
      expect(content.status).toBe(404);
      const removal = await api(emulator, 'DELETE', `/repos/${fork}`, { token });
      expect(removal).toMatchObject({ status: 404, body: NOT_FOUND });
      const listed = await api<{ full_name: string }[]>(emulator, 'GET', '/orgs/sample-org/repos', { token });
      expect(listed.body.map((repo) => repo.full_name)).not.toContain(fork);
    }
    const read = await api<{ private_fork: { full_name: string } }>(
      emulator,
      'GET',
      `${ADVISORIES}/${advisory.ghsaId}`,
      {
        token: 'token-repo-writer',
      },
    );
    expect(read.body.private_fork.full_name).toBe(fork);

    const person = await api<{ full_name: string; private: boolean }>(emulator, 'GET', `/repos/${fork}`);
    expect(person).toMatchObject({ status: 200, body: { full_name: fork, private: true } });
    const listed = await api<{ full_name: string }[]>(emulator, 'GET', '/orgs/sample-org/repos');
    expect(listed.body.map((repo) => repo.full_name)).toContain(fork);
    expect(emulator.state.repos.some((repo) => `${repo.owner}/${repo.name}` === fork)).toBe(true);
  });

  it('serves an ordinary private repository to the same App token', async () => {
    const answer = await api(emulator, 'GET', '/repos/sample-org/private-lib', { token: 'token-repo-writer' });
    expect(answer.status).toBe(200);
  });

  it('tells a person from an integration on GET /user', async () => {
    const person = await api<{ login: string }>(emulator, 'GET', '/user');
    expect(person).toMatchObject({ status: 200, body: { login: 'sirt-lead' } });
    const app = await api<{ message: string }>(emulator, 'GET', '/user', { token: 'token-repo-writer' });
    expect(app).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } });
  });

  it('deletes the fork when its advisory is published, and only then', async () => {
    const vulnerability = { ...VULNERABILITY, patched_versions: '1.4.2', vulnerable_functions: null };
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft', vulnerabilities: [vulnerability] });
    const fork = await forkOf(advisory);
    expect((await patch(advisory, { summary: 'still a draft' })).status).toBe(200);
    expect((await api(emulator, 'GET', `/repos/${fork}`)).status).toBe(200);

    const published = await api<{ state: string; private_fork: unknown }>(
      emulator,
      'PATCH',
      `${ADVISORIES}/${advisory.ghsaId}`,
      { body: { state: 'published' } },
    );

    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ state: 'published', private_fork: null });
    expect(advisory.privateFork).toBeNull();
    expect((await api(emulator, 'GET', `/repos/${fork}`)).status).toBe(404);
    expect(emulator.state.repos.some((repo) => `${repo.owner}/${repo.name}` === fork)).toBe(false);
  });

  it('leaves the fork of a closed advisory for a person to delete', async () => {
    const advisory = addAdvisory(emulator.state, PROJECT, { state: 'draft' });
    const fork = await forkOf(advisory);
    expect((await patch(advisory, { state: 'closed' })).status).toBe(200);
    expect(advisory.privateFork).toBe(fork);
    expect((await api(emulator, 'GET', `/repos/${fork}`)).status).toBe(200);
  });
});

describe('advisory comments (preview)', () => {
  it('works on public repositories, 404s on private ones and when the preview is off', async () => {
    const open = addAdvisory(emulator.state, PROJECT, { state: 'triage', author: 'reporter-rita' });
    const created = await api<{ body: string }>(emulator, 'POST', `${ADVISORIES}/${open.ghsaId}/comments`, {
      body: { body: 'Thanks!' },
    });
    expect(created).toMatchObject({ status: 201, body: { body: 'Thanks!' } });
    const reply = await api(emulator, 'POST', `${ADVISORIES}/${open.ghsaId}/comments`, {
      token: 'token-reporter',
      body: { body: 'More details' },
    });
    expect(reply.status).toBe(201);
    const listed = await api<unknown[]>(emulator, 'GET', `${ADVISORIES}/${open.ghsaId}/comments`);
    expect(listed.body).toHaveLength(2);
    const hidden = addAdvisory(emulator.state, 'sample-org/private-lib', { state: 'triage' });
    expect(
      (await api(emulator, 'GET', `/repos/sample-org/private-lib/security-advisories/${hidden.ghsaId}/comments`))
        .status,
    ).toBe(404);
    emulator.state.features.advisoryComments = false;
    expect((await api(emulator, 'GET', `${ADVISORIES}/${open.ghsaId}/comments`)).status).toBe(404);
  });
});
