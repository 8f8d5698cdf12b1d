import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { TRACKER_LABEL } from '../../src/actions/common/tracker.js';
import { readDashboardState } from '../../src/domain/dashboard.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { addAdvisory, addIssue, addLabel, addRepo } from '../emulator/state.js';
import { runAction } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import {
  breachedOutput,
  countOf,
  DAY,
  deliveredBreaches,
  deliveredMessages,
  escalationComments,
  HOUR,
  iso,
  LOW_VECTOR,
  ORG,
  PRIVATE_LIB,
  PROJECT,
  SlaWorld,
  sweepInputs,
  TRACKER,
} from './sla-check.world.js';

const RECEIVED = '2026-03-02T09:00:00.000Z'; // a Monday
const T0 = Date.parse(RECEIVED);
const at = (ms: number): string => iso(T0 + ms);

let emulator: Emulator;
let world: SlaWorld;

beforeEach(async () => {
  emulator = await startEmulator({ now: RECEIVED });
  world = new SlaWorld(emulator);
});

afterEach(async () => {
  world.expectNoLeaks();
  expect(emulator.contractViolations).toEqual([]);
  await emulator.close();
});

const withWebhook = (extra: Record<string, string> = {}) =>
  sweepInputs({ 'notify-webhook': emulator.webhook.url, ...extra });

// The smoke layer: one whole sweep through the built bundle in its own process (inputs and outputs as the runner
// passes them, the step summary file, the clock override); every other scenario runs main in this process.
describe('bundle smoke', () => {
  beforeEach(() => {
    world = new SlaWorld(emulator, runAction);
  });

  it('a report nobody acknowledged is due soon, then breached on the first sweep after the deadline, escalated once on the dashboard', async () => {
    const advisory = world.report(RECEIVED);

    const early = await world.sweep(at(47 * HOUR), withWebhook());
    expect(early.exitCode).toBe(0);
    expect(JSON.parse(early.outputs['due-soon'] ?? '')).toEqual([
      {
        id: advisory.ghsaId,
        repository: PROJECT,
        stage: 'received',
        steps: [{ step: 'acknowledge', due: '2026-03-04T09:00:00.000Z' }],
      },
    ]);
    expect(early.outputs.breached).toBe('[]');
    expect(early.outputs['all-clear']).toBe('false');
    expect(emulator.webhook.deliveries).toEqual([]);
    expect(world.dashboard().body).toContain(`| ${advisory.ghsaId} | not tracked yet | ${PROJECT} |`);

    const late = await world.sweep(at(48 * HOUR + 60_000), withWebhook());
    expect(late.exitCode).toBe(0);
    expect(breachedOutput(late)).toEqual([`${advisory.ghsaId} acknowledge`]);
    expect(deliveredBreaches(emulator)).toEqual([`${advisory.ghsaId} acknowledge`]);
    const dashboard = world.dashboard();
    const mentions = world.commentsOn(dashboard.number);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.body).toMatch(/^@sample-org\/security-team \*\*SLA breach\*\* on GHSA-/);
    expect(readDashboardState(dashboard.body).escalated).toEqual({ [advisory.ghsaId]: ['acknowledge'] });
    expect(dashboard.body).toContain('🔴 breached');
    expect(late.summary).toContain(`| ${advisory.ghsaId} | ${PROJECT} | unknown | received |`);

    // The same breach a few hours later (same day of age): nothing new to say, nothing written.
    const again = await runAgain(
      'sla-check',
      { emulator, now: at(50 * HOUR), inputs: withWebhook() },
      emulator,
      world.run,
    );
    world.results.push(again.result);
    expect(again.result.exitCode).toBe(0);
    expect(again.writes).toEqual([]);
    expect(emulator.webhook.deliveries).toHaveLength(1);
  });
});

