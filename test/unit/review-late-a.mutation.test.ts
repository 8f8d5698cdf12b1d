/**
 * The parts of src/domain/policy/parse.ts, src/domain/retrospective.ts and src/domain/version-range.ts that a late
 * mutation run found unguarded: the key an alias problem names at the top level, the disclosure deadline the
 * published advisory is judged against, and version segments that hold a digit but are not a number.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import { retrospectiveTimeline } from '../../src/domain/retrospective.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';
import { compareVersions } from '../../src/domain/version-range.js';
import { thrownBy } from './thrown.js';

const FILE = '.github/disclosure-policy.yml';

describe('an alias problem that is the whole document', () => {
  it('names the top level, as no key holds the alias', () => {
    const error = thrownBy(() => parsePolicyFile('*nope', FILE), ConfigurationError);
    expect(error.problems.map(({ line, message }) => [line, message])).toEqual([
      [
        1,
        '"(top level)" is the alias *nope, but no anchor &nope is set before it; ' +
          'write `&nope` before a value above it to reuse that value, or write the value in place of *nope',
      ],
    ]);
  });
});

describe('the published advisory in the retrospective timeline', () => {
  it('is judged against the disclosure deadline', () => {
    const received = '2026-01-05T09:00:00Z';
    const tracker = {
      ...newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', received),
      publishedAt: '2026-01-20T09:00:00.000Z',
    };
    const policy = { ...SPEC11, discloseWithin: { amount: 90, unit: 'days' as const } };
    const published = retrospectiveTimeline(policy, tracker, null, new Date('2026-02-01T00:00:00Z')).find(
      (row) => row.event === 'Advisory published',
    );
    expect(published?.at).toBe('2026-01-20T09:00:00.000Z');
    expect(published?.due).toBe('2026-04-05T09:00:00.000Z');
    expect(published?.verdict).toBe('met');
  });
});

describe('compareVersions with a segment holding digits and other characters', () => {
  it('sorts the segment as a tag before the number, not as a number', () => {
    // `1.2.0~1` splits into 1, 2 and `0~1`: digits at both ends, but not a number.
    expect(compareVersions('1.2.0~1', '1.2.0')).toBeLessThan(0);
    expect(compareVersions('1.2.0', '1.2.0~1')).toBeGreaterThan(0);
  });

  it('treats a segment ending in a non-digit as a tag', () => {
    expect(compareVersions('1.2.3!', '1.2.3')).toBeLessThan(0);
  });

  it('treats a segment starting with a non-digit as a tag', () => {
    expect(compareVersions('1.2.!3', '1.2.3')).toBeLessThan(0);
  });
});
