/**
 * Issue 17: reports that arrive outside GitHub (the tracker's issue form, conda-forge's e-mail), the acknowledgement
 * a person sends and confirms with `/ack sent`, the reporter's credit (`/ack credit`), and the scope and identity
 * checks (a report of a repository outside the configured scope, an issue carrying another report's state block).
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { ADVISORY_TEXT_LABELS } from '../../src/domain/intake-form.js';
import { readTrackerState, writeTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addIssue, addIssueComment, addLabel } from '../emulator/state.js';
import type { Issue } from '../emulator/types.js';
import { SENTINELS } from '../harness/leaks.js';
import { runInProcess } from '../harness/in-process.js';
import type { RunOptions, RunResult } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import { addPrivateReport, addTrackingIssue, PROJECT, reportOf, TRACKER } from '../harness/seed.js';
import { commandRun } from '../harness/comments.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { formBody, type FormFields } from './intake-form.world.js';

const NOW = '2026-01-06T10:00:00Z';
const INTAKE_LABEL = 'security-report';
const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
  addLabel(emulator.state, TRACKER, INTAKE_LABEL);
});

const stateOf = (issue: Issue): TrackerState => readTrackerState(issue.body)!;
const writes = (): string[] => emulator.writes().map((write) => `${write.method} ${write.path}`);
const json = <T>(result: RunResult, name: string): T => JSON.parse(result.outputs[name] ?? 'null') as T;
const commentsOn = (issue: Issue) =>
  emulator.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue.number);
const replies = (issue: Issue): string[] =>
  commentsOn(issue)
    .filter((c) => c.body.includes('triage-reply'))
    .map((c) => c.body);

function ackOptions(inputs: Record<string, string>, options: Partial<RunOptions> = {}): RunOptions {
  return {
    emulator,
    now: NOW,
    eventName: 'schedule',
    ...options,
    inputs: { token: 'token-admin', tracker: TRACKER, ...inputs },
  };
}

async function ack(inputs: Record<string, string>, options: Partial<RunOptions> = {}): Promise<RunResult> {
  return watched.run('ack-report', ackOptions(inputs, options));
}

/** A report that came by e-mail, filed by a team member with the issue form at `filedAt`. */
function filedWithForm(fields: FormFields = {}, filedAt = '2026-01-05T12:00:00Z'): Issue {
  return addIssue(emulator.state, TRACKER, {
    title: 'Security report: e-mail from a researcher',
    body: formBody(fields),
    labels: [INTAKE_LABEL],
    createdAt: filedAt,
    updatedAt: filedAt,
  });
}

function openedEvent(issue: Issue) {
  return {
    eventName: 'issues',
    eventPayload: {
      action: 'opened',
      issue: { number: issue.number, labels: [{ name: INTAKE_LABEL }] },
      repository: { full_name: TRACKER },
    },
  };
}

let nextComment = 7000;

/** A comment in the tracking issue, delivered to triage as GitHub delivers `issue_comment`. */
async function comment(issue: Issue, login: string, body: string, id?: number): Promise<RunResult> {
  const commentId = id ?? (nextComment += 1);
  const made =
    emulator.state.issueComments.find((c) => c.id === commentId) ??
    addIssueComment(emulator.state, TRACKER, issue.number, {
      body,
      user: login,
      id: commentId,
      createdAt: '2026-01-07T08:00:00Z',
    });
  return watched.run('triage', commandRun(made, { now: '2026-01-07T08:00:00Z' }));
}

