import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../index.js';
import { addIssue } from '../state.js';
import { api } from './api.js';

const TRACKER = '/repos/sample-org/security-tracker';
const PROJECT = '/repos/sample-org/sample-project';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: '2026-01-05T09:00:00Z' });
});

afterEach(async () => {
  expect(emulator.contractViolations).toEqual([]);
  await emulator.stop();
});

interface IssueBody {
  number: number;
  state: string;
  state_reason: string | null;
  closed_at: string | null;
  labels: { name: string }[];
  body: string | null;
}

const names = (labels: { name: string }[]): string[] => labels.map((label) => label.name).sort();

describe('issues and comments', () => {
  it('creates an issue with labels (creating missing labels), filters by labels and state, and closes it', async () => {
    const created = await api<IssueBody>(emulator, 'POST', `${TRACKER}/issues`, {
      body: {
        title: 'Report',
        body: 'text',
        labels: ['disclosure-tracker', 'tlp:amber'],
        assignees: ['alice', 'ghost-user'],
      },
    });
    expect(created.status).toBe(201);
    expect(names(created.body.labels)).toEqual(['disclosure-tracker', 'tlp:amber']);
    expect(emulator.state.issues[0]?.assignees).toEqual(['alice']);
    await api(emulator, 'POST', `${TRACKER}/issues`, { body: { title: 'Other', labels: ['disclosure-tracker'] } });
    const both = await api<IssueBody[]>(emulator, 'GET', `${TRACKER}/issues?labels=disclosure-tracker,tlp:amber`);
    expect(both.body.map((issue) => issue.number)).toEqual([1]);
    emulator.setNow('2026-01-06T09:00:00Z');
    const closed = await api<IssueBody>(emulator, 'PATCH', `${TRACKER}/issues/1`, {
      body: { state: 'closed', state_reason: 'not_planned' },
    });
    expect(closed.body).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2026-01-06T09:00:00Z',
    });
    expect((await api<IssueBody[]>(emulator, 'GET', `${TRACKER}/issues?state=open`)).body.map((i) => i.number)).toEqual(
      [2],
    );
    expect((await api<IssueBody[]>(emulator, 'GET', `${TRACKER}/issues?state=all`)).body).toHaveLength(2);
    const reopened = await api<IssueBody>(emulator, 'PATCH', `${TRACKER}/issues/1`, { body: { state: 'open' } });
    expect(reopened.body).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('pages issues with page-number Link headers (next, last, prev, first)', async () => {
    for (let index = 0; index < 5; index += 1)
      addIssue(emulator.state, 'sample-org/security-tracker', { title: `#${index}` });
    const second = await api<IssueBody[]>(emulator, 'GET', `${TRACKER}/issues?per_page=2&page=2&direction=asc`);
    expect(second.body.map((issue) => issue.number)).toEqual([3, 4]);
    const base = `${emulator.url}${TRACKER}/issues?per_page=2&page=`;
    expect(second.headers.get('link')).toBe(
      `<${base}1&direction=asc>; rel="prev", <${base}3&direction=asc>; rel="next", <${base}3&direction=asc>; rel="last", <${base}1&direction=asc>; rel="first"`,
    );
  });

  it('comments: creates, lists, edits in place; 404 for an issue that does not exist', async () => {
    addIssue(emulator.state, 'sample-org/security-tracker', { title: 'x' });
    const comment = await api<{ id: number; body: string }>(emulator, 'POST', `${TRACKER}/issues/1/comments`, {
      body: { body: 'first' },
    });
    expect(comment.status).toBe(201);
    const edited = await api<{ body: string }>(emulator, 'PATCH', `${TRACKER}/issues/comments/${comment.body.id}`, {
      body: { body: 'second' },
    });
    expect(edited.body.body).toBe('second');
    expect(
      (await api<{ body: string }[]>(emulator, 'GET', `${TRACKER}/issues/1/comments`)).body.map((c) => c.body),
    ).toEqual(['second']);
    expect((await api(emulator, 'GET', `${TRACKER}/issues/99/comments`)).status).toBe(404);
    expect((await api(emulator, 'POST', `${TRACKER}/issues/1/comments`, { body: { body: '' } })).status).toBe(422);
    expect(
      (await api(emulator, 'DELETE', `${TRACKER}/issues/comments/${comment.body.id}`, { token: 'token-reporter' }))
        .status,
    ).toBe(404);
    expect((await api(emulator, 'DELETE', `${TRACKER}/issues/comments/${comment.body.id}`)).status).toBe(204);
    expect((await api<unknown[]>(emulator, 'GET', `${TRACKER}/issues/1/comments`)).body).toEqual([]);
  });

  it('labels: add, set exactly, remove (404 for one the issue lacks), create once', async () => {
    addIssue(emulator.state, 'sample-org/security-tracker', { title: 'x', labels: [] });
    await api(emulator, 'POST', `${TRACKER}/issues/1/labels`, { body: { labels: ['sla:on-time', 'tlp:red'] } });
    const set = await api<{ name: string }[]>(emulator, 'PUT', `${TRACKER}/issues/1/labels`, {
      body: { labels: ['sla:breached', 'tlp:red'] },
    });
    expect(names(set.body)).toEqual(['sla:breached', 'tlp:red']);
    const removed = await api<{ name: string }[]>(emulator, 'DELETE', `${TRACKER}/issues/1/labels/tlp%3Ared`);
    expect(names(removed.body)).toEqual(['sla:breached']);
    expect(await api(emulator, 'DELETE', `${TRACKER}/issues/1/labels/tlp%3Ared`)).toMatchObject({
      status: 404,
      body: { message: 'Label does not exist' },
    });
    expect(
      (await api(emulator, 'POST', `${TRACKER}/labels`, { body: { name: 'security-report', color: 'b60205' } })).status,
    ).toBe(201);
    const duplicate = await api<{ errors: { code: string }[] }>(emulator, 'POST', `${TRACKER}/labels`, {
      body: { name: 'Security-Report' },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors[0]?.code).toBe('already_exists');
  });

  it('search finds an issue by a hidden marker in its body, within one repository', async () => {
    addIssue(emulator.state, 'sample-org/security-tracker', {
      title: 'tracked',
      body: '<!-- disclosure-actions:report GHSA-x -->',
    });
    addIssue(emulator.state, 'sample-org/security-tracker', { title: 'other', body: 'nothing' });
    addIssue(emulator.state, 'sample-org/sample-project', {
      title: 'public',
      body: '<!-- disclosure-actions:report GHSA-x -->',
    });
    const q = encodeURIComponent(
      'repo:sample-org/security-tracker is:issue in:body "disclosure-actions:report GHSA-x"',
    );
    const found = await api<{ total_count: number; items: { title: string }[] }>(
      emulator,
      'GET',
      `/search/issues?q=${q}`,
    );
    expect(found.body.total_count).toBe(1);
    expect(found.body.items.map((item) => item.title)).toEqual(['tracked']);
  });

  it('refuses writes to issues without the Issues permission', async () => {
    const answer = await api(emulator, 'POST', `${PROJECT}/issues`, { token: 'token-reporter', body: { title: 'x' } });
    expect(answer.status).toBe(403);
  });
});

describe('repositories, contents, teams, releases', () => {
  it('serves files base64-encoded and directories as listings; private contents need the Contents permission', async () => {
    const file = await api<{ content: string; encoding: string }>(
      emulator,
      'GET',
      `${PROJECT}/contents/.github/CODEOWNERS`,
    );
    expect(file.body.encoding).toBe('base64');
    expect(Buffer.from(file.body.content, 'base64').toString('utf8')).toContain('@sample-org/maintainers');
    const dir = await api<{ name: string; type: string }[]>(emulator, 'GET', `${PROJECT}/contents/.github`);
    expect(dir.body).toEqual([expect.objectContaining({ name: 'CODEOWNERS', type: 'file' })]);
    expect((await api(emulator, 'GET', `${PROJECT}/contents/missing.md`)).status).toBe(404);
    expect(
      (await api(emulator, 'GET', '/repos/sample-org/private-lib/contents/README.md', { token: 'token-reporter' }))
        .status,
    ).toBe(404);
  });

  it('reports private vulnerability reporting, with Administration only', async () => {
    expect((await api(emulator, 'GET', `${PROJECT}/private-vulnerability-reporting`)).body).toEqual({ enabled: true });
    expect((await api(emulator, 'GET', '/repos/sample-org/docs-site/private-vulnerability-reporting')).body).toEqual({
      enabled: false,
    });
    expect(
      (await api(emulator, 'GET', `${PROJECT}/private-vulnerability-reporting`, { token: 'token-no-admin' })).status,
    ).toBe(403);
  });

  it('lists the org repositories by type, and records repository_dispatch events', async () => {
    const privateOnes = await api<{ full_name: string }[]>(emulator, 'GET', '/orgs/sample-org/repos?type=private');
    expect(privateOnes.body.map((repo) => repo.full_name)).toEqual([
      'sample-org/security-tracker',
      'sample-org/private-lib',
    ]);
    const answer = await api(emulator, 'POST', `${TRACKER}/dispatches`, {
      body: { event_type: 'advisory-reported', client_payload: { ghsa_id: 'GHSA-x' } },
    });
    expect(answer.status).toBe(204);
    expect(emulator.state.dispatches).toEqual([
      { repo: 'sample-org/security-tracker', eventType: 'advisory-reported', clientPayload: { ghsa_id: 'GHSA-x' } },
    ]);
  });

  it('answers team membership for members and 404 for others', async () => {
    const member = await api<{ state: string; role: string }>(
      emulator,
      'GET',
      '/orgs/sample-org/teams/security-team/memberships/sirt-lead',
    );
    expect(member.body).toMatchObject({ state: 'active', role: 'maintainer' });
    expect((await api(emulator, 'GET', '/orgs/sample-org/teams/security-team/memberships/alice')).status).toBe(404);
    const members = await api<{ login: string }[]>(emulator, 'GET', '/orgs/sample-org/teams/maintainers/members');
    expect(members.body.map((user) => user.login).sort()).toEqual(['alice', 'bob']);
  });

  it('gets a release by tag and edits its notes', async () => {
    const release = await api<{ id: number; body: string }>(emulator, 'GET', `${PROJECT}/releases/tags/v1.0.0`);
    expect(release.body.body).toBe('First release');
    const edited = await api<{ body: string }>(emulator, 'PATCH', `${PROJECT}/releases/${release.body.id}`, {
      body: { body: 'First release\n\n## Security' },
    });
    expect(edited.body.body).toContain('## Security');
    expect((await api(emulator, 'GET', `${PROJECT}/releases/tags/v9.9.9`)).status).toBe(404);
  });
});

describe('GraphQL discussions and the webhook sink', () => {
  const CATEGORIES =
    'query($owner:String!,$name:String!){ repository(owner:$owner,name:$name){ id discussionCategories(first:10){ nodes{ id name } } } }';
  const CREATE =
    'mutation($input:CreateDiscussionInput!){ createDiscussion(input:$input){ discussion{ number url title } } }';

  async function categories(token?: string) {
    const answer = await api<{
      data: { repository: { id: string; discussionCategories: { nodes: { id: string; name: string }[] } } };
    }>(emulator, 'POST', '/graphql', {
      body: { query: CATEGORIES, variables: { owner: 'sample-org', name: 'sample-project' } },
      ...(token ? { token } : {}),
    });
    return answer.body.data.repository;
  }

  it('creates a discussion in a category and lists it back', async () => {
    const repository = await categories();
    const announcements = repository.discussionCategories.nodes.find((node) => node.name === 'Announcements');
    const created = await api<{ data: { createDiscussion: { discussion: { number: number; url: string } } } }>(
      emulator,
      'POST',
      '/graphql',
      {
        body: {
          query: CREATE,
          variables: {
            input: {
              repositoryId: repository.id,
              categoryId: announcements?.id,
              title: 'Security release',
              body: 'Hello',
            },
          },
        },
      },
    );
    expect(created.body.data.createDiscussion.discussion).toEqual({
      number: 1,
      url: 'https://github.com/sample-org/sample-project/discussions/1',
      title: 'Security release',
    });
    expect(emulator.writes().map((write) => write.operationId)).toEqual(['graphql']);
    const listed = await api<{ data: { repository: { discussions: { nodes: { title: string }[] } } } }>(
      emulator,
      'POST',
      '/graphql',
      {
        body: {
          query: `query{ repository(owner:"sample-org",name:"sample-project"){ discussions(first:5, categoryId:"${announcements?.id}"){ nodes{ title } } } }`,
        },
      },
    );
    expect(listed.body.data.repository.discussions.nodes).toEqual([{ title: 'Security release' }]);
  });

  it('answers errors the way GitHub GraphQL does: 200 with errors[] and a type', async () => {
    const repository = await categories();
    const forbidden = await api<{ errors: { type: string; message: string }[] }>(emulator, 'POST', '/graphql', {
      token: 'token-no-admin',
      body: {
        query: CREATE,
        variables: { input: { repositoryId: repository.id, categoryId: 'DIC_x', title: 't', body: 'b' } },
      },
    });
    expect(forbidden.status).toBe(200);
    expect(forbidden.body.errors[0]?.type).toBe('FORBIDDEN');
    const invalid = await api<{ errors: { message: string }[] }>(emulator, 'POST', '/graphql', {
      body: { query: '{ repository(owner:"a") { id } }' },
    });
    // graphql 16 (the emulator's, for Node 20) and 17 word the missing argument differently.
    expect(invalid.body.errors[0]?.message).toMatch(
      /repository\(name:\)" of type "String!" is required|"repository" argument "name" of type "String!" is required/,
    );
    expect(emulator.state.discussions).toEqual([]);
  });

  it('records webhook deliveries as writes and fails the next ones on request', async () => {
    const post = (text: string) =>
      fetch(emulator.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    expect((await post('one')).status).toBe(200);
    emulator.webhook.failNext(500, 2);
    expect((await post('two')).status).toBe(500);
    expect((await post('three')).status).toBe(500);
    expect((await post('four')).status).toBe(200);
    expect(emulator.webhook.deliveries.map((delivery) => delivery.body)).toEqual([{ text: 'one' }, { text: 'four' }]);
    expect(emulator.writes()).toHaveLength(2);
  });
});
