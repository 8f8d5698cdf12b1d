/**
 * Two runs that update one tracking issue at once both keep their change. GitHub's REST API has no conditional
 * update for issues; updateTracker (src/actions/common/tracker.ts) re-reads and merges before each write and checks
 * after a settling time that no concurrent writer wrote over it. Each scenario holds one writer's request (in its
 * client, so the body it sends is the one it computed before the other wrote) while the other writes, as two jobs
 * of the templates can: a by-hand triage with `create-fork` runs its triage and fork jobs in parallel, and an SLA
 * sweep can run while a member's command is handled.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { EndpointOptions } from '@octokit/types';
import { mergeState, lostChanges, lostSections, readSection } from '../../src/domain/tracker-merge.js';
import { RECORD_SECTION } from '../../src/domain/tracker-record.js';
import { newTrackerState, readTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import type { GitHubClient } from '../../src/github/client.js';
import { openClient } from '../../src/github/connect.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { addLabel } from '../emulator/state.js';
import type { Issue } from '../emulator/types.js';
import { runInProcess, type InProcessOptions } from '../harness/in-process.js';
import type { RunResult } from '../harness/run-action.js';
import { addEmbargoedAdvisory, addTrackingIssue, PROJECT, reportOf, TRACKER } from '../harness/seed.js';
import { silentLog } from '../harness/silent-log.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

const RECEIVED = '2026-01-05T09:00:00Z';
const NOW = '2026-01-06T10:00:00Z';
const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

const watched = watchedEmulator(() => ({ now: NOW }));

// Jest's ESM loader fails when two runs import the same module at the same moment ("not in cache"): each action
// runs once, alone, on an emulator of its own, before the scenarios run them side by side.
beforeAll(async () => {
  const emulator = await startEmulator({ now: NOW });
  try {
    const { ghsaId, issue } = acknowledgedReportIn(emulator);
    await runInProcess('triage', { emulator, now: NOW, inputs: triageInputs(ghsaId) });
    await runInProcess('create-temp-fork', { emulator, now: NOW, inputs: forkInputs(ghsaId) });
    await runInProcess('sla-check', { emulator, now: NOW, inputs: sweepInputs() });
    await runInProcess('triage', {
      emulator,
      now: NOW,
      inputs: commandInputs(),
      ...commandEvent(issue, '/triage tlp=red'),
    });
  } finally {
    await emulator.stop();
  }
}, 60_000);

/** A promise with its resolve function, to hold a request until something else happened. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

type Hook = (client: GitHubClient) => void;

/** Requests of one run that touch tracking issue `number` (a PATCH of it, or a GET of it alone). */
function isIssueRequest(options: EndpointOptions, method: 'GET' | 'PATCH', number: number): boolean {
  const url = String(options.url);
  const single = url.endsWith('/issues/{issue_number}') || new RegExp(`/issues/${number}$`).test(url);
  return options.method === method && single && Number(options.issue_number ?? number) === number;
}

/**
 * Holds this run's `method` request on issue `number` until `until` resolves (the first one, or every one);
 * `reached` is called when the request is held.
 */
function holdUntil(
  method: 'GET' | 'PATCH',
  number: number,
  until: Promise<void>,
  every = false,
  reached: () => void = () => undefined,
): Hook {
  return (client) => {
    let held = false;
    client.hook.before('request', async (options) => {
      if ((held && !every) || !isIssueRequest(options, method, number)) return;
      held = true;
      reached();
      await until;
    });
  };
}

/** Fires `done` once this run's PATCH of issue `number` has been answered. */
function whenPatched(number: number, done: () => void): Hook {
  return (client) => {
    client.hook.after('request', (_response, options) => {
      if (isIssueRequest(options, 'PATCH', number)) done();
    });
  };
}

/** The run's client, as the harness opens it, with `hooks` on it. */
function clientWith(...hooks: Hook[]): { openClient: (token: string) => Promise<GitHubClient> } {
  return {
    openClient: async (token: string) => {
      const env = { GITHUB_API_URL: watched.emulator.url, DISCLOSURE_API_PACING: 'none' };
      const client = await openClient(token, { env, log: silentLog });
      for (const hook of hooks) hook(client);
      return client;
    },
  };
}

/** A draft advisory with the tracking issue ack-report left for it. */
function acknowledgedReport(): { ghsaId: string; issue: Issue } {
  return acknowledgedReportIn(watched.emulator);
}

