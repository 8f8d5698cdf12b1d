/**
 * The parts of release-preconditions.ts, release-approval.ts and reporter-messages.ts that the mutation run found
 * unguarded: the exact precondition messages (closed and withdrawn advisories, unnamed packages, a release line not
 * covered by an advisory without a vulnerable range, patched versions missing while versions are checked), a
 * severity or a CVSS vector each being enough, the words of each no-fix ground, the announcement reason joining
 * several decisions or deadlines (and naming only deadlines reached), the `/release` usage reply, approvals recorded
 * twice by one person, the "1 more approval" message naming each approver, and the fields of the reporter's
 * milestone messages (CVE, release date, publication), an unchanged or removed release date, and a release date
 * announced ten times or more, or written by hand with a `#` in it.
 */
import { describe, expect, it } from '@jest/globals';
import { approvalNeeded, approvalStatus, approversOf, parseReleaseCommand } from '../../src/domain/release-approval.js';
import {
  groundText,
  noFixAnnouncementReason,
  noFixGrounds,
  unmetPreconditions,
  type AdvisoryFacts,
  type NoFixGround,
} from '../../src/domain/release-preconditions.js';
import { milestoneMessages, owedUpdates, UPDATES_OPT_IN } from '../../src/domain/reporter-messages.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const ID = 'GHSA-f8m6-h2c7-8h9x';
const TODAY = '2026-11-24';

const ready: AdvisoryFacts = {
  ghsaId: ID,
  state: 'draft',
  cveId: 'CVE-2026-12345',
  severity: 'high',
  hasCvss: true,
  vulnerabilities: [{ name: 'sample', patchedVersions: '1.4.2' }],
  repositoryIsPublic: true,
  agreedReleaseDate: TODAY,
};

const unmet = (advisory: Partial<AdvisoryFacts>, versions?: string[]): string[] =>
  unmetPreconditions({ ...ready, ...advisory }, { requireCve: undefined, ...(versions ? { versions } : {}) }, TODAY);

describe('unmetPreconditions: the state of the advisory', () => {
  it.each(['closed', 'withdrawn'])('refuses a %s advisory, naming its state', (state) => {
    expect(unmet({ state })).toEqual([`${ID} is ${state}`]);
  });

  it.each(['draft', 'triage'])('accepts a %s advisory', (state) => {
    expect(unmet({ state })).toEqual([]);
  });
});

describe('unmetPreconditions: severity', () => {
  it('takes a severity without a CVSS vector, or a CVSS vector without a severity', () => {
    expect(unmet({ severity: 'high', hasCvss: false })).toEqual([]);
    expect(unmet({ severity: null, hasCvss: true })).toEqual([]);
    expect(unmet({ severity: null, hasCvss: false })).toEqual([`${ID} has neither a severity nor a CVSS vector`]);
  });
});

describe('unmetPreconditions: packages without a name', () => {
  it('calls a package without a name "unnamed package" when it has no patched versions', () => {
    expect(unmet({ vulnerabilities: [{ name: null, patchedVersions: null }] })).toEqual([
      `${ID} vulnerability 1 (unnamed package) has no patched versions`,
    ]);
  });

  it('calls it so in a disclosure without a fix that names patched versions', () => {
    const advisory = { ...ready, vulnerabilities: [{ name: null, patchedVersions: '1.4.2' }] };
    expect(unmetPreconditions(advisory, { requireCve: undefined, noFix: true }, TODAY)).toEqual([
      `${ID} vulnerability 1 (unnamed package) names patched versions "1.4.2", but a disclosure without a fix publishes none: remove them from the advisory, or release the fix with "versions" instead of "no-fix"`,
    ]);
  });
});

describe('unmetPreconditions: versions released', () => {
  it('says a version is not covered by an unnamed package vulnerable in all versions (no range given)', () => {
    expect(unmet({ vulnerabilities: [{ name: null, patchedVersions: '2.3.1' }] }, ['1.9.7'])).toEqual([
      `version 1.9.7 is not covered by ${ID}: unnamed package is vulnerable in "all versions" and patched in "2.3.1" (add 1.9.7 to the advisory's patched versions, or correct its range)`,
    ]);
  });

  it('reports a package without patched versions once, not again for each version released', () => {
    const advisory = {
      vulnerabilities: [
        { name: 'sample', patchedVersions: null },
        { name: 'other', vulnerableRange: '< 2.3.1', patchedVersions: '2.3.1' },
      ],
    };
    expect(unmet(advisory, ['2.3.1'])).toEqual([`${ID} vulnerability 1 (sample) has no patched versions`]);
  });
});

