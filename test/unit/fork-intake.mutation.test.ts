/**
 * The parts of src/domain/fork.ts, intake.ts, checklist.ts and inventory.ts that the mutation run found unguarded:
 * wait timeouts in long unit names and the one-minute boundary, fix-team entries (blanks, `@` only in front,
 * `team:slug` exactly, long entries cut in the message, teams of different organizations kept apart, the exact
 * messages), the empty fix team, a fork owner compared by the account before the slash, the claim lease boundary,
 * a manual acknowledgement (its channel, what it was prepared for, an already made acknowledgement), the
 * retrospective line when the policy does not track it, and the inventory forgetting a removed repository.
 */
import { describe, expect, it } from '@jest/globals';
import { renderChecklist } from '../../src/domain/checklist.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import {
  formatWait,
  isEmptyTeam,
  isTemporaryForkOf,
  parseFixTeam,
  parseWaitTimeout,
  planForkCleanup,
  teamSlugsFor,
} from '../../src/domain/fork.js';
import { acknowledgedState, claimHolder, isTakenIn } from '../../src/domain/intake.js';
import { emptyInventory, mergeInventoryBatch, parseInventory } from '../../src/domain/inventory.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import { thrownBy } from './thrown.js';

const received = '2026-11-02T09:00:00.000Z';
const fresh = (): TrackerState => newTrackerState('GHSA-aaaa-bbbb-cccc', 'example-org/app', 'spec11', received);

const errorOf = (run: () => unknown): Error => thrownBy(run, Error);

describe('wait timeouts', () => {
  it('reads units written out in full by their first letter', () => {
    expect(parseWaitTimeout('2 minutes')).toBe(120_000);
    expect(parseWaitTimeout('1 hour 30 secs')).toBe(3_630_000);
  });

  it('says exactly one minute in minutes, and less in seconds', () => {
    expect(formatWait(60_000)).toBe('1 min');
    expect(formatWait(59_000)).toBe('59 s');
  });
});

describe('fix team entries', () => {
  it('accepts users with blanks around them', () => {
    expect(parseFixTeam(['  alice ', '\t@bob\n'], 'fix-team')).toEqual({ users: ['alice', 'bob'], teams: [] });
  });

  it('takes `@` only in front of a name', () => {
    const error = errorOf(() => parseFixTeam(['al@ice'], 'fix-team'));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      '"fix-team" has "al@ice", but it accepts GitHub users (`alice` or `@alice`) and teams ' +
        '(`org/team`, `@org/team` or `team:slug`), comma or line separated.',
    );
  });

  it('takes `team:slug` only as the whole entry', () => {
    expect(() => parseFixTeam(['xteam:core'], 'fix-team')).toThrow('"fix-team" has "xteam:core"');
    expect(() => parseFixTeam(['team:core:extra'], 'fix-team')).toThrow('"fix-team" has "team:core:extra"');
    expect(parseFixTeam(['team:core'], 'fix-team').teams).toEqual([{ org: undefined, slug: 'core' }]);
  });

  it('quotes at most the first 80 characters of a bad entry', () => {
    const entry = `${'a'.repeat(80)}${'b'.repeat(20)}`;
    const error = errorOf(() => parseFixTeam([entry], 'fix-team'));
    expect(error.message).toBe(
      `"fix-team" has "${'a'.repeat(80)}", but it accepts GitHub users (\`alice\` or \`@alice\`) and teams ` +
        '(`org/team`, `@org/team` or `team:slug`), comma or line separated.',
    );
  });

  it('keeps same-named teams of different organizations apart, and a team listed twice once', () => {
    expect(parseFixTeam(['one/core', 'two/core', 'One/Core', 'team:core'], 'fix-team').teams).toEqual([
      { org: 'one', slug: 'core' },
      { org: 'two', slug: 'core' },
      { org: undefined, slug: 'core' },
    ]);
  });

  it('explains that an advisory takes only teams of its own organization', () => {
    const team = parseFixTeam(['other/core'], 'fix-team');
    const error = errorOf(() => teamSlugsFor(team, 'example-org', 'fix-team'));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      '"fix-team" names the team other/core, but the advisory\'s repository belongs to example-org: an advisory ' +
        'can only take teams of its own organization (use a example-org/… team or add its members as users).',
    );
  });
});

