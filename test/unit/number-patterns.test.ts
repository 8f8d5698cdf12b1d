/** The decimal range patterns the policy schema states duration bounds with (src/domain/policy/number-patterns.ts). */
import { describe, expect, it } from '@jest/globals';
import { between, decimalOf, equalTo, lessThan, WHOLE } from '../../src/domain/policy/number-patterns.js';

/** Exact comparison of two decimal strings, as scaled integers. */
function compare(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const digits = Math.max(af.length, bf.length);
  const x = BigInt(`${ai}${af.padEnd(digits, '0')}`);
  const y = BigInt(`${bi}${bf.padEnd(digits, '0')}`);
  return x < y ? -1 : x > y ? 1 : 0;
}

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

/** Decimal strings of every shape the parser reads: leading and trailing zeros, long fractions. */
function samples(): string[] {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const fixed = ['0', '00', '0.0', '1', '1.0', '01', '0.5', '0.05', '0.049', '24', '24.0', '24.00001', '23.99'];
  const generated = Array.from({ length: 3000 }, () => {
    const integer = `${'0'.repeat(random(2))}${random(6) === 0 ? '' : String(random(10 ** (1 + random(7))))}` || '0';
    const fraction = random(3) === 0 ? '' : `.${String(random(10 ** (1 + random(6)))).padStart(1 + random(4), '0')}`;
    return `${integer}${fraction}`;
  });
  return [...fixed, ...generated];
}

const BOUNDS = [
  '0',
  '1',
  '9',
  '10',
  '24',
  '1440',
  '3653',
  '2609.285714285714285',
  '521.857142857142857',
  '0.05',
  '0.000694444444444445',
  '5260320',
];

describe('lessThan, equalTo and between agree with exact comparison', () => {
  const numbers = samples();

  it.each(BOUNDS)('below and equal to %s', (bound) => {
    const below = whole(lessThan(bound));
    const equal = whole(equalTo(bound));
    const wrong = numbers.filter(
      (n) => below.test(n) !== compare(n, bound) < 0 || equal.test(n) !== (compare(n, bound) === 0),
    );
    expect(wrong).toEqual([]);
  });

  it.each([
    ['1', '1440'],
    ['0.05', '24'],
    ['0.000694444444444445', '3653'],
  ])('between %s and %s', (low, high) => {
    const inside = whole(between(low, high));
    const wrong = numbers.filter((n) => inside.test(n) !== (compare(n, low) >= 0 && compare(n, high) <= 0));
    expect(wrong).toEqual([]);
  });

  it('takes only whole numbers with WHOLE', () => {
    const pattern = whole(`${WHOLE}${between('1', '2609')}`);
    expect(['1', '2609', '0015', '15.0', '2609.000'].filter((n) => !pattern.test(n))).toEqual([]);
    expect(['0', '2610', '2.5', '15.01', '2609.1'].filter((n) => pattern.test(n))).toEqual([]);
  });
});

describe('decimalOf', () => {
  it('expands a fraction, rounded down or up', () => {
    expect(decimalOf(3653n, 7n, 15, 'down')).toBe('521.857142857142857');
    expect(decimalOf(3653n, 7n, 15, 'up')).toBe('521.857142857142858');
    expect(decimalOf(1n, 1440n, 15, 'up')).toBe('0.000694444444445');
    expect(decimalOf(5260320n, 60n, 15, 'down')).toBe('87672');
    expect(decimalOf(1n, 4n, 15, 'up')).toBe('0.25');
  });
});
