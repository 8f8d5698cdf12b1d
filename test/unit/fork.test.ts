import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseForkCommand } from '../../src/actions/create-temp-fork/command.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import {
  FORK_POLL_BACKOFF,
  forkDeletionSteps,
  formatWait,
  isTemporaryForkOf,
  parseFixTeam,
  parseWaitTimeout,
  planForkCleanup,
  pollDelays,
  stillCreatingMessage,
  teamSlugsFor,
  type ForkOwner,
} from '../../src/domain/fork.js';
import { RELEASE_DAY_CHECKLIST, releaseChecklistMarkdown } from '../../src/domain/release-checklist.js';
import { assertTemplateFields, compileTemplate, renderTemplate } from '../../src/templates/engine.js';
import { FORK_GUIDANCE_TEMPLATE } from '../../src/templates/fork-guidance.js';

describe('parseWaitTimeout', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1m30s', 90_000],
    ['1m 30s', 90_000],
    ['2 minutes', 120_000],
    ['1h', 3_600_000],
    ['3 seconds', 3000],
    ['10sec', 10_000],
  ])('reads %s', (text, ms) => {
    expect(parseWaitTimeout(text)).toBe(ms);
  });

  it.each(['', '0s', '5', '-5m', 'soon', '5 ms', '1.5m', 'm5', '5d', '5m garbage'])('refuses %p', (text) => {
    expect(parseWaitTimeout(text)).toBeUndefined();
  });
});

describe('pollDelays', () => {
  const sum = (list: number[]): number => list.reduce((a, b) => a + b, 0);

  it('doubles from one second, capped, and adds up to exactly the timeout', () => {
    const delays = pollDelays(300_000);
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(Math.max(...delays)).toBe(FORK_POLL_BACKOFF.maxDelayMs);
    expect(sum(delays)).toBe(300_000);
  });

  it('cuts the last pause short so the last check is at the timeout', () => {
    expect(pollDelays(2000)).toEqual([1000, 1000]);
    expect(pollDelays(5000)).toEqual([1000, 2000, 2000]);
    expect(pollDelays(500)).toEqual([500]);
  });

  it('keeps the number of checks small for a long wait', () => {
    expect(pollDelays(3_600_000).length).toBeLessThan(245);
    expect(sum(pollDelays(3_600_000))).toBe(3_600_000);
  });

  it('honours a custom backoff', () => {
    expect(pollDelays(1000, { firstDelayMs: 100, factor: 3, maxDelayMs: 500 })).toEqual([100, 300, 500, 100]);
  });
});

describe('stillCreatingMessage', () => {
  it('says GitHub is still creating the fork and that a re-run picks it up', () => {
    const message = stillCreatingMessage('org/app-ghsa-xxxx', 'GHSA-2345-6789-cfgh', 90_000);
    expect(message).toContain('GitHub is still creating the temporary private fork org/app-ghsa-xxxx');
    expect(message).toContain('1 min 30 s');
    expect(message).toContain('the advisory did not list it');
    expect(message).toMatch(
      /re-running this job later picks the fork up from the advisory without creating a second one/,
    );
  });

  it('formats waits', () => {
    expect(formatWait(3000)).toBe('3 s');
    expect(formatWait(300_000)).toBe('5 min');
  });
});

describe('parseFixTeam', () => {
  it('reads users and teams in their usual spellings', () => {
    const team = parseFixTeam(['alice', '@bob', 'my-org/maintainers', '@my-org/core.team', 'team:release'], 'fix-team');
    expect(team.users).toEqual(['alice', 'bob']);
    expect(team.teams).toEqual([
      { org: 'my-org', slug: 'maintainers' },
      { org: 'my-org', slug: 'core.team' },
      { org: undefined, slug: 'release' },
    ]);
  });

  it('drops duplicates, case-insensitively', () => {
    const team = parseFixTeam(['alice', 'Alice', 'org/t', 'ORG/t'], 'fix-team');
    expect(team.users).toEqual(['alice']);
    expect(team.teams).toHaveLength(1);
  });

  it.each(['a/b/c', 'not a login', '-alice', 'team:', 'org/'])('refuses %p naming the input', (entry) => {
    expect(() => parseFixTeam([entry], 'fix-team')).toThrow(ConfigurationError);
    expect(() => parseFixTeam([entry], 'fix-team')).toThrow(/"fix-team" has/);
  });
});

describe('teamSlugsFor', () => {
  const team = parseFixTeam(['sample-org/maintainers', 'team:security-team'], 'fix-team');

  it('gives the slugs of teams of the advisory repository owner', () => {
    expect(teamSlugsFor(team, 'Sample-Org', 'fix-team')).toEqual(['maintainers', 'security-team']);
  });

  it("refuses a team of another organization: an advisory takes only its own org's teams", () => {
    expect(() => teamSlugsFor(team, 'other-org', 'fix-team')).toThrow(/sample-org\/maintainers.*belongs to other-org/);
  });
});

