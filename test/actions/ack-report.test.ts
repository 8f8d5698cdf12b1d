import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRACKER_LABEL } from '../../src/actions/common/tracker.js';
import { acknowledgementMarker } from '../../src/domain/acknowledgement.js';
import { ACK_NOTIFIED } from '../../src/domain/intake.js';
import { UPDATES_OPT_IN } from '../../src/domain/reporter-messages.js';
import { readTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addIssue, addLabel, addRepo, type AdvisoryInput } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import { embargoedDescription, SENTINELS } from '../harness/leaks.js';
import { runInProcess } from '../harness/in-process.js';
import { runAction, type RunOptions, type RunResult } from '../harness/run-action.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { runAgain } from '../harness/second-run.js';
import { addPrivateReport, addTrackingIssue, PRIVATE_LIB, PROJECT, reportOf, TRACKER } from '../harness/seed.js';

// Tuesday 2026-01-06 10:00 UTC; a report received the day before is acknowledged on time (48 h), one from Friday late.
const NOW = '2026-01-06T10:00:00Z';
const NOW_ISO = '2026-01-06T10:00:00.000Z';
const RECEIVED = '2026-01-05T09:00:00Z';
const LONG_AGO = '2026-01-02T09:00:00Z';
const INTAKE_LABEL = 'security-report';

const watched = watchedEmulator(() => ({ now: NOW }));
const results = watched.results;
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

/** A private vulnerability report as a reporter files it: embargoed text everywhere. */
function report(repo: string, fields: AdvisoryInput = {}): Advisory {
  return addPrivateReport(emulator.state, repo, { createdAt: RECEIVED, collaboratingUsers: ['carol'], ...fields });
}

type Runner = (name: string, options: RunOptions) => Promise<RunResult>;

/** Runs ack-report's `main` in this process (the bundle only in `bundle smoke`). */
async function ack(
  inputs: Record<string, string>,
  options: Partial<RunOptions> = {},
  run: Runner = runInProcess,
): Promise<RunResult> {
  const result = await run('ack-report', runOptions(inputs, options));
  results.push(result);
  return result;
}

function runOptions(inputs: Record<string, string>, options: Partial<RunOptions> = {}): RunOptions {
  return {
    emulator,
    now: NOW,
    eventName: 'schedule',
    ...options,
    inputs: { token: 'token-admin', tracker: TRACKER, ...inputs },
  };
}

async function again(inputs: Record<string, string>, options: Partial<RunOptions> = {}, run: Runner = runInProcess) {
  const second = await runAgain('ack-report', runOptions(inputs, options), emulator, run);
  results.push(second.result);
  return second;
}

const writes = (): string[] => emulator.writes().map((write) => `${write.method} ${write.path}`);
const trackingIssues = (): Issue[] =>
  emulator.state.issues.filter((issue) => issue.repo === TRACKER && issue.labels.includes(TRACKER_LABEL));
const trackingIssueOf = (ghsaId: string): Issue[] =>
  trackingIssues().filter((issue) => readTrackerState(issue.body)?.key === ghsaId);
const stateOf = (issue: Issue): TrackerState => readTrackerState(issue.body)!;
const advisoryComments = (advisory: Advisory) =>
  emulator.state.advisoryComments.filter((comment) => comment.ghsaId === advisory.ghsaId);
const commentsOn = (issue: Issue) =>
  emulator.state.issueComments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number);
const json = <T>(result: RunResult, name: string): T => JSON.parse(result.outputs[name] ?? 'null') as T;

/** A tracking issue as an earlier run (or another action) left it: opened, not acknowledged. */
function unfinishedTrackingIssue(advisory: Advisory, createdAt: string, extra: Partial<TrackerState> = {}): Issue {
  return addTrackingIssue(emulator.state, {
    ...reportOf(advisory),
    receivedAt: RECEIVED,
    state: extra,
    title: `Security report ${advisory.ghsaId}`,
    intro: `${reportMarker(advisory.ghsaId)}\n\n${SENTINELS.summary}`,
    createdAt,
    updatedAt: createdAt,
  });
}