function acknowledgedReportIn(emulator: Emulator): { ghsaId: string; issue: Issue } {
  addLabel(emulator.state, TRACKER, 'disclosure-tracker');
  const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, {
    state: 'draft',
    severity: 'high',
    createdAt: RECEIVED,
  });
  const issue = addTrackingIssue(emulator.state, {
    ...reportOf(advisory),
    receivedAt: RECEIVED,
    state: { acknowledgedAt: '2026-01-05T10:00:00.000Z', ackChannel: 'advisory-comment' },
    createdAt: RECEIVED,
  });
  return { ghsaId: advisory.ghsaId, issue };
}

/** Runs an action in this process with its own collaborators (a client with hooks); kept for the leak check. */
async function run(action: string, options: Omit<InProcessOptions, 'emulator'>): Promise<RunResult> {
  const result = await runInProcess(action, { ...options, emulator: watched.emulator });
  watched.results.push(result);
  return result;
}

const issueNow = (issue: Issue): Issue => watched.emulator.state.issues.find((i) => i.id === issue.id)!;
const stateOf = (issue: Issue): TrackerState => readTrackerState(issueNow(issue).body)!;

function triageInputs(ghsaId: string): Record<string, string> {
  const triage = { 'cvss-vector': V31, tlp: 'amber', decision: 'accept' };
  return { token: 'token-admin', 'ghsa-id': ghsaId, repository: PROJECT, tracker: TRACKER, ...triage };
}

function forkInputs(ghsaId: string): Record<string, string> {
  return { token: 'token-admin', 'ghsa-id': ghsaId, repository: PROJECT, tracker: TRACKER };
}

function sweepInputs(): Record<string, string> {
  return { token: 'token-admin', tracker: TRACKER, organization: 'sample-org', inventory: 'false' };
}

function commandInputs(): Record<string, string> {
  return { token: 'token-admin', team: 'security-team' };
}

function commandEvent(issue: Issue, body: string, id = 9001) {
  return {
    eventName: 'issue_comment',
    eventPayload: {
      action: 'created',
      issue: { number: issue.number },
      comment: { id, body, user: { login: 'sirt-member' } },
      repository: { full_name: TRACKER },
    },
  };
}

function expectSucceeded(...results: RunResult[]): void {
  for (const result of results)
    expect({ exit: result.exitCode, errors: result.errors }).toEqual({ exit: 0, errors: [] });
}

/** What triage leaves: triaged, scored, TLP recorded and labelled, the timeline section. */
function expectTriaged(issue: Issue): void {
  const state = stateOf(issue);
  expect(state.triagedAt).toBe(new Date(NOW).toISOString());
  expect(state.tlp).toBe('AMBER');
  expect(state.cvss?.vector).toBe(V31);
  expect(issueNow(issue).body).toContain('<!-- section:timeline -->');
  expect(issueNow(issue).labels).toContain('tlp:amber');
  // The live record is rendered from the merged state: it shows triage's result whoever wrote last.
  expect(readSection(issueNow(issue).body ?? '', RECORD_SECTION)).toContain('| TLP | TLP:AMBER |');
}

/** What create-temp-fork leaves: the fork in the state, checked off, its section. */
function expectForked(issue: Issue, fork: string): void {
  const state = stateOf(issue);
  expect(state.fork?.fullName).toBe(fork);
  expect(state.forkCreatedAt).toBe(new Date(NOW).toISOString());
  expect(issueNow(issue).body).toContain('<!-- section:fork -->');
  expect(issueNow(issue).body).toContain(`[x] Temporary private fork for the fix: ${fork}`);
  expect(readSection(issueNow(issue).body ?? '', RECORD_SECTION)).toContain(`| Temporary private fork | [${fork}](`);
}

