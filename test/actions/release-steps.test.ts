/**
 * Issue 19, points 5 and 6: what people confirm in the tracking issue before a publication. `/triage sanitized`
 * (its text reviewed for publication, after triage showed it privately in the tracking issue) and `/release done
 * <step>` (the release-day steps only a person can take), by active members of the response team only, each answered
 * once; the release gate requires the review always (force included) and the steps when the policy says so.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicTextDigest, publicTextMarker } from '../../src/domain/release-checklist.js';
import { readTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addIssueComment } from '../emulator/state.js';
import type { Advisory, Issue, IssueComment } from '../emulator/types.js';
import { SENTINELS } from '../harness/leaks.js';
import type { RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
  READY_TO_RELEASE,
} from '../harness/seed.js';
import { commandRun } from '../harness/comments.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// 2026-11-19 is a Thursday: the SPEC 11 window is open 16:00-17:00 UTC.
const NOW = '2026-11-19T16:05:00Z';

const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

/** A draft ready to release, tracked and approved, its text not reviewed for publication yet. */
function unreviewed(): { advisory: Advisory; issue: Issue } {
  const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, READY_TO_RELEASE);
  const issue = addTrackingIssue(emulator.state, { ...reportOf(advisory), sanitized: false });
  addReleaseApproval(emulator.state, issue);
  return { advisory, issue };
}

/** `body` commented by `login` in the tracking issue (stored by the emulator), as GitHub delivers the event. */
function comment(issue: Issue, login: string, body: string): IssueComment {
  return addIssueComment(emulator.state, TRACKER, issue.number, { body, user: login });
}

/** The event of `made` delivered to the triage workflow (again, when called twice). */
function deliver(_issue: Issue, made: IssueComment, action = 'created'): Promise<RunResult> {
  return watched.run('triage', commandRun(made, {}, action));
}

const command = (issue: Issue, login: string, body: string): Promise<RunResult> =>
  deliver(issue, comment(issue, login, body));

const issueNow = (issue: Issue): Issue => emulator.state.issues.find((i) => i.id === issue.id)!;
const stateOf = (issue: Issue): TrackerState => readTrackerState(issueNow(issue).body)!;
const commentsOf = (issue: Issue, marker: string): string[] =>
  emulator.state.issueComments
    .filter((c) => c.repo === TRACKER && c.issueNumber === issue.number && c.body.includes(marker))
    .map((c) => c.body);
const replies = (issue: Issue): string[] => commentsOf(issue, 'triage-reply');
const shown = (issue: Issue, advisory: Advisory): string[] => commentsOf(issue, publicTextMarker(advisory.ghsaId));

function gate(inputs: Record<string, string> = {}, env?: Record<string, string>): Promise<RunResult> {
  return watched.run('release-gate', {
    inputs: { token: 'token-admin', repository: PROJECT, tracker: TRACKER, ...inputs },
    ...(env ? { env } : {}),
  });
}

/** A workspace whose policy file requires the release-day checklist (a project option). */
function checklistRequired(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'checklist-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github', 'disclosure-policy.yml'), 'require-release-checklist: true\n');
  return { GITHUB_WORKSPACE: dir };
}