describe('isTemporaryForkOf', () => {
  it.each([
    ['org/app-ghsa-2345-6789-cfgh', 'org/app', true],
    ['ORG/app-ghsa-x', 'org/app', true],
    ['org/app', 'org/app', false],
    ['Org/App', 'org/app', false],
    ['someone-else/app-ghsa-x', 'org/app', false],
    ['no-slash', 'org/app', false],
    ['org/a/b', 'org/app', false],
  ])('%s of %s: %s', (fork, repository, expected) => {
    expect(isTemporaryForkOf(fork, repository)).toBe(expected);
  });
});

describe('planForkCleanup', () => {
  const advisory = (ghsaId: string, state: string, privateFork: string | null, repository = 'org/app'): ForkOwner => ({
    ghsaId,
    repository,
    state,
    privateFork,
  });

  it('deletes only the forks of finished advisories: closed and withdrawn (and published, which GitHub has done)', () => {
    const plan = planForkCleanup([
      advisory('GHSA-pub', 'published', 'org/app-ghsa-pub'),
      advisory('GHSA-clo', 'closed', 'org/app-ghsa-clo'),
      advisory('GHSA-dra', 'draft', 'org/app-ghsa-dra'),
      advisory('GHSA-tri', 'triage', 'org/app-ghsa-tri'),
      advisory('GHSA-wit', 'withdrawn', 'org/app-ghsa-wit'),
      advisory('GHSA-nof', 'published', null),
    ]);
    expect(plan.toDelete.map((d) => d.fork)).toEqual(['org/app-ghsa-pub', 'org/app-ghsa-clo', 'org/app-ghsa-wit']);
    expect(plan.kept.map((k) => [k.ghsaId, k.reason])).toEqual([
      ['GHSA-dra', 'fix-in-progress'],
      ['GHSA-tri', 'fix-in-progress'],
    ]);
  });

  it('never deletes a repository the advisory shows as public, and carries the link the advisory gives', () => {
    const plan = planForkCleanup([
      { ...advisory('GHSA-pubr', 'closed', 'org/docs'), privateForkIsPublic: true },
      {
        ...advisory('GHSA-link', 'closed', 'org/app-ghsa-link'),
        privateForkUrl: 'https://github.com/org/app-ghsa-link',
      },
    ]);
    expect(plan.kept.map((k) => [k.ghsaId, k.reason])).toEqual([['GHSA-pubr', 'not-a-temporary-fork']]);
    expect(plan.toDelete).toEqual([
      {
        ghsaId: 'GHSA-link',
        repository: 'org/app',
        state: 'closed',
        fork: 'org/app-ghsa-link',
        forkUrl: 'https://github.com/org/app-ghsa-link',
      },
    ]);
  });

  it('tells a person how to delete each fork an integration cannot reach', () => {
    const steps = forkDeletionSteps([
      {
        ghsaId: 'GHSA-a',
        repository: 'org/app',
        state: 'closed',
        fork: 'org/app-ghsa-a',
        forkUrl: 'https://github.com/org/app-ghsa-a',
      },
      { ghsaId: 'GHSA-b', repository: 'org/app', state: 'withdrawn', fork: 'org/app-ghsa-b' },
    ]);
    expect(steps).toEqual([
      '- [org/app-ghsa-a](https://github.com/org/app-ghsa-a) ([settings](https://github.com/org/app-ghsa-a/settings)): GHSA-a is closed; Settings, Danger zone, "Delete this repository".',
      '- org/app-ghsa-b: GHSA-b is withdrawn; Settings, Danger zone, "Delete this repository".',
    ]);
  });

  it('never deletes the advisory repository itself or a repository of another account', () => {
    const plan = planForkCleanup([
      advisory('GHSA-sel', 'published', 'org/app'),
      advisory('GHSA-oth', 'closed', 'elsewhere/app-ghsa-oth'),
    ]);
    expect(plan.toDelete).toEqual([]);
    expect(plan.kept.map((k) => k.reason)).toEqual(['not-a-temporary-fork', 'not-a-temporary-fork']);
  });

  it('keeps a fork that an advisory still in progress points at, and lists a shared fork once', () => {
    const plan = planForkCleanup([
      advisory('GHSA-one', 'published', 'org/app-shared'),
      advisory('GHSA-two', 'draft', 'org/app-shared'),
      advisory('GHSA-thr', 'published', 'org/app-twice'),
      advisory('GHSA-fou', 'closed', 'ORG/app-twice'),
    ]);
    expect(plan.toDelete.map((d) => [d.ghsaId, d.fork])).toEqual([['GHSA-thr', 'org/app-twice']]);
    expect(plan.kept.find((k) => k.ghsaId === 'GHSA-one')?.reason).toBe('shared-with-open-advisory');
  });
});

