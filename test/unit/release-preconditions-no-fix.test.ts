import { describe, expect, it } from '@jest/globals';
import {
  groundText,
  noFixAnnouncementReason,
  noFixGrounds,
  unmetPreconditions,
  type AdvisoryFacts,
} from '../../src/domain/release-preconditions.js';

const ID = 'GHSA-f8m6-h2c7-8h9x';
const NOW = new Date('2026-11-19T16:10:00Z');
const PAST = new Date('2026-10-30T09:00:00Z');
const FUTURE = new Date('2027-01-31T09:00:00Z');
const DECISION = { reason: 'No fix is possible.', at: '2026-11-18T10:00:00.000Z', by: 'sirt-lead' };

const unfixed: AdvisoryFacts = {
  ghsaId: ID,
  state: 'draft',
  cveId: 'CVE-2026-12345',
  severity: 'high',
  hasCvss: true,
  vulnerabilities: [{ name: 'sample', patchedVersions: null }],
  repositoryIsPublic: true,
  agreedReleaseDate: '2026-11-24',
};

describe('unmetPreconditions of a disclosure without a fix', () => {
  it('requires no patched version and ignores the agreed release date', () => {
    expect(unmetPreconditions(unfixed, { requireCve: undefined, noFix: true }, '2026-11-19')).toEqual([]);
    // The same advisory as a security release: both are unmet.
    expect(unmetPreconditions(unfixed, { requireCve: undefined }, '2026-11-19')).toEqual([
      `${ID} vulnerability 1 (sample) has no patched versions`,
      `${ID}'s agreed release date is 2026-11-24, not today (2026-11-19)`,
    ]);
  });

  it('refuses patched versions, and keeps the checks that still apply', () => {
    const patched = { ...unfixed, cveId: null, vulnerabilities: [{ name: 'sample', patchedVersions: '1.4.2' }] };
    expect(unmetPreconditions(patched, { requireCve: undefined, noFix: true }, '2026-11-19')).toEqual([
      `${ID} has no CVE id yet (request one with triage's request-cve)`,
      `${ID} vulnerability 1 (sample) names patched versions "1.4.2", but a disclosure without a fix publishes none: remove them from the advisory, or release the fix with "versions" instead of "no-fix"`,
    ]);
  });
});

describe('noFixGrounds', () => {
  it('takes the deadline first, then a recorded decision, then this run', () => {
    const facts = [
      { ghsaId: 'A', deadline: PAST, decision: DECISION },
      { ghsaId: 'B', deadline: FUTURE, decision: DECISION },
      { ghsaId: 'C', deadline: FUTURE, decision: undefined },
      { ghsaId: 'D', deadline: undefined, decision: undefined },
    ];
    expect(noFixGrounds(facts, NOW, true).map((ground) => ground.kind)).toEqual([
      'deadline',
      'decided',
      'decide',
      'decide',
    ]);
    expect(noFixGrounds(facts, NOW, false).map((ground) => ground.kind)).toEqual([
      'deadline',
      'decided',
      'undecided',
      'undecided',
    ]);
  });

  it('counts a deadline that is exactly now as arrived', () => {
    const [ground] = noFixGrounds([{ ghsaId: ID, deadline: NOW, decision: undefined }], NOW, false);
    expect(ground?.kind).toBe('deadline');
  });

  it('says why an undecided advisory is held, with or without a policy deadline', () => {
    const [withDeadline, without] = noFixGrounds(
      [
        { ghsaId: 'A', deadline: FUTURE, decision: undefined },
        { ghsaId: 'B', deadline: undefined, decision: undefined },
      ],
      NOW,
      false,
    );
    expect(withDeadline && groundText(withDeadline, undefined)).toBe(
      'A: its disclosure deadline (2027-01-31 09:00 UTC) has not arrived and no decision to disclose it without a fix is recorded',
    );
    expect(without && groundText(without, undefined)).toBe(
      'B: its policy sets no disclosure deadline ("disclose-within") and no decision to disclose it without a fix is recorded',
    );
  });
});

describe('noFixAnnouncementReason', () => {
  it('hands on the reason given, else the recorded decision, else the deadline reached', () => {
    const decided = noFixGrounds([{ ghsaId: 'A', deadline: FUTURE, decision: DECISION }], NOW, false);
    const reached = noFixGrounds(
      [
        { ghsaId: 'A', deadline: PAST, decision: undefined },
        { ghsaId: 'B', deadline: PAST, decision: undefined },
      ],
      NOW,
      false,
    );
    expect(noFixAnnouncementReason(decided, 'Given now.')).toBe('Given now.');
    expect(noFixAnnouncementReason(decided, undefined)).toBe('No fix is possible.');
    expect(noFixAnnouncementReason(reached, undefined)).toBe(
      'The disclosure deadline (2026-10-30) was reached without a fix.',
    );
  });
});
