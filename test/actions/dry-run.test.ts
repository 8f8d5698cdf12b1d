/**
 * `dry-run: true` on the actions that write: run dry against a seeded emulator, no write is made and the `plan`
 * output lists the writes; run for real on the same state, and the writes made are the plan, in order.
 */
import { describe, expect, it } from '@jest/globals';
import type { Emulator, LoggedRequest } from '../emulator/index.js';
import type { RunResult } from '../harness/run-action.js';
import { watchedEmulator } from '../harness/watched-emulator.js';
import { SENTINELS } from '../harness/leaks.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import {
  addEmbargoedAdvisory,
  addPrivateReport,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
  READY_TO_RELEASE,
} from '../harness/seed.js';
import {
  baseInputs,
  denialOfService,
  embargoedBystander,
  NOW,
  pathTraversal,
  publish,
  release,
  trackingIssue,
} from './publish-announcement.world.js';

interface PlannedWrite {
  readonly action: string;
  readonly target: string;
  readonly fields: readonly string[];
}

const watched = watchedEmulator(() => ({ now: NOW }));

function planOf(result: RunResult): PlannedWrite[] {
  expect(result.outputs.plan).toBeDefined();
  return JSON.parse(result.outputs.plan ?? '[]') as PlannedWrite[];
}

/** A write the emulator logged, as the plan names it: the kind from the operation, the target from the path. */
function asPlanned(write: LoggedRequest): { action: string; target: string } {
  if (write.operationId === 'webhook') return { action: 'send chat message', target: 'notify-webhook' };
  if (write.operationId === 'graphql') {
    const query = (write.body as { query?: string }).query ?? '';
    const name = /mutation\b[^{]*\{\s*(\w+)/.exec(query)?.[1] ?? '';
    return { action: name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`), target: '' };
  }
  const path = write.path;
  const repo = /^\/repos\/([^/]+\/[^/]+)/.exec(path)?.[1] ?? '';
  const rules: [RegExp, string, (m: RegExpExecArray) => string][] = [
    [/\/security-advisories\/(GHSA[\w-]+)$/, 'update advisory', (m) => m[1] ?? ''],
    [/\/security-advisories\/(GHSA[\w-]+)\/comments$/, 'comment on advisory', (m) => m[1] ?? ''],
    [/\/security-advisories\/(GHSA[\w-]+)\/cve$/, 'request CVE', (m) => m[1] ?? ''],
    [/\/issues$/, 'create issue', () => repo],
    [/\/issues\/(\d+)$/, 'update issue', (m) => `${repo}#${m[1]}`],
    [/\/issues\/(\d+)\/comments$/, 'comment on issue', (m) => `${repo}#${m[1]}`],
    [
      /\/issues\/comments\/(\d+)$/,
      write.method === 'DELETE' ? 'delete comment' : 'update comment',
      (m) => `${repo} comment ${m[1]}`,
    ],
    [/\/releases\/(\d+)$/, 'update release', (m) => `${repo} release ${m[1]}`],
  ];
  for (const [route, action, target] of rules) {
    const match = route.exec(path);
    if (match) return { action, target: target(match) };
  }
  return { action: `${write.method} ${path}`, target: '' };
}

/** The plan without field names, and GraphQL targets (node ids) left out as the log cannot name them. */
const kindsAndTargets = (plan: readonly PlannedWrite[]) =>
  plan.map((write) => ({
    action: write.action,
    target: write.action.startsWith('create discussion') ? '' : write.target,
  }));

async function dryThenReal(
  emulator: Emulator,
  run: (inputs: Record<string, string>) => Promise<RunResult>,
  inputs: Record<string, string>,
  /** A plan target as the real run names it (a thing the run creates: its number is known only after it). */
  resolve: (target: string) => string = (target) => target,
): Promise<{ dry: RunResult; plan: PlannedWrite[]; real: RunResult }> {
  emulator.resetLog();
  const dry = await run({ ...inputs, 'dry-run': 'true' });
  expect(dry.errors).toEqual([]);
  expect(emulator.writes()).toEqual([]);
  const plan = planOf(dry);
  expect(plan.length).toBeGreaterThan(0);
  expect(dry.stdout).toContain(`Dry run: ${plan.length} write(s) planned, none made.`);
  expect(dry.summary).toContain(`Dry run: ${plan.length} write(s) planned, none made`);
  expect(Object.keys(dry.outputs)).toEqual(['plan']);
  const real = await run(inputs);
  expect(real.errors).toEqual([]);
  expect(real.outputs.plan).toBeUndefined();
  expect(emulator.writes().map(asPlanned)).toEqual(
    kindsAndTargets(plan).map((write) => ({ ...write, target: resolve(write.target) })),
  );
  return { dry, plan, real };
}

describe('dry-run: publish-announcement', () => {
  it('publishes nothing, plans every write, gives out no announcement, and the real run makes exactly the plan', async () => {
    const emulator = watched.emulator;
    const a = pathTraversal(emulator);
    const b = denialOfService(emulator);
    embargoedBystander(emulator);
    release(emulator);
    trackingIssue(emulator, a);
    trackingIssue(emulator, b);
    const drafts = [a, b].map((advisory) => advisory.description ?? '').filter((text) => text !== '');
    const run = (inputs: Record<string, string>) => publish(emulator, inputs, watched.results);
    const { dry, plan } = await dryThenReal(emulator, run, baseInputs(emulator, [a, b]));
    // Nothing of the still-embargoed drafts anywhere a dry run writes to.
    for (const text of drafts) {
      expect(dry.stdout).not.toContain(text);
      expect(dry.summary).not.toContain(text);
      expect(JSON.stringify(dry.outputs)).not.toContain(text);
    }
    expect(plan.slice(0, 2)).toEqual([
      { action: 'update advisory', target: a.ghsaId, fields: ['state'] },
      { action: 'update advisory', target: b.ghsaId, fields: ['state'] },
    ]);
    expect(plan.map((write) => write.action)).toContain('send chat message');
    expect(emulator.state.advisories.find((x) => x.ghsaId === a.ghsaId)?.state).toBe('published');
  });
});

describe('dry-run: triage', () => {
  it('writes nothing, plans the advisory update, CVE request and tracker update; the real run makes exactly the plan', async () => {
    const emulator = watched.emulator;
    emulator.setNow('2026-01-06T10:00:00Z');
    const advisory = addPrivateReport(emulator.state, PROJECT, {
      createdAt: '2026-01-05T09:00:00Z',
      collaboratingUsers: ['carol'],
    });
    addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      receivedAt: '2026-01-05T09:00:00Z',
      state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'advisory-comment' },
      labels: [],
      createdAt: '2026-01-05T09:00:00Z',
      checklistPolicy: SPEC11,
    });
    const inputs = {
      token: 'token-admin',
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      tracker: TRACKER,
      'cvss-vector': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      tlp: 'amber',
      decision: 'accept',
      'fix-team': 'bob',
      'request-cve': 'true',
    };
    const run = (given: Record<string, string>) =>
      watched.run('triage', { now: '2026-01-06T10:00:00Z', inputs: given });
    const { plan } = await dryThenReal(emulator, run, inputs);
    expect(plan.map((write) => write.action)).toEqual(
      expect.arrayContaining(['update advisory', 'request CVE', 'update issue']),
    );
    expect(plan.find((write) => write.action === 'update advisory')?.target).toBe(advisory.ghsaId);
    expect(JSON.stringify(plan)).not.toMatch(/SENTINEL|sentinel/);
  });
});

