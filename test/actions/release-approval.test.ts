/**
 * A person approves publication, on every GitHub plan: `/release approve` in the tracking issue, by an active member
 * of the response team (a pending invitation is not membership, an edited comment is not a command), recorded in the
 * tracker state with who and when. publish-announcement checks the approvals before its first write, each against
 * GitHub's own record of the comment and the team; a forced release-gate needs them too; a scheduled release still
 * waiting for them is reported as waiting, not as missed.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addIssueComment, findTeam } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import { runInProcess, type InProcessOptions } from '../harness/in-process.js';
import type { RunResult } from '../harness/run-action.js';
import { addReleaseApproval, TRACKER } from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { baseInputs, NOW, pathTraversal, release, trackingIssue, writesOf } from './publish-announcement.world.js';

const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
  // carol was invited to the response team and has not accepted yet.
  findTeam(emulator.state, 'sample-org', 'security-team')!.pending.push({ login: 'carol', role: 'member' });
});

async function run(action: string, options: Omit<InProcessOptions, 'emulator'>): Promise<RunResult> {
  const result = await runInProcess(action, { now: NOW, ...options, emulator });
  watched.results.push(result);
  return result;
}

/** A workspace whose policy file asks for `approvals` people (a project option). */
function workspaceAsking(approvals: number): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'approvals-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github', 'disclosure-policy.yml'), `release-approvals: ${approvals}\n`);
  return { GITHUB_WORKSPACE: dir };
}

let nextComment = 5000;