describe('two actions write one tracking issue at once', () => {
  it("triage's write, held while create-temp-fork writes, does not erase the fork", async () => {
    const { ghsaId, issue } = acknowledgedReport();
    const forkWritten = signal();
    // Triage's PATCH carries a body computed before the fork was recorded; it lands just after the fork's.
    const triage = run('triage', {
      now: NOW,
      inputs: triageInputs(ghsaId),
      dependencies: clientWith(holdUntil('PATCH', issue.number, forkWritten.promise)),
    });
    const fork = run('create-temp-fork', {
      now: NOW,
      inputs: forkInputs(ghsaId),
      dependencies: clientWith(whenPatched(issue.number, forkWritten.fire)),
    });
    const [triaged, forked] = await Promise.all([triage, fork]);
    expectSucceeded(triaged, forked);
    expectTriaged(issue);
    expectForked(issue, forked.outputs.fork ?? '');
    expect(forked.lines.join('\n')).toMatch(
      new RegExp(
        `Tracking issue #${issue.number}: another run wrote over this run's update \\(fork, forkCreatedAt, the fork section\\); writing it again`,
      ),
    );
  });

  it('triage reads the issue again before writing: a fork recorded since the run started is kept', async () => {
    const { ghsaId, issue } = acknowledgedReport();
    const forkDone = signal();
    // Triage listed the tracker before the fork existed; its read of the issue comes after the fork run ended.
    const triage = run('triage', {
      now: NOW,
      inputs: triageInputs(ghsaId),
      dependencies: clientWith(holdUntil('GET', issue.number, forkDone.promise)),
    });
    const forked = await run('create-temp-fork', { now: NOW, inputs: forkInputs(ghsaId) });
    forkDone.fire();
    const triaged = await triage;
    expectSucceeded(triaged, forked);
    expectTriaged(issue);
    expectForked(issue, forked.outputs.fork ?? '');
    expect(triaged.lines.join('\n')).not.toMatch(/another run wrote over/);
  });

  it('a person’s edit of the issue made since the run started is kept, the record re-rendered around it', async () => {
    const { ghsaId, issue } = acknowledgedReport();
    const edited = signal();
    const reading = signal();
    // Triage listed the tracker (the issue as it was); its read of the issue just before writing waits for the edit.
    const triage = run('triage', {
      now: NOW,
      inputs: triageInputs(ghsaId),
      dependencies: clientWith(holdUntil('GET', issue.number, edited.promise, false, reading.fire)),
    });
    await reading.promise;
    // A member adds a note at the top and one at the bottom through the API while triage is under way.
    const before = issueNow(issue).body ?? '';
    const note = 'Note from sirt-lead: the reporter asked for credit as "Rita".';
    const response = await fetch(`${watched.emulator.url}/repos/${TRACKER}/issues/${issue.number}`, {
      method: 'PATCH',
      headers: { authorization: 'token token-admin', 'content-type': 'application/json' },
      body: JSON.stringify({ body: `${note}\n\n${before}\n\nFollow-up: see the advisory thread.\n` }),
    });
    expect(response.status).toBe(200);
    edited.fire();
    const triaged = await triage;
    expectSucceeded(triaged);
    expectTriaged(issue);
    const body = issueNow(issue).body ?? '';
    expect(body.startsWith(`${note}\n\n`)).toBe(true);
    expect(body).toContain('Follow-up: see the advisory thread.');
    expect(body.match(/<!-- section:record -->/g)).toHaveLength(1);
  });

  it('a write slower than the settling time says a concurrent change may be lost', async () => {
    const { ghsaId, issue } = acknowledgedReport();
    const forkDone = signal();
    const triage = run('triage', {
      now: NOW,
      inputs: triageInputs(ghsaId),
      dependencies: clientWith(holdUntil('PATCH', issue.number, forkDone.promise)),
    });
    // Let triage read and reach its write first, then run the fork job to its end (its check included).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const forked = await run('create-temp-fork', { now: NOW, inputs: forkInputs(ghsaId) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    forkDone.fire();
    const triaged = await triage;
    expect(triaged.exitCode).toBe(0);
    expect(forked.exitCode).toBe(0);
    expect(triaged.warnings.map((warning) => warning.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Updating tracking issue #${issue.number} took \\d+\\.\\d s, longer than the 0.3 s other runs wait before checking their own updates: a change another run made to it at the same time may have been overwritten`,
        ),
      ),
    );
  });
});

