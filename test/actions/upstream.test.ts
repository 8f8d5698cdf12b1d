/**
 * Issue 17: out of scope, report upstream (conda-forge: packaged software goes "to upstream"), a first-class
 * rejection. `/triage reject upstream=<url>` records the link in the tracker state, closes the advisory (when there is
 * one) and the tracking issue, tells the reporter once through the acknowledgement's channel (an advisory comment, or
 * a text a person sends and confirms with `/ack sent`), and sla-check stops tracking the report.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addIssue, addIssueComment, addLabel } from '../emulator/state.js';
import type { Issue } from '../emulator/types.js';
import { SENTINELS } from '../harness/leaks.js';
import { runInProcess } from '../harness/in-process.js';
import type { RunResult } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import { addPrivateReport, addTrackingIssue, PRIVATE_LIB, PROJECT, reportOf, TRACKER } from '../harness/seed.js';
import { commandRun } from '../harness/comments.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { formBody, type FormFields } from './intake-form.world.js';

const NOW = '2026-01-06T10:00:00Z';
const LATER = '2026-01-07T08:00:00Z';
const INTAKE_LABEL = 'security-report';
const UPSTREAM = 'https://github.com/upstream-org/libarchive/security';
const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
  addLabel(emulator.state, TRACKER, INTAKE_LABEL);
});

const stateOf = (issue: Issue): TrackerState => readTrackerState(issue.body)!;
const writes = (): string[] => emulator.writes().map((write) => `${write.method} ${write.path}`);
const commentsOn = (issue: Issue) =>
  emulator.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue.number);
const replies = (issue: Issue): string[] =>
  commentsOn(issue)
    .filter((c) => c.body.includes('triage-reply'))
    .map((c) => c.body);
const rejectionRecords = (issue: Issue): string[] =>
  commentsOn(issue)
    .filter((c) => c.body.includes('triage-rejection'))
    .map((c) => c.body);
const advisoryComments = (ghsaId: string): string[] =>
  emulator.state.advisoryComments.filter((c) => c.ghsaId === ghsaId).map((c) => c.body);

/** A report that came by e-mail, filed by a team member with the issue form, and taken in by ack-report. */
async function emailedReport(fields: FormFields = {}): Promise<Issue> {
  const issue = addIssue(emulator.state, TRACKER, {
    title: 'Security report: e-mail from a researcher',
    body: formBody(fields),
    labels: [INTAKE_LABEL],
    createdAt: '2026-01-05T12:00:00Z',
    updatedAt: '2026-01-05T12:00:00Z',
  });
  const result = await watched.run('ack-report', {
    now: NOW,
    inputs: { token: 'token-admin', tracker: TRACKER, policy: 'conda-forge' },
    eventName: 'issues',
    eventPayload: {
      action: 'opened',
      issue: { number: issue.number, labels: [{ name: INTAKE_LABEL }] },
      repository: { full_name: TRACKER },
    },
  });
  expect(result.exitCode).toBe(0);
  return issue;
}

let nextComment = 8000;

/** A comment in the tracking issue, delivered to triage as GitHub delivers `issue_comment`. */
async function comment(issue: Issue, login: string, body: string, id?: number): Promise<RunResult> {
  const commentId = id ?? (nextComment += 1);
  const made =
    emulator.state.issueComments.find((c) => c.id === commentId) ??
    addIssueComment(emulator.state, TRACKER, issue.number, { body, user: login, id: commentId, createdAt: LATER });
  return watched.run('triage', commandRun(made, { now: LATER }));
}

const breachedKeys = (result: RunResult): string[] =>
  (JSON.parse(result.outputs.breached ?? '[]') as { id: string }[]).map((entry) => entry.id);