describe('an empty fix team', () => {
  it('is empty with neither users nor teams, and not with either', () => {
    expect(isEmptyTeam({ users: [], teams: [] })).toBe(true);
    expect(isEmptyTeam({ users: ['alice'], teams: [] })).toBe(false);
    expect(isEmptyTeam({ users: [], teams: [{ org: undefined, slug: 'core' }] })).toBe(false);
  });
});

describe('which fork is a temporary fork of the repository', () => {
  it('compares the whole account before the slash, not its first letter', () => {
    expect(isTemporaryForkOf('ab/app-ghsa-1', 'ac/app')).toBe(false);
    expect(isTemporaryForkOf('AB/app-ghsa-1', 'ab/app')).toBe(true);
  });

  it('does not take an account equal only once upper-cased (ſ and s) for the same one', () => {
    expect(isTemporaryForkOf('ſ/app-ghsa-1', 's/app')).toBe(false);
    const plan = planForkCleanup([
      { ghsaId: 'GHSA-1', repository: 's/app', state: 'closed', privateFork: 'ſ/app-ghsa-1' },
    ]);
    expect(plan.toDelete).toEqual([]);
    expect(plan.kept).toEqual([
      { ghsaId: 'GHSA-1', repository: 's/app', state: 'closed', fork: 'ſ/app-ghsa-1', reason: 'not-a-temporary-fork' },
    ]);
  });
});

describe('racing claims on a report', () => {
  it('lets a claim exactly a lease older than the newest go', () => {
    const claims = [
      { id: 1, createdAt: '2026-11-02T09:00:00.000Z' },
      { id: 2, createdAt: '2026-11-02T09:10:00.000Z' },
    ];
    expect(claimHolder(claims, 10 * 60_000)).toBe(2);
    expect(claimHolder(claims, 10 * 60_000 + 1)).toBe(1);
  });
});

describe('taking a report in', () => {
  it('is not done for a report with no tracker state yet', () => {
    expect(isTakenIn(undefined)).toBe(false);
  });

  it('records a manual acknowledgement as prepared for the channel the report came in', () => {
    const at = new Date('2026-11-02T10:00:00.000Z');
    const next = acknowledgedState(fresh(), { at, channel: 'manual', severity: undefined, notify: false });
    expect(next.ackToSend).toEqual({ at: '2026-11-02T10:00:00.000Z', via: 'its channel' });
    expect(next.ackChannel).toBe('manual');
    expect(next.acknowledgedAt).toBeUndefined();
  });

  it('prepares nothing to send by hand once the report is acknowledged', () => {
    const acknowledged = {
      ...fresh(),
      acknowledgedAt: '2026-11-02T09:30:00.000Z',
      ackChannel: 'issue-comment' as const,
    };
    const at = new Date('2026-11-02T10:00:00.000Z');
    const next = acknowledgedState(acknowledged, { at, channel: 'manual', severity: undefined, notify: false });
    expect(next.ackToSend).toBeUndefined();
    expect(next.acknowledgedAt).toBe('2026-11-02T09:30:00.000Z');
    expect(next.ackChannel).toBe('issue-comment');
  });
});

describe('the retrospective line of the checklist', () => {
  const untracked = {
    ...PRESETS.spec11,
    enforcement: { ...PRESETS.spec11.enforcement, retrospective: 'off' as const },
  };
  const retrospectiveLine = (state: TrackerState): string | undefined =>
    renderChecklist(untracked, state)
      .split('\n')
      .find((line) => line.includes('retrospective'));

  it('says no deadline once the fix is released when the policy does not track it', () => {
    expect(retrospectiveLine({ ...fresh(), releasedAt: '2026-11-20T16:00:00.000Z' })).toBe(
      '- [ ] Hold the blameless retrospective (no deadline)',
    );
  });
});

describe('the inventory', () => {
  it('forgets a gap of the checked batch whose repository is no longer in it', () => {
    const before = mergeInventoryBatch(emptyInventory(), 1, 2, [
      { repository: 'o/gone', kinds: ['reporting-disabled'] },
    ]);
    expect(mergeInventoryBatch(before, 1, 2, [{ repository: 'o/other', kinds: [] }]).gaps).toEqual([]);
  });

  it('skips a missing gap entry in a remembered state', () => {
    const gap = { repository: 'o/app', batch: 1, kinds: ['no-security-policy'] };
    expect(parseInventory({ batches: 1, checked: [1], gaps: [undefined, null, gap] }).gaps).toEqual([gap]);
  });
});
