/**
 * The release lines of one security release (SPEC 11: patch releases "for all affected versions in the supported
 * range"): each version released, its tag, and whether every advisory's patched versions cover it.
 */
import { ConfigurationError } from './errors.js';
import { compareVersions } from './version-range.js';

/** `2.3` for `2.3.1`: every segment but the last (a one-segment version is its own line). */
export function lineOf(version: string): string {
  const segments = version.replace(/^v/i, '').split('.');
  return segments.length > 1 ? segments.slice(0, -1).join('.') : (segments[0] ?? version);
}

/** Newest first: the order the announcement lists the lines in. */
export function newestFirst(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => compareVersions(b, a));
}

/**
 * A tag names the version when it is the version, or ends with it after a separator or a `v`: `v1.4.2`, `1.4.2`,
 * `sample-project-1.4.2`, `release/1.4.2`. `v1.0.0` does not name 1.4.2, nor `v11.4.2`.
 */
export function tagNamesVersion(tag: string, version: string): boolean {
  if (tag === version) return true;
  if (!tag.endsWith(version)) return false;
  const before = tag.slice(0, tag.length - version.length);
  return /(?:^v|[^0-9A-Za-z.]v?)$/i.test(before);
}

/** Throws a ConfigurationError naming both when a tag does not name its version. */
export function checkTags(versions: readonly string[], tags: readonly string[]): void {
  versions.forEach((version, index) => {
    const tag = tags[index];
    if (tag !== undefined && !tagNamesVersion(tag, version)) {
      throw new ConfigurationError(
        `Input "release-tag": the tag "${tag}" does not name version ${version}: the announcement of ${version} would link the release of another version. Give the tag of the ${version} release (e.g. v${version}), one tag per version in the order of "version".`,
        'release-tag',
      );
    }
  });
}

const CONSTRAINT = /^(<=|<|>=|>|=)?\s*v?([0-9A-Za-z][0-9A-Za-z.+_-]*)$/;

/**
 * Whether `version` is inside a GitHub range (`>= 1.0, < 1.4.2`); true for an empty range (every version) and for a
 * part that does not parse (it cannot be ruled out).
 */
export function inRange(version: string, range: string | null): boolean {
  if (!range || range.trim() === '') return true;
  return range
    .split(',')
    .map((part) => part.trim())
    .every((part) => {
      const match = CONSTRAINT.exec(part);
      if (!match?.[2]) return true;
      const order = compareVersions(version, match[2]);
      switch (match[1] ?? '=') {
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '>=':
          return order >= 0;
        default:
          return order === 0;
      }
    });
}

/** The versions of GitHub's free-text `patched_versions` (`2.3.1, 1.9.7`, `>= 1.4.2`, PEP 440's `==1.4.2`, `~=1.4.2`). */
export function patchedList(patched: string | null): string[] {
  return (patched ?? '')
    .split(/[,;\s]+/)
    .map((part) => part.replace(/^(?:>=|~=|={1,3}|>)/, '').replace(/^v/i, ''))
    .filter((part) => /^[0-9]/.test(part));
}

export interface CoveredPackage {
  readonly name: string;
  readonly vulnerableRange: string | null;
  readonly patchedVersions: string | null;
}

/**
 * A package is fixed in `version` when `version` is outside its vulnerable range, or a patched version of the same
 * line is at most `version`.
 */
export function packageFixedIn(pkg: CoveredPackage, version: string): boolean {
  if (!inRange(version, pkg.vulnerableRange)) return true;
  return patchedList(pkg.patchedVersions).some(
    (patched) => lineOf(patched) === lineOf(version) && compareVersions(patched, version) <= 0,
  );
}

export interface CoveredAdvisory {
  readonly id: string;
  readonly packages: readonly CoveredPackage[];
}

/**
 * Every version released is fixed for every advisory (each of its packages); else a ConfigurationError naming the
 * advisory, the version and what the advisory says, before anything is written.
 */
export function checkCoverage(advisories: readonly CoveredAdvisory[], versions: readonly string[]): void {
  for (const advisory of advisories) {
    for (const version of versions) {
      const open = advisory.packages.find((pkg) => !packageFixedIn(pkg, version));
      if (!open) continue;
      throw new ConfigurationError(
        `Input "version": ${advisory.id} is not fixed in ${version}: its package ${open.name} is vulnerable in "${open.vulnerableRange ?? 'all versions'}" and patched in "${open.patchedVersions ?? 'no version'}". Add ${version} to the advisory's patched versions (or correct its range), or leave ${version} out of "version".`,
        'version',
      );
    }
  }
}

/** Disclosure without a fix: no advisory may claim a patched version (the announcement would contradict it). */
export function checkNoPatch(advisories: readonly CoveredAdvisory[]): void {
  for (const advisory of advisories) {
    const patched = advisory.packages.find((pkg) => patchedList(pkg.patchedVersions).length > 0);
    if (patched) {
      throw new ConfigurationError(
        `Input "no-fix-reason": ${advisory.id} names patched versions "${patched.patchedVersions ?? ''}" for ${patched.name}, but a disclosure without a fix announces none. Remove the patched versions from the advisory, or release the fix with "version" instead of "no-fix-reason".`,
        'no-fix-reason',
      );
    }
  }
}