/** The whole acknowledgement of one swept report, and a second run that writes nothing: in-process, and as the bundle. */
async function acknowledgesOneReport(run: Runner): Promise<void> {
  const advisory = report(PROJECT);
  const inputs = {
    organization: 'sample-org',
    team: 'security-team',
    users: 'alice',
    'notify-webhook': emulator.webhook.url,
  };
  const result = await ack(inputs, {}, run);
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(writes()).toEqual([
    `POST /repos/${TRACKER}/issues`,
    `PATCH /repos/${PROJECT}/security-advisories/${advisory.ghsaId}`,
    `POST /repos/${PROJECT}/security-advisories/${advisory.ghsaId}/comments`,
    `PATCH /repos/${TRACKER}/issues/1`,
    'POST /_webhooks/chat',
  ]);

  const [issue, ...others] = trackingIssueOf(advisory.ghsaId);
  expect(others).toEqual([]);
  expect(issue!.state).toBe('open');
  expect(issue!.title).toBe(`Security report ${advisory.ghsaId} (${PROJECT})`);
  expect(issue!.body).toContain(reportMarker(advisory.ghsaId));
  // The private tracker is the one place the report's text is copied to.
  expect(issue!.body).toContain(SENTINELS.summary);
  expect(issue!.body).toContain(SENTINELS.reproduction);
  expect(issue!.body).toContain('| Received | 2026-01-05 09:00 UTC |');
  expect(issue!.body).toContain('| Acknowledged | 2026-01-06 10:00 UTC |');
  expect(issue!.body).toContain('Sent to the reporter in a comment on the advisory on 2026-01-06 10:00 UTC.');
  expect(issue!.body).toContain(
    '- [x] Acknowledge the report and tell the reporter what to expect (due 2026-01-07 09:00 UTC; done 2026-01-06 10:00 UTC)',
  );
  expect(issue!.body).toContain(
    '- [ ] Triage: reproduce, score with CVSS, decide TLP, accept or reject (due 2026-01-12 09:00 UTC)',
  );
  expect(stateOf(issue!)).toMatchObject({
    key: advisory.ghsaId,
    repository: PROJECT,
    policy: 'spec11',
    receivedAt: RECEIVED,
    acknowledgedAt: NOW_ISO,
    ackChannel: 'advisory-comment',
    notified: [UPDATES_OPT_IN, ACK_NOTIFIED],
  });

  expect(advisory.collaboratingUsers).toEqual(['carol', 'alice']);
  expect(advisory.collaboratingTeams).toEqual(['security-team']);
  expect(advisory.state).toBe('triage');

  const [comment, ...moreComments] = advisoryComments(advisory);
  expect(moreComments).toEqual([]);
  expect(comment!.body).toContain(acknowledgementMarker(advisory.ghsaId));
  expect(comment!.body).toContain('We received it on 2026-01-05 09:00 UTC');
  expect(comment!.body).toContain('**Triage** by 2026-01-12 09:00 UTC');
  expect(comment!.body).toContain('**Fix release** targeted for 2026-01-26 17:00 UTC');
  // SPEC 11 sets no disclosure deadline: the acknowledgement promises none (the provenance work of the deadlines issue).
  expect(comment!.body).toContain('**Disclosure**: the advisory is published with the fix release');
  expect(comment!.body).not.toContain('sorry');
  expect(comment!.body).not.toContain(SENTINELS.summary);

  expect(emulator.webhook.deliveries).toHaveLength(1);
  const text = (emulator.webhook.deliveries[0]!.body as { text: string }).text;
  expect(text).toBe(
    `New security report ${advisory.ghsaId} in ${PROJECT} (severity: not rated yet) acknowledged. Tracking issue: https://github.com/${TRACKER}/issues/1`,
  );

  expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
  expect(json(result, 'late')).toEqual([]);
  expect(result.outputs.count).toBe('1');
  expect(json(result, 'tracker-issues')).toEqual({ [advisory.ghsaId]: `https://github.com/${TRACKER}/issues/1` });
  expect(result.summary).toContain(
    `<td>${PROJECT}</td><td>2026-01-05 09:00 UTC</td><td>2026-01-06 10:00 UTC</td><td>2026-01-07 09:00 UTC</td><td>met</td><td>advisory comment</td>`,
  );

  const second = await again(inputs, {}, run);
  expect(second.result.exitCode).toBe(0);
  expect(second.writes).toEqual([]);
  expect(json(second.result, 'acknowledged')).toEqual([]);
  expect(json(second.result, 'tracker-issues')).toEqual({
    [advisory.ghsaId]: `https://github.com/${TRACKER}/issues/1`,
  });
  expect(second.result.summary).toContain('No new report: nothing to acknowledge.');
}