describe('groundText: each ground in words', () => {
  const NOW = new Date('2026-11-19T16:10:00Z');
  const [deadline, decidedBy, decidedAnonymously, decide] = noFixGrounds(
    [
      { ghsaId: 'A', deadline: new Date('2026-10-30T09:00:00Z'), decision: undefined },
      { ghsaId: 'B', deadline: undefined, decision: { reason: 'r', at: '2026-11-18T10:05:00.000Z', by: 'lead' } },
      { ghsaId: 'C', deadline: undefined, decision: { reason: 'r', at: '2026-11-18T10:05:00.000Z' } },
      { ghsaId: 'D', deadline: undefined, decision: undefined },
    ],
    NOW,
    true,
  ) as [NoFixGround, NoFixGround, NoFixGround, NoFixGround];

  it('names the deadline reached', () => {
    expect(groundText(deadline, 'runner')).toBe('A: disclosure deadline reached (2026-10-30 09:00 UTC)');
  });

  it('names who decided earlier and when, when known', () => {
    expect(groundText(decidedBy, 'runner')).toBe('B: disclosure without a fix decided by lead at 2026-11-18 10:05 UTC');
    expect(groundText(decidedAnonymously, 'runner')).toBe(
      'C: disclosure without a fix decided at 2026-11-18 10:05 UTC',
    );
  });

  it('names who decides now, when known', () => {
    expect(groundText(decide, 'sirt-lead')).toBe('D: disclosure without a fix decided now by sirt-lead');
    expect(groundText(decide, undefined)).toBe('D: disclosure without a fix decided now');
  });
});

describe('noFixAnnouncementReason: several advisories', () => {
  const NOW = new Date('2026-11-19T16:10:00Z');

  it('joins the different decisions recorded', () => {
    const grounds = noFixGrounds(
      [
        { ghsaId: 'A', deadline: undefined, decision: { reason: 'No fix is possible.', at: '2026-11-18T10:00:00Z' } },
        { ghsaId: 'B', deadline: undefined, decision: { reason: 'Upstream is gone.', at: '2026-11-18T11:00:00Z' } },
      ],
      NOW,
      false,
    );
    expect(noFixAnnouncementReason(grounds, undefined)).toBe('No fix is possible. Upstream is gone.');
  });

  it('lists each deadline reached, once', () => {
    const grounds = noFixGrounds(
      [
        { ghsaId: 'A', deadline: new Date('2026-10-30T09:00:00Z'), decision: undefined },
        { ghsaId: 'B', deadline: new Date('2026-11-02T09:00:00Z'), decision: undefined },
        { ghsaId: 'C', deadline: new Date('2026-11-02T17:00:00Z'), decision: undefined },
      ],
      NOW,
      false,
    );
    expect(noFixAnnouncementReason(grounds, undefined)).toBe(
      'The disclosure deadline (2026-10-30, 2026-11-02) was reached without a fix.',
    );
  });

  it('names only the deadlines reached, not those of advisories held on other grounds', () => {
    const grounds = noFixGrounds(
      [
        { ghsaId: 'A', deadline: new Date('2026-10-30T09:00:00Z'), decision: undefined },
        { ghsaId: 'B', deadline: new Date('2027-01-31T09:00:00Z'), decision: undefined },
        { ghsaId: 'C', deadline: undefined, decision: undefined },
      ],
      NOW,
      false,
    );
    expect(grounds.map((ground) => ground.kind)).toEqual(['deadline', 'undecided', 'undecided']);
    expect(noFixAnnouncementReason(grounds, undefined)).toBe(
      'The disclosure deadline (2026-10-30) was reached without a fix.',
    );
  });
});

describe('parseReleaseCommand: the reply to a wrong command', () => {
  it.each(['/release', '/release ship-it', '/release approve now'])('tells %j how to approve', (body) => {
    expect(parseReleaseCommand(body)).toEqual({
      kind: 'invalid',
      problem: '`/release` takes one word, approve: use `/release approve`',
    });
  });
});

