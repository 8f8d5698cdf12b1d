/**
 * Which versions an announcement calls vulnerable (src/domain/version-range.ts): more orderings of versions, and the
 * bound picked when a range, or several ranges, name the same version with and without `=`.
 */
import { describe, expect, it } from '@jest/globals';
import { compareVersions, highestUpperBound, upperBound } from '../../src/domain/version-range.js';

describe('compareVersions', () => {
  it.each([
    ['1.9', '1.10', -1],
    ['1.2.3', '1.2.10', -1],
    ['2', '10', -1],
    ['1.4.1', '1.4', 1],
    ['1.4', '1.4.1', -1],
    ['1.0.0', '1.0.0-rc1', 1],
    ['1.0.0-rc1', '1.0.0-rc2', -1],
    ['1.0.0-rc2', '1.0.0-rc1', 1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
    ['1.0.0-rc1', '1.0.0-rc1', 0],
    ['V1.2', '1.2', 0],
    ['1_2+3', '1.2.3', 0],
  ])('%s against %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it('gives the difference of the first numbers that differ', () => {
    expect(compareVersions('1.7', '1.3')).toBe(4);
  });
});

describe('upperBound', () => {
  it.each([
    ['<1.4.2', { version: '1.4.2', inclusive: false }],
    ['< v1.4.2', { version: '1.4.2', inclusive: false }],
    ['<= 2.0, < 2.0', { version: '2.0', inclusive: false }],
    ['< 2.0, <= 2.0', { version: '2.0', inclusive: false }],
    ['<= 1.9, < 2.0', { version: '1.9', inclusive: true }],
    ['> 1.0, <= 1.5', { version: '1.5', inclusive: true }],
    ['>= 1.0, nonsense!, < 1.2', { version: '1.2', inclusive: false }],
  ])('of %s', (range, bound) => {
    expect(upperBound(range)).toEqual(bound);
  });

  it('has none for a range with only lower bounds', () => {
    expect(upperBound('> 1.0')).toBeUndefined();
    expect(upperBound('>= 1.0, > 1.2')).toBeUndefined();
  });
});

describe('highestUpperBound', () => {
  it.each([
    [['< 1.4.2', '<= 1.4.2'], { version: '1.4.2', inclusive: true }],
    [['<= 1.4.2', '< 1.4.2'], { version: '1.4.2', inclusive: true }],
    [['< 1.10', '< 1.9'], { version: '1.10', inclusive: false }],
    [['< 1.9', '< 1.10'], { version: '1.10', inclusive: false }],
    [['>= 1.0', '<= 0.9'], { version: '0.9', inclusive: true }],
  ])('of %j', (ranges, bound) => {
    expect(highestUpperBound(ranges)).toEqual(bound);
  });

  it('has none when no range has an upper bound', () => {
    expect(highestUpperBound(['>= 1.0', 'all versions'])).toBeUndefined();
  });
});