describe('ack-report sweep', () => {
  it('opens the tracking issue, merges the team into the collaborators, tells the reporter and the team, records it', async () => {
    await acknowledgesOneReport(runInProcess);
  });

  it('reads the whole org in one listing when nothing is new: five requests, no write', async () => {
    for (let i = 0; i < 3; i += 1) report(PROJECT);
    await ack({ organization: 'sample-org' });
    emulator.resetLog();
    const result = await ack({ organization: 'sample-org' });
    expect(result.exitCode).toBe(0);
    // The tracker's privacy check reads the repository and the organization's base permission.
    expect(emulator.log.map((entry) => `${entry.method} ${entry.path}`).sort()).toEqual([
      'GET /orgs/sample-org',
      'GET /orgs/sample-org/security-advisories',
      `GET /repos/${TRACKER}`,
      `GET /repos/${TRACKER}/issues`,
      `GET /repos/${TRACKER}/issues`,
    ]);
  });

  it('moves the report from triage to draft with accept: true', async () => {
    const advisory = report(PROJECT);
    const result = await ack({ organization: 'sample-org', accept: 'true' });
    expect(result.exitCode).toBe(0);
    expect(advisory.state).toBe('draft');
    expect(advisory.submissionAccepted).toBe(true);
    expect((await again({ organization: 'sample-org', accept: 'true' })).writes).toEqual([]);
  });

  it('still acknowledges a report past its deadline, and marks it late', async () => {
    const advisory = report(PROJECT, { createdAt: LONG_AGO });
    const result = await ack({ organization: 'sample-org' });
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(json(result, 'late')).toEqual([advisory.ghsaId]);
    const [issue] = trackingIssueOf(advisory.ghsaId);
    expect(issue!.body).toContain('(due 2026-01-04 09:00 UTC; done 2026-01-06 10:00 UTC (late))');
    expect(issue!.body).toContain('| Acknowledged | 2026-01-06 10:00 UTC (late) |');
    expect(advisoryComments(advisory)[0]!.body).toContain(
      'We are sorry for the late answer: our policy is to acknowledge every report by 2026-01-04 09:00 UTC (as SPEC 11 states).',
    );
    expect(result.summary).toContain('<td>2026-01-04 09:00 UTC</td><td>late</td>');
  });

  it('leaves the acknowledgement to a human, with the text in the tracker, for private repositories and maintainer drafts', async () => {
    const privateReport = report(PRIVATE_LIB);
    // A maintainer opened this one by hand for a report that came by e-mail: the reporter is not on the advisory.
    const draft = report(PROJECT, { state: 'draft', author: 'alice', submissionAccepted: null });
    const first = await ack({ organization: 'sample-org' });
    expect(first.exitCode).toBe(0);
    expect(json(first, 'acknowledged')).toEqual([privateReport.ghsaId]);
    expect(json(first, 'manual')).toEqual([privateReport.ghsaId]);
    const second = await ack({ organization: 'sample-org', 'include-drafts': 'true' });
    expect(json(second, 'acknowledged')).toEqual([draft.ghsaId]);
    expect(json(second, 'manual')).toEqual([draft.ghsaId]);

    expect(emulator.state.advisoryComments).toEqual([]);
    const [privateIssue] = trackingIssueOf(privateReport.ghsaId);
    expect(stateOf(privateIssue!).ackChannel).toBe('manual');
    // Prepared, not made: the step stays open until a team member confirms the send with `/ack sent` (issue 17).
    expect(stateOf(privateIssue!).acknowledgedAt).toBeUndefined();
    expect(stateOf(privateIssue!).ackToSend).toEqual({ at: NOW_ISO, via: 'by hand, outside GitHub' });
    expect(privateIssue!.body).toContain('| Acknowledged | not yet |');
    expect(privateIssue!.body).toContain('Then comment `/ack sent` on this issue');
    expect(privateIssue!.body).toContain('- [ ] Acknowledge the report');
    expect(privateIssue!.body).toContain('**Send this acknowledgement to the reporter yourself**');
    expect(privateIssue!.body).toContain('the repository is private');
    expect(privateIssue!.body).toContain(
      `> Thank you for your report (${privateReport.ghsaId} in \`${PRIVATE_LIB}\`).`,
    );
    const [draftIssue] = trackingIssueOf(draft.ghsaId);
    expect(draftIssue!.body).toContain('the advisory was opened by a maintainer');
    expect(draftIssue!.body).toContain('| Source | advisory opened by a maintainer |');
    expect(second.summary).toContain('Send these acknowledgements yourself');
    expect((await again({ organization: 'sample-org', 'include-drafts': 'true' })).writes).toEqual([]);
  });

  it('falls back to a human when the advisory comments preview does not answer', async () => {
    emulator.state.features.advisoryComments = false;
    const advisory = report(PROJECT);
    const result = await ack({ organization: 'sample-org' });
    expect(result.exitCode).toBe(0);
    expect(json(result, 'manual')).toEqual([advisory.ghsaId]);
    expect(trackingIssueOf(advisory.ghsaId)[0]!.body).toContain('GitHub answered 404 on the comments endpoint');
  });

  it('lists each repository, and says so, when the token may not use the organization-level list', async () => {
    const advisory = report(PROJECT);
    const other = report(PRIVATE_LIB);
    const result = await ack({ organization: 'sample-org', token: 'token-repo-writer' });
    expect(result.exitCode).toBe(0);
    expect(json<string[]>(result, 'acknowledged').sort()).toEqual([advisory.ghsaId, other.ghsaId].sort());
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/listing each repository instead/);
    expect(result.summary).toContain('each repository was listed instead');
    const lists = emulator.log.filter((entry) => entry.path.endsWith('/security-advisories'));
    expect([...new Set(lists.map((entry) => `${entry.path} ${entry.status}`))].sort()).toEqual([
      '/orgs/sample-org/security-advisories 404',
      '/repos/sample-org/docs-site/security-advisories 200',
      `/repos/${PRIVATE_LIB}/security-advisories 200`,
      `/repos/${PROJECT}/security-advisories 200`,
      `/repos/${TRACKER}/security-advisories 200`,
    ]);
  });

  it('takes in reports filed by hand in the tracker whose issues event was missed', async () => {
    addLabel(emulator.state, TRACKER, INTAKE_LABEL);
    const filed = addIssue(emulator.state, TRACKER, {
      title: 'Report from e-mail',
      body: embargoedDescription(),
      labels: [INTAKE_LABEL],
      createdAt: RECEIVED,
    });
    const result = await ack({ organization: 'sample-org' });
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([`issue-${filed.number}`]);
    expect(filed.labels).toEqual([INTAKE_LABEL, TRACKER_LABEL]);
    expect((await again({ organization: 'sample-org' })).writes).toEqual([]);
  });

  it('renders the templates a project supplies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ack-templates-'));
    await writeFile(join(dir, 'tracker.hbs'), '# {{key}} from {{repository}}\n\n{{md description}}\n');
    await writeFile(join(dir, 'ack.hbs'), 'Got {{ghsaId}}; we answer by {{date ackDeadline}}. {{md contact}}\n');
    const advisory = report(PROJECT);
    const result = await ack(
      {
        organization: 'sample-org',
        'tracker-template': join(dir, 'tracker.hbs'),
        'ack-template': join(dir, 'ack.hbs'),
        contact: 'security@example.org',
      },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(result.exitCode).toBe(0);
    expect(trackingIssueOf(advisory.ghsaId)[0]!.body).toContain(`# ${advisory.ghsaId} from ${PROJECT}`);
    expect(advisoryComments(advisory)[0]!.body).toContain(
      `Got ${advisory.ghsaId}; we answer by 2026-01-07 09:00 UTC. security@example.org`,
    );
  });
});