describe('/triage sanitized', () => {
  it('shows a member what will become public, then records the review made after it, answering each once', async () => {
    const { advisory, issue } = unreviewed();
    const first = await command(issue, 'sirt-member', '/triage sanitized');
    expect(first.exitCode).toBe(0);
    expect(stateOf(issue).sanitized).toBeUndefined();
    const digest = publicTextDigest({ summary: advisory.summary, description: advisory.description });
    expect(shown(issue, advisory)).toEqual([expect.stringContaining('**What will become public**')]);
    expect(shown(issue, advisory)[0]).toContain(advisory.description ?? 'no description');
    expect(shown(issue, advisory)[0]).toContain(`Text fingerprint: \`${digest}\``);
    expect(replies(issue)).toEqual([expect.stringContaining('comment `/triage sanitized` again')]);

    const made = comment(issue, 'sirt-member', '/triage sanitized');
    const second = await deliver(issue, made);
    expect(second.exitCode).toBe(0);
    expect(stateOf(issue).sanitized).toEqual({ login: 'sirt-member', at: made.createdAt, comment: made.id, digest });
    expect(issueNow(issue).body).toContain('- [x] Text reviewed for publication: `sirt-member`');
    expect(replies(issue)[1]).toContain(`**Text of ${advisory.ghsaId} reviewed for publication** by \`sirt-member\``);
    // Neither the description nor the summary reaches the run's log (the leak check covers the rest).
    expect(second.stdout).not.toContain(SENTINELS.summary);

    emulator.resetLog();
    expect((await deliver(issue, made)).exitCode).toBe(0);
    expect(emulator.writes()).toEqual([]);
    expect(replies(issue)).toHaveLength(2);
  });

  it('never counts a command made before the text was shown, even delivered again after', async () => {
    const { advisory, issue } = unreviewed();
    const early = comment(issue, 'sirt-member', '/triage sanitized');
    await deliver(issue, early);
    expect(shown(issue, advisory)).toHaveLength(1);
    emulator.resetLog();
    await deliver(issue, early);
    expect(stateOf(issue).sanitized).toBeUndefined();
    expect(emulator.writes()).toEqual([]);
  });

  it('is refused from someone outside the team: a reply, nothing shown, nothing recorded', async () => {
    const { advisory, issue } = unreviewed();
    const result = await command(issue, 'bob', '/triage sanitized');
    expect(result.exitCode).toBe(0);
    expect(replies(issue)).toEqual([
      expect.stringContaining(
        '`bob` is not a member of the response team (sample-org/security-team), so this /triage sanitized command was not applied.',
      ),
    ]);
    expect(shown(issue, advisory)).toEqual([]);
    expect(stateOf(issue).sanitized).toBeUndefined();
  });

  it('does nothing for an edited comment', async () => {
    const { issue } = unreviewed();
    emulator.resetLog();
    const result = await deliver(issue, comment(issue, 'sirt-member', '/triage sanitized'), 'edited');
    expect(result.exitCode).toBe(0);
    expect(result.lines).toContain('Nothing to do: the comment was edited, not created.');
    expect(emulator.writes()).toEqual([]);
  });

  it('asks again when the text changes after its review: the gate stays shut, the new text is shown first', async () => {
    const { advisory, issue } = unreviewed();
    await command(issue, 'sirt-member', '/triage sanitized');
    await command(issue, 'sirt-member', '/triage sanitized');
    expect(stateOf(issue).sanitized?.login).toBe('sirt-member');
    advisory.description = `${advisory.description ?? ''}\n\nExploit: see the attached proof of concept.`;
    const refused = await gate({ 'ghsa-ids': advisory.ghsaId });
    expect(refused.exitCode).toBe(1);
    expect(refused.errors[0]?.message).toContain(
      `${advisory.ghsaId}'s summary or description changed after sirt-member reviewed it for publication`,
    );
    await command(issue, 'sirt-lead', '/triage sanitized');
    expect(stateOf(issue).sanitized?.login).toBe('sirt-member');
    expect(shown(issue, advisory)).toEqual([expect.stringContaining('Exploit: see the attached proof of concept.')]);
    await command(issue, 'sirt-lead', '/triage sanitized');
    expect(stateOf(issue).sanitized?.login).toBe('sirt-lead');
    expect((await gate({ 'ghsa-ids': advisory.ghsaId })).outputs.open).toBe('true');
  });
});