describe('a tracking issue', () => {
  it('carries exactly one SLA label and one status comment, and each breach is escalated once per step', async () => {
    const advisory = world.report(RECEIVED);
    const issue = world.trackAdvisory(advisory, { acknowledgedAt: at(2 * HOUR) });
    for (const name of ['sla:breached', 'tlp:amber']) addLabel(emulator.state, TRACKER, name);
    world.issue(issue.number).labels.push('sla:breached', 'tlp:amber');

    const first = await world.sweep(at(3 * DAY), withWebhook());
    expect(first.exitCode).toBe(0);
    expect(world.slaLabels(issue)).toEqual(['sla:on-time']);
    expect(world.issue(issue.number).labels).toEqual(expect.arrayContaining([TRACKER_LABEL, 'tlp:amber']));
    const comments = world.commentsOn(issue.number);
    expect(comments).toHaveLength(1);
    const statusId = comments[0]?.id;
    expect(comments[0]?.body).toContain('### SLA status: 🟢 on time');
    expect(world.stateOf(issue).sla).toMatchObject({ status: 'on-time', comment: statusId });
    expect(world.issue(issue.number).body).toContain('<!-- section:gantt -->');
    expect(world.issue(issue.number).body).toContain('```mermaid\ngantt');

    emulator.resetLog();
    const soon = await world.sweep(at(6 * DAY), withWebhook());
    expect(soon.exitCode).toBe(0);
    expect(world.slaLabels(issue)).toEqual(['sla:due-soon']);
    expect(world.commentsOn(issue.number).map((c) => c.id)).toEqual([statusId]);
    // Edited by the id the state block holds: the comments are not listed to find it.
    const listed = emulator.log.filter(
      (e) => e.method === 'GET' && e.path === `/repos/${TRACKER}/issues/${issue.number}/comments`,
    );
    expect(listed).toEqual([]);
    expect(world.commentsOn(issue.number)[0]?.body).toContain('| Triage | 2026-03-09 09:00 UTC | — | **due soon** |');

    const breached = await world.sweep(at(7 * DAY + HOUR), withWebhook());
    expect(breachedOutput(breached)).toEqual([
      `${advisory.ghsaId} advisory-cve`,
      `${advisory.ghsaId} fix-team`,
      `${advisory.ghsaId} triage`,
    ]);
    expect(world.slaLabels(issue)).toEqual(['sla:breached']);
    expect(deliveredBreaches(emulator).sort()).toEqual(breachedOutput(breached));
    expect(escalationComments(emulator).sort()).toEqual(breachedOutput(breached));
    expect(world.stateOf(issue).escalated).toEqual(['triage', 'fix-team', 'advisory-cve']);
    expect(world.commentsOn(issue.number).filter((c) => c.body.includes('@sample-org/security-team'))).toHaveLength(3);

    // Hours later, the same day of age: nothing changed, nothing written.
    emulator.resetLog();
    const unchanged = await world.sweep(at(7 * DAY + 6 * HOUR), withWebhook());
    expect(unchanged.exitCode).toBe(0);
    expect(world.writes()).toEqual([]);

    // Triaged late: that breach is over; the others stay, and nothing is escalated again.
    world.setState(issue, { triagedAt: at(8 * DAY + HOUR) });
    advisory.state = 'draft';
    const triaged = await world.sweep(at(8 * DAY + 2 * HOUR), withWebhook());
    expect(breachedOutput(triaged)).toEqual([`${advisory.ghsaId} advisory-cve`, `${advisory.ghsaId} fix-team`]);
    expect(world.commentsOn(issue.number)[0]?.body).toContain(
      '| Triage | 2026-03-09 09:00 UTC | 2026-03-10 10:00 UTC | met late |',
    );

    // The fix release is due by the end of the release window on its target day (Monday 16:00-17:00 UTC).
    const release = await world.sweep(at(21 * DAY + 9 * HOUR), withWebhook());
    expect(breachedOutput(release)).toContain(`${advisory.ghsaId} fix-release`);
    expect(countOf(deliveredBreaches(emulator))).toEqual({
      [`${advisory.ghsaId} triage`]: 1,
      [`${advisory.ghsaId} fix-team`]: 1,
      [`${advisory.ghsaId} advisory-cve`]: 1,
      [`${advisory.ghsaId} fix-release`]: 1,
    });
    expect(world.commentsOn(issue.number).filter((c) => c.body.includes('SLA status'))).toHaveLength(1);
  });

  it('does not escalate again a breach the dashboard escalated before the tracking issue existed', async () => {
    const advisory = world.report(RECEIVED);
    await world.sweep(at(49 * HOUR), withWebhook());
    expect(deliveredBreaches(emulator)).toEqual([`${advisory.ghsaId} acknowledge`]);

    world.trackAdvisory(advisory, { acknowledgedAt: at(50 * HOUR) });
    const result = await world.sweep(at(51 * HOUR), withWebhook());
    expect(result.exitCode).toBe(0);
    expect(breachedOutput(result)).toEqual([]);
    expect(emulator.webhook.deliveries).toHaveLength(1);
    expect(readDashboardState(world.dashboard().body).escalated).toEqual({});
  });

  it('keeps a low severity to the extension recorded, and only reminds under Stacklok ("suggestions")', async () => {
    const low = world.report(RECEIVED, { state: 'draft', cvssVectorString: LOW_VECTOR, severity: 'low' });
    const extended = '2026-04-13T17:00:00.000Z';
    const lowIssue = world.trackAdvisory(low, {
      acknowledgedAt: at(HOUR),
      triagedAt: at(DAY),
      fixTeamAt: at(DAY),
      cveRequestedAt: at(DAY),
      cvss: { vector: LOW_VECTOR, score: 2.6, version: '3.1' },
      deadlineMoves: [{ step: 'fix-release', kind: 'extend', to: extended, reason: 'low severity', at: at(DAY) }],
    });
    const stacklok = world.report(RECEIVED);
    const stacklokIssue = world.trackAdvisory(stacklok, { policy: 'stacklok', acknowledgedAt: at(HOUR) });

    const result = await world.sweep(at(30 * DAY), withWebhook());
    expect(result.exitCode).toBe(0);
    // No automatic stretch: the extension decided in triage holds the fix release; Stacklok's steps are suggestions.
    expect(breachedOutput(result)).toEqual([]);
    expect(world.slaLabels(lowIssue)).toEqual(['sla:on-time']);
    expect(world.commentsOn(lowIssue.number)[0]?.body).toContain(
      '| Fix release | 2026-04-13 17:00 UTC (moved) | — | on time |',
    );
    expect(deliveredMessages(emulator).sort()).toEqual([
      `reminder ${stacklok.ghsaId} advisory-cve`,
      `reminder ${stacklok.ghsaId} fix-release`,
      `reminder ${stacklok.ghsaId} fix-team`,
      `reminder ${stacklok.ghsaId} triage`,
    ]);
    expect(world.slaLabels(stacklokIssue)).toEqual(['sla:due-soon']);
    const status = world.commentsOn(stacklokIssue.number).find((c) => c.body.includes('SLA status'))?.body ?? '';
    expect(status).toContain('| Triage | 2026-03-09 09:00 UTC | — | overdue (a reminder, not a breach) |');
    expect(status).not.toMatch(/breach(ed)?\*\*/);
    expect(world.dashboard().body ?? '').not.toContain('🔴');
    expect(result.summary).not.toContain('🔴');

    // Each reminder once: a second sweep with nothing new writes nothing and sends nothing.
    const before = emulator.webhook.deliveries.length;
    emulator.resetLog();
    await world.sweep(at(30 * DAY + HOUR), withWebhook());
    expect(world.writes()).toEqual([]);
    expect(emulator.webhook.deliveries).toHaveLength(before);
  });
});