/** `/release approve` (or any text) commented by `login` in the tracking issue, as GitHub delivers the event. */
async function comment(
  issue: Issue,
  login: string,
  body = '/release approve',
  { action = 'created', env }: { action?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const made = addIssueComment(emulator.state, TRACKER, issue.number, { body, user: login, id: (nextComment += 1) });
  return run('triage', {
    inputs: { token: 'token-admin', team: 'security-team' },
    eventName: 'issue_comment',
    eventPayload: {
      action,
      issue: { number: issue.number },
      comment: { id: made.id, body, user: { login }, created_at: '2026-01-26T15:00:00Z' },
      repository: { full_name: TRACKER },
    },
    ...(env ? { env } : {}),
  });
}

const issueNow = (issue: Issue): Issue => emulator.state.issues.find((i) => i.id === issue.id)!;
const stateOf = (issue: Issue): TrackerState => readTrackerState(issueNow(issue).body)!;
const replies = (issue: Issue): string[] =>
  emulator.state.issueComments
    .filter((c) => c.repo === TRACKER && c.issueNumber === issue.number && c.body.includes('triage-reply'))
    .map((c) => c.body);

/** A draft ready to publish, with its tracking issue, not approved yet. */
function unapproved(): { advisory: Advisory; issue: Issue } {
  const advisory = pathTraversal(emulator);
  const issue = trackingIssue(emulator, advisory, {}, { approved: false });
  release(emulator);
  return { advisory, issue };
}

function publish(advisory: Advisory, inputs: Record<string, string> = {}, env?: Record<string, string>) {
  return run('publish-announcement', {
    repository: 'sample-org/sample-project',
    inputs: { ...baseInputs(emulator, [advisory]), ...inputs },
    ...(env ? { env } : {}),
  });
}

describe('/release approve', () => {
  it('records the approval of an active member, with who and when, and answers once', async () => {
    const { advisory, issue } = unapproved();
    const result = await comment(issue, 'sirt-member');
    expect(result.exitCode).toBe(0);
    expect(stateOf(issue).approvals).toEqual([
      { login: 'sirt-member', at: '2026-01-26T15:00:00Z', comment: expect.any(Number) },
    ]);
    expect(replies(issue)).toEqual([
      expect.stringContaining(`**Publication of ${advisory.ghsaId} approved** by \`sirt-member\`.`),
    ]);
    expect(replies(issue)[0]).toContain('Approvals: 1 of 1 required (`sirt-member`).');
    // The event delivered again: nothing new.
    emulator.resetLog();
    const again = await run('triage', {
      inputs: { token: 'token-admin', team: 'security-team' },
      eventName: 'issue_comment',
      eventPayload: {
        action: 'created',
        issue: { number: issue.number },
        comment: { id: nextComment, body: '/release approve', user: { login: 'sirt-member' } },
        repository: { full_name: TRACKER },
      },
    });
    expect(again.exitCode).toBe(0);
    expect(writesOf(emulator)).toEqual([]);
    expect(stateOf(issue).approvals).toHaveLength(1);
  });

  it.each([
    ['a pending member (an invitation not accepted)', 'carol'],
    ['someone outside the team', 'bob'],
  ])('is refused from %s: a reply, nothing recorded', async (_who, login) => {
    const { issue } = unapproved();
    const result = await comment(issue, login);
    expect(result.exitCode).toBe(0);
    expect(stateOf(issue).approvals).toBeUndefined();
    expect(replies(issue)).toEqual([
      expect.stringContaining(
        `\`${login}\` is not a member of the response team (sample-org/security-team), so this /release approve command was not applied.`,
      ),
    ]);
  });

  it('does nothing for an edited comment', async () => {
    const { issue } = unapproved();
    emulator.resetLog();
    const result = await comment(issue, 'sirt-member', '/release approve', { action: 'edited' });
    expect(result.exitCode).toBe(0);
    expect(result.lines).toContain('Nothing to do: the comment was edited, not created.');
    expect(writesOf(emulator)).toEqual([]);
    expect(stateOf(issue).approvals).toBeUndefined();
  });

  it('answers a malformed /release with the usage, recording nothing', async () => {
    const { issue } = unapproved();
    const result = await comment(issue, 'sirt-member', '/release ship-it');
    expect(result.exitCode).toBe(1);
    expect(replies(issue)[0]).toContain('**/release approve failed**: \\`/release\\` takes one word, approve');
    expect(stateOf(issue).approvals).toBeUndefined();
  });

  it('counts people, not comments, when the policy asks for two (a project option)', async () => {
    const { issue } = unapproved();
    const env = workspaceAsking(2);
    await comment(issue, 'sirt-member', '/release approve', { env });
    expect(replies(issue).at(-1)).toContain(
      'Approvals: 1 of 2 required (`sirt-member`).\nStill needed: one more member of sample-org/security-team, other than `sirt-member`',
    );
    await comment(issue, 'sirt-member', '/release approve', { env });
    expect(replies(issue).at(-1)).toContain('`sirt-member` had already approved');
    expect(stateOf(issue).approvals).toHaveLength(1);
    await comment(issue, 'sirt-lead', '/release approve', { env });
    expect(replies(issue).at(-1)).toContain('Approvals: 2 of 2 required (`sirt-member`, `sirt-lead`).');
    expect(stateOf(issue).approvals?.map((a) => a.login)).toEqual(['sirt-member', 'sirt-lead']);
  });
});

describe('publish-announcement checks the approvals before its first write', () => {
  it('refuses an unapproved draft, saying who must comment what where, and writes nothing', async () => {
    const { advisory, issue } = unapproved();
    emulator.resetLog();
    const result = await publish(advisory);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(
      `refusing to publish: the publication is not approved yet.\n- ${advisory.ghsaId} needs 1 more approval (release-approvals: 1): a member of sample-org/security-team must comment \`/release approve\` in its tracking issue https://github.com/${TRACKER}/issues/${issue.number}`,
    );
    expect(writesOf(emulator)).toEqual([]);
    expect(advisory.state).toBe('draft');
  });

  it('publishes once a member approved through the command', async () => {
    const { advisory, issue } = unapproved();
    expect((await comment(issue, 'sirt-member')).exitCode).toBe(0);
    const result = await publish(advisory);
    expect(result.errors).toEqual([]);
    expect(advisory.state).toBe('published');
  });

  it.each([
    [
      'its comment was deleted',
      (issue: Issue) => {
        const [approval] = stateOf(issue).approvals ?? [];
        emulator.state.issueComments = emulator.state.issueComments.filter((c) => c.id !== approval?.comment);
      },
      /sirt-lead's approval does not count: its comment \(\d+\) is gone/,
    ],
    [
      'its comment now says something else',
      (issue: Issue) => {
        const [approval] = stateOf(issue).approvals ?? [];
        const made = emulator.state.issueComments.find((c) => c.id === approval?.comment);
        if (made) made.body = 'on second thoughts, wait';
      },
      /sirt-lead's approval does not count: its comment \(\d+\) no longer says \/release approve/,
    ],
    [
      'the state block names a comment by someone else (edited by hand)',
      (issue: Issue) => {
        const other = addIssueComment(emulator.state, TRACKER, issue.number, { body: '/release approve', user: 'bob' });
        const state = stateOf(issue);
        const forged = { ...state, approvals: [{ login: 'sirt-lead', at: NOW, comment: other.id }] };
        issueNow(issue).body = (issueNow(issue).body ?? '').replace(
          /<!-- disclosure-actions:state .* -->/,
          `<!-- disclosure-actions:state ${JSON.stringify(forged)} -->`,
        );
      },
      /sirt-lead's approval does not count: its comment \(\d+\) is by bob/,
    ],
    [
      'its author left the team',
      () => {
        const team = findTeam(emulator.state, 'sample-org', 'security-team')!;
        team.members = team.members.filter((login) => login !== 'sirt-lead');
        team.maintainers = team.maintainers.filter((login) => login !== 'sirt-lead');
      },
      /sirt-lead's approval does not count: sirt-lead is not an active member of sample-org\/security-team/,
    ],
  ])('does not count an approval whose %s', async (_what, spoil, why) => {
    const advisory = pathTraversal(emulator);
    const issue = trackingIssue(emulator, advisory);
    release(emulator);
    spoil(issue);
    emulator.resetLog();
    const result = await publish(advisory);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(`${advisory.ghsaId} needs 1 more approval`);
    expect(result.errors[0]?.message).toMatch(why);
    expect(writesOf(emulator)).toEqual([]);
    expect(advisory.state).toBe('draft');
  });

  it('asks for a second person when the policy wants two', async () => {
    const advisory = pathTraversal(emulator);
    const issue = trackingIssue(emulator, advisory);
    release(emulator);
    const refused = await publish(advisory, {}, workspaceAsking(2));
    expect(refused.exitCode).toBe(1);
    expect(refused.errors[0]?.message).toContain(
      `${advisory.ghsaId} needs 1 more approval (release-approvals: 2): a member of sample-org/security-team other than sirt-lead must comment \`/release approve\``,
    );
    addReleaseApproval(emulator.state, issueNow(issue), 'sirt-member');
    const published = await publish(advisory, {}, workspaceAsking(2));
    expect(published.errors).toEqual([]);
    expect(advisory.state).toBe('published');
  });

  it.each([
    ['team', { team: '' }, 'configuration error in team: Input "team" is empty'],
    ['tracker', { tracker: '' }, 'configuration error in tracker: Input "tracker" is empty'],
  ])('names the %s input it needs to check them', async (_input, inputs, message) => {
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory);
    release(emulator);
    emulator.resetLog();
    const result = await publish(advisory, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(message);
    expect(writesOf(emulator)).toEqual([]);
  });
});

describe('release-gate and the approvals', () => {
  // 2026-01-26 is a Monday: the window is open 16:00-17:00 UTC; the release was agreed for today.
  const agreed = { agreedReleaseDate: '2026-01-26', agreedVersion: '1.4.2' };
  const gateInputs = { token: 'token-admin', tracker: TRACKER, repository: 'sample-org/sample-project' };

  it('reports a scheduled release waiting for approval as waiting, not as missed', async () => {
    const advisory = pathTraversal(emulator);
    const issue = trackingIssue(emulator, advisory, agreed, { approved: false });
    emulator.resetLog();
    const result = await run('release-gate', { inputs: { ...gateInputs, 'on-closed': 'skip', mode: 'wait' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      open: 'false',
      'ghsa-ids': advisory.ghsaId,
      'waiting-for-approval': advisory.ghsaId,
    });
    expect(result.outputs.reason).toContain(
      `waiting for approval: ${advisory.ghsaId} needs 1 more approval (release-approvals: 1): a member of the response team`,
    );
    expect(result.outputs.reason).toContain(`comment \`/release approve\` in its tracking issue`);
    expect(result.summary).toContain('The release is **waiting for approval**, not missed');
    expect(result.lines.join('\n')).not.toMatch(/Waiting \d+ s for the release window/);
    expect(writesOf(emulator)).toEqual([]);
    addReleaseApproval(emulator.state, issueNow(issue));
    const approved = await run('release-gate', { inputs: { ...gateInputs, 'on-closed': 'skip' } });
    expect(approved.outputs).toMatchObject({ open: 'true', 'waiting-for-approval': '' });
  });

  it('refuses force without a recorded approval, writing nothing; with one, forces and records it', async () => {
    emulator.setNow('2026-01-30T12:00:00Z'); // a Friday: the window is closed
    const advisory = pathTraversal(emulator);
    const issue = trackingIssue(emulator, advisory, { agreedReleaseDate: '2026-01-30' }, { approved: false });
    const forced = { ...gateInputs, team: 'security-team', force: 'true', 'force-reason': 'exploited in the wild' };
    emulator.resetLog();
    const refused = await run('release-gate', { now: '2026-01-30T12:00:00Z', inputs: forced });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors[0]?.message).toContain(
      `refusing to force the gate open: the release is not approved yet.\n- ${advisory.ghsaId} needs 1 more approval (release-approvals: 1): a member of sample-org/security-team must comment \`/release approve\``,
    );
    expect(refused.outputs).toEqual({});
    expect(writesOf(emulator)).toEqual([]);

    addReleaseApproval(emulator.state, issueNow(issue));
    const passed = await run('release-gate', { now: '2026-01-30T12:00:00Z', inputs: forced });
    expect(passed.errors).toEqual([]);
    expect(passed.outputs).toMatchObject({ open: 'true', 'ghsa-ids': advisory.ghsaId });
    expect(writesOf(emulator)).toEqual([`POST /repos/${TRACKER}/issues/${issue.number}/comments`]);
  });

  it('refuses force without the team to check the approvals against', async () => {
    emulator.setNow('2026-01-30T12:00:00Z');
    const advisory = pathTraversal(emulator);
    trackingIssue(emulator, advisory, { agreedReleaseDate: '2026-01-30' });
    emulator.resetLog();
    const result = await run('release-gate', {
      now: '2026-01-30T12:00:00Z',
      inputs: { ...gateInputs, force: 'true', 'force-reason': 'exploited' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('configuration error in team: Input "team" is empty');
    expect(writesOf(emulator)).toEqual([]);
  });
});
