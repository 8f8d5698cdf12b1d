import { describe, expect, it } from '@jest/globals';
import { unmetPreconditions, type AdvisoryFacts } from '../../src/domain/release-preconditions.js';

const ready: AdvisoryFacts = {
  ghsaId: 'GHSA-f8m6-h2c7-8h9x',
  state: 'draft',
  cveId: 'CVE-2026-12345',
  severity: 'high',
  hasCvss: true,
  vulnerabilities: [{ name: 'sample', patchedVersions: '1.4.2' }],
  repositoryIsPublic: true,
  agreedReleaseDate: '2026-11-24',
};

describe('unmetPreconditions', () => {
  it('passes an advisory ready for release on its agreed day', () => {
    expect(unmetPreconditions(ready, { requireCve: undefined }, '2026-11-24')).toEqual([]);
  });

  it('lists every unmet precondition, not the first only', () => {
    const unmet = unmetPreconditions(
      {
        ...ready,
        state: 'published',
        cveId: null,
        severity: null,
        hasCvss: false,
        vulnerabilities: [
          { name: 'sample', patchedVersions: null },
          { name: null, patchedVersions: '2.0' },
        ],
      },
      { requireCve: undefined },
      '2026-11-23',
    );
    expect(unmet).toEqual([
      'GHSA-f8m6-h2c7-8h9x is already published',
      "GHSA-f8m6-h2c7-8h9x has no CVE id yet (request one with triage's request-cve)",
      'GHSA-f8m6-h2c7-8h9x has neither a severity nor a CVSS vector',
      'GHSA-f8m6-h2c7-8h9x vulnerability 1 (sample) has no patched versions',
      "GHSA-f8m6-h2c7-8h9x's agreed release date is 2026-11-24, not today (2026-11-23)",
    ]);
  });

  it('requires a CVE by default only for public repositories', () => {
    const privateRepo = { ...ready, cveId: null, repositoryIsPublic: false };
    expect(unmetPreconditions(privateRepo, { requireCve: undefined }, '2026-11-24')).toEqual([]);
    expect(unmetPreconditions(privateRepo, { requireCve: true }, '2026-11-24')).toHaveLength(1);
    expect(unmetPreconditions({ ...ready, cveId: null }, { requireCve: false }, '2026-11-24')).toEqual([]);
  });

  it('needs at least one affected package', () => {
    expect(unmetPreconditions({ ...ready, vulnerabilities: [] }, { requireCve: false }, '2026-11-24')).toEqual([
      'GHSA-f8m6-h2c7-8h9x lists no affected package',
    ]);
  });
});

describe('unmetPreconditions: versions of several release lines', () => {
  const twoLines: AdvisoryFacts = {
    ...ready,
    vulnerabilities: [
      { name: 'sample', vulnerableRange: '>= 2.0.0, < 2.3.1', patchedVersions: '2.3.1' },
      { name: 'sample', vulnerableRange: '< 1.9.7', patchedVersions: '1.9.7' },
    ],
  };
  const rules = (versions: string[]) => ({ requireCve: undefined, versions });

  it('passes when each advisory covers each version released', () => {
    expect(unmetPreconditions(twoLines, rules(['2.3.1', '1.9.7']), '2026-11-24')).toEqual([]);
    // A later patch of a line is fixed too; a version outside every vulnerable range needs no patch.
    expect(unmetPreconditions(twoLines, rules(['2.3.2']), '2026-11-24')).toEqual([]);
    const onlyTwo = { ...ready, vulnerabilities: [twoLines.vulnerabilities[0] ?? ready.vulnerabilities[0]!] };
    expect(unmetPreconditions(onlyTwo, rules(['1.9.7']), '2026-11-24')).toEqual([]);
  });

  it('names the version and the advisory that does not cover it', () => {
    const oneRange: AdvisoryFacts = {
      ...ready,
      vulnerabilities: [{ name: 'sample', vulnerableRange: '< 2.3.1', patchedVersions: '2.3.1' }],
    };
    expect(unmetPreconditions(oneRange, rules(['2.3.1', '1.9.7']), '2026-11-24')).toEqual([
      `version 1.9.7 is not covered by ${ready.ghsaId}: sample is vulnerable in "< 2.3.1" and patched in "2.3.1" (add 1.9.7 to the advisory's patched versions, or correct its range)`,
    ]);
    expect(unmetPreconditions(twoLines, rules(['1.9.6']), '2026-11-24')).toEqual([
      expect.stringContaining(`version 1.9.6 is not covered by ${ready.ghsaId}`),
    ]);
  });
});