describe('ack-report for one report', () => {
  it('acknowledges the advisory named by workflow_dispatch inputs, and only it', async () => {
    const named = report(PROJECT);
    const other = report(PROJECT);
    const result = await ack(
      { 'ghsa-id': named.ghsaId, repository: PROJECT, organization: 'sample-org' },
      { eventName: 'workflow_dispatch' },
    );
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([named.ghsaId]);
    expect(trackingIssueOf(other.ghsaId)).toEqual([]);
  });

  it('re-fetches a relayed repository_dispatch advisory and takes no text from the payload', async () => {
    const advisory = report(PROJECT);
    const payload = {
      action: 'advisory-reported',
      client_payload: {
        action: 'reported',
        repository_advisory: {
          ghsa_id: advisory.ghsaId,
          summary: 'RELAYED-ONLY summary',
          description: 'RELAYED-ONLY text',
        },
        repository: { full_name: PROJECT },
      },
    };
    const result = await ack(
      { organization: 'sample-org' },
      { eventName: 'repository_dispatch', eventPayload: payload },
    );
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    const [issue] = trackingIssueOf(advisory.ghsaId);
    expect(issue!.body).toContain(SENTINELS.summary);
    expect(issue!.body).not.toContain('RELAYED-ONLY');
    expect(
      emulator.log.some((entry) => entry.path === `/repos/${PROJECT}/security-advisories/${advisory.ghsaId}`),
    ).toBe(true);
  });

  it('adopts an issue filed in the tracker with the intake label and prepares the acknowledgement a person sends', async () => {
    addLabel(emulator.state, TRACKER, INTAKE_LABEL);
    const filed = addIssue(emulator.state, TRACKER, {
      title: 'Report received by e-mail',
      body: embargoedDescription(),
      labels: [INTAKE_LABEL],
      createdAt: RECEIVED,
    });
    const payload = {
      action: 'opened',
      issue: { number: filed.number, labels: [{ name: INTAKE_LABEL }] },
      repository: { full_name: TRACKER },
    };
    const options = { eventName: 'issues', eventPayload: payload };
    const result = await ack({ 'notify-webhook': emulator.webhook.url }, options);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const key = `issue-${filed.number}`;
    expect(json(result, 'acknowledged')).toEqual([key]);
    expect(filed.labels).toEqual([INTAKE_LABEL, TRACKER_LABEL]);
    expect(filed.body).toContain(SENTINELS.reproduction);
    // Written without the intake form: its clock starts when it was filed.
    expect(stateOf(filed)).toMatchObject({ key, repository: null, receivedAt: RECEIVED, ackChannel: 'manual' });
    expect(stateOf(filed).acknowledgedAt).toBeUndefined();
    expect(filed.body).not.toContain('Sent to the reporter in a comment on this issue');
    expect(filed.body).toContain('**Send this acknowledgement to the reporter yourself**');
    const comments = commentsOn(filed);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(acknowledgementMarker(key));
    expect(comments[0]!.body).toContain('**Acknowledgement to send to the reporter** (the channel the report came in)');
    expect(comments[0]!.body).toContain('> - **Triage** by 2026-01-12 09:00 UTC');
    expect((emulator.webhook.deliveries[0]!.body as { text: string }).text).toBe(
      `New security report ${key} filed in the tracker (severity: not rated yet) taken in: its acknowledgement is to be sent by hand, then confirmed with \`/ack sent\`. Tracking issue: https://github.com/${TRACKER}/issues/${filed.number}`,
    );
    expect(json(result, 'manual')).toEqual([key]);
    // GitHub sends `labeled` as well as `opened` for an issue filed with a label: the second run writes nothing.
    const labeled = { ...payload, action: 'labeled', label: { name: INTAKE_LABEL } };
    const second = await again(
      { 'notify-webhook': emulator.webhook.url },
      { eventName: 'issues', eventPayload: labeled },
    );
    expect(second.writes).toEqual([]);
  });

  it('ignores issues events without the intake label', async () => {
    const filed = addIssue(emulator.state, TRACKER, { title: 'Unrelated', createdAt: RECEIVED });
    const payload = {
      action: 'opened',
      issue: { number: filed.number, labels: [] },
      repository: { full_name: TRACKER },
    };
    const result = await ack({}, { eventName: 'issues', eventPayload: payload });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('without the intake label "security-report"');
    expect(emulator.log).toEqual([]);
  });
});

