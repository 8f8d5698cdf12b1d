import { describe, expect, it } from '@jest/globals';
import { compareVersions, highestUpperBound, upperBound } from '../../src/domain/version-range.js';

describe('compareVersions', () => {
  it.each([
    ['1.10', '1.9', 1],
    ['1.4.2', '1.4.2', 0],
    ['1.4', '1.4.0', 0],
    ['v2.0.0', '1.99', 1],
    ['1.0.0-rc1', '1.0.0', -1],
    ['1.0.0a1', '1.0.0', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe('upperBound', () => {
  it.each([
    ['< 1.4.2', { version: '1.4.2', inclusive: false }],
    ['<= 1.4.1', { version: '1.4.1', inclusive: true }],
    ['>= 1.0.0, < 1.4.2', { version: '1.4.2', inclusive: false }],
    ['= 1.2.0', { version: '1.2.0', inclusive: true }],
    ['1.2.0', { version: '1.2.0', inclusive: true }],
    ['< 2.0, <= 1.9', { version: '1.9', inclusive: true }],
  ])('%s', (range, bound) => {
    expect(upperBound(range)).toEqual(bound);
  });

  it('has none for an open range or text that is not a range', () => {
    expect(upperBound('>= 1.0')).toBeUndefined();
    expect(upperBound('')).toBeUndefined();
    expect(upperBound('all versions ever')).toBeUndefined();
  });

  it('takes the highest of several ranges', () => {
    expect(highestUpperBound(['<= 1.3.9', '< 1.4.2', '>= 0.1'])).toEqual({ version: '1.4.2', inclusive: false });
    expect(highestUpperBound([])).toBeUndefined();
  });
});