describe('a negotiated release day', () => {
  const triageInputs = (advisory: { ghsaId: string }, extra: Record<string, string>) => ({
    token: 'token-admin',
    'ghsa-id': advisory.ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    ...extra,
  });
  const triaged = {
    acknowledgedAt: at(HOUR),
    triagedAt: at(DAY),
    fixTeamAt: at(DAY),
    cveRequestedAt: at(DAY),
    approvals: [{ login: 'sirt-lead', at: at(2 * DAY) }],
  };

  it('agreed beyond the target (triage) moves the fix release: no breach after the old target', async () => {
    const advisory = world.report(RECEIVED, { state: 'draft' });
    const issue = world.trackAdvisory(advisory, triaged);
    // SPEC 11: the fix release is due Monday 2026-03-23 17:00; the teams agree on Thursday 2026-04-02.
    emulator.setNow(at(2 * DAY));
    const agreed = await world.run('triage', {
      emulator,
      now: at(2 * DAY),
      inputs: triageInputs(advisory, { 'release-date': '2026-04-02', reason: 'the reporter agreed to April' }),
    });
    world.results.push(agreed);
    expect(agreed.exitCode).toBe(0);

    const result = await world.sweep(at(25 * DAY), withWebhook());
    expect(result.exitCode).toBe(0);
    expect(breachedOutput(result)).toEqual([]);
    expect(emulator.webhook.deliveries).toEqual([]);
    const status = world.commentsOn(issue.number).find((c) => c.body.includes('SLA status'))?.body ?? '';
    expect(status).toContain('| Fix release | 2026-04-02 17:00 UTC (moved) |');
    expect(world.slaLabels(issue)).not.toContain('sla:breached');
  });

  it('passed without publication is a missed release, escalated once; a second sweep writes nothing', async () => {
    const advisory = world.report(RECEIVED, { state: 'draft' });
    const issue = world.trackAdvisory(advisory, { ...triaged, agreedReleaseDate: '2026-03-12' });
    const result = await world.sweep(at(10 * DAY + 9 * HOUR), withWebhook()); // Thursday 2026-03-12 18:00
    expect(result.exitCode).toBe(0);
    expect(breachedOutput(result)).toEqual([`${advisory.ghsaId} fix-release`]);
    expect(deliveredMessages(emulator)).toEqual([`missed-release ${advisory.ghsaId}`]);
    const escalation = world.commentsOn(issue.number).find((c) => c.body.includes('sla-escalation'))?.body ?? '';
    expect(escalation).toContain('**Missed release**');
    expect(escalation).toContain('the agreed release day 2026-03-12 passed without publication');
    expect(world.slaLabels(issue)).toEqual(['sla:breached']);

    emulator.resetLog();
    const again = await world.sweep(at(10 * DAY + 10 * HOUR), withWebhook());
    expect(again.exitCode).toBe(0);
    expect(world.writes()).toEqual([]);
    expect(emulator.webhook.deliveries).toHaveLength(1);
  });

  it('passed while the publication waits for its approval is told as waiting, a reminder, not a missed release', async () => {
    const advisory = world.report(RECEIVED, { state: 'draft' });
    const issue = world.trackAdvisory(advisory, { ...triaged, approvals: [], agreedReleaseDate: '2026-03-12' });
    const result = await world.sweep(at(10 * DAY + 9 * HOUR), withWebhook());
    expect(result.exitCode).toBe(0);
    expect(breachedOutput(result)).toEqual([]);
    expect(deliveredMessages(emulator)).toEqual([`waiting-for-approval ${advisory.ghsaId}`]);
    const status = world.commentsOn(issue.number).find((c) => c.body.includes('SLA status'))?.body ?? '';
    expect(status).toContain('**Waiting for an approval**: the agreed release day 2026-03-12 passed');
    expect(status).not.toContain('Missed release');
    expect(world.slaLabels(issue)).toEqual(['sla:due-soon']);
  });
});

