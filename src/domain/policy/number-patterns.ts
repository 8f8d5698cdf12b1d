/**
 * Regular expressions for decimal numbers in a range, for the policy schema (schema.ts): a JSON Schema can state the
 * bounds of a number written inside a string (`48h`, `3653d`) only as a pattern. A number is written as the duration
 * parser reads it: digits, optionally a point and more digits, leading and trailing zeros allowed (`007.50`).
 *
 * Bounds are decimal strings. One without a finite decimal expansion (3653 / 7 weeks) is cut to a number of digits by
 * `decimalOf`: the pattern and the parser then differ only for amounts written with more digits than that.
 */

/** The decimal expansion of numerator/denominator (both ≥ 0) with at most `digits` fraction digits, rounded down or up. */
export function decimalOf(numerator: bigint, denominator: bigint, digits: number, round: 'down' | 'up'): string {
  const scale = 10n ** BigInt(digits);
  const scaled = numerator * scale;
  let units = scaled / denominator;
  if (round === 'up' && units * denominator !== scaled) units += 1n;
  const text = units.toString().padStart(digits + 1, '0');
  const integer = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

/** `0012.500` as its integer digits without leading zeros ('' for zero) and fraction digits without trailing zeros. */
function normalise(bound: string): { integer: string; fraction: string } {
  const [integer = '', fraction = ''] = bound.split('.');
  return { integer: integer.replace(/^0+/, ''), fraction: fraction.replace(/0+$/, '') };
}

/** A digit class below `digit`, or undefined when there is none (`first`: the leading digit, never 0). */
function digitBelow(digit: string, first: boolean): string | undefined {
  const top = Number(digit) - 1;
  const bottom = first ? 1 : 0;
  if (top < bottom) return undefined;
  return top === bottom ? String(top) : `[${bottom}-${top}]`;
}

/** Integer digits without leading zeros ('' for zero) whose value is below `bound`'s (same form). */
function integersBelow(bound: string): string[] {
  if (bound === '') return [];
  const shorter = bound.length === 1 ? '' : `(?:[1-9]\\d{0,${bound.length - 2}})?`;
  const sameLength = [...bound].flatMap((digit, index) => {
    const lower = digitBelow(digit, index === 0);
    return lower === undefined ? [] : [`${bound.slice(0, index)}${lower}\\d{${bound.length - index - 1}}`];
  });
  return [shorter, ...sameLength];
}

/** Fraction digits (at least one) whose value is below that of `bound` (no trailing zeros). */
function fractionsBelow(bound: string): string[] {
  const firstLower = [...bound].flatMap((digit, index) => {
    const lower = digitBelow(digit, false);
    return lower === undefined ? [] : [`${bound.slice(0, index)}${lower}\\d*`];
  });
  // A proper prefix of the bound, then zeros: .8 and .800 are below .857.
  const prefixes = [...bound].map((_, length) => (length === 0 ? '0+' : `${bound.slice(0, length)}0*`));
  return [...firstLower, ...prefixes];
}

const ANY_FRACTION = '(?:\\.\\d+)?';

/** A decimal number strictly below `bound`. */
export function lessThan(bound: string): string {
  const { integer, fraction } = normalise(bound);
  const alternatives = integersBelow(integer).map((digits) => `0*${digits}${ANY_FRACTION}`);
  // The bound's integer part with a smaller fraction, or none (12 < 12.5).
  if (fraction !== '') alternatives.push(`0*${integer}(?:\\.(?:${fractionsBelow(fraction).join('|')}))?`);
  return alternatives.length === 0 ? '(?!)' : `(?=\\d)(?:${alternatives.join('|')})`;
}

/** A decimal number equal to `bound`, however many zeros it is written with. */
export function equalTo(bound: string): string {
  const { integer, fraction } = normalise(bound);
  return `(?=\\d)0*${integer}${fraction === '' ? '(?:\\.0+)?' : `\\.${fraction}0*`}`;
}

/** The end of a number: what follows is neither a digit nor a point. */
const END = '(?![\\d.])';

/** A whole decimal number from `low` to `high`, both included. */
export function between(low: string, high: string): string {
  return `(?!(?:${lessThan(low)})${END})(?:${lessThan(high)}|${equalTo(high)})${END}`;
}

/** A whole decimal number whose fraction, if any, is zeros: a whole number written as the parser reads it. */
export const WHOLE = `(?=\\d+(?:\\.0+)?${END})`;