describe('ack-report when runs overlap or stop halfway', () => {
  it('opens one tracking issue and acknowledges once when two runs start at once', async () => {
    emulator.setFaults({ latencyMs: 15 });
    const advisories = [report(PROJECT), report(PROJECT), report(PRIVATE_LIB)];
    const inputs = { organization: 'sample-org', team: 'security-team', 'notify-webhook': emulator.webhook.url };
    const runs = await Promise.all([ack(inputs), ack(inputs)]);
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0]);
    const acknowledged = runs.flatMap((run) => json<string[]>(run, 'acknowledged')).sort();
    expect(acknowledged).toEqual(advisories.map((a) => a.ghsaId).sort());
    // For each report the other run stood down: it lost the creation race, or found the issue just opened.
    const stoodDown = runs.flatMap((run) => run.stdout.match(/: left to another run/g) ?? []);
    expect(stoodDown).toHaveLength(advisories.length);
    for (const advisory of advisories) {
      const issues = emulator.state.issues.filter((issue) => issue.title.includes(advisory.ghsaId));
      const open = issues.filter((issue) => issue.state === 'open');
      expect(open).toHaveLength(1);
      expect(trackingIssueOf(advisory.ghsaId)).toEqual(open);
      for (const duplicate of issues.filter((issue) => issue.state === 'closed')) {
        expect(duplicate.stateReason).toBe('duplicate');
        expect(duplicate.body).toBe(
          `Duplicate of #${open[0]!.number}: two intake runs opened a tracking issue for the same report at once.`,
        );
      }
      // The private repository's acknowledgement is a text to send by hand: prepared now, acknowledged on /ack sent.
      const recorded = stateOf(open[0]!);
      expect(recorded.acknowledgedAt ?? recorded.ackToSend?.at).toBe(NOW_ISO);
    }
    expect(advisoryComments(advisories[0]!)).toHaveLength(1);
    expect(advisoryComments(advisories[1]!)).toHaveLength(1);
    expect(emulator.webhook.deliveries).toHaveLength(3);
    emulator.setFaults({});
    expect((await again(inputs)).writes).toEqual([]);
  });

  it('claims and finishes a report an earlier run left half done', async () => {
    const advisory = report(PROJECT);
    const issue = unfinishedTrackingIssue(advisory, '2026-01-06T08:00:00Z');
    const result = await ack({ organization: 'sample-org', 'notify-webhook': emulator.webhook.url });
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(trackingIssues()).toEqual([issue]);
    expect(stateOf(issue)).toMatchObject({ acknowledgedAt: NOW_ISO, ackChannel: 'advisory-comment' });
    const claims = commentsOn(issue);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.body).toMatch(/finishing the acknowledgement of this report/);
    expect(advisoryComments(advisory)).toHaveLength(1);
    expect(emulator.webhook.deliveries).toHaveLength(1);
    expect((await again({ organization: 'sample-org', 'notify-webhook': emulator.webhook.url })).writes).toEqual([]);
  });

  it('finishes a report that left the sweep (accepted already) from its tracking issue', async () => {
    const advisory = report(PROJECT, { state: 'draft' });
    unfinishedTrackingIssue(advisory, '2026-01-06T08:00:00Z');
    const result = await ack({ organization: 'sample-org' });
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
  });

  it('leaves a report alone while the run that opened its tracking issue moments ago is at it', async () => {
    const advisory = report(PROJECT);
    unfinishedTrackingIssue(advisory, '2026-01-06T09:59:00Z');
    emulator.resetLog();
    const result = await ack({ organization: 'sample-org' });
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([]);
    expect(result.stdout).toContain('left to another run');
    expect(writes()).toEqual([]);
  });
});