describe('an e-mailed report out of scope (conda-forge), rejected upstream before any advisory', () => {
  it('records the link, closes the issue, leaves the message to send once, and /ack sent confirms it', async () => {
    // "respond within 7 days": the e-mail came on 2025-12-20, so the acknowledgement is overdue.
    const issue = await emailedReport({ receivedAt: '2025-12-20 08:00' });
    const key = `issue-${issue.number}`;
    const sweep = {
      token: 'token-admin',
      tracker: TRACKER,
      organization: 'sample-org',
      inventory: 'false',
      policy: 'conda-forge',
    };
    const before = await watched.run('sla-check', { now: NOW, inputs: sweep });
    expect(breachedKeys(before)).toContain(key);

    const command = `/triage reject upstream=${UPSTREAM} reason="The crash is in the bundled libarchive."`;
    const result = await comment(issue, 'sirt-lead', command, 8500);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    // No advisory is opened for a rejected report.
    expect(emulator.state.advisories.filter((a) => a.repo === PROJECT)).toEqual([]);
    const state = stateOf(issue);
    expect(state).toMatchObject({
      key,
      decision: 'reject',
      triagedAt: '2026-01-07T08:00:00.000Z',
      upstream: { url: UPSTREAM, at: '2026-01-07T08:00:00.000Z', by: 'sirt-lead' },
      updatesToSend: ['triage-rejection'],
    });
    expect(state.notified).toContain('triage-rejection');
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(issue.body).toContain(
      `| Out of scope, sent upstream | [github.com/upstream-org/libarchive/security](${UPSTREAM}) (2026-01-07 08:00 UTC by \`sirt-lead\`) |`,
    );
    expect(issue.body).toMatch(/\| Decision \| rejected \(triaged 2026-01-07 08:00 UTC\) \|/);

    // The message for the reporter, once, with the upstream link and the reason; nothing of the report or contact.
    const [record, ...more] = rejectionRecords(issue);
    expect(more).toEqual([]);
    expect(record).toContain(`Out of scope, report upstream: ${UPSTREAM}`);
    expect(record).toContain('then comment `/ack sent` on this issue');
    expect(record).toContain(`Please report it to the upstream project, who can fix it: ${UPSTREAM}\n`);
    expect(record).toContain('> Reason: The crash is in the bundled libarchive.');
    expect(record).not.toContain('the advisory has been closed');
    for (const sentinel of Object.values(SENTINELS)) expect(record).not.toContain(sentinel);
    expect(replies(issue).at(-1)).toContain(`**${key} rejected** by \`sirt-lead\``);
    expect(replies(issue).at(-1)).toContain('**Send the message above to the reporter** (E-mail)');

    // The same event again: nothing written. Another member repeating the command: a reply, nothing else.
    emulator.resetLog();
    await comment(issue, 'sirt-lead', command, 8500);
    expect(writes()).toEqual([]);
    await comment(issue, 'sirt-member', `/triage reject upstream=${UPSTREAM}`);
    expect(replies(issue).at(-1)).toContain(`${key} was rejected already on 2026-01-07 08:00 UTC, sent upstream`);
    expect(writes().filter((w) => !w.endsWith('/comments'))).toEqual([]);
    expect(rejectionRecords(issue)).toHaveLength(1);

    // The person who sent it says so: the acknowledgement and the rejection are confirmed, with who and when.
    await comment(issue, 'sirt-member', '/ack sent');
    expect(stateOf(issue).updatesSent?.map((u) => [u.key, u.login])).toEqual([['triage-rejection', 'sirt-member']]);
    expect(stateOf(issue).ackSent?.login).toBe('sirt-member');

    // sla-check no longer tracks it: no deadline, no breach, and a second sweep writes nothing for it.
    const after = await watched.run('sla-check', { now: LATER, inputs: sweep });
    expect(after.exitCode).toBe(0);
    expect(breachedKeys(after)).not.toContain(key);
    expect(stateOf(issue).sla?.status).toBe('closed');
  });

  it('refuses another upstream link once the reporter was told, and a link that is not https or mailto', async () => {
    const issue = await emailedReport();
    await comment(issue, 'sirt-lead', `/triage reject upstream=${UPSTREAM}`);
    emulator.resetLog();
    const other = await comment(issue, 'sirt-lead', '/triage reject upstream=https://example.org/elsewhere');
    expect(other.exitCode).toBe(1);
    expect(replies(issue).at(-1)).toContain(
      'was already sent upstream, to https\\://github.com/upstream-org/libarchive/security',
    );
    expect(writes().filter((w) => !w.endsWith('/comments'))).toEqual([]);

    const fresh = await emailedReport();
    emulator.resetLog();
    const bad = await comment(fresh, 'sirt-lead', '/triage reject upstream=javascript:alert(1)');
    expect(bad.exitCode).toBe(1);
    expect(replies(fresh).at(-1)).toContain('/triage upstream is "javascript:alert(1)"');
    expect(replies(fresh).at(-1)).toContain('Nothing was changed.');
    expect(writes().filter((w) => !w.endsWith('/comments'))).toEqual([]);
    expect(stateOf(fresh).decision).toBeUndefined();
  });
});

