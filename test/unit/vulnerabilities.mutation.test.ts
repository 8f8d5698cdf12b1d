/**
 * The parts of src/domain/vulnerabilities.ts and src/domain/version-range.ts that the mutation run found unguarded:
 * the error's name and source, the exact messages (unknown fields listed with commas, the accepted ecosystems and
 * aliases, a package given twice in GitHub's shape, null or empty names and ecosystems, what a non-list or null
 * document is described as), null entries, trimming of names, ranges and function names, blank ranges read as none,
 * functions lists that hold a blank or a non-string, and versions with a `v` that is not a leading prefix.
 */
import { describe, expect, it } from '@jest/globals';
import { ADVISORY_ECOSYSTEMS } from '../../src/domain/ecosystems.js';
import { compareVersions, highestUpperBound } from '../../src/domain/version-range.js';
import { VulnerabilitiesError, parseVulnerabilities } from '../../src/domain/vulnerabilities.js';
import { thrownBy } from './thrown.js';

const KNOWN_KEYS =
  'ecosystem, package, name, vulnerable-version-range, vulnerable_version_range, patched-versions, ' +
  'patched_versions, vulnerable-functions, vulnerable_functions';

function rejection(text: string): VulnerabilitiesError {
  return thrownBy(() => parseVulnerabilities(text), VulnerabilitiesError);
}

/** One entry as JSON, so blanks and nulls reach the parser exactly as written. */
function entry(fields: Record<string, unknown>): string {
  return JSON.stringify([fields]);
}

describe('the error', () => {
  it('is named VulnerabilitiesError and blames the vulnerabilities input', () => {
    const error = rejection('- ecosystem: conda\n  package: a\n');
    expect(error.name).toBe('VulnerabilitiesError');
    expect(String(error)).toMatch(/^VulnerabilitiesError: vulnerabilities\[0\]\.ecosystem/);
    expect(error.source).toBe('vulnerabilities');
  });
});

describe('unknown fields', () => {
  it('lists every unknown field and every accepted key, separated by commas', () => {
    expect(rejection('- ecosystem: npm\n  package: a\n  severity: high\n  cwe: 79\n').message).toBe(
      `vulnerabilities[0] has unknown field(s) severity, cwe (accepted: ${KNOWN_KEYS})`,
    );
  });

  it("lists the unknown fields of GitHub's package mapping", () => {
    const text = entry({ package: { ecosystem: 'npm', name: 'a', purl: 'pkg:npm/a', version: '1' } });
    expect(rejection(text).message).toBe('vulnerabilities[0].package has unknown field(s) purl, version');
  });

  it("accepts GitHub's package mapping with only its two fields", () => {
    expect(parseVulnerabilities(entry({ package: { name: 'a', ecosystem: 'npm' } }))[0]?.package).toEqual({
      ecosystem: 'npm',
      name: 'a',
    });
  });
});

describe("a package given both in GitHub's shape and as separate fields", () => {
  it.each([
    ['an ecosystem', { ecosystem: 'pip' }],
    ['a name', { name: 'b' }],
    ['both', { ecosystem: 'pip', name: 'b' }],
  ])('is refused when the entry also has %s', (_, separate) => {
    const text = entry({ package: { ecosystem: 'npm', name: 'a' }, ...separate });
    expect(rejection(text).message).toBe(
      'vulnerabilities[0] gives the package both as a mapping and as separate fields',
    );
  });
});