describe('parseForkCommand', () => {
  it.each([
    ['/fork', undefined],
    ['  /fork  \nthanks!', undefined],
    ['\n/FORK', undefined],
    ['/fork fix-team=alice,@org/team', ['alice', '@org/team']],
    ['/fork fix-team=alice fix-team=bob', ['alice', 'bob']],
  ])('reads %p', (body, fixTeam) => {
    expect(parseForkCommand(body)).toEqual({ kind: 'fork', fixTeam });
  });

  it.each(['fork', '/forks', 'please /fork', '/triage accept', '', 'hello\n/fork'])('%p is no command', (body) => {
    expect(parseForkCommand(body)).toEqual({ kind: 'none' });
  });

  it.each(['/fork now', '/fork fix-team=', '/fork team=alice'])('%p is refused with the usage', (body) => {
    const command = parseForkCommand(body);
    expect(command.kind).toBe('invalid');
    expect(command.kind === 'invalid' && command.problem).toMatch(/unknown argument .*use `\/fork`/);
  });
});

describe('fork guidance template', () => {
  const data = {
    ghsaId: 'GHSA-2345-6789-cfgh',
    repository: 'org/app',
    fork: 'org/app-ghsa-2345-6789-cfgh',
    forkUrl: 'https://github.com/org/app-ghsa-2345-6789-cfgh',
    cloneUrl: 'https://github.com/org/app-ghsa-2345-6789-cfgh.git',
  };

  it('uses only the documented fields', () => {
    expect(() =>
      assertTemplateFields(FORK_GUIDANCE_TEMPLATE.source, 'fork-guidance', FORK_GUIDANCE_TEMPLATE.fields),
    ).not.toThrow();
  });

  it('links the fork and says CI does not run there, with local tests and act', () => {
    const text = renderTemplate(compileTemplate(FORK_GUIDANCE_TEMPLATE.source, 'fork-guidance'), {
      ...data,
      testCommand: 'npm test',
    });
    expect(text).toContain(`[${data.fork}](${data.forkUrl})`);
    expect(text).toContain(`git clone ${data.cloneUrl}`);
    expect(text).toContain('CI does not run in temporary private forks');
    expect(text).toContain('`npm test`');
    expect(text).toContain('https://github.com/nektos/act');
    expect(text).toContain('act pull_request');
  });

  it('points at the CI workflow when no test command is given', () => {
    const text = renderTemplate(compileTemplate(FORK_GUIDANCE_TEMPLATE.source, 'fork-guidance'), {
      ...data,
      testCommand: null,
    });
    expect(text).toContain("same commands as the project's CI workflow");
  });
});

describe('echoed command text is inert (the answer is a Markdown comment)', () => {
  it('does not mention or render what an unknown /fork argument holds', () => {
    const command = parseForkCommand('/fork @sample-org/everyone <img/src=x/onerror=alert(1)>');
    const problem = command.kind === 'invalid' ? command.problem : '';
    expect(problem).toContain('unknown argument "@\u200Dsample-org/everyone"');
    expect(problem).not.toMatch(/(^|[^\w])@sample-org\/everyone/);
    expect(parseForkCommand('/fork <img/src=x/onerror=alert(1)>')).toEqual({
      kind: 'invalid',
      problem:
        'unknown argument "&lt;img/src=x/onerror=alert(1)&gt;"; use `/fork` or `/fork fix-team=alice,@my-org/maintainers`',
    });
  });

  it('does not render a fix-team entry it refuses', () => {
    expect(() => parseFixTeam(['<img/src=x/onerror=alert(1)>'], 'fix-team')).toThrow(
      '"fix-team" has "&lt;img/src=x/onerror=alert(1)&gt;", but it accepts',
    );
  });
});

describe('the release-day checklist', () => {
  const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

  it('lists the steps only a person can take, merging the fork first', () => {
    expect(RELEASE_DAY_CHECKLIST.map((item) => item.key)).toEqual(['fork-merged', 'patch-releases', 'binaries-signed']);
    expect(RELEASE_DAY_CHECKLIST[0]?.how).toContain('"Merge pull request(s)"');
    expect(releaseChecklistMarkdown(new Set(['fork-merged']))).toBe(
      [
        '- [x] Fix merged from the temporary private fork',
        '- [ ] Patch release for every affected supported line',
        '- [ ] Binaries built, signed and published',
      ].join('\n'),
    );
  });

  it.each(['.github/workflow-templates/security-release.yml', 'actions/create-temp-fork/README.md'])(
    '%s names each step for the person who takes it',
    (path) => {
      const text = read(path)
        .replace(/\s*#\s*/g, ' ')
        .replace(/\s+/g, ' ');
      expect(text).toContain('Merge pull request(s)');
      expect(text).toMatch(/Patch releases per supported line/);
      expect(text).toMatch(/Binaries built and signed/);
      expect(text).toContain('RELEASE_DAY_CHECKLIST');
    },
  );
});
