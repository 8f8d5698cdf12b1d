/**
 * The @mention notification log (`emulator.state.notifications`): GitHub notifies the users and teams a created issue,
 * issue comment, advisory comment or discussion @mentions, and "People will also receive a notification if you edit a
 * comment to mention their username or team name". What was sent stays sent when the text is edited or deleted.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../index.js';
import { mentionsIn } from '../mentions.js';
import { addAdvisory, addIssue } from '../state.js';
import { api } from './api.js';

const TRACKER = 'sample-org/security-tracker';
const ISSUES = `/repos/${TRACKER}/issues`;
const NOW = '2026-01-05T09:00:00Z';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: NOW });
});

afterEach(async () => {
  try {
    expect(emulator.contractViolations).toEqual([]);
  } finally {
    await emulator.stop();
  }
});

describe('what counts as a mention', () => {
  it('finds users and teams that exist, outside code, comments and addresses, never the author', () => {
    const text = [
      'cc @alice and @sample-org/maintainers (twice: @ALICE), and @sirt-lead who wrote this.',
      'Not security@sample-org.example, not `@bob`, not `ask @bob`, not ``a `@bob` b``, not <!-- @sirt-member -->,',
      'not @ghost-who-does-not-exist, not @sample-org/no-such-team, not the org @sample-org, not \\@carol.',
      '```',
      '@carol in a fenced block',
      '```',
      '~~~~',
      '@carol in a tilde block, ``` does not close it',
      '~~~~',
      'and @reporter-rita.',
    ].join('\n');
    expect(mentionsIn(emulator.state, text, 'sirt-lead')).toEqual(['alice', 'sample-org/maintainers', 'reporter-rita']);
  });
});

describe('the notification log', () => {
  it('records a created issue body and comment that mention someone, with when, who, where and which comment', async () => {
    const issue = await api<{ number: number }>(emulator, 'POST', ISSUES, {
      body: { title: 'Report', body: 'Fix team: @sample-org/maintainers, please ask @alice.' },
    });
    emulator.setNow('2026-01-05T10:00:00Z');
    const comment = await api<{ id: number }>(emulator, 'POST', `${ISSUES}/${issue.body.number}/comments`, {
      body: { body: '@bob can you reproduce?' },
    });
    await api(emulator, 'POST', `${ISSUES}/${issue.body.number}/comments`, { body: { body: 'no mention here' } });
    expect(emulator.state.notifications).toEqual([
      {
        at: NOW,
        mentioned: ['sample-org/maintainers', 'alice'],
        commentId: null,
        issue: { repo: TRACKER, number: 1 },
        advisory: null,
        discussion: null,
        kind: 'issue',
        on: 'create',
        author: 'sirt-lead',
      },
      {
        at: '2026-01-05T10:00:00Z',
        mentioned: ['bob'],
        commentId: comment.body.id,
        issue: { repo: TRACKER, number: 1 },
        advisory: null,
        discussion: null,
        kind: 'issue-comment',
        on: 'create',
        author: 'sirt-lead',
      },
    ]);
  });

  it('notifies only the mentions an edit adds, and keeps every record when the comment is deleted', async () => {
    addIssue(emulator.state, TRACKER, { title: 'x', body: 'plain' });
    const comment = await api<{ id: number }>(emulator, 'POST', `${ISSUES}/1/comments`, {
      body: { body: '@bob look' },
    });
    const edit = (body: string) => api(emulator, 'PATCH', `${ISSUES}/comments/${comment.body.id}`, { body: { body } });
    await edit('@bob look, and @carol too');
    await edit('@carol only now'); // nobody new
    await api(emulator, 'PATCH', `${ISSUES}/1`, { body: { body: 'plain, cc @alice' } });
    await api(emulator, 'PATCH', `${ISSUES}/1`, { body: { title: 'renamed' } });
    expect((await api(emulator, 'DELETE', `${ISSUES}/comments/${comment.body.id}`)).status).toBe(204);
    expect(
      emulator.state.notifications.map((record) => [record.kind, record.on, record.commentId, record.mentioned]),
    ).toEqual([
      ['issue-comment', 'create', comment.body.id, ['bob']],
      ['issue-comment', 'edit', comment.body.id, ['carol']],
      ['issue', 'edit', null, ['alice']],
    ]);
  });

  it('records mentions in advisory comments and in discussions', async () => {
    const advisory = addAdvisory(emulator.state, 'sample-org/sample-project', { state: 'draft' });
    const reply = await api<{ id: number }>(
      emulator,
      'POST',
      `/repos/sample-org/sample-project/security-advisories/${advisory.ghsaId}/comments`,
      { body: { body: 'Thanks @reporter-rita' } },
    );
    const repository = await api<{
      data: { repository: { id: string; discussionCategories: { nodes: { id: string }[] } } };
    }>(emulator, 'POST', '/graphql', {
      body: {
        query:
          'query{ repository(owner:"sample-org",name:"sample-project"){ id discussionCategories(first:1){ nodes{ id } } } }',
      },
    });
    const { id, discussionCategories } = repository.body.data.repository;
    await api(emulator, 'POST', '/graphql', {
      body: {
        query: 'mutation($input:CreateDiscussionInput!){ createDiscussion(input:$input){ discussion{ number } } }',
        variables: {
          input: {
            repositoryId: id,
            categoryId: discussionCategories.nodes[0]?.id,
            title: 'Fixed',
            body: 'Thanks @alice!',
          },
        },
      },
    });
    expect(emulator.state.notifications).toMatchObject([
      {
        kind: 'advisory-comment',
        commentId: reply.body.id,
        advisory: { repo: 'sample-org/sample-project', ghsaId: advisory.ghsaId },
        issue: null,
        mentioned: ['reporter-rita'],
      },
      {
        kind: 'discussion',
        commentId: null,
        discussion: { repo: 'sample-org/sample-project', number: 1 },
        mentioned: ['alice'],
      },
    ]);
  });

  it('records nothing for a refused write', async () => {
    const refused = await api(emulator, 'POST', ISSUES, {
      token: 'token-reporter',
      body: { title: 'x', body: '@alice' },
    });
    expect(refused.status).toBe(404);
    expect(emulator.state.notifications).toEqual([]);
  });
});