describe('debug output: the request log under ACTIONS_STEP_DEBUG', () => {
  function world(emulator: Emulator): Record<string, string> {
    const a = pathTraversal(emulator);
    embargoedBystander(emulator);
    release(emulator);
    trackingIssue(emulator, a);
    return baseInputs(emulator, [a]);
  }
  const requestLines = (result: RunResult): string[] =>
    result.commands.filter((c) => c.command === 'debug' && c.message.startsWith('request ')).map((c) => c.message);

  it('logs method, route template, status, time and rate limit of each request, and nothing embargoed', async () => {
    const emulator = watched.emulator;
    const inputs = world(emulator);
    const result = await publish(emulator, { ...inputs, 'dry-run': 'true' }, watched.results, {
      env: { RUNNER_DEBUG: '1' },
    });
    expect(result.errors).toEqual([]);
    const lines = requestLines(result);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^request GET \/repos\/\{owner\}\/\{repo\}\/security-advisories\/\{ghsa_id\} -> 200 in \d+ ms, rate limit remaining \d+$/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^request POST \/graphql -> 200 in \d+ ms/));
    expect(lines.join('\n')).not.toMatch(/GHSA-|sample-org|token-/);
    // (the leak check of watchedEmulator runs on this result after the test)
  });

  it('logs no request without debug', async () => {
    const emulator = watched.emulator;
    const result = await publish(emulator, { ...world(emulator), 'dry-run': 'true' }, watched.results);
    expect(result.errors).toEqual([]);
    expect(requestLines(result)).toEqual([]);
  });
});

