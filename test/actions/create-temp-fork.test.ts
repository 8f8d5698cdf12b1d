import { afterEach, describe, expect, it } from '@jest/globals';
import { readTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import { openClient } from '../../src/github/connect.js';
import type { GitHubClient } from '../../src/github/client.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { addLabel, addRepo, addToken, type AdvisoryInput } from '../emulator/state.js';
import type { Advisory, AdvisoryState } from '../emulator/types.js';
import { runInProcess, type InProcessOptions } from '../harness/in-process.js';
import { silentLog } from '../harness/silent-log.js';
import { SENTINELS, embargoedDescription, expectNoLeaks } from '../harness/leaks.js';
import { runAction, type RunOptions, type RunResult } from '../harness/run-action.js';
import { runAgain } from '../harness/second-run.js';
import { addEmbargoedAdvisory, addTrackingIssue, PROJECT, reportOf, TRACKER } from '../harness/seed.js';

const ACTION = 'create-temp-fork';
const NOW = '2026-01-06T10:00:00Z';
const SENTINEL_LIST = Object.values(SENTINELS);

let emulator: Emulator | undefined;
const results: RunResult[] = [];

afterEach(async () => {
  if (emulator) {
    expectNoLeaks({ results, state: emulator.state, sentinels: SENTINEL_LIST });
    expect(emulator.contractViolations).toEqual([]);
    await emulator.stop();
  }
  emulator = undefined;
  results.length = 0;
});

async function start(forkReadyAfterMs = 0): Promise<Emulator> {
  emulator = await startEmulator({ seed: defaultSeed(), now: NOW, forkReadyAfterMs });
  addLabel(emulator.state, TRACKER, 'disclosure-tracker');
  return emulator;
}

function embargoed(emu: Emulator, state: AdvisoryState, fields: AdvisoryInput = {}, repo = PROJECT): Advisory {
  return addEmbargoedAdvisory(emu.state, repo, { state, severity: 'high', ...fields });
}

/** The tracking issue of an acknowledged report, its description (embargoed) copied into the private tracker. */
function trackingIssue(emu: Emulator, advisory: Advisory, extra: Partial<TrackerState> = {}): number {
  const issue = addTrackingIssue(emu.state, {
    ...reportOf(advisory),
    receivedAt: '2026-01-05T09:00:00Z',
    state: { acknowledgedAt: '2026-01-05T10:00:00Z', ...extra },
    title: `Security report ${advisory.ghsaId}`,
    intro: `${reportMarker(advisory.ghsaId)}\n# ${advisory.ghsaId}\n\n${embargoedDescription()}\n`,
  });
  return issue.number;
}

type Runner = (name: string, options: InProcessOptions) => Promise<RunResult>;

/** Runs `main` in this process; `runner: runAction` runs the bundle instead (the smoke layer). */
async function run(
  emu: Emulator,
  inputs: RunOptions['inputs'],
  extra: Partial<InProcessOptions> = {},
  runner: Runner = runInProcess,
): Promise<RunResult> {
  const result = await runner(ACTION, {
    inputs: { token: 'token-admin', ...inputs },
    now: NOW,
    emulator: emu,
    ...extra,
  });
  results.push(result);
  return result;
}

const writes = (emu: Emulator): string[] => emu.writes().map((w) => `${w.method} ${w.path}`);
const forkPosts = (emu: Emulator): string[] => writes(emu).filter((w) => /^POST .*\/forks$/.test(w));
const trackerIssue = (emu: Emulator, number: number) =>
  emu.state.issues.find((issue) => issue.repo === TRACKER && issue.number === number);
const trackerStateOf = (emu: Emulator, number: number) => readTrackerState(trackerIssue(emu, number)?.body);
const repoNames = (emu: Emulator): string[] => emu.state.repos.map((r) => `${r.owner}/${r.name}`);
/** Every request that went to a fork repository itself (its page, contents, collaborators, deletion...). */
const forkRequests = (emu: Emulator, forks: readonly string[]): string[] =>
  emu.log
    .filter((entry) =>
      forks.some((fork) => entry.path === `/repos/${fork}` || entry.path.startsWith(`/repos/${fork}/`)),
    )
    .map((entry) => `${entry.method} ${entry.path}`);

/**
 * The run's client, as the harness opens it, except that GET of an advisory answers `private_fork: null`: GitHub has
 * accepted the fork request but does not list the fork on the advisory yet.
 */
async function advisoryWithoutFork(token: string): Promise<GitHubClient> {
  const env = { GITHUB_API_URL: emulator?.url ?? '', DISCLOSURE_API_PACING: 'none' };
  const client = await openClient(token, { env, log: silentLog });
  client.hook.after('request', (response, options) => {
    const data = response.data as { ghsa_id?: unknown; private_fork?: unknown };
    if (options.method === 'GET' && typeof data.ghsa_id === 'string') data.private_fork = null;
  });
  return client;
}

function expectSucceeded(result: RunResult): void {
  expect({ exitCode: result.exitCode, errors: result.errors.map((e) => e.message) }).toEqual({
    exitCode: 0,
    errors: [],
  });
}

describe('bundle smoke', () => {
  it('creates the fork without waiting on it, adds the fix team to the advisory and links it in the tracker', async () => {
    const emu = await start(1500);
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory, { fixTeam: { users: ['alice'], teams: ['maintainers'] } });

    const inputs = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, 'wait-timeout': '20s' };
    const result = await run(emu, inputs, {}, runAction);

    expectSucceeded(result);
    expect(forkPosts(emu)).toHaveLength(1);
    const fork = advisory.privateFork ?? '';
    expect(fork).not.toBe('');
    expect(result.outputs).toEqual(
      expect.objectContaining({ fork, created: 'true', 'fork-url': expect.stringContaining(fork) }),
    );
    expect(result.outputs['clone-url']).toMatch(new RegExp(`${fork}\\.git$`));
    expect(forkRequests(emu, [fork])).toEqual([]);
    expect(advisory.collaboratingUsers).toEqual(['alice']);
    expect(advisory.collaboratingTeams).toEqual(['maintainers']);

    const body = trackerIssue(emu, issue)?.body ?? '';
    expect(body).toContain('<!-- section:fork -->');
    expect(body).toContain(`[${fork}](${result.outputs['fork-url']})`);
    expect(body).toContain('CI does not run in temporary private forks');
    expect(body).toContain('act pull_request');
    expect(body).toContain(`[x] Temporary private fork for the fix: ${fork}`);
    const state = trackerStateOf(emu, issue);
    expect(state?.fork).toEqual({ fullName: fork, url: result.outputs['fork-url'] });
    expect(state?.forkCreatedAt).toBe(new Date(NOW).toISOString());
    expect(result.summary).toContain(fork);

    const again = await runAgain(
      ACTION,
      { inputs: { token: 'token-admin', ...inputs }, now: NOW, emulator: emu },
      emu,
      runAction,
    );
    results.push(again.result);
    expectSucceeded(again.result);
    expect(again.writes).toEqual([]);
    expect(again.result.outputs).toEqual(expect.objectContaining({ fork, created: 'false' }));
  });
});