describe('published reports', () => {
  it('reminds of an overdue retrospective and flags a temporary fork left behind, reading only those advisories', async () => {
    const fork = `${PROJECT}-ghsa-fork`;
    addRepo(emulator.state, fork, { private: true, fork: true });
    const published = world.report(RECEIVED, {
      state: 'published',
      publishedAt: at(10 * DAY),
      privateFork: fork,
      cveId: 'CVE-2026-1000',
    });
    const retrospective = addIssue(emulator.state, TRACKER, {
      title: 'Retrospective',
      labels: ['disclosure-retrospective'],
    });
    const issue = world.trackAdvisory(published, {
      acknowledgedAt: at(HOUR),
      triagedAt: at(DAY),
      fixTeamAt: at(DAY),
      cveRequestedAt: at(DAY),
      fork: { fullName: fork, url: `https://github.com/${fork}` },
      releasedAt: at(10 * DAY),
      publishedAt: at(10 * DAY),
      retrospectiveIssue: retrospective.number,
    });
    world.issue(issue.number).state = 'closed';

    const overdue = await world.sweep(at(14 * DAY), withWebhook());
    expect(overdue.exitCode).toBe(0);
    // SPEC 11's retrospective is optional ("could"): a reminder, never a breach.
    expect(breachedOutput(overdue)).toEqual([]);
    expect(deliveredMessages(emulator)).toEqual([`reminder ${published.ghsaId} retrospective`]);
    expect(JSON.parse(overdue.outputs['stale-forks'] ?? '')).toEqual([
      { id: published.ghsaId, repository: PROJECT, fork },
    ]);
    const dashboard = world.dashboard().body ?? '';
    expect(dashboard).toContain('## Temporary private forks to delete');
    expect(dashboard).toContain(`| ${published.ghsaId} | ${PROJECT} | ${fork} |`);
    const reads = emulator.log.filter((entry) => entry.method === 'GET').map((entry) => entry.path);
    expect(reads).toContain(`/repos/${PROJECT}/security-advisories/${published.ghsaId}`);
    expect(reads).toContain(`/repos/${TRACKER}/issues/${retrospective.number}`);
    const listed = emulator.log.filter((entry) => entry.path === `/orgs/${ORG}/security-advisories`);
    expect(listed.map((entry) => entry.query.state).sort()).toEqual(['draft', 'triage']);

    // The retrospective is held (its issue closed): recorded, the breach is over; the fork still has to go.
    const held = emulator.state.issues.find((i) => i.id === retrospective.id);
    if (held) Object.assign(held, { state: 'closed', closedAt: at(14 * DAY + HOUR) });
    const after = await world.sweep(at(14 * DAY + 2 * HOUR), withWebhook());
    expect(breachedOutput(after)).toEqual([]);
    expect(world.stateOf(issue).retrospectiveDoneAt).toBe(at(14 * DAY + HOUR));
    expect(JSON.parse(after.outputs['stale-forks'] ?? '')).toHaveLength(1);
    expect(world.slaLabels(issue)).toEqual([]);

    // Cleanup deleted the fork: nothing left, and no more single reads.
    published.privateFork = null;
    world.setState(issue, { forkDeletedAt: at(15 * DAY) });
    await world.sweep(at(15 * DAY + HOUR), withWebhook());
    emulator.resetLog();
    const done = await world.sweep(at(15 * DAY + 2 * HOUR), withWebhook());
    expect(done.outputs['stale-forks']).toBe('[]');
    expect(emulator.log.filter((entry) => entry.path.includes(published.ghsaId))).toEqual([]);
    expect(world.writes()).toEqual([]);
    expect(countOf(deliveredMessages(emulator))).toEqual({ [`reminder ${published.ghsaId} retrospective`]: 1 });
  });

  it('records an advisory closed by hand and applies no deadline to it', async () => {
    const closed = world.report(RECEIVED, { state: 'closed', closedAt: at(2 * DAY) });
    const issue = world.trackAdvisory(closed, { acknowledgedAt: at(HOUR) });
    const result = await world.sweep(at(30 * DAY), withWebhook());
    expect(result.exitCode).toBe(0);
    expect(breachedOutput(result)).toEqual([]);
    expect(world.stateOf(issue).closedAt).toBe(at(2 * DAY));
    expect(world.commentsOn(issue.number)[0]?.body).toContain('⚪ closed');
    emulator.resetLog();
    await world.sweep(at(31 * DAY), withWebhook());
    expect(emulator.log.filter((entry) => entry.path.includes(closed.ghsaId))).toEqual([]);
  });
});