describe('missing and empty names and ecosystems', () => {
  it("refuses a null name in GitHub's package mapping", () => {
    expect(rejection(entry({ package: { ecosystem: 'npm', name: null } })).message).toBe(
      'vulnerabilities[0].package.name is missing',
    );
  });

  it('calls a null ecosystem missing', () => {
    expect(rejection('- ecosystem:\n  package: a\n').message).toBe('vulnerabilities[0].ecosystem is missing');
  });

  it('names the accepted ecosystems and the aliases for an unknown one', () => {
    expect(rejection('- ecosystem: conda\n  package: a\n').message).toBe(
      `vulnerabilities[0].ecosystem: unknown ecosystem "conda" (accepted: ${ADVISORY_ECOSYSTEMS.join(', ')}; ` +
        'aliases: PyPI, crates.io, cargo, Packagist, Hex and others)',
    );
  });

  it.each([
    ['null', '- ecosystem: npm\n  package:\n'],
    ['empty', entry({ ecosystem: 'npm', package: '' })],
  ])('calls the package name missing when it is %s', (_, text) => {
    expect(rejection(text).message).toBe('vulnerabilities[0].package is missing: give the package name');
  });

  it('refuses a name that is not a string, saying what it is', () => {
    expect(rejection(entry({ ecosystem: 'npm', package: ['a'] })).message).toBe(
      'vulnerabilities[0].package must be a non-empty string, got a list',
    );
  });

  it('trims the package name', () => {
    expect(parseVulnerabilities(entry({ ecosystem: 'pip', package: '  numpy ' }))[0]?.package.name).toBe('numpy');
  });
});

describe('what the documents and entries are described as', () => {
  it('calls a null document null', () => {
    expect(rejection('null').message).toBe('vulnerabilities must be a list of entries, got null');
  });

  it('refuses a null entry as not a mapping', () => {
    expect(rejection('[null]').message).toBe('vulnerabilities[0] must be a mapping, got null');
  });

  it('refuses a list entry as not a mapping', () => {
    expect(rejection('[[1]]').message).toBe('vulnerabilities[0] must be a mapping, got a list');
  });
});

describe('version ranges and patched versions', () => {
  it('reads a blank range or patched version as none', () => {
    const [vulnerability] = parseVulnerabilities(
      entry({ ecosystem: 'npm', package: 'a', 'vulnerable-version-range': '   ', 'patched-versions': '' }),
    );
    expect(vulnerability?.vulnerable_version_range).toBeNull();
    expect(vulnerability?.patched_versions).toBeNull();
  });

  it('trims a range and a patched version', () => {
    const [vulnerability] = parseVulnerabilities(
      entry({ ecosystem: 'npm', package: 'a', 'vulnerable-version-range': ' < 1.4.2 ', 'patched-versions': ' 1.4.2 ' }),
    );
    expect(vulnerability?.vulnerable_version_range).toBe('< 1.4.2');
    expect(vulnerability?.patched_versions).toBe('1.4.2');
  });
});

describe('vulnerable functions', () => {
  it('reads null as no functions', () => {
    expect(parseVulnerabilities(entry({ ecosystem: 'npm', package: 'a', 'vulnerable-functions': null }))).toEqual([
      {
        package: { ecosystem: 'npm', name: 'a' },
        vulnerable_version_range: null,
        patched_versions: null,
        vulnerable_functions: [],
      },
    ]);
  });

  it('trims each function name', () => {
    const text = entry({ ecosystem: 'pip', package: 'numpy', vulnerable_functions: [' numpy.load ', 'numpy.save'] });
    expect(parseVulnerabilities(text)[0]?.vulnerable_functions).toEqual(['numpy.load', 'numpy.save']);
  });

  it.each([
    ['a blank name', ['numpy.load', '  ']],
    ['only a blank name', ['  ']],
    ['a number', [1]],
    ['a number after a name', ['numpy.load', 1]],
  ])('refuses a list holding %s', (_, functions) => {
    const text = entry({ ecosystem: 'pip', package: 'numpy', vulnerable_functions: functions });
    expect(rejection(text).message).toBe(
      'vulnerabilities[0].vulnerable_functions must be a list of function names, got a list',
    );
  });
});

describe('versions with a v that is not a prefix', () => {
  it('keeps the v inside a pre-release tag: 1.0.0-preview is newer than 1.0.0-prerelease', () => {
    expect(Math.sign(compareVersions('1.0.0-preview', '1.0.0-prerelease'))).toBe(1);
    expect(compareVersions('1.0.0-dev', '1.0.0-de')).toBeGreaterThan(0);
  });

  it('picks the newest bound of ranges that differ only after a v', () => {
    expect(highestUpperBound(['< 1.0.0-prerelease', '< 1.0.0-preview'])).toEqual({
      version: '1.0.0-preview',
      inclusive: false,
    });
  });
});