describe('create-temp-fork: create', () => {
  it('learns of the fork only through the advisory: no request reaches the fork, even while GitHub is making it', async () => {
    const emu = await start(60_000);
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory, { fixTeam: { users: ['alice'], teams: ['maintainers'] } });
    emu.resetLog();

    const result = await run(emu, { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER });

    expectSucceeded(result);
    const fork = advisory.privateFork ?? '';
    expect(result.outputs).toEqual(expect.objectContaining({ fork, created: 'true' }));
    expect(forkRequests(emu, [fork])).toEqual([]);
    const advisoryPath = `/repos/${PROJECT}/security-advisories/${advisory.ghsaId}`;
    expect(emu.log.filter((entry) => entry.path.startsWith(advisoryPath)).map((e) => `${e.method} ${e.path}`)).toEqual([
      `GET ${advisoryPath}`,
      `POST ${advisoryPath}/forks`,
      `PATCH ${advisoryPath}`,
      `GET ${advisoryPath}`,
    ]);
    expect(trackerStateOf(emu, issue)?.fork?.fullName).toBe(fork);
    expect(result.summary).toContain('Merge pull request(s)');

    const again = await run(emu, { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER });
    expectSucceeded(again);
    expect(again.outputs.created).toBe('false');
    expect(forkPosts(emu)).toHaveLength(1);
    expect(forkRequests(emu, [fork])).toEqual([]);
  });

  it('staffs the fork through the advisory collaborators, never the fork collaborators', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft', { collaboratingUsers: ['bob'] });
    emu.resetLog();

    const result = await run(emu, {
      token: 'token-repo-writer',
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      'fix-team': 'alice, sample-org/maintainers',
    });

    expectSucceeded(result);
    const fork = advisory.privateFork ?? '';
    expect(advisory.collaboratingUsers).toEqual(['bob', 'alice']);
    expect(advisory.collaboratingTeams).toEqual(['maintainers']);
    const patches = emu.log.filter((entry) => entry.method === 'PATCH');
    expect(patches.map((entry) => [entry.path, entry.body])).toEqual([
      [
        `/repos/${PROJECT}/security-advisories/${advisory.ghsaId}`,
        { collaborating_users: ['bob', 'alice'], collaborating_teams: ['maintainers'] },
      ],
    ]);
    expect(emu.log.filter((entry) => /collaborators/.test(entry.path))).toEqual([]);
    expect(forkRequests(emu, [fork])).toEqual([]);
  });

  it('says GitHub is still making the fork when the advisory does not list it within wait-timeout', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);
    const inputs = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, 'wait-timeout': '2s' };
    // GitHub has accepted the request but the advisory does not name the fork yet.
    const hideFork = { dependencies: { openClient: advisoryWithoutFork } };

    const first = await run(emu, inputs, hideFork);

    expect(first.exitCode).toBe(1);
    expect(first.errors[0]?.message).toMatch(/GitHub is still creating the temporary private fork/);
    expect(first.errors[0]?.message).toMatch(/without creating a second one/);
    expect(first.outputs.created).toBe('true');
    expect(trackerStateOf(emu, issue)?.fork).toBeUndefined();
    expect(forkRequests(emu, [advisory.privateFork ?? ''])).toEqual([]);

    const second = await run(emu, inputs);

    expectSucceeded(second);
    expect(second.outputs.created).toBe('false');
    expect(forkPosts(emu)).toHaveLength(1);
    expect(trackerStateOf(emu, issue)?.fork?.fullName).toBe(advisory.privateFork);
  });

  it('works without a tracker and takes the fix team from the input', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft', { collaboratingUsers: ['bob'] });

    const result = await run(emu, {
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      'fix-team': '@alice, sample-org/maintainers',
    });

    expectSucceeded(result);
    expect(advisory.collaboratingUsers).toEqual(['bob', 'alice']);
    expect(advisory.collaboratingTeams).toEqual(['maintainers']);
  });

  it('names the Administration permission when the token may not create forks', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');

    const result = await run(emu, { token: 'token-no-admin', 'ghsa-id': advisory.ghsaId, repository: PROJECT });

    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('Administration: write');
    expect(advisory.privateFork).toBeNull();
  });

  it('refuses a public tracker before writing anything', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');

    const result = await run(emu, { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: 'sample-org/docs-site' });

    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(/tracker repository sample-org\/docs-site is public/);
    expect(writes(emu)).toEqual([]);
  });

  it.each([
    ['ghsa-id', { 'ghsa-id': 'GHSA-nope', repository: PROJECT }, /Input "ghsa-id" is "GHSA-nope"/],
    [
      'repository',
      { 'ghsa-id': 'GHSA-2345-6789-cfgh', repository: 'not a repo' },
      /Input "repository" is "not a repo"/,
    ],
    [
      'wait-timeout',
      { 'ghsa-id': 'GHSA-2345-6789-cfgh', repository: PROJECT, 'wait-timeout': 'forever' },
      /Input "wait-timeout" is "forever"/,
    ],
    [
      'wait-timeout above the limit',
      { 'ghsa-id': 'GHSA-2345-6789-cfgh', repository: PROJECT, 'wait-timeout': '2h' },
      /at most 60 minutes/,
    ],
    ['mode', { mode: 'destroy' }, /Input "mode" is "destroy", but it accepts one of `create`, `cleanup`/],
    ['fix-team', { 'ghsa-id': 'GHSA-2345-6789-cfgh', repository: PROJECT, 'fix-team': 'a/b/c' }, /"fix-team" has/],
    ['missing ghsa-id', { repository: PROJECT }, /Input required and not supplied: ghsa-id/],
    ['cleanup without scope', { mode: 'cleanup' }, /Cleanup needs a scope/],
    ['cleanup with two scopes', { mode: 'cleanup', organization: 'sample-org', repositories: PROJECT }, /both set/],
    ['dry-run', { mode: 'cleanup', organization: 'sample-org', 'dry-run': 'maybe' }, /Input "dry-run" is "maybe"/],
  ])('bad input (%s) exits 1 with a message naming it and no requests', async (_name, inputs, message) => {
    const emu = await start();
    emu.resetLog();

    const result = await run(emu, inputs);

    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(message);
    expect(emu.log).toEqual([]);
  });

  it('refuses a team of another organization before any write', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    emu.resetLog();

    const result = await run(emu, { 'ghsa-id': advisory.ghsaId, repository: PROJECT, 'fix-team': 'other-org/devs' });

    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(/other-org\/devs.*belongs to sample-org/);
    expect(writes(emu)).toEqual([]);
  });

  it('refuses a fix team GitHub does not know before any write', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    emu.resetLog();

    const result = await run(emu, {
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      'fix-team': 'sample-org/everyone',
    });

    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(
      /configuration error in fix-team: .*sample-org\/everyone, which does not exist/,
    );
    expect(writes(emu)).toEqual([]);
    expect(advisory.privateFork).toBeNull();
    expect(repoNames(emu).filter((name) => name.includes('ghsa'))).toEqual([]);
  });

  it('writes nothing when the token may not create the fork', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    emu.resetLog();

    const result = await run(emu, {
      token: 'token-no-admin',
      'ghsa-id': advisory.ghsaId,
      repository: PROJECT,
      'fix-team': 'alice, sample-org/maintainers',
    });

    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('Administration: write');
    expect(writes(emu)).toEqual([]);
    expect(advisory.collaboratingUsers).toEqual([]);
  });
});

