import { describe, expect, it } from '@jest/globals';
import { binariesOf, creditNamesOf, splitDescription } from '../../src/domain/announcement.js';
import {
  checkCoverage,
  checkNoPatch,
  inRange,
  lineOf,
  newestFirst,
  packageFixedIn,
  patchedList,
  tagNamesVersion,
} from '../../src/domain/release-lines.js';
import { upgradeSteps } from '../../src/domain/upgrade-commands.js';

describe('release lines', () => {
  it('names the line of a version and sorts versions newest first', () => {
    expect(lineOf('2.3.1')).toBe('2.3');
    expect(lineOf('7')).toBe('7');
    expect(newestFirst(['1.9.7', '2.3.1', '1.10.0'])).toEqual(['2.3.1', '1.10.0', '1.9.7']);
  });

  it.each([
    ['v1.4.2', '1.4.2', true],
    ['1.4.2', '1.4.2', true],
    ['sample-project-1.4.2', '1.4.2', true],
    ['release/v1.4.2', '1.4.2', true],
    ['v1.0.0', '1.4.2', false],
    ['v11.4.2', '1.4.2', false],
    ['x1.4.2', '1.4.2', false],
    ['v1.4.2.1', '1.4.2', false],
  ])('tag %s names version %s: %s', (tag, version, expected) => {
    expect(tagNamesVersion(tag, version)).toBe(expected);
  });

  it('reads GitHub ranges and patched versions', () => {
    expect(inRange('1.9.7', '< 2.3.1')).toBe(true);
    expect(inRange('2.3.1', '< 2.3.1')).toBe(false);
    expect(inRange('1.4.2', '>= 1.5.0, < 2.3.1')).toBe(false);
    expect(inRange('1.4.2', null)).toBe(true);
    expect(patchedList('2.3.1, 1.9.7')).toEqual(['2.3.1', '1.9.7']);
    expect(patchedList('>= 1.4.2')).toEqual(['1.4.2']);
    expect(patchedList(null)).toEqual([]);
  });

  it('reads the patched versions written with PEP 440 operators, so a disclosure without a fix refuses them', () => {
    expect(patchedList('==1.4.2, === 1.5.0, ~=2.0.1')).toEqual(['1.4.2', '1.5.0', '2.0.1']);
    const pinned = { name: 'p', vulnerableRange: '< 1.4.2', patchedVersions: '==1.4.2' };
    expect(() => checkNoPatch([{ id: 'GHSA-aaaa-bbbb-cccc', packages: [pinned] }])).toThrow(
      'GHSA-aaaa-bbbb-cccc names patched versions "==1.4.2" for p',
    );
  });

  it('takes a version as fixed outside the range or by a patched version of its own line', () => {
    const pkg = { name: 'p', vulnerableRange: '< 2.3.1', patchedVersions: '2.3.1, 1.9.7' };
    expect(packageFixedIn(pkg, '1.9.7')).toBe(true);
    expect(packageFixedIn(pkg, '1.9.8')).toBe(true);
    expect(packageFixedIn(pkg, '1.9.6')).toBe(false);
    // Never vulnerable: 1.4.2 is below the range, though no 1.4 version is patched.
    expect(packageFixedIn({ ...pkg, vulnerableRange: '>= 1.5.0, < 2.3.1' }, '1.4.2')).toBe(true);
    // 1.9.7 fixes the 1.9 line only: 2.3.0 is still vulnerable.
    expect(packageFixedIn(pkg, '2.3.0')).toBe(false);
    expect(packageFixedIn({ ...pkg, patchedVersions: '2.3.1' }, '1.9.7')).toBe(false);
    expect(() =>
      checkCoverage([{ id: 'CVE-1', packages: [{ ...pkg, patchedVersions: '2.3.1' }] }], ['2.3.1', '1.9.7']),
    ).toThrow('CVE-1 is not fixed in 1.9.7');
  });
});

describe('how to upgrade', () => {
  it('gives one command per package manager and line, the managers given or the ecosystems', () => {
    const packages = [{ ecosystem: 'pip', name: 'sample-project' }];
    expect(upgradeSteps(packages, ['2.3.1', '1.9.7'], [])).toEqual([
      { manager: 'pip', command: 'pip install --upgrade "sample-project==2.3.1"' },
      { manager: 'pip', command: 'pip install --upgrade "sample-project==1.9.7"' },
    ]);
    expect(upgradeSteps(packages, ['1.4.2'], ['conda']).map((step) => step.command)).toEqual([
      'conda install -c conda-forge "sample-project=1.4.2"',
    ]);
    expect(upgradeSteps([{ ecosystem: 'npm', name: 'lib' }], ['3.0.1'], [])[0]?.command).toBe('npm install lib@3.0.1');
    expect(upgradeSteps([{ ecosystem: 'other', name: 'x' }], ['1.0.1'], [])).toEqual([]);
  });
});

describe('the published description', () => {
  it('keeps the Impact section apart and the other headings as lines', () => {
    expect(splitDescription('### Impact\nBad things.\n\n### Patches\nFixed in 1.4.2.')).toEqual({
      description: 'Patches:\nFixed in 1.4.2.',
      impact: 'Bad things.',
    });
    expect(splitDescription('Just text.')).toEqual({ description: 'Just text.', impact: null });
    expect(splitDescription(null)).toEqual({ description: null, impact: null });
  });
});

describe('credits as the tracker records them', () => {
  const credits = [{ login: 'reporter-rita', type: 'reporter' }];

  it('adds a reporter without a GitHub account by name, and one with a login once', () => {
    expect(creditNamesOf(credits, { name: 'Dana Example' })).toEqual([
      'reporter-rita (reporter)',
      'Dana Example (reporter)',
    ]);
    expect(creditNamesOf(credits, { login: 'Reporter-Rita' })).toEqual(['reporter-rita (reporter)']);
    expect(creditNamesOf([], { login: 'bob', type: 'finder' })).toEqual(['bob (finder)']);
  });

  it('shows no credit the reporter declined', () => {
    expect(creditNamesOf(credits, { login: 'reporter-rita', declined: true })).toEqual([]);
    expect(creditNamesOf(credits, { name: 'Dana', declined: true })).toEqual(['reporter-rita (reporter)']);
  });
});

describe("a release's binaries and their signatures", () => {
  const asset = (name: string) => ({ name, browser_download_url: `https://example.org/download/${name}` });
  it('pairs each file with its .asc or .sig signature, lists signatures only through their file', () => {
    const binaries = binariesOf(
      ['p-1.tar.gz', 'p-1.tar.gz.asc', 'p-1.whl', 'p-1.whl.sig', 'p-1.zip', 'KEYS.asc'].map(asset),
    );
    expect(binaries).toEqual([
      {
        name: 'p-1.tar.gz',
        url: asset('p-1.tar.gz').browser_download_url,
        signatureUrl: asset('p-1.tar.gz.asc').browser_download_url,
      },
      {
        name: 'p-1.whl',
        url: asset('p-1.whl').browser_download_url,
        signatureUrl: asset('p-1.whl.sig').browser_download_url,
      },
      { name: 'p-1.zip', url: asset('p-1.zip').browser_download_url, signatureUrl: null },
      // A signature file without its file is listed as a file of its own.
      { name: 'KEYS.asc', url: asset('KEYS.asc').browser_download_url, signatureUrl: null },
    ]);
    expect(binariesOf([])).toEqual([]);
  });
});