describe('approvals recorded twice by one person', () => {
  const approvals = [
    { login: 'alice', at: 't1', comment: 1 },
    { login: 'bob', at: 't2', comment: 2 },
    { login: 'Alice', at: 't3', comment: 3 },
    { login: 'bob', at: 't4', comment: 4 },
  ];

  it('count once each, the first of each kept', () => {
    expect(approversOf({ approvals })).toEqual([approvals[0], approvals[1]]);
    expect(approvalStatus({ approvals }, 3)).toEqual({
      approvals: [approvals[0], approvals[1]],
      required: 3,
      missing: 1,
    });
  });
});

describe('approvalNeeded: one approval missing', () => {
  it('asks for 1 more approval, naming everyone who approved already', () => {
    const status = approvalStatus(
      {
        approvals: [
          { login: 'alice', at: 't1' },
          { login: 'bob', at: 't2' },
        ],
      },
      3,
    );
    expect(approvalNeeded({ ghsaId: 'GHSA-x', issueUrl: 'https://t/1', team: 'o/sirt' }, status)).toBe(
      'GHSA-x needs 1 more approval (release-approvals: 3): a member of o/sirt other than alice, bob must comment `/release approve` in its tracking issue https://t/1',
    );
  });
});

describe('milestoneMessages: what each message carries', () => {
  it('gives the CVE assigned its milestone and id', () => {
    expect(milestoneMessages({}, { cveId: 'CVE-2026-1' }, [])).toEqual([
      {
        milestone: 'cve-assigned',
        key: 'reporter:cve-assigned:CVE-2026-1',
        cveId: 'CVE-2026-1',
        releaseDate: null,
        previousReleaseDate: null,
      },
    ]);
  });

  it('gives the publication its milestone and the CVE id, or none', () => {
    const published = { publishedAt: '2026-02-03T16:05:00Z' };
    const told = ['reporter:cve-assigned:CVE-2026-1'];
    expect(milestoneMessages({}, { ...published, cveId: 'CVE-2026-1' }, told)).toEqual([
      {
        milestone: 'published',
        key: 'reporter:published',
        cveId: 'CVE-2026-1',
        releaseDate: null,
        previousReleaseDate: null,
      },
    ]);
    expect(milestoneMessages({}, published, [])).toEqual([
      { milestone: 'published', key: 'reporter:published', cveId: null, releaseDate: null, previousReleaseDate: null },
    ]);
  });

  it('owes nothing for a release date unchanged, or no longer agreed', () => {
    const agreed = { agreedReleaseDate: '2026-02-03' };
    expect(milestoneMessages(agreed, agreed, [])).toEqual([]);
    expect(milestoneMessages(agreed, {}, [])).toEqual([]);
  });
});

describe('owedUpdates: release dates', () => {
  const taken = (extra: Partial<TrackerState>): TrackerState => ({
    ...newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', '2026-01-05T09:00:00Z'),
    ...extra,
  });

  it('gives the date agreed its milestone, date and none before', () => {
    expect(owedUpdates(taken({ agreedReleaseDate: '2026-02-03', notified: [UPDATES_OPT_IN] }), null)).toEqual([
      {
        milestone: 'release-date',
        key: 'reporter:release-date:2026-02-03#0',
        cveId: null,
        releaseDate: '2026-02-03',
        previousReleaseDate: null,
      },
    ]);
  });

  it('recognises the date told last after ten announcements or more', () => {
    const dates = ['2026-02-03', '2026-02-10'];
    const told = Array.from({ length: 11 }, (_, index) => `reporter:release-date:${dates[index % 2]}#${index}`);
    const state = taken({ agreedReleaseDate: '2026-02-03', notified: [UPDATES_OPT_IN, ...told] });
    expect(owedUpdates(state, null)).toEqual([]);
    expect(owedUpdates({ ...state, agreedReleaseDate: '2026-02-10' }, null)).toMatchObject([
      { key: 'reporter:release-date:2026-02-10#11', previousReleaseDate: '2026-02-03' },
    ]);
  });

  it('tells a date written by hand with a "#" in it once', () => {
    const date = '2026-02-03 (see #12)';
    const [owed] = owedUpdates(taken({ agreedReleaseDate: date, notified: [UPDATES_OPT_IN] }), null);
    expect(owed?.key).toBe('reporter:release-date:2026-02-03 (see #12)#0');
    const told = taken({ agreedReleaseDate: date, notified: [UPDATES_OPT_IN, owed?.key ?? ''] });
    expect(owedUpdates(told, null)).toEqual([]);
  });
});