describe('/release done', () => {
  it('records a step confirmed by a member, with who and when, answering once; undo withdraws it', async () => {
    const { advisory, issue } = unreviewed();
    const made = comment(issue, 'sirt-member', '/release done fork-merged');
    expect((await deliver(issue, made)).exitCode).toBe(0);
    expect(stateOf(issue).checklist).toEqual({
      'fork-merged': { login: 'sirt-member', at: made.createdAt, comment: made.id },
    });
    expect(replies(issue)).toEqual([expect.stringContaining(`**Release-day step confirmed** for ${advisory.ghsaId}`)]);
    expect(replies(issue)[0]).toContain(
      'Still to confirm: `/release done patch-releases`, `/release done binaries-signed`.',
    );
    expect(issueNow(issue).body).toMatch(/- \[x\] Fix merged from the temporary private fork: `sirt-member`/);

    emulator.resetLog();
    await deliver(issue, made);
    expect(emulator.writes()).toEqual([]);

    await command(issue, 'sirt-lead', '/release undo merge-fork'); // the alias names the same step
    expect(stateOf(issue).checklist).toBeUndefined();
    expect(replies(issue)[1]).toContain('"Fix merged from the temporary private fork" (confirmed by `sirt-member`');
  });

  it('keeps both of two steps confirmed at the same time', async () => {
    const { issue } = unreviewed();
    const merged = comment(issue, 'sirt-member', '/release done fork-merged');
    const released = comment(issue, 'sirt-lead', '/release done patch-releases');
    const results = await Promise.all([deliver(issue, merged), deliver(issue, released)]);
    expect(results.map((result) => result.exitCode)).toEqual([0, 0]);
    expect(Object.keys(stateOf(issue).checklist ?? {}).sort()).toEqual(['fork-merged', 'patch-releases']);
    expect(issueNow(issue).body).toContain('- [x] Patch release for every affected supported line: `sirt-lead`');
    expect(issueNow(issue).body).toContain('- [x] Fix merged from the temporary private fork: `sirt-member`');
  });

  it('is refused from someone outside the team, and names the steps for an unknown one', async () => {
    const { issue } = unreviewed();
    await command(issue, 'bob', '/release done binaries-signed');
    expect(replies(issue)[0]).toContain('so this /release done binaries-signed command was not applied');
    await command(issue, 'sirt-member', '/release done everything');
    expect(replies(issue)[1]).toContain(
      '**/release done failed**: \\`/release done\\` takes one release-day step, one of: fork-merged, patch-releases, binaries-signed',
    );
    expect(stateOf(issue).checklist).toBeUndefined();
  });
});

describe('release-gate: what people confirm', () => {
  it('stays shut without the review of the text, naming the command, and force does not open it', async () => {
    const { advisory, issue } = unreviewed();
    const result = await gate({ 'ghsa-ids': advisory.ghsaId });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain(
      `${advisory.ghsaId}'s text was not reviewed for publication yet: a member of the response team comments \`/triage sanitized\` in its tracking issue https://github.com/${TRACKER}/issues/${issue.number}`,
    );
    emulator.resetLog();
    const forced = await gate({
      'ghsa-ids': advisory.ghsaId,
      team: 'security-team',
      force: 'true',
      'force-reason': 'actively exploited',
    });
    expect(forced.exitCode).toBe(1);
    expect(forced.errors[0]?.message).toContain('refusing to force the gate open');
    expect(forced.errors[0]?.message).toContain('`/triage sanitized`');
    expect(forced.outputs.open).toBeUndefined();
    expect(emulator.writes()).toEqual([]);
  });

  it('requires every release-day step when the policy says so, and opens once all are confirmed', async () => {
    const { advisory, issue } = unreviewed();
    await command(issue, 'sirt-member', '/triage sanitized');
    await command(issue, 'sirt-member', '/triage sanitized');
    await command(issue, 'sirt-member', '/release done fork-merged');
    const env = checklistRequired();
    const held = await gate({ 'ghsa-ids': advisory.ghsaId }, env);
    expect(held.exitCode).toBe(1);
    const message = held.errors[0]?.message ?? '';
    expect(message).toContain('2 release precondition(s) unmet');
    expect(message).toContain('`/release done patch-releases`');
    expect(message).toContain('`/release done binaries-signed`');
    expect(message).not.toContain('`/release done fork-merged`');
    // Without the policy option, the steps are not required.
    expect((await gate({ 'ghsa-ids': advisory.ghsaId })).outputs.open).toBe('true');
    await command(issue, 'sirt-lead', '/release done patch-releases');
    await command(issue, 'sirt-lead', '/release done binaries');
    const open = await gate({ 'ghsa-ids': advisory.ghsaId }, env);
    expect(open.errors).toEqual([]);
    expect(open.outputs.open).toBe('true');
  });
});