describe('create-temp-fork: /fork command', () => {
  function commentEvent(issueNumber: number, author: string, body: string, id = 777) {
    return {
      eventName: 'issue_comment',
      repository: TRACKER,
      eventPayload: {
        action: 'created',
        issue: { number: issueNumber },
        comment: { id, body, user: { login: author } },
        repository: { full_name: TRACKER },
      },
    };
  }

  it('refuses a non-member with a reply and changes nothing else', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);
    const before = trackerIssue(emu, issue)?.body;
    emu.resetLog();

    const result = await run(emu, { team: 'security-team' }, commentEvent(issue, 'carol', '/fork'));

    expectSucceeded(result);
    expect(writes(emu)).toEqual([`POST /repos/${TRACKER}/issues/${issue}/comments`]);
    const replies = emu.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain('only members of sample-org/security-team may run `/fork`');
    expect(advisory.privateFork).toBeNull();
    expect(trackerIssue(emu, issue)?.body).toBe(before);

    const again = await runAgain(
      ACTION,
      {
        inputs: { token: 'token-admin', team: 'security-team' },
        now: NOW,
        emulator: emu,
        ...commentEvent(issue, 'carol', '/fork'),
      },
      emu,
      runInProcess,
    );
    results.push(again.result);
    expect(again.writes).toEqual([]);
  });

  it('creates the fork for a member, from the tracking issue state, and answers in the issue', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);

    const result = await run(
      emu,
      { team: 'sample-org/security-team' },
      commentEvent(issue, 'sirt-member', '/fork fix-team=alice'),
    );

    expectSucceeded(result);
    expect(result.outputs.fork).toBe(advisory.privateFork);
    expect(advisory.collaboratingUsers).toEqual(['alice']);
    expect(trackerStateOf(emu, issue)?.fork?.fullName).toBe(advisory.privateFork);
    const replies = emu.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue);
    expect(replies.map((c) => c.body)).toEqual([
      expect.stringContaining(`temporary private fork [${advisory.privateFork}]`),
    ]);
  });

  it('answers a malformed command without mentioning or rendering what the comment holds', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);

    const body = '/fork @sample-org/everyone <img/src=x/onerror=alert(1)>';
    const result = await run(emu, { team: 'security-team' }, commentEvent(issue, 'sirt-member', body));

    expectSucceeded(result);
    const [reply] = emu.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === issue);
    expect(reply?.body).toContain('unknown argument "@\u200Dsample-org/everyone"');
    expect(reply?.body).not.toMatch(/(^|[^\w])@sample-org\/everyone|<img/);
    expect(advisory.privateFork).toBeNull();
  });

  it('ignores a comment that is not a /fork command', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);
    emu.resetLog();

    const result = await run(emu, { team: 'security-team' }, commentEvent(issue, 'sirt-member', 'looks good to me'));

    expectSucceeded(result);
    expect(emu.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('needs the team input on a comment event', async () => {
    const emu = await start();
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);
    emu.resetLog();

    const result = await run(emu, {}, commentEvent(issue, 'sirt-member', '/fork'));

    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(/Input "team" is required/);
    expect(emu.log).toEqual([]);
  });
});