describe('a report filed with the issue form (e-mail, conda-forge)', () => {
  it('starts the clock at "Received at", records channel, repository and packages, and prepares the text to send', async () => {
    const issue = filedWithForm({ receivedAt: '2026-01-05 09:30', packages: 'other: sample-project' });
    const result = await ack({ policy: 'conda-forge', repositories: PROJECT }, openedEvent(issue));
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const key = `issue-${issue.number}`;
    expect(json(result, 'manual')).toEqual([key]);
    const state = stateOf(issue);
    expect(state).toMatchObject({
      key,
      repository: PROJECT,
      policy: 'conda-forge',
      receivedAt: '2026-01-05T09:30:00.000Z',
      intakeChannel: 'E-mail',
      packages: [{ ecosystem: 'other', name: 'sample-project' }],
      ackChannel: 'manual',
      ackToSend: { at: '2026-01-06T10:00:00.000Z', via: 'E-mail' },
    });
    // Not acknowledged until a person sends it and says so.
    expect(state.acknowledgedAt).toBeUndefined();
    expect(issue.body).toContain('- [ ] Acknowledge the report');
    // conda-forge: "respond within 7 days", counted from when the e-mail arrived, not from the filing.
    expect(issue.body).toContain('due 2026-01-12 09:30 UTC');
    const [toSend, ...more] = commentsOn(issue);
    expect(more).toEqual([]);
    expect(toSend!.body).toContain('**Acknowledgement to send to the reporter** (E-mail)');
    expect(toSend!.body).toContain('comment `/ack sent`');
    expect(toSend!.body).toContain('> Thank you for your report');
    // The reporter's contact and the report stay in the issue body; the prepared text quotes neither.
    expect(toSend!.body).not.toContain(SENTINELS.reporterEmail);
    expect(toSend!.body).not.toContain(SENTINELS.description);
    expect(issue.body).toContain(SENTINELS.reporterEmail);

    const options = ackOptions({ policy: 'conda-forge', repositories: PROJECT });
    const second = await runAgain('ack-report', options, emulator, runInProcess);
    watched.results.push(second.result);
    expect(second.writes).toEqual([]);
  });

  it('counts the acknowledgement once a team member confirms it with /ack sent, recording who and when, once', async () => {
    const issue = filedWithForm();
    await ack({ policy: 'conda-forge' }, openedEvent(issue));
    emulator.resetLog();

    const outsider = await comment(issue, 'carol', '/ack sent');
    expect(outsider.exitCode).toBe(0);
    expect(stateOf(issue).acknowledgedAt).toBeUndefined();
    expect(replies(issue)[0]).toContain('`carol` is not a member of the response team');

    const confirmed = await comment(issue, 'sirt-member', '/ack sent', 7500);
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.exitCode).toBe(0);
    const state = stateOf(issue);
    expect(state.acknowledgedAt).toBe('2026-01-07T08:00:00Z');
    expect(state.ackSent).toEqual({ login: 'sirt-member', at: '2026-01-07T08:00:00Z', comment: 7500 });
    expect(issue.body).toContain('Sent to the reporter (E-mail) by `sirt-member`, confirmed with `/ack sent`');
    expect(issue.body).not.toContain('**Send this acknowledgement to the reporter yourself**');
    expect(issue.body).toContain('- [x] Acknowledge the report');
    // The report section's row, written "not yet" at intake, follows the confirmation.
    expect(issue.body).toContain('| Acknowledged | 2026-01-07 08:00 UTC |');
    expect(issue.body).not.toContain('| Acknowledged | not yet |');
    expect(replies(issue).at(-1)).toContain('**Acknowledgement of issue-1 confirmed sent** by `sirt-member`');
    expect(replies(issue).at(-1)).toContain('met: due by 2026-01-12 09:30 UTC');

    // The same event delivered again: no second reply, no write.
    emulator.resetLog();
    await comment(issue, 'sirt-member', '/ack sent', 7500);
    expect(writes()).toEqual([]);
    // A second confirmation by someone else changes nothing and says who confirmed.
    const twice = await comment(issue, 'sirt-lead', '/ack sent');
    expect(twice.exitCode).toBe(0);
    expect(stateOf(issue).ackSent?.login).toBe('sirt-member');
    expect(replies(issue).at(-1)).toContain('confirmed already, by `sirt-member`');
    expect(writes().filter((w) => w.startsWith('PATCH'))).toEqual([]);
  });

  it('refuses a "Received at" in the future with the field named, and writes nothing', async () => {
    const issue = filedWithForm({ receivedAt: '2026-01-09 10:00' }, '2026-01-06T09:00:00Z');
    const result = await ack({}, openedEvent(issue));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Intake form field "Received at (UTC)": 2026-01-09T10:00:00.000Z is in the future');
    expect(writes()).toEqual([]);
    expect(stateOf(issue)).toBeUndefined();
  });

  it('refuses a form naming a repository outside the configured scope, and writes nothing', async () => {
    const issue = filedWithForm({ repository: 'other-org/elsewhere' });
    const result = await ack({ repositories: PROJECT }, openedEvent(issue));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      `its intake form names other-org/elsewhere, outside the configured scope (repositories: ${PROJECT})`,
    );
    expect(writes()).toEqual([]);
  });

  it('records the credit named on the form, and /ack credit changes it', async () => {
    const issue = filedWithForm({ credit: 'Jane Doe' });
    await ack({}, openedEvent(issue));
    expect(stateOf(issue).credit).toEqual({ name: 'Jane Doe', type: 'reporter' });
    const declined = await comment(issue, 'sirt-lead', '/ack credit none');
    expect(declined.exitCode).toBe(0);
    expect(stateOf(issue).credit).toEqual({ declined: true });
    expect(replies(issue).at(-1)).toContain('declined');
  });
});