describe('a private vulnerability report out of scope, rejected upstream', () => {
  it('closes the advisory and tells the reporter on it, with the link, once; a re-run writes nothing', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'advisory-comment' },
    });
    const inputs = {
      token: 'token-admin',
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      upstream: 'mailto:security@upstream.example.org',
    };
    const result = await watched.run('triage', { now: NOW, inputs });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.decision).toBe('reject');
    expect(advisory.state).toBe('closed');
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    const told = advisoryComments(advisory.ghsaId);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`Thank you for your report (${advisory.ghsaId} in \`${PROJECT}\`)`);
    expect(told[0]).toContain('and the advisory has been closed');
    expect(told[0]).toContain('who can fix it: mailto:security@upstream.example.org');
    // No reason given: the scope rule is the reason.
    expect(told[0]).toContain('should be reported to the upstream project');
    const state = stateOf(issue);
    expect(state).toMatchObject({
      decision: 'reject',
      upstream: { url: 'mailto:security@upstream.example.org', at: '2026-01-06T10:00:00.000Z' },
    });
    expect(state.upstream?.by).toBeUndefined();
    expect(state.updatesToSend).toBeUndefined();
    expect(rejectionRecords(issue)[0]).toContain('The reporter was told in a comment on the advisory.');

    const again = await runAgain('triage', { emulator, now: NOW, inputs }, emulator, runInProcess);
    watched.results.push(again.result);
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
    expect(advisoryComments(advisory.ghsaId)).toHaveLength(1);
  });

  it('leaves the message to send when the acknowledgement went by hand, and /ack sent confirms it', async () => {
    const advisory = addPrivateReport(emulator.state, PRIVATE_LIB, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'manual' },
    });
    const result = await comment(issue, 'sirt-lead', `/triage reject upstream=${UPSTREAM} reason="upstream bug"`);
    expect(result.errors).toEqual([]);
    expect(advisory.state).toBe('closed');
    expect(advisoryComments(advisory.ghsaId)).toEqual([]);
    expect(stateOf(issue)).toMatchObject({ updatesToSend: ['triage-rejection'], upstream: { by: 'sirt-lead' } });
    const [record] = rejectionRecords(issue);
    expect(record).toContain('has **not** been told');
    expect(record).toContain(`Please report it to the upstream project, who can fix it: ${UPSTREAM}\n`);
    await comment(issue, 'sirt-member', '/ack sent');
    expect(stateOf(issue).updatesSent?.map((u) => u.key)).toEqual(['triage-rejection']);
    expect(replies(issue).at(-1)).toContain(
      '**Reporter update(s) confirmed sent** by `sirt-member`: `triage-rejection`',
    );
  });

  it('refuses accept with an upstream link, changing nothing', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'advisory-comment' },
    });
    emulator.resetLog();
    const result = await comment(issue, 'sirt-lead', `/triage accept upstream=${UPSTREAM}`);
    expect(result.exitCode).toBe(1);
    expect(replies(issue).at(-1)).toContain('/triage upstream is set with an accept decision');
    expect(advisory.state).toBe('triage');
    expect(writes().filter((w) => !w.endsWith('/comments'))).toEqual([]);
  });
});