describe('visibility', () => {
  it('falls back to each repository when the org list is refused, and says so', async () => {
    const advisory = world.report(RECEIVED, {}, PRIVATE_LIB);
    const result = await world.sweep(at(3 * DAY), { ...withWebhook(), token: 'token-repo-writer' });
    expect(result.exitCode).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toContain('listing each repository instead');
    expect(breachedOutput(result)).toEqual([`${advisory.ghsaId} acknowledge`]);
    const perRepo = emulator.log.filter((e) => /^\/repos\/[^/]+\/[^/]+\/security-advisories$/.test(e.path));
    expect(perRepo.length).toBeGreaterThanOrEqual(4);
    expect(result.outputs['blind-spots']).toBe('[]');
    expect(world.dashboard().body).toContain('each repository listed');
  });

  it('never reports all clear while the token cannot see some repositories', async () => {
    const inputs = sweepInputs({ organization: '', repositories: `${PROJECT}, sample-org/secret-repo` });
    const result = await world.sweep(at(HOUR), inputs);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.breached).toBe('[]');
    expect(JSON.parse(result.outputs['blind-spots'] ?? '')).toEqual([
      { repository: 'sample-org/secret-repo', reason: 'advisories-unreadable' },
    ]);
    expect(result.outputs['all-clear']).toBe('false');
    expect(world.dashboard().body).toContain(
      '| sample-org/secret-repo | the token cannot list its security advisories |',
    );
  });

  it('counts every repository a token sees only the published advisories of as a blind spot', async () => {
    const advisory = world.report(RECEIVED);
    world.trackAdvisory(advisory, { acknowledgedAt: at(HOUR) });
    const inputs = sweepInputs({ token: 'token-no-advisories', inventory: 'true' });
    const result = await world.sweep(at(2 * HOUR), inputs);
    expect(result.exitCode).toBe(0);
    const spots = JSON.parse(result.outputs['blind-spots'] ?? '') as { repository: string; reason: string }[];
    // The token is no admin of any repository: GitHub would show it published advisories only, quietly.
    expect(spots).toEqual([
      { repository: 'sample-org/docs-site', reason: 'published-only' },
      { repository: 'sample-org/private-lib', reason: 'published-only' },
      { repository: PROJECT, reason: 'published-only' },
      { repository: TRACKER, reason: 'published-only' },
    ]);
    expect(result.outputs['all-clear']).toBe('false');
    expect(world.dashboard().body).toContain('## Blind spots');
  });

  it('is all clear when nothing is open, nothing is due and every repository is readable', async () => {
    const result = await world.sweep(at(HOUR), withWebhook());
    expect(result.exitCode).toBe(0);
    expect(result.outputs['all-clear']).toBe('true');
    expect(world.dashboard().body).toContain('_No open report in scope._');
  });
});