describe('sla-check and an acknowledgement waiting to be sent', () => {
  it('escalates the unconfirmed send like any deadline, and counts it met-late once confirmed', async () => {
    // conda-forge: "respond within 7 days"; the e-mail came on 2025-12-20, so the deadline passed on 2025-12-27.
    const issue = filedWithForm({ receivedAt: '2025-12-20 08:00' }, '2026-01-05T12:00:00Z');
    await ack({ policy: 'conda-forge', organization: 'sample-org' }, openedEvent(issue));
    const sweep = { token: 'token-admin', tracker: TRACKER, organization: 'sample-org', inventory: 'false' };
    const before = await watched.run('sla-check', { now: NOW, inputs: { ...sweep, policy: 'conda-forge' } });
    const breached = (result: RunResult): string[] =>
      (JSON.parse(result.outputs.breached ?? '[]') as { id: string; steps: { step: string }[] }[]).flatMap((entry) =>
        entry.steps.map((step) => `${entry.id} ${step.step}`),
      );
    expect(breached(before)).toContain(`issue-${issue.number} acknowledge`);
    await comment(issue, 'sirt-member', '/ack sent');
    const after = await watched.run('sla-check', {
      now: '2026-01-07T09:00:00Z',
      inputs: { ...sweep, policy: 'conda-forge' },
    });
    expect(breached(after)).not.toContain(`issue-${issue.number} acknowledge`);
    expect(issue.body).toContain('- [x] Acknowledge the report');
    expect(issue.body).toMatch(/due 2025-12-27 08:00 UTC; done 2026-01-07 08:00 UTC \(late\)/);
    expect(issue.body).toContain('| Acknowledged | 2026-01-07 08:00 UTC (late) |');
  });
});

/** What triage records later (a decision, an agreed date), written into the state block as another action would. */
function recordInState(issue: Issue, change: Partial<TrackerState>): void {
  issue.body = writeTrackerState(issue.body ?? '', { ...stateOf(issue), ...change });
}