describe("an action and a person's command write one tracking issue at once", () => {
  it('an SLA sweep held while a member runs /triage keeps the TLP, and the triage keeps the SLA record', async () => {
    const { issue } = acknowledgedReport();
    const commandWritten = signal();
    const sweep = run('sla-check', {
      now: NOW,
      inputs: sweepInputs(),
      dependencies: clientWith(holdUntil('PATCH', issue.number, commandWritten.promise)),
    });
    const command = run('triage', {
      now: NOW,
      inputs: commandInputs(),
      ...commandEvent(issue, '/triage tlp=red'),
      dependencies: clientWith(whenPatched(issue.number, commandWritten.fire)),
    });
    const [swept, commanded] = await Promise.all([sweep, command]);
    expectSucceeded(swept, commanded);
    const state = stateOf(issue);
    expect(state.tlp).toBe('RED');
    expect(state.sla?.status).toBeDefined();
    const labels = issueNow(issue).labels;
    expect(labels).toContain('tlp:red');
    expect(labels.filter((label) => label.startsWith('sla:'))).toHaveLength(1);
    expect(issueNow(issue).body).toContain('<!-- section:gantt -->');
  });

  it('the command, held while the sweep writes, keeps the SLA record too', async () => {
    const { issue } = acknowledgedReport();
    const sweepWritten = signal();
    const command = run('triage', {
      now: NOW,
      inputs: commandInputs(),
      ...commandEvent(issue, '/triage tlp=red'),
      dependencies: clientWith(holdUntil('PATCH', issue.number, sweepWritten.promise)),
    });
    const sweep = run('sla-check', {
      now: NOW,
      inputs: sweepInputs(),
      dependencies: clientWith(whenPatched(issue.number, sweepWritten.fire)),
    });
    const [swept, commanded] = await Promise.all([sweep, command]);
    expectSucceeded(swept, commanded);
    const state = stateOf(issue);
    expect(state.tlp).toBe('RED');
    expect(state.sla?.status).toBeDefined();
    expect(issueNow(issue).labels).toContain('tlp:red');
    expect(issueNow(issue).labels.filter((label) => label.startsWith('sla:'))).toHaveLength(1);
  });
});

describe('/release approve and an SLA sweep at once', () => {
  it('both keep their change: the approval (who, when) and the SLA record', async () => {
    const { issue } = acknowledgedReport();
    const approvalWritten = signal();
    const sweep = run('sla-check', {
      now: NOW,
      inputs: sweepInputs(),
      dependencies: clientWith(holdUntil('PATCH', issue.number, approvalWritten.promise)),
    });
    const approve = run('triage', {
      now: NOW,
      inputs: commandInputs(),
      ...commandEvent(issue, '/release approve', 9002),
      dependencies: clientWith(whenPatched(issue.number, approvalWritten.fire)),
    });
    const [swept, approved] = await Promise.all([sweep, approve]);
    expectSucceeded(swept, approved);
    const state = stateOf(issue);
    expect(state.approvals).toEqual([{ login: 'sirt-member', at: new Date(NOW).toISOString(), comment: 9002 }]);
    expect(state.sla?.status).toBeDefined();
    expect(issueNow(issue).labels.filter((label) => label.startsWith('sla:'))).toHaveLength(1);
  });
});

describe('the merge (tracker-merge.ts)', () => {
  const base: TrackerState = {
    ...newTrackerState('GHSA-aaaa-bbbb-cccc', PROJECT, 'spec11', RECEIVED),
    notified: ['a'],
  };

  it("applies only this writer's change to what is there now", () => {
    const mine: TrackerState = { ...base, tlp: 'AMBER', notified: ['a', 'mine'] };
    const current: TrackerState = { ...base, fork: { fullName: 'o/f', url: 'u' }, notified: ['a', 'theirs'] };
    expect(mergeState(base, mine, current)).toEqual({
      ...current,
      tlp: 'AMBER',
      notified: ['a', 'theirs', 'mine'],
    });
  });

  it('removes what this writer removed, and adds approvals once per person', () => {
    const withDeletion: TrackerState = { ...base, forkDeletedAt: '2026-01-06T00:00:00Z' };
    const mine: TrackerState = { ...base, approvals: [{ login: 'Alice', at: NOW }] };
    const current: TrackerState = { ...withDeletion, approvals: [{ login: 'alice', at: RECEIVED }] };
    const merged = mergeState(withDeletion, { ...mine }, current);
    expect(merged.forkDeletedAt).toBeUndefined();
    expect(merged.approvals).toEqual([{ login: 'alice', at: RECEIVED }]);
  });

  it('reports a change written over from a stale read, not one changed again on purpose', () => {
    const mine: TrackerState = { ...base, tlp: 'AMBER', notified: ['a', 'mine'] };
    expect(lostChanges(base, mine, base).sort()).toEqual(['notified', 'tlp']);
    expect(lostChanges(base, mine, { ...base, tlp: 'RED', notified: ['a', 'mine', 'x'] })).toEqual([]);
    expect(lostChanges(base, mine, mine)).toEqual([]);
  });

  it('reports a section back at its old text', () => {
    const old = '<!-- section:fork -->\nold\n<!-- /section:fork -->';
    const mine = { fork: 'new' };
    expect(lostSections(old, mine, old)).toEqual(['fork']);
    expect(lostSections(old, mine, old.replace('old', 'new'))).toEqual([]);
    expect(lostSections(old, mine, old.replace('old', 'newer'))).toEqual([]);
    expect(lostSections('', mine, '')).toEqual(['fork']);
  });
});