describe('dry-run: ack-report', () => {
  const AT = '2026-01-06T10:00:00Z';
  const trackerIssueOf = (emulator: Emulator, ghsaId: string) =>
    emulator.state.issues.find(
      (issue) => issue.repo === TRACKER && issue.title.includes(ghsaId) && issue.body?.includes(ghsaId),
    );
  const ackInputs = (emulator: Emulator): Record<string, string> => ({
    token: 'token-admin',
    tracker: TRACKER,
    organization: 'sample-org',
    team: 'security-team',
    users: 'alice',
    'notify-webhook': emulator.webhook.url,
  });
  const runAck = (given: Record<string, string>) =>
    watched.run('ack-report', { now: AT, eventName: 'schedule', inputs: given });

  it('writes nothing, plans the tracking issue and every write to it by "the issue created by write 1"; the real run makes exactly the plan', async () => {
    const emulator = watched.emulator;
    emulator.setNow(AT);
    const fresh = addPrivateReport(emulator.state, PROJECT, {
      createdAt: '2026-01-05T09:00:00Z',
      collaboratingUsers: ['carol'],
    });
    // Acknowledged by an earlier run: no write planned for it.
    const earlier = addPrivateReport(emulator.state, PROJECT, { createdAt: '2026-01-04T09:00:00Z' });
    addTrackingIssue(emulator.state, {
      ...reportOf(earlier),
      state: { acknowledgedAt: '2026-01-04T10:00:00.000Z', ackChannel: 'advisory-comment' },
      createdAt: '2026-01-04T09:30:00Z',
    });
    const created = `${TRACKER}, the issue created by write 1`;
    const resolve = (target: string): string =>
      target === created ? `${TRACKER}#${trackerIssueOf(emulator, fresh.ghsaId)?.number ?? '?'}` : target;
    const { dry, plan } = await dryThenReal(emulator, runAck, ackInputs(emulator), resolve);
    expect(plan).toEqual([
      { action: 'create issue', target: TRACKER, fields: ['title', 'body', 'labels'] },
      { action: 'update advisory', target: fresh.ghsaId, fields: ['collaborating_users', 'collaborating_teams'] },
      { action: 'comment on advisory', target: fresh.ghsaId, fields: ['body'] },
      { action: 'update issue', target: created, fields: ['body'] },
      { action: 'send chat message', target: 'notify-webhook', fields: ['text'] },
    ]);
    expect(dry.stdout).toContain(`4. update issue ${created} (body)`);
    // No placeholder number where a reader would take it for an issue.
    for (const text of [dry.stdout, dry.summary, JSON.stringify(dry.outputs)]) {
      expect(text).not.toMatch(/#0\b|\d{10,}/);
      expect(text).not.toContain(SENTINELS.description);
      expect(text).not.toContain(SENTINELS.reproduction);
      expect(text).not.toContain(SENTINELS.reporterEmail);
      expect(text).not.toContain(SENTINELS.summary);
    }
    expect(trackerIssueOf(emulator, fresh.ghsaId)?.number).toBeGreaterThan(0);
    // (the leak check of watchedEmulator runs on both runs after the test)
  });

  it('plans the claim of a report an earlier run left unfinished as the real run makes it (its own claim holds)', async () => {
    const emulator = watched.emulator;
    emulator.setNow(AT);
    const stale = addPrivateReport(emulator.state, PROJECT, {
      createdAt: '2026-01-05T09:00:00Z',
      collaboratingUsers: ['carol', 'alice'],
    });
    const issue = addTrackingIssue(emulator.state, { ...reportOf(stale), createdAt: '2026-01-05T09:30:00Z' });
    const { plan } = await dryThenReal(emulator, runAck, { ...ackInputs(emulator), team: '' });
    expect(plan.map((write) => `${write.action} ${write.target}`)).toEqual([
      `comment on issue ${TRACKER}#${issue.number}`,
      `comment on advisory ${stale.ghsaId}`,
      `update issue ${TRACKER}#${issue.number}`,
      'send chat message notify-webhook',
    ]);
  });
});

describe('dry-run: release-gate', () => {
  /** An approved advisory agreed for `day`, and its tracking issue's number. */
  function agreed(emulator: Emulator, day: string): { ghsaId: string; issue: number } {
    const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, READY_TO_RELEASE);
    const issue = addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      receivedAt: '2026-11-02T09:00:00Z',
      state: { agreedReleaseDate: day },
    });
    addReleaseApproval(emulator.state, issue, 'sirt-lead');
    return { ghsaId: advisory.ghsaId, issue: issue.number };
  }
  const gateInputs = { token: 'token-admin', tracker: TRACKER, repository: PROJECT, team: 'security-team' };

  it('forced: writes nothing, plans the override record; the real run makes exactly the plan', async () => {
    const emulator = watched.emulator;
    emulator.setNow('2026-11-20T16:05:00Z'); // a Friday: closed, forced open
    const { issue } = agreed(emulator, '2026-11-20');
    const run = (given: Record<string, string>) => watched.run('release-gate', { inputs: given });
    const { dry, plan } = await dryThenReal(emulator, run, {
      ...gateInputs,
      force: 'true',
      'force-reason': 'actively exploited',
    });
    expect(plan).toEqual([{ action: 'comment on issue', target: `${TRACKER}#${issue}`, fields: ['body'] }]);
    expect(dry.warnings.map((w) => w.message)).toContain('Release gate overridden (force): actively exploited');
  });

  it('missed: fails as the real run does, plans the team notices, and the real run makes exactly the plan', async () => {
    const emulator = watched.emulator;
    emulator.setNow('2026-11-19T17:20:00Z'); // Thursday, after the 16:00-17:00 window
    const { ghsaId, issue } = agreed(emulator, '2026-11-19');
    const inputs = { ...gateInputs, 'on-closed': 'skip', 'notify-webhook': emulator.webhook.url };
    const run = (given: Record<string, string>) =>
      watched.run('release-gate', { eventName: 'schedule', inputs: given });
    emulator.resetLog();
    const dry = await run({ ...inputs, 'dry-run': 'true' });
    expect(dry.exitCode).toBe(1);
    expect(dry.errors[0]?.message).toContain('Release missed');
    expect(emulator.writes()).toEqual([]);
    const plan = planOf(dry);
    expect(plan).toEqual([
      { action: 'comment on issue', target: `${TRACKER}#${issue}`, fields: ['body'] },
      { action: 'send chat message', target: 'notify-webhook', fields: ['text'] },
      { action: 'update issue', target: `${TRACKER}#${issue}`, fields: ['body'] },
    ]);
    expect(Object.keys(dry.outputs)).toEqual(['plan']);
    expect(dry.stdout).toContain('Dry run: 3 write(s) planned, none made.');
    const real = await run(inputs);
    expect(real.exitCode).toBe(1);
    expect(emulator.writes().map(asPlanned)).toEqual(kindsAndTargets(plan));
    expect(JSON.stringify(plan)).not.toContain(SENTINELS.description);
    expect(real.outputs['ghsa-ids']).toBe(ghsaId);
  });
});