describe('the reporter kept informed', () => {
  it('prepares each milestone update once for a person to send, confirmed with /ack sent', async () => {
    const issue = filedWithForm();
    await ack({ organization: 'sample-org' }, openedEvent(issue));
    recordInState(issue, { decision: 'accept', agreedReleaseDate: '2026-02-03' });
    const sweep = await ack({ organization: 'sample-org' });
    expect(sweep.exitCode).toBe(0);
    const updates = commentsOn(issue).filter((c) => c.body.includes('**Update to send to the reporter** (E-mail)'));
    expect(updates).toHaveLength(2);
    expect(updates[0]!.body).toContain('accepted it as a vulnerability');
    expect(updates[1]!.body).toContain('the fix release is planned for 2026-02-03 (UTC)');
    expect(updates.map((c) => c.body).join()).not.toContain(SENTINELS.reporterEmail);
    expect(stateOf(issue).updatesToSend).toEqual(['reporter:accepted', 'reporter:release-date:2026-02-03#0']);
    expect(sweep.summary).toContain('Reporter updates: 2');
    // Nothing new: nothing written.
    const again = await runAgain('ack-report', ackOptions({ organization: 'sample-org' }), emulator, runInProcess);
    watched.results.push(again.result);
    expect(again.writes).toEqual([]);
    // One /ack sent confirms the acknowledgement and both updates.
    await comment(issue, 'sirt-member', '/ack sent');
    expect(stateOf(issue).updatesSent?.map((u) => [u.key, u.login])).toEqual([
      ['reporter:accepted', 'sirt-member'],
      ['reporter:release-date:2026-02-03#0', 'sirt-member'],
    ]);
    expect(replies(issue).at(-1)).toContain('**Reporter update(s) confirmed sent**');
    // The date moves: one more update, saying from when to when.
    recordInState(issue, { agreedReleaseDate: '2026-02-10' });
    await ack({ organization: 'sample-org' });
    expect(commentsOn(issue).at(-1)?.body).toContain('has moved from 2026-02-03 to 2026-02-10');
  });

  it('tells a reporter on the advisory through advisory comments: acceptance and CVE, once each', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    await ack({ organization: 'sample-org' });
    const issue = emulator.state.issues.find((i) => readTrackerState(i.body)?.key === advisory.ghsaId)!;
    expect(stateOf(issue).ackChannel).toBe('advisory-comment');
    recordInState(issue, { decision: 'accept' });
    advisory.state = 'draft';
    advisory.cveId = 'CVE-2026-4242';
    await ack({ organization: 'sample-org', 'include-drafts': 'true' });
    const comments = emulator.state.advisoryComments.filter((c) => c.ghsaId === advisory.ghsaId).map((c) => c.body);
    expect(comments).toHaveLength(3);
    expect(comments[1]).toContain('accepted it as a vulnerability');
    expect(comments[2]).toContain('it has been assigned CVE-2026-4242');
    expect(stateOf(issue).updatesToSend).toBeUndefined();
    const again = await runAgain(
      'ack-report',
      ackOptions({ organization: 'sample-org', 'include-drafts': 'true' }),
      emulator,
      runInProcess,
    );
    watched.results.push(again.result);
    expect(again.writes).toEqual([]);
  });
});

describe('/triage needs-info', () => {
  it('records the wait and prepares the question for a person to send, confirmed with /ack sent', async () => {
    const issue = filedWithForm();
    await ack({}, openedEvent(issue));
    const asked = await comment(issue, 'sirt-member', '/triage needs-info\nWhich version did you test?', 7600);
    expect(asked.errors).toEqual([]);
    expect(stateOf(issue).infoRequests).toEqual([{ login: 'sirt-member', at: '2026-01-07T08:00:00Z', comment: 7600 }]);
    expect(stateOf(issue).updatesToSend).toEqual(['reporter:needs-info:7600']);
    expect(replies(issue).at(-1)).toContain('**More information asked of the reporter** by `sirt-member`');
    expect(replies(issue).at(-1)).toContain('**Send the question above to the reporter** (E-mail)');
    emulator.resetLog();
    await comment(issue, 'sirt-member', '/triage needs-info\nWhich version did you test?', 7600);
    expect(writes()).toEqual([]);
    await comment(issue, 'sirt-lead', '/ack sent');
    expect(stateOf(issue).updatesSent?.map((u) => u.key)).toEqual(['reporter:needs-info:7600']);
    expect(stateOf(issue).ackSent?.login).toBe('sirt-lead');
  });

  it('asks a reporter who is on the advisory in an advisory comment', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00Z', ackChannel: 'advisory-comment' },
    });
    await comment(issue, 'sirt-lead', '/triage needs-info Can you share the exact command line?');
    const comments = emulator.state.advisoryComments.filter((c) => c.ghsaId === advisory.ghsaId);
    expect(comments.map((c) => c.body)).toEqual([expect.stringContaining('Can you share the exact command line?')]);
    expect(stateOf(issue).updatesToSend).toBeUndefined();
    expect(stateOf(issue).infoRequests).toHaveLength(1);
  });

  it('refuses a needs-info without a question, changing nothing', async () => {
    const issue = filedWithForm();
    await ack({}, openedEvent(issue));
    emulator.resetLog();
    const result = await comment(issue, 'sirt-lead', '/triage needs-info');
    expect(result.exitCode).toBe(1);
    expect(replies(issue).at(-1)).toContain('Write the question for the reporter');
    expect(writes().filter((w) => w.startsWith('PATCH'))).toEqual([]);
  });
});