describe('ack-report failures', () => {
  it('names a repository the token cannot see, acknowledges the rest, and fails at the end', async () => {
    const advisory = report(PROJECT);
    const result = await ack({ repositories: `${PROJECT}, sample-org/hidden-lib` });
    expect(result.exitCode).toBe(1);
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(json(result, 'not-visible')).toEqual(['sample-org/hidden-lib']);
    expect(result.errors[0]!.message).toMatch(/sample-org\/hidden-lib \(not visible to the token/);
  });

  it('reports a tracked report whose advisory the token can no longer see', async () => {
    const advisory = report(PRIVATE_LIB, { state: 'draft' });
    unfinishedTrackingIssue(advisory, '2026-01-06T08:00:00Z');
    const result = await ack({ organization: 'sample-org', token: 'token-no-advisories' });
    expect(result.exitCode).toBe(1);
    expect(json(result, 'not-visible')).toEqual([`${advisory.ghsaId} in ${PRIVATE_LIB}`]);
    expect(result.errors[0]!.message).toContain(`${advisory.ghsaId} in ${PRIVATE_LIB} (not visible to the token`);
  });

  it('acknowledges the other reports when one fails, then fails with the list', async () => {
    addRepo(emulator.state, 'other-org/tool');
    const good = report(PROJECT);
    const bad = report('other-org/tool');
    const result = await ack({ repositories: `${PROJECT}\nother-org/tool`, team: 'security-team' });
    expect(result.exitCode).toBe(1);
    expect(json(result, 'acknowledged')).toEqual([good.ghsaId]);
    expect(json(result, 'failed')).toEqual([bad.ghsaId]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(
      new RegExp(`ack-report: 1 item\\(s\\) failed: ${bad.ghsaId} \\(.*Could not find teams`),
    );
    expect(good.collaboratingTeams).toEqual(['security-team']);
    expect(stateOf(trackingIssueOf(bad.ghsaId)[0]!).acknowledgedAt).toBeUndefined();
  });

  it('lets a re-run finish straight away a report the failed run gave up, instead of waiting out the lease', async () => {
    addRepo(emulator.state, 'other-org/tool');
    const advisory = report('other-org/tool');
    const failed = await ack({ repositories: 'other-org/tool', team: 'security-team' });
    expect(failed.exitCode).toBe(1);
    const [issue] = trackingIssueOf(advisory.ghsaId);
    expect(commentsOn(issue!).map((comment) => comment.body)).toEqual([
      expect.stringMatching(
        /^ack-report could not finish this acknowledgement \(run [\w-]+\); the next run finishes it\./,
      ),
    ]);
    // The same minute: well inside the 30-minute lease a live run would hold.
    const rerun = await ack({ repositories: 'other-org/tool' });
    expect(rerun.exitCode).toBe(0);
    expect(json(rerun, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(stateOf(issue!).acknowledgedAt).toBe(NOW_ISO);
    expect(trackingIssueOf(advisory.ghsaId)).toHaveLength(1);
  });

  it('keeps the state the report was taken in at, when a killed run had accepted it already', async () => {
    const advisory = report(PROJECT, { state: 'draft', submissionAccepted: true });
    const issue = unfinishedTrackingIssue(advisory, '2026-01-06T08:00:00Z', { intakeState: 'triage' });
    const result = await ack({ organization: 'sample-org', accept: 'true' });
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(emulator.state.issues.find((i) => i.id === issue.id)?.body).toContain('| State at intake | triage |');
  });

  it('sends the team notification at most once, even when the webhook refuses it', async () => {
    emulator.webhook.failNext(404, 3);
    const advisory = report(PROJECT);
    const inputs = { organization: 'sample-org', 'notify-webhook': emulator.webhook.url };
    const result = await ack(inputs);
    expect(result.exitCode).toBe(1);
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(result.errors[0]!.message).toMatch(/the generic webhook refused it with HTTP 404.*not retried/);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^${advisory.ghsaId}: team notification: the generic webhook refused it with HTTP 404`),
      ),
    ]);
    expect((await again(inputs)).writes).toEqual([]);
    expect(emulator.state.webhookDeliveries).toEqual([]);
  });

  it('counts a notification a 5xx left uncertain as sent: a warning, never a second message', async () => {
    emulator.webhook.failNext(500, 3);
    const advisory = report(PROJECT);
    const inputs = { organization: 'sample-org', 'notify-webhook': emulator.webhook.url };
    const result = await ack(inputs);
    expect(result.exitCode).toBe(0);
    expect(json(result, 'acknowledged')).toEqual([advisory.ghsaId]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(new RegExp(`^${advisory.ghsaId}: team notification: .*counts as sent, never sent twice`)),
    ]);
    expect((await again(inputs)).writes).toEqual([]);
  });
});

describe('ack-report refuses bad input before writing anything', () => {
  // Template inputs must be in the workspace (paths.ts): these runs take the folder as GITHUB_WORKSPACE.
  const templateWorkspace = { env: { GITHUB_WORKSPACE: tmpdir() } };
  const badTemplate = async (source: string): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'ack-bad-template-'));
    await writeFile(join(dir, 'template.hbs'), source);
    return join(dir, 'template.hbs');
  };

  const cases: [string, () => Promise<Record<string, string>>, RegExp, Partial<RunOptions>?][] = [
    [
      'an unknown GHSA id',
      async () => ({ 'ghsa-id': 'GHSA-2222-3333-4444', repository: PROJECT }),
      /Input "ghsa-id" is "GHSA-2222-3333-4444", but no such advisory is visible in sample-org\/sample-project/,
    ],
    [
      'a malformed GHSA id',
      async () => ({ 'ghsa-id': 'GHSA-1234', repository: PROJECT }),
      /Input "ghsa-id" is "GHSA-1234", but it accepts a GitHub advisory id/,
    ],
    [
      'a malformed repository',
      async () => ({ 'ghsa-id': 'GHSA-2222-3333-4444', repository: 'not a repo' }),
      /Input "repository" is "not a repo", but it accepts a repository as `owner\/name`/,
    ],
    [
      'a malformed repositories entry',
      async () => ({ repositories: `${PROJECT}, nope` }),
      /Input "repositories" is "nope"/,
    ],
    [
      'a public tracker',
      async () => ({ organization: 'sample-org', tracker: PROJECT }),
      /tracker repository sample-org\/sample-project is public/,
    ],
    [
      'a webhook URL that is not https',
      async () => ({ organization: 'sample-org', 'notify-webhook': 'http://chat.example.com/hook' }),
      /Input "notify-webhook" must be an https:\/\/ URL/,
    ],
    [
      'a webhook URL that is not a URL',
      async () => ({ organization: 'sample-org', 'notify-webhook': 'not a url' }),
      /Input "notify-webhook" is "\(hidden\)"/,
    ],
    [
      'a template path that does not exist',
      async () => ({ organization: 'sample-org', 'tracker-template': 'templates/missing.hbs' }),
      /Input "tracker-template" names templates\/missing.hbs, which cannot be read/,
    ],
    [
      'a template referencing a missing field',
      async () => ({ organization: 'sample-org', 'ack-template': await badTemplate('Hi {{reporterEmail}}') }),
      /"reporterEmail" is not an available field/,
      templateWorkspace,
    ],
    [
      'a template that does not parse',
      async () => ({ organization: 'sample-org', 'tracker-template': await badTemplate('{{#if key}}unclosed') }),
      /template ".*template.hbs"/,
      templateWorkspace,
    ],
    ['a sweep without a scope', async () => ({}), /A sweep needs a scope: set "organization"/],
    ['a bad policy', async () => ({ organization: 'sample-org', policy: 'fast' }), /Input "policy" is "fast"/],
    [
      'a relay payload without an advisory',
      async () => ({ organization: 'sample-org' }),
      /repository_dispatch event has no advisory id/,
      { eventName: 'repository_dispatch', eventPayload: { client_payload: {} } },
    ],
  ];

  it.each(cases)('%s', async (_name, inputs, message, options = {}) => {
    report(PROJECT);
    const result = await ack(await inputs(), options);
    expect(result.exitCode).toBe(1);
    // One failure; a mistake in a template file is also annotated on its line (with a `file`).
    const failures = result.errors.filter((error) => error.properties.file === undefined);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toMatch(/^ack-report: configuration error in /);
    expect(failures[0]!.message).toMatch(message);
    expect(writes()).toEqual([]);
  });
});

describe('bundle smoke', () => {
  it('acknowledges a swept report through the built bundle in a child process', async () => {
    await acknowledgesOneReport(runAction);
  });
});

describe('decision lines under ACTIONS_STEP_DEBUG', () => {
  const decisions = (result: RunResult): string[] =>
    result.commands.filter((c) => c.command === 'debug' && c.message.startsWith('decision: ')).map((c) => c.message);

  it('says for each report whether the run acts on it or skips it, and why: ids and reasons only', async () => {
    const fresh = report(PROJECT);
    const earlier = report(PROJECT, { createdAt: LONG_AGO });
    addTrackingIssue(emulator.state, {
      ...reportOf(earlier),
      state: { acknowledgedAt: '2026-01-02T10:00:00.000Z', ackChannel: 'advisory-comment' },
    });
    const busy = report(PROJECT);
    unfinishedTrackingIssue(busy, '2026-01-06T09:59:00Z');
    const result = await ack({ organization: 'sample-org' }, { env: { RUNNER_DEBUG: '1' } });
    expect(result.errors).toEqual([]);
    expect(decisions(result).sort()).toEqual(
      [
        `decision: ${fresh.ghsaId}: acted on: not acknowledged yet`,
        `decision: ${earlier.ghsaId}: skipped: already tracked and acknowledged (or its acknowledgement waits to be sent by hand)`,
        `decision: ${busy.ghsaId}: skipped: another run has it (its tracking issue was opened moments ago by another run, which is acknowledging it)`,
      ].sort(),
    );
    // (the leak check of watchedEmulator runs on the result after the test)
  });
});