describe('inventory', () => {
  it('checks one batch per run, remembers the gaps, and re-runs without writing', async () => {
    const inputs = sweepInputs({ inventory: 'true', 'inventory-batch': '2' });
    const run = (number: number) => ({ env: { GITHUB_RUN_NUMBER: String(number) } });

    const first = await world.sweep(at(HOUR), inputs, run(1));
    expect(first.exitCode).toBe(0);
    const repoLists = emulator.log.filter((entry) => entry.path === `/orgs/${ORG}/repos`);
    expect(repoLists.map((entry) => entry.query)).toEqual([
      { type: 'all', sort: 'full_name', per_page: '2', page: '1' },
    ]);
    expect(readDashboardState(world.dashboard().body).inventory).toMatchObject({ batches: 2, checked: [1], gaps: [] });

    const second = await world.sweep(at(2 * HOUR), inputs, run(2));
    expect(second.exitCode).toBe(0);
    const body = world.dashboard().body ?? '';
    expect(body).toContain('Checked 2 of 2 batch(es)');
    expect(body).toContain('- private vulnerability reporting is off (1): sample-org/docs-site');
    expect(body).toMatch(/- no SECURITY\.md .* \(2\): sample-org\/docs-site, sample-org\/private-lib/);
    const checks = emulator.log.filter((entry) => entry.path.endsWith('/private-vulnerability-reporting'));
    // Public repositories only (GitHub offers private reporting on those): sample-project, then docs-site.
    expect(checks.map((entry) => entry.path)).toEqual([
      `/repos/${PROJECT}/private-vulnerability-reporting`,
      '/repos/sample-org/docs-site/private-vulnerability-reporting',
    ]);

    const again = await runAgain('sla-check', { emulator, now: at(3 * HOUR), inputs, ...run(2) }, emulator, world.run);
    world.results.push(again.result);
    expect(again.writes).toEqual([]);
  });
});

describe('cost', () => {
  it('sweeps at one list request per 100 open advisories and per 100 tracking issues, and a no-change sweep writes nothing', async () => {
    for (let i = 0; i < 150; i += 1) {
      const advisory = addAdvisory(emulator.state, PROJECT, {
        state: 'triage',
        createdAt: RECEIVED,
        submissionAccepted: false,
      });
      if (i < 100) world.trackAdvisory(advisory, { acknowledgedAt: at(HOUR) });
    }
    for (let i = 0; i < 120; i += 1) {
      const advisory = addAdvisory(emulator.state, PRIVATE_LIB, {
        state: 'draft',
        createdAt: RECEIVED,
        submissionAccepted: true,
      });
      if (i < 90) world.trackAdvisory(advisory, { acknowledgedAt: at(HOUR), triagedAt: at(HOUR) });
    }
    for (let i = 0; i < 300; i += 1) {
      addAdvisory(emulator.state, PROJECT, { state: 'published', createdAt: RECEIVED, publishedAt: RECEIVED });
    }

    const first = await world.sweep(at(2 * HOUR));
    expect(first.exitCode).toBe(0);
    emulator.resetLog();
    const again = await world.sweep(at(3 * HOUR));
    expect(again.exitCode).toBe(0);
    expect(world.writes()).toEqual([]);
    const requests = emulator.log.map((entry) => `${entry.method} ${entry.path} ${entry.query.state ?? ''}`.trim());
    // Floor: 270 open advisories -> 3 list pages, 190 tracking issues (and the dashboard, which carries the tracker
    // label) -> 2. On top: the tracker's privacy check (the repository, and the organization's base permission), and
    // the open list split into its two states.
    expect(countOf(requests)).toEqual({
      [`GET /repos/${TRACKER}`]: 1,
      [`GET /orgs/${ORG}`]: 1,
      [`GET /orgs/${ORG}/security-advisories triage`]: 2,
      [`GET /orgs/${ORG}/security-advisories draft`]: 2,
      [`GET /repos/${TRACKER}/issues all`]: 2,
    });
  }, 120_000);
});