describe('/triage on a report filed by hand', () => {
  const SANITIZED = {
    summary: 'Path traversal in the archive loader',
    description: 'Loading a crafted archive can write outside the target directory. Upgrade to 1.0.1.',
  };
  function withAdvisoryText(issue: Issue): void {
    issue.body = `${issue.body ?? ''}\n\n### ${ADVISORY_TEXT_LABELS.summary}\n\n${SANITIZED.summary}\n\n### ${ADVISORY_TEXT_LABELS.description}\n\n${SANITIZED.description}\n`;
  }

  it("opens the draft advisory with the team's text and the form's packages, then triages it like any other", async () => {
    const issue = filedWithForm({ credit: '@reporter-rita', packages: 'pip: sample-project' });
    await ack({ policy: 'conda-forge' }, openedEvent(issue));
    withAdvisoryText(issue);
    const result = await comment(issue, 'sirt-lead', '/triage accept severity=high', 7800);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const opened = emulator.state.advisories.filter((a) => a.repo === PROJECT);
    expect(opened).toHaveLength(1);
    const advisory = opened[0]!;
    expect(advisory).toMatchObject({ state: 'draft', summary: SANITIZED.summary, description: SANITIZED.description });
    expect(advisory.severity).toBe('high');
    expect(advisory.vulnerabilities.map((v) => v.package)).toEqual([{ ecosystem: 'pip', name: 'sample-project' }]);
    expect(advisory.credits).toEqual([{ login: 'reporter-rita', type: 'reporter' }]);
    // The raw report and the reporter's contact never reach the advisory.
    for (const sentinel of Object.values(SENTINELS)) expect(JSON.stringify(advisory)).not.toContain(sentinel);
    const state = stateOf(issue);
    expect(state).toMatchObject({ key: advisory.ghsaId, filedAs: `issue-${issue.number}`, repository: PROJECT });
    expect(state.triagedAt).toBeDefined();
    expect(state.receivedAt).toBe('2026-01-05T09:30:00.000Z');
    expect(replies(issue).at(-1)).toContain(`**Triage of ${advisory.ghsaId}**`);

    // Delivered again: no second advisory. A sweep takes the issue as the advisory's tracking issue, silently.
    emulator.resetLog();
    await comment(issue, 'sirt-lead', '/triage accept severity=high', 7800);
    expect(emulator.state.advisories.filter((a) => a.repo === PROJECT)).toHaveLength(1);
    const sweep = await ack({ policy: 'conda-forge', organization: 'sample-org', 'include-drafts': 'true' });
    expect(sweep.warnings).toEqual([]);
    expect(json(sweep, 'acknowledged')).toEqual([]);
  });

  it('asks for the sanitized text when the issue has none, opening nothing', async () => {
    const issue = filedWithForm();
    await ack({}, openedEvent(issue));
    const result = await comment(issue, 'sirt-lead', '/triage accept');
    expect(result.exitCode).toBe(1);
    expect(replies(issue).at(-1)).toContain('Advisory summary (sanitized: becomes public)');
    expect(emulator.state.advisories.filter((a) => a.repo === PROJECT)).toEqual([]);
    expect(stateOf(issue).key).toBe(`issue-${issue.number}`);
  });
});

describe('/ack on advisories', () => {
  it('writes a reporter login to the advisory credits with its type, once', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00Z', ackChannel: 'advisory-comment' },
    });
    const result = await comment(issue, 'sirt-lead', '/ack credit @reporter-rita finder');
    expect(result.errors).toEqual([]);
    expect(advisory.credits).toEqual([{ login: 'reporter-rita', type: 'finder' }]);
    expect(stateOf(issue).credit).toEqual({ login: 'reporter-rita', type: 'finder' });
    emulator.resetLog();
    await comment(issue, 'sirt-lead', '/ack credit @reporter-rita finder');
    expect(writes().filter((w) => !w.includes('/comments'))).toEqual([]);
    // Declined later: the login this project put there comes off the advisory.
    await comment(issue, 'sirt-lead', '/ack credit none');
    expect(advisory.credits).toEqual([]);
  });

  it('has nothing to confirm for an acknowledgement made in an advisory comment', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00Z', ackChannel: 'advisory-comment' },
    });
    const result = await comment(issue, 'sirt-lead', '/ack sent');
    expect(result.exitCode).toBe(0);
    expect(replies(issue)[0]).toContain('there is nothing to confirm');
    expect(stateOf(issue).ackSent).toBeUndefined();
  });

  it('answers a mistyped /ack with the usage, changing nothing', async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const issue = addTrackingIssue(emulator.state, { ...reportOf(advisory) });
    const result = await comment(issue, 'sirt-lead', '/ack snet');
    expect(result.exitCode).toBe(1);
    expect(replies(issue)[0]).toContain('**/ack failed**');
    expect(replies(issue)[0]).toContain('is not a command. Use');
    expect(writes().filter((w) => w.startsWith('PATCH'))).toEqual([]);
  });
});

