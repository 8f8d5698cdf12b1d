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
    // PEP 440 pre-releases glued to their number (numpy 1.26.0rc1), and post-releases
    ['1.4.2rc1', '1.4.1', 1],
    ['1.4.2rc1', '1.4.2', -1],
    ['1.10rc1', '1.9', 1],
    ['1.0.0rc2', '1.0.0rc10', -1],
    ['1.0.0-rc10', '1.0.0-rc2', 1],
    ['1.0.0b2', '1.0.0rc1', -1],
    ['1.4.2.post1', '1.4.2', 1],
    ['1.4.2.post1', '1.4.3', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it('names the newest vulnerable version of ranges bounded by release candidates', () => {
    expect(highestUpperBound(['< 1.4.2rc1', '<= 1.4.1'])).toEqual({ version: '1.4.2rc1', inclusive: false });
    expect(upperBound('< 1.10rc1, < 1.9.5')).toEqual({ version: '1.9.5', inclusive: false });
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