describe('settling', () => {
  it('lets another tracking issue make its requests while one waits for its update to settle, even at concurrency 1', async () => {
    const issues = [0, 1, 2].map(() => world.trackAdvisory(world.report(RECEIVED), { acknowledgedAt: at(HOUR) }));
    emulator.resetLog();
    const run = await world.sweep(at(8 * DAY), sweepInputs({ concurrency: '1' }));
    expect(run.exitCode).toBe(0);
    const onIssue = (number: number) => (entry: { path: string }) =>
      entry.path === `/repos/${TRACKER}/issues/${number}` ||
      entry.path.startsWith(`/repos/${TRACKER}/issues/${number}/`);
    // Each issue's update: PATCH, the settling wait, then a GET to check it; meanwhile the next issue is at work.
    const first = issues[0]!.number;
    const patchAt = emulator.log.findIndex(
      (e) => e.method === 'PATCH' && e.path === `/repos/${TRACKER}/issues/${first}`,
    );
    const checkAt = emulator.log.findIndex(
      (e, index) => index > patchAt && e.method === 'GET' && e.path === `/repos/${TRACKER}/issues/${first}`,
    );
    expect(patchAt).toBeGreaterThanOrEqual(0);
    expect(checkAt).toBeGreaterThan(patchAt);
    const between = emulator.log.slice(patchAt + 1, checkAt);
    expect(between.filter(onIssue(issues[1]!.number)).length).toBeGreaterThan(0);
    // The first issue itself makes no request while it waits.
    expect(between.filter(onIssue(first))).toEqual([]);
  }, 60_000);
});

describe('modes', () => {
  it('dry-run computes and prints everything and writes nothing', async () => {
    const advisory = world.report(RECEIVED);
    const issue = world.trackAdvisory(advisory, { acknowledgedAt: at(HOUR) });
    const result = await world.sweep(at(8 * DAY), withWebhook({ 'dry-run': 'true' }));
    expect(result.exitCode).toBe(0);
    expect(emulator.writes()).toEqual([]);
    expect(breachedOutput(result)).toEqual([
      `${advisory.ghsaId} advisory-cve`,
      `${advisory.ghsaId} fix-team`,
      `${advisory.ghsaId} triage`,
    ]);
    expect(result.stdout).toContain(`Would escalate the Triage breach of ${advisory.ghsaId} (#${issue.number}).`);
    expect(result.stdout).toContain('Would create the dashboard.');
    expect(result.summary).toContain('## SLA sweep (dry run: nothing written)');
    expect(result.outputs.dashboard).toBe('');
  });

  it('fail-on-breach fails the job after escalating and reporting', async () => {
    const advisory = world.report(RECEIVED);
    const result = await world.sweep(at(3 * DAY), withWebhook({ 'fail-on-breach': 'true' }));
    expect(result.exitCode).toBe(1);
    expect(result.errors.map((e) => e.message)).toEqual([
      `sla-check: 1 report(s) breached a deadline: ${advisory.ghsaId} (fail-on-breach is on).`,
    ]);
    expect(breachedOutput(result)).toEqual([`${advisory.ghsaId} acknowledge`]);
    expect(emulator.webhook.deliveries).toHaveLength(1);
  });

  it('escalates in the tracker first; a refused chat message fails the sweep once and is never sent twice', async () => {
    const advisory = world.report(RECEIVED);
    emulator.webhook.failNext(403);
    const failed = await world.sweep(at(3 * DAY), withWebhook());
    expect(failed.exitCode).toBe(1);
    expect(failed.errors[0]?.message).toContain(
      `${advisory.ghsaId} acknowledge (the generic webhook refused it with HTTP 403`,
    );
    expect(failed.warnings.map((w) => w.message).join('\n')).toContain(
      `Breach of acknowledge on ${advisory.ghsaId} escalated in the tracker: the generic webhook refused it`,
    );
    expect(escalationComments(emulator)).toHaveLength(1);
    const next = await world.sweep(at(3 * DAY + HOUR), withWebhook());
    expect(next.exitCode).toBe(0);
    expect(emulator.webhook.deliveries).toEqual([]);
    expect(escalationComments(emulator)).toHaveLength(1);
  });

  it('completes a sweep cut short after the mention was posted, without a second message', async () => {
    const advisory = world.report(RECEIVED);
    const issue = world.trackAdvisory(advisory, { acknowledgedAt: at(HOUR) });
    // What an interrupted sweep leaves: the message sent and the mention posted, the state block not updated.
    const marker = `<!-- disclosure-actions:sla-escalation ${advisory.ghsaId} triage -->`;
    world.emulator.state.issueComments.push({
      id: 999_001,
      repo: TRACKER,
      issueNumber: issue.number,
      body: `@sample-org/security-team **SLA breach** ...\n\n${marker}`,
      user: 'sirt-lead',
      createdAt: at(7 * DAY),
      updatedAt: at(7 * DAY),
    });
    const result = await world.sweep(at(7 * DAY + HOUR), withWebhook());
    expect(result.exitCode).toBe(0);
    expect(deliveredBreaches(emulator).sort()).toEqual([
      `${advisory.ghsaId} advisory-cve`,
      `${advisory.ghsaId} fix-team`,
    ]);
    expect(world.stateOf(issue).escalated).toEqual(['triage', 'fix-team', 'advisory-cve']);
    expect(escalationComments(emulator).filter((c) => c.endsWith(' triage'))).toHaveLength(1);
  });
});

