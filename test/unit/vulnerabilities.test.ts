import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { ADVISORY_ECOSYSTEMS, normalizeEcosystem } from '../../src/domain/ecosystems.js';
import { VulnerabilitiesError, parseVulnerabilities } from '../../src/domain/vulnerabilities.js';

function errorOf(text: string): VulnerabilitiesError {
  try {
    parseVulnerabilities(text);
  } catch (error) {
    if (error instanceof VulnerabilitiesError) return error;
    throw error;
  }
  throw new Error('expected the input to be rejected');
}

describe('parseVulnerabilities', () => {
  it('turns a YAML list into GitHub advisory vulnerabilities', () => {
    const yaml = `
- ecosystem: pip
  package: numpy
  vulnerable-version-range: ">= 1.0, < 1.26.4"
  patched-versions: "1.26.4"
  vulnerable-functions: [numpy.load, numpy.lib.format.read_array]
- ecosystem: npm
  name: left-pad
`;
    expect(parseVulnerabilities(yaml)).toEqual([
      {
        package: { ecosystem: 'pip', name: 'numpy' },
        vulnerable_version_range: '>= 1.0, < 1.26.4',
        patched_versions: '1.26.4',
        vulnerable_functions: ['numpy.load', 'numpy.lib.format.read_array'],
      },
      {
        package: { ecosystem: 'npm', name: 'left-pad' },
        vulnerable_version_range: null,
        patched_versions: null,
        vulnerable_functions: [],
      },
    ]);
  });

  it('reads JSON with snake_case keys', () => {
    const json = JSON.stringify([
      { ecosystem: 'rust', package: 'serde', vulnerable_version_range: '< 1.0.1', patched_versions: '1.0.1' },
    ]);
    expect(parseVulnerabilities(json)).toEqual([
      {
        package: { ecosystem: 'rust', name: 'serde' },
        vulnerable_version_range: '< 1.0.1',
        patched_versions: '1.0.1',
        vulnerable_functions: [],
      },
    ]);
  });

  it("accepts GitHub's own shape with a package mapping", () => {
    const json = JSON.stringify([
      {
        package: { ecosystem: 'go', name: 'example.com/mod' },
        vulnerable_version_range: '< 2.0.0',
        patched_versions: null,
      },
    ]);
    expect(parseVulnerabilities(json)[0]).toEqual({
      package: { ecosystem: 'go', name: 'example.com/mod' },
      vulnerable_version_range: '< 2.0.0',
      patched_versions: null,
      vulnerable_functions: [],
    });
  });

  it.each([
    ['PyPI', 'pip'],
    ['crates.io', 'rust'],
    ['Cargo', 'rust'],
    ['Packagist', 'composer'],
    ['Hex', 'erlang'],
    ['NPM', 'npm'],
    ['GitHub Actions', 'actions'],
  ])('maps ecosystem %s to %s', (given, expected) => {
    expect(parseVulnerabilities(`- ecosystem: ${given}\n  package: p\n`)[0]?.package.ecosystem).toBe(expected);
  });

  it('returns an empty list for blank text', () => {
    expect(parseVulnerabilities('  \n')).toEqual([]);
    expect(parseVulnerabilities('[]')).toEqual([]);
  });

  it('is a ConfigurationError, so entry points report it as the user’s mistake', () => {
    expect(errorOf('- ecosystem: nope\n  package: x\n')).toBeInstanceOf(ConfigurationError);
  });

  it('rejects an unknown ecosystem, naming the entry and listing the accepted ones', () => {
    const { message } = errorOf('- ecosystem: npm\n  package: a\n- ecosystem: conda\n  package: b\n');
    expect(message).toContain('vulnerabilities[1].ecosystem: unknown ecosystem "conda"');
    expect(message).toContain(`accepted: ${ADVISORY_ECOSYSTEMS.join(', ')}`);
  });

  it('rejects a missing ecosystem', () => {
    expect(errorOf('- package: a\n').message).toBe('vulnerabilities[0].ecosystem is missing');
  });

  it('rejects a missing or empty package name', () => {
    expect(errorOf('- ecosystem: npm\n').message).toContain('vulnerabilities[0].package is missing');
    expect(errorOf('- ecosystem: npm\n  name: "  "\n').message).toContain(
      'vulnerabilities[0].name must be a non-empty string',
    );
    expect(errorOf('[{"package": {"ecosystem": "npm"}}]').message).toBe('vulnerabilities[0].package.name is missing');
  });

  it('rejects bad YAML', () => {
    const { message } = errorOf('- ecosystem: npm\n  package: [unclosed\n');
    expect(message).toMatch(/^vulnerabilities are not valid YAML or JSON: /);
  });

  it('rejects a document that is not a list', () => {
    expect(errorOf('ecosystem: npm\npackage: a\n').message).toBe(
      'vulnerabilities must be a list of entries, got a mapping',
    );
    expect(errorOf('"npm"').message).toContain('got string "npm"');
  });

  it('rejects an entry that is not a mapping', () => {
    expect(errorOf('- npm\n').message).toBe('vulnerabilities[0] must be a mapping, got string "npm"');
  });

  it('rejects unknown fields, which are usually typos', () => {
    const { message } = errorOf('- ecosystem: npm\n  package: a\n  patched-version: "1.0"\n');
    expect(message).toContain('vulnerabilities[0] has unknown field(s) patched-version');
  });

  it('rejects two spellings of one field', () => {
    expect(errorOf('- ecosystem: npm\n  package: a\n  name: b\n').message).toContain('gives both package and name');
  });

  it('rejects version numbers that YAML read as numbers', () => {
    const { message } = errorOf('- ecosystem: npm\n  package: a\n  patched-versions: 1.10\n');
    expect(message).toBe('vulnerabilities[0].patched-versions must be a string (quote it in YAML), got number 1.1');
  });

  it('rejects vulnerable functions that are not a list of names', () => {
    expect(errorOf('- ecosystem: npm\n  package: a\n  vulnerable-functions: run\n').message).toContain(
      'vulnerabilities[0].vulnerable-functions must be a list of function names',
    );
  });
});

describe('normalizeEcosystem', () => {
  it('knows every GitHub ecosystem and nothing else', () => {
    for (const ecosystem of ADVISORY_ECOSYSTEMS) expect(normalizeEcosystem(ecosystem)).toBe(ecosystem);
    expect(normalizeEcosystem(' PIP ')).toBe('pip');
    expect(normalizeEcosystem('conda')).toBeUndefined();
  });
});
