import { afterEach, describe, expect, it } from '@jest/globals';
import { readTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { addLabel, addRepo, type AdvisoryInput } from '../emulator/state.js';
import type { Advisory, AdvisoryState } from '../emulator/types.js';
import { runInProcess } from '../harness/in-process.js';
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

type Runner = (name: string, options: RunOptions) => Promise<RunResult>;

/** Runs `main` in this process; `runner: runAction` runs the bundle instead (the smoke layer). */
async function run(
  emu: Emulator,
  inputs: RunOptions['inputs'],
  extra: Partial<RunOptions> = {},
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

function expectSucceeded(result: RunResult): void {
  expect({ exitCode: result.exitCode, errors: result.errors.map((e) => e.message) }).toEqual({
    exitCode: 0,
    errors: [],
  });
}

describe('bundle smoke', () => {
  it('creates the fork, waits for it past the first poll, adds the fix team and links it in the tracker', async () => {
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
    expect(result.lines.some((line) => line.includes('GitHub is still creating'))).toBe(true);
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
  it('fails clearly when GitHub outlasts wait-timeout, and a re-run reuses the same fork', async () => {
    const emu = await start(5000);
    const advisory = embargoed(emu, 'draft');
    const issue = trackingIssue(emu, advisory);
    const inputs = { 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER };

    const first = await run(emu, { ...inputs, 'wait-timeout': '2s' });

    expect(first.exitCode).toBe(1);
    expect(first.errors[0]?.message).toMatch(/GitHub is still creating the temporary private fork/);
    expect(first.errors[0]?.message).toMatch(/re-running this job later picks it up without creating a second one/);
    expect(first.outputs.created).toBe('true');
    expect(trackerStateOf(emu, issue)?.fork).toBeUndefined();

    const second = await run(emu, { ...inputs, 'wait-timeout': '20s' });

    expectSucceeded(second);
    expect(second.outputs.created).toBe('false');
    expect(second.outputs.fork).toBe(advisory.privateFork);
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
    draft: Advisory;
    triage: Advisory;
    publishedIssue: number;
    untouched: string[];
  }

  async function scenario(): Promise<World> {
    const emu = await start();
    addRepo(emu.state, 'sample-org/other-app', { private: true });
    const forkOf = (name: string) => addRepo(emu.state, `sample-org/${name}`, { private: true, fork: true });
    forkOf('sample-project-ghsa-pub');
    forkOf('sample-project-ghsa-clo');
    forkOf('sample-project-ghsa-dra');
    forkOf('other-app-ghsa-tri');
    const published = embargoed(emu, 'published', {
      privateFork: 'sample-org/sample-project-ghsa-pub',
      publishedAt: '2026-01-05T16:00:00Z',
    });
    const closed = embargoed(emu, 'closed', {
      privateFork: 'sample-org/sample-project-ghsa-clo',
      closedAt: '2026-01-05T16:00:00Z',
    });
    const draft = embargoed(emu, 'draft', { privateFork: 'sample-org/sample-project-ghsa-dra' });
    const triage = embargoed(emu, 'triage', { privateFork: 'sample-org/other-app-ghsa-tri' }, 'sample-org/other-app');
    // Published advisories pointing at repositories that are not temporary forks: never deleted.
    embargoed(emu, 'published', { privateFork: 'sample-org/docs-site', publishedAt: '2026-01-05T16:00:00Z' });
    embargoed(emu, 'closed', { privateFork: PROJECT, closedAt: '2026-01-05T16:00:00Z' });
    embargoed(emu, 'published', { publishedAt: '2026-01-05T16:00:00Z' });
    const publishedIssue = trackingIssue(emu, published, {
      fork: {
        fullName: 'sample-org/sample-project-ghsa-pub',
        url: 'https://github.com/sample-org/sample-project-ghsa-pub',
      },
      forkCreatedAt: '2026-01-05T11:00:00Z',
      publishedAt: '2026-01-05T16:00:00Z',
    });
    trackingIssue(emu, draft, { fork: { fullName: 'sample-org/sample-project-ghsa-dra', url: 'x' } });
    const untouched = [
      'sample-org/sample-project-ghsa-dra',
      'sample-org/other-app-ghsa-tri',
      PROJECT,
      'sample-org/docs-site',
      'sample-org/private-lib',
      'sample-org/other-app',
      TRACKER,
    ];
    return { emu, published, closed, draft, triage, publishedIssue, untouched };
  }

  const deletes = (emu: Emulator): string[] => writes(emu).filter((w) => w.startsWith('DELETE'));

  it('deletes exactly the forks of published and closed advisories and records it in the tracker', async () => {
    const { emu, publishedIssue, untouched } = await scenario();
    emu.resetLog();

    const inputs = { mode: 'cleanup', organization: 'sample-org', tracker: TRACKER };
    const result = await run(emu, inputs);

    expectSucceeded(result);
    expect(deletes(emu).sort()).toEqual([
      'DELETE /repos/sample-org/sample-project-ghsa-clo',
      'DELETE /repos/sample-org/sample-project-ghsa-pub',
    ]);
    expect(JSON.parse(result.outputs.deleted ?? '[]').sort()).toEqual([
      'sample-org/sample-project-ghsa-clo',
      'sample-org/sample-project-ghsa-pub',
    ]);
    expect(repoNames(emu)).toEqual(expect.arrayContaining(untouched));
    expect(repoNames(emu)).not.toContain('sample-org/sample-project-ghsa-pub');
    expect(repoNames(emu)).not.toContain('sample-org/sample-project-ghsa-clo');
    const state = trackerStateOf(emu, publishedIssue);
    expect(state?.forkDeletedAt).toBe(new Date(NOW).toISOString());
    expect(trackerIssue(emu, publishedIssue)?.body).toContain('[x] Temporary private fork deleted');
    expect(result.summary).toContain('kept: public repository, never deleted');
    expect(result.summary).toContain('kept: advisory not published or closed yet');

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

  it('does the same per repository with a token that cannot list the organization', async () => {
    const { emu, untouched } = await scenario();
    emu.resetLog();

    const result = await run(emu, {
      token: 'token-repo-writer',
      mode: 'cleanup',
      organization: 'sample-org',
    });

    expectSucceeded(result);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/listing each repository instead/);
    expect(deletes(emu).sort()).toEqual([
      'DELETE /repos/sample-org/sample-project-ghsa-clo',
      'DELETE /repos/sample-org/sample-project-ghsa-pub',
    ]);
    expect(repoNames(emu)).toEqual(expect.arrayContaining(untouched));
  });

  it('dry-run lists what it would delete and writes nothing', async () => {
    const { emu } = await scenario();
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
    expect(JSON.parse(result.outputs.pending ?? '[]').sort()).toEqual([
      'sample-org/sample-project-ghsa-clo',
      'sample-org/sample-project-ghsa-pub',
    ]);
    expect(result.outputs.deleted).toBe('[]');
    expect(result.summary).toContain('would delete');
  });

  it('without Administration, lists the forks, names the permission and exits 1', async () => {
    const { emu } = await scenario();
    const reposBefore = repoNames(emu);

    const result = await run(emu, { token: 'token-no-admin', mode: 'cleanup', repositories: PROJECT });

    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('"Administration: write"');
    expect(message).toContain('sample-org/sample-project-ghsa-pub');
    expect(message).toContain('sample-org/sample-project-ghsa-clo');
    expect(repoNames(emu)).toEqual(reposBefore);
    expect(JSON.parse(result.outputs.pending ?? '[]')).toHaveLength(2);
  });
});