describe('create-temp-fork: cleanup', () => {
  interface World {
    emu: Emulator;
    published: Advisory;
    closed: Advisory;
    withdrawn: Advisory;
    draft: Advisory;
    publishedIssue: number;
    closedIssue: number;
    /** The forks GitHub leaves once their advisory is finished: closed and withdrawn ones. */
    leftover: string[];
    untouched: string[];
  }

  /** Finished and unfinished advisories as GitHub leaves them: a published advisory's fork is already gone. */
  async function scenario(): Promise<World> {
    const emu = await start();
    addRepo(emu.state, 'sample-org/other-app', { private: true });
    const forkOf = (name: string) =>
      addRepo(emu.state, `sample-org/${name}`, { private: true, fork: true, temporaryFork: true });
    forkOf('sample-project-ghsa-clo');
    forkOf('sample-project-ghsa-wit');
    forkOf('sample-project-ghsa-dra');
    forkOf('other-app-ghsa-tri');
    const published = embargoed(emu, 'published', { publishedAt: '2026-01-05T16:00:00Z' });
    const closed = embargoed(emu, 'closed', {
      privateFork: 'sample-org/sample-project-ghsa-clo',
      closedAt: '2026-01-05T16:00:00Z',
    });
    const withdrawn = embargoed(emu, 'withdrawn', {
      privateFork: 'sample-org/sample-project-ghsa-wit',
      withdrawnAt: '2026-01-05T16:00:00Z',
    });
    const draft = embargoed(emu, 'draft', { privateFork: 'sample-org/sample-project-ghsa-dra' });
    embargoed(emu, 'triage', { privateFork: 'sample-org/other-app-ghsa-tri' }, 'sample-org/other-app');
    // Finished advisories pointing at repositories that are not temporary forks: never deleted.
    embargoed(emu, 'closed', { privateFork: 'sample-org/docs-site', closedAt: '2026-01-05T16:00:00Z' });
    embargoed(emu, 'closed', { privateFork: PROJECT, closedAt: '2026-01-05T16:00:00Z' });
    const publishedIssue = trackingIssue(emu, published, {
      fork: {
        fullName: 'sample-org/sample-project-ghsa-pub',
        url: 'https://github.com/sample-org/sample-project-ghsa-pub',
      },
      forkCreatedAt: '2026-01-05T11:00:00Z',
      publishedAt: '2026-01-05T16:00:00Z',
    });
    const closedIssue = trackingIssue(emu, closed, {
      fork: {
        fullName: 'sample-org/sample-project-ghsa-clo',
        url: 'https://github.com/sample-org/sample-project-ghsa-clo',
      },
      forkCreatedAt: '2026-01-05T11:00:00Z',
    });
    trackingIssue(emu, draft, { fork: { fullName: 'sample-org/sample-project-ghsa-dra', url: 'x' } });
    const leftover = ['sample-org/sample-project-ghsa-clo', 'sample-org/sample-project-ghsa-wit'];
    const untouched = [
      'sample-org/sample-project-ghsa-dra',
      'sample-org/other-app-ghsa-tri',
      PROJECT,
      'sample-org/docs-site',
      'sample-org/private-lib',
      'sample-org/other-app',
      TRACKER,
    ];
    return { emu, published, closed, withdrawn, draft, publishedIssue, closedIssue, leftover, untouched };
  }

  const deletes = (emu: Emulator): string[] => writes(emu).filter((w) => w.startsWith('DELETE'));
  const allForks = (world: World): string[] => [
    ...world.leftover,
    'sample-org/sample-project-ghsa-dra',
    'sample-org/other-app-ghsa-tri',
    'sample-org/sample-project-ghsa-pub',
  ];

  it("with a person's token, deletes the forks GitHub leaves and records them and the published one in the tracker", async () => {
    const { emu, publishedIssue, closedIssue, leftover, untouched } = await scenario();
    emu.resetLog();

    const inputs = { mode: 'cleanup', organization: 'sample-org', tracker: TRACKER };
    const result = await run(emu, inputs);

    expectSucceeded(result);
    expect(deletes(emu).sort()).toEqual(leftover.map((fork) => `DELETE /repos/${fork}`));
    expect(JSON.parse(result.outputs.deleted ?? '[]').sort()).toEqual(leftover);
    expect(repoNames(emu)).toEqual(expect.arrayContaining(untouched));
    for (const fork of leftover) expect(repoNames(emu)).not.toContain(fork);
    for (const issue of [publishedIssue, closedIssue]) {
      expect(trackerStateOf(emu, issue)?.forkDeletedAt).toBe(new Date(NOW).toISOString());
      expect(trackerIssue(emu, issue)?.body).toContain('[x] Temporary private fork deleted');
    }
    expect(result.summary).toContain('already gone: GitHub deleted it when the advisory was published');
    expect(result.summary).toContain('kept: a public repository');
    expect(result.summary).toContain('kept: advisory not closed, withdrawn or published yet');

    const again = await runAgain(
      ACTION,
      { inputs: { token: 'token-admin', ...inputs }, now: NOW, emulator: emu },
      emu,
      runInProcess,
    );
    results.push(again.result);
    expectSucceeded(again.result);
    expect(again.writes).toEqual([]);
  });

  it('with an App token, lists what a person must delete, makes no request to any fork and writes nothing', async () => {
    const world = await scenario();
    const { emu, leftover } = world;
    const reposBefore = repoNames(emu);
    emu.resetLog();

    const result = await run(emu, { token: 'token-repo-writer', mode: 'cleanup', organization: 'sample-org' });

    expectSucceeded(result);
    expect(writes(emu)).toEqual([]);
    expect(forkRequests(emu, allForks(world))).toEqual([]);
    expect(repoNames(emu)).toEqual(reposBefore);
    expect(result.outputs.deleted).toBe('[]');
    expect(JSON.parse(result.outputs.pending ?? '[]').sort()).toEqual(leftover);
    expect(result.summary).toContain('For a person to delete');
    for (const fork of leftover) {
      expect(result.summary).toContain(`[${fork}](https://github.com/${fork})`);
    }
    expect(result.summary).not.toContain('sample-project-ghsa-dra](');
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(
      /2 temporary private fork\(s\) of finished advisories are left for a person to delete/,
    );
  });

  it('with an App token and a tracker, records only what GitHub deleted itself', async () => {
    const world = await scenario();
    const { emu, publishedIssue, closedIssue } = world;
    emu.resetLog();

    const result = await run(emu, {
      token: 'token-repo-writer',
      mode: 'cleanup',
      repositories: `${PROJECT}, sample-org/other-app`,
      tracker: TRACKER,
    });

    expectSucceeded(result);
    expect(writes(emu)).toEqual([`PATCH /repos/${TRACKER}/issues/${publishedIssue}`]);
    expect(forkRequests(emu, allForks(world))).toEqual([]);
    expect(trackerStateOf(emu, closedIssue)?.forkDeletedAt).toBeUndefined();
  });

  it('dry-run lists what it would delete and writes nothing', async () => {
    const { emu, leftover } = await scenario();
    const reposBefore = repoNames(emu);
    emu.resetLog();

    const result = await run(emu, {
      mode: 'cleanup',
      repositories: `${PROJECT}, sample-org/other-app`,
      tracker: TRACKER,
      'dry-run': 'true',
    });

    expectSucceeded(result);
    expect(writes(emu)).toEqual([]);
    expect(repoNames(emu)).toEqual(reposBefore);
    expect(JSON.parse(result.outputs.pending ?? '[]').sort()).toEqual(leftover);
    expect(result.outputs.deleted).toBe('[]');
    expect(result.summary).toContain('would delete');
  });

  it("with a person's token without Administration, lists the forks, names the permission and exits 1", async () => {
    const { emu, leftover } = await scenario();
    addToken(emu.state, 'token-carol', { login: 'carol', advisoriesWrite: true });
    const reposBefore = repoNames(emu);

    const result = await run(emu, { token: 'token-carol', mode: 'cleanup', repositories: PROJECT });

    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('"Administration: write"');
    for (const fork of leftover) expect(message).toContain(fork);
    expect(repoNames(emu)).toEqual(reposBefore);
    expect(JSON.parse(result.outputs.pending ?? '[]')).toHaveLength(2);
  });
});
