/**
 * The parts of src/domain/release-lines.ts that the mutation run found unguarded: the line of a `v`-prefixed or
 * pre-release version, a tag that ends in a `v` glued to a word, release tags paired with versions (the refusal and
 * its exact message), every comparison of a GitHub range (`<=`, `>`, `>=`, `=`, none) with spaces around its parts
 * and parts that do not parse, the free text of patched versions (operators, `v`, words with digits), and the exact
 * refusals of a release that does not cover a version or a disclosure without a fix that names a patched version.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import {
  checkCoverage,
  checkNoPatch,
  checkTags,
  inRange,
  lineOf,
  packageFixedIn,
  patchedList,
  tagNamesVersion,
  type CoveredAdvisory,
  type CoveredPackage,
} from '../../src/domain/release-lines.js';
import { thrownBy } from './thrown.js';

function expectConfigurationError(run: () => unknown, source: string, message: string): void {
  const error = thrownBy(run, ConfigurationError);
  expect(error.message).toBe(message);
  expect(error.source).toBe(source);
}

function pkg(overrides: Partial<CoveredPackage>): CoveredPackage {
  return { name: 'sample-project', vulnerableRange: '< 2.3.1', patchedVersions: '2.3.1, 1.9.7', ...overrides };
}

function advisory(id: string, ...packages: CoveredPackage[]): CoveredAdvisory {
  return { id, packages };
}

describe('the line of a version', () => {
  it('drops a leading v, whatever its case', () => {
    expect(lineOf('v2.3.1')).toBe('2.3');
    expect(lineOf('V2.3.1')).toBe('2.3');
  });

  it('drops the v of a one-segment version too', () => {
    expect(lineOf('v7')).toBe('7');
  });

  it('keeps a v inside the version', () => {
    expect(lineOf('1.0-dev.2')).toBe('1.0-dev');
  });
});

describe('a tag naming its version', () => {
  it('does not take a v glued to a word as the v of the version', () => {
    expect(tagNamesVersion('rev1.4.2', '1.4.2')).toBe(false);
    expect(tagNamesVersion('release-v1.4.2', '1.4.2')).toBe(true);
  });
});

describe('release tags paired with the versions', () => {
  it('accepts tags that name their versions, in the order of "version"', () => {
    expect(() => checkTags(['2.3.1', '1.9.7'], ['v2.3.1', 'sample-project-1.9.7'])).not.toThrow();
  });

  it('accepts no tags at all (each release then gets v<version>)', () => {
    expect(() => checkTags(['2.3.1', '1.9.7'], [])).not.toThrow();
  });

  it('refuses a tag of another version, naming the tag and the version', () => {
    expectConfigurationError(
      () => checkTags(['1.4.2'], ['v1.0.0']),
      'release-tag',
      'Input "release-tag": the tag "v1.0.0" does not name version 1.4.2: the announcement of 1.4.2 would link the release of another version. Give the tag of the 1.4.2 release (e.g. v1.4.2), one tag per version in the order of "version".',
    );
  });

  it('pairs the second tag with the second version', () => {
    expect(thrownBy(() => checkTags(['2.3.1', '1.9.7'], ['v2.3.1', 'v2.3.1']), ConfigurationError).message).toContain(
      'the tag "v2.3.1" does not name version 1.9.7',
    );
  });
});

describe('GitHub ranges: each comparison', () => {
  it.each([
    ['<= 2.0', '1.9', true],
    ['<= 2.0', '2.0', true],
    ['<= 2.0', '2.1', false],
    ['> 2.0', '1.9', false],
    ['> 2.0', '2.0', false],
    ['> 2.0', '2.1', true],
    ['>= 2.0', '1.9', false],
    ['>= 2.0', '2.0', true],
    ['>= 2.0', '2.1', true],
    ['= 2.0', '1.9', false],
    ['= 2.0', '2.0', true],
    ['= 2.0', '2.1', false],
    ['2.0', '2.0', true],
    ['2.0', '2.1', false],
  ])('%s holds %s: %s', (range, version, expected) => {
    expect(inRange(version, range)).toBe(expected);
  });

  it('reads every part of a range, spaces around the comma or not', () => {
    expect(inRange('2.4.0', '>= 1.5.0, < 2.3.1')).toBe(false);
    expect(inRange('2.0.0', '>= 1.5.0 , < 2.3.1')).toBe(true);
    expect(inRange('1.4.0', '>= 1.5.0 ,< 2.3.1')).toBe(false);
  });

  it('cannot rule a version out with a part that does not parse', () => {
    expect(inRange('3.0', '~> 1.2')).toBe(true);
    expect(inRange('3.0', '< 2.0, ~> 1.2')).toBe(false);
    expect(inRange('1.0', '< 2.0, ~> 1.2')).toBe(true);
  });
});

describe('the free text of patched versions', () => {
  it('drops an operator written without a space', () => {
    expect(patchedList('>=1.4.2')).toEqual(['1.4.2']);
  });

  it('drops a leading v, and a v only at the start', () => {
    expect(patchedList('v1.4.2, V2.0.1')).toEqual(['1.4.2', '2.0.1']);
    expect(patchedList('1.0.dev1')).toEqual(['1.0.dev1']);
  });

  it('strips an operator only at the start of a part', () => {
    expect(patchedList('1.4.2=final')).toEqual(['1.4.2=final']);
  });

  it('keeps only parts that start with a digit', () => {
    expect(patchedList('1.4.2 (commit abc123)')).toEqual(['1.4.2']);
  });

  it('takes a v-prefixed patched version as fixing its line', () => {
    expect(packageFixedIn(pkg({ patchedVersions: 'v1.9.7' }), '1.9.7')).toBe(true);
  });
});

describe('a release that does not cover a version', () => {
  it('names the advisory, the version, the package, its range and its patched versions', () => {
    expectConfigurationError(
      () => checkCoverage([advisory('GHSA-aaaa-bbbb-cccc', pkg({ patchedVersions: '2.3.1' }))], ['2.3.1', '1.9.7']),
      'version',
      'Input "version": GHSA-aaaa-bbbb-cccc is not fixed in 1.9.7: its package sample-project is vulnerable in "< 2.3.1" and patched in "2.3.1". Add 1.9.7 to the advisory\'s patched versions (or correct its range), or leave 1.9.7 out of "version".',
    );
  });

  it('says "all versions" and "no version" when the advisory gives neither', () => {
    expectConfigurationError(
      () =>
        checkCoverage(
          [advisory('GHSA-aaaa-bbbb-cccc', pkg({ vulnerableRange: null, patchedVersions: null }))],
          ['1.0'],
        ),
      'version',
      'Input "version": GHSA-aaaa-bbbb-cccc is not fixed in 1.0: its package sample-project is vulnerable in "all versions" and patched in "no version". Add 1.0 to the advisory\'s patched versions (or correct its range), or leave 1.0 out of "version".',
    );
  });
});

describe('a disclosure without a fix', () => {
  it('accepts advisories that name no patched version', () => {
    expect(() =>
      checkNoPatch([
        advisory('GHSA-aaaa-bbbb-cccc', pkg({ patchedVersions: null })),
        advisory('GHSA-dddd-eeee-ffff', pkg({ patchedVersions: 'not yet, see commit abc123' })),
      ]),
    ).not.toThrow();
    expect(() => checkNoPatch([])).not.toThrow();
  });

  it('refuses an advisory naming a patched version, naming the package that has it', () => {
    expectConfigurationError(
      () =>
        checkNoPatch([
          advisory('GHSA-aaaa-bbbb-cccc', pkg({ patchedVersions: null })),
          advisory(
            'GHSA-dddd-eeee-ffff',
            pkg({ patchedVersions: null }),
            pkg({ name: 'other', patchedVersions: '>= 2.3.1' }),
          ),
        ]),
      'no-fix-reason',
      'Input "no-fix-reason": GHSA-dddd-eeee-ffff names patched versions ">= 2.3.1" for other, but a disclosure without a fix announces none. Remove the patched versions from the advisory, or release the fix with "version" instead of "no-fix-reason".',
    );
  });
});