describe('drafts opened by maintainers', () => {
  it('says the default sweep leaves them out, and takes them in as not acknowledged with include-drafts', async () => {
    // Opened by hand for a report that came by e-mail: no private report behind it, the reporter is not on it.
    const draft = addPrivateReport(emulator.state, PROJECT, {
      state: 'draft',
      author: 'alice',
      submissionAccepted: null,
      createdAt: '2026-01-05T09:00:00Z',
    });
    const left = await ack({ organization: 'sample-org' });
    expect(left.summary).toContain('Drafts opened by maintainers were not looked at (`include-drafts` is false)');
    const taken = await ack({ organization: 'sample-org', 'include-drafts': 'true' });
    expect(json(taken, 'manual')).toEqual([draft.ghsaId]);
    expect(taken.summary).not.toContain('Drafts opened by maintainers were not looked at');
    const issue = emulator.state.issues.find((i) => readTrackerState(i.body)?.key === draft.ghsaId)!;
    expect(stateOf(issue).acknowledgedAt).toBeUndefined();
    expect(stateOf(issue).triagedAt).toBeUndefined();
    expect(stateOf(issue).ackToSend?.via).toBe('by hand, outside GitHub');
  });
});

describe('scope and identity', () => {
  it('refuses a repository_dispatch for a repository outside the configured repositories, writing nothing', async () => {
    const outside = addPrivateReport(emulator.state, 'sample-org/docs-site', { createdAt: '2026-01-05T09:00:00Z' });
    const payload = { client_payload: { ghsa_id: outside.ghsaId, repository: 'sample-org/docs-site' } };
    const result = await ack({ repositories: PROJECT }, { eventName: 'repository_dispatch', eventPayload: payload });
    expect(result.exitCode).toBe(1);
    expect(result.errors.map((e) => e.message).join('\n')).toContain(
      `The repository_dispatch event names ${outside.ghsaId} in sample-org/docs-site, outside the configured scope (repositories: ${PROJECT}): nothing was acknowledged or written.`,
    );
    expect(emulator.log).toEqual([]);
  });

  it('refuses a ghsa-id input outside the organization scope too', async () => {
    const outside = addPrivateReport(emulator.state, 'sample-org/docs-site', { createdAt: '2026-01-05T09:00:00Z' });
    const result = await ack(
      { organization: 'other-org', 'ghsa-id': outside.ghsaId, repository: 'sample-org/docs-site' },
      { eventName: 'workflow_dispatch' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('outside the configured scope (organization: other-org)');
    expect(emulator.log).toEqual([]);
  });

  it("warns, naming both, when an intake-labelled issue carries another report's state block", async () => {
    const advisory = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const tracking = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      state: { acknowledgedAt: '2026-01-05T10:00:00Z', ackChannel: 'advisory-comment' },
      labels: [INTAKE_LABEL],
    });
    emulator.resetLog();
    const result = await ack({}, openedEvent(tracking));
    expect(result.exitCode).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toContain(
      `Issue #${tracking.number} (issue-${tracking.number}) carries the state block of another report, ${advisory.ghsaId}`,
    );
    expect(writes()).toEqual([]);
  });
});

describe('bundle smoke', () => {
  it('takes in an e-mailed report through the built bundle: nothing of the report or contact on stdout', async () => {
    const issue = filedWithForm();
    const result = await watched.runBundle('ack-report', {
      now: NOW,
      inputs: { token: 'token-admin', tracker: TRACKER, policy: 'conda-forge', repositories: PROJECT },
      env: { RUNNER_DEBUG: '1' },
      ...openedEvent(issue),
    });
    expect(result.exitCode).toBe(0);
    expect(stateOf(issue).ackToSend?.via).toBe('E-mail');
    for (const sentinel of Object.values(SENTINELS)) expect(result.stdout).not.toContain(sentinel);
  });
});