/** Puts the world back as it was, keeping the arrays the emulator holds on to (the webhook sink's deliveries). */
function restore(target: Emulator, snapshot: string): void {
  const saved = JSON.parse(snapshot) as Record<string, unknown>;
  for (const [key, value] of Object.entries(saved)) {
    const current: unknown = Reflect.get(target.state, key);
    if (Array.isArray(current) && Array.isArray(value)) current.splice(0, current.length, ...value);
    else Reflect.set(target.state, key, value);
  }
}

describe('interrupted sweeps', () => {
  it('finish on the next run with each breach notified once, wherever the first run was cut', async () => {
    const tracked = world.report(RECEIVED);
    const issue = world.trackAdvisory(tracked, { acknowledgedAt: at(HOUR) });
    const untracked = world.report(RECEIVED);
    const snapshot = JSON.stringify(emulator.state);
    const expected = [
      `${tracked.ghsaId} advisory-cve`,
      `${tracked.ghsaId} fix-team`,
      `${tracked.ghsaId} triage`,
      `${untracked.ghsaId} acknowledge`,
      `${untracked.ghsaId} advisory-cve`,
      `${untracked.ghsaId} fix-team`,
      `${untracked.ghsaId} triage`,
    ];
    emulator.resetLog();
    await world.sweep(at(8 * DAY), withWebhook());
    const requests = emulator.log.filter((entry) => entry.operationId !== 'webhook').length;
    expect(requests).toBeGreaterThan(8);
    for (let cut = 1; cut < requests; cut += 1) {
      restore(emulator, snapshot);
      emulator.setFaults({ primaryRateLimitAfter: cut, primaryResetSeconds: 3600 });
      const cutShort = await world.sweep(at(8 * DAY), withWebhook());
      emulator.setFaults({});
      const finished = await world.sweep(at(8 * DAY + HOUR), withWebhook());
      expect([cut, cutShort.exitCode, finished.exitCode]).toEqual([cut, 1, 0]);
      expect([cut, [...new Set(deliveredBreaches(emulator))].sort()]).toEqual([cut, expected]);
      // A cut between a message and its mention comment is the one place a message can repeat.
      const repeats = Object.values(countOf(deliveredBreaches(emulator))).filter((n) => n > 1);
      expect([cut, repeats.length <= 1]).toEqual([cut, true]);
      expect([cut, countOf(escalationComments(emulator))]).toEqual([
        cut,
        Object.fromEntries(expected.map((e) => [e, 1])),
      ]);
      expect([cut, world.commentsOn(issue.number).filter((c) => c.body.includes('SLA status')).length]).toEqual([
        cut,
        1,
      ]);
      expect([cut, world.dashboards().length]).toEqual([cut, 1]);
      const again = await runAgain(
        'sla-check',
        { emulator, now: at(8 * DAY + 2 * HOUR), inputs: withWebhook() },
        emulator,
        world.run,
      );
      expect([cut, again.writes]).toEqual([cut, []]);
    }
  }, 180_000);
});

describe('bad inputs', () => {
  it.each([
    ['a public tracker', { tracker: 'sample-org/docs-site' }, 'tracker', 'is public'],
    ['a malformed duration', { 'due-soon': 'soonish' }, 'due-soon', 'which is not a duration'],
    ['a bad fraction', { 'due-soon-fraction': '2' }, 'due-soon-fraction', 'from 0 to below 1'],
    ['a plain-http webhook', { 'notify-webhook': 'http://chat.example.org/hook' }, 'notify-webhook', 'https://'],
    [
      'a malformed repository list',
      { organization: '', repositories: 'sample-org/ok, not a repo' },
      'repositories',
      'owner/name',
    ],
    ['no scope', { organization: '' }, 'organization', 'needs a scope'],
    ['a malformed team', { team: 'not a team!' }, 'team', 'team slug'],
    ['a bad batch size', { inventory: 'true', 'inventory-batch': '500' }, 'inventory-batch', '1 to 100'],
  ])('%s exits 1 with an annotation naming the input, and writes nothing', async (_name, extra, input, text) => {
    world.report(RECEIVED);
    const result = await world.sweep(at(3 * DAY), { ...withWebhook(), ...extra });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(`configuration error in ${input}`);
    expect(result.errors[0]?.message).toContain(text);
    expect(emulator.writes()).toEqual([]);
    expect(emulator.webhook.deliveries).toEqual([]);
  });
});
