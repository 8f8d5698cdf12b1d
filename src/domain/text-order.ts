/**
 * `a.localeCompare(b)` (the runner's locale, en-US on GitHub's runners) without ICU for printable ASCII text: the
 * first comparison of a process initialises ICU's collation, about 6 ms of a run that sorts a few logins or
 * repository names. Printable ASCII compares as ICU's root collation does: every character has its own weight
 * (punctuation and symbols, then digits, then letters, a letter's case ignored), the shorter of two strings equal so
 * far first, and only strings equal but for case ordered by case (lower-case first, at the first difference).
 * Anything else (accents, other scripts, control characters) goes to an Intl.Collator made on first use.
 */

/** Printable ASCII in ICU root order; a letter's upper case follows its lower case, with the same weight. */
const ROOT_ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ`;

/** Weight by character code; -1: not printable ASCII. */
const WEIGHT = new Int16Array(128).fill(-1);
{
  let weight = 0;
  for (const character of ROOT_ORDER) {
    const isUpper = character >= 'A' && character <= 'Z';
    if (!isUpper) weight += 1;
    WEIGHT[character.charCodeAt(0)] = weight;
  }
}

function isPrintableAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128 || WEIGHT[code] === -1) return false;
  }
  return true;
}

function compareAscii(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let index = 0; index < shorter; index += 1) {
    const difference = WEIGHT[a.charCodeAt(index)]! - WEIGHT[b.charCodeAt(index)]!;
    if (difference !== 0) return Math.sign(difference);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let index = 0; index < a.length; index += 1) {
    // Same weights: the letters differ in case only, the lower case (the higher code) first.
    if (a[index] !== b[index]) return a.charCodeAt(index) > b.charCodeAt(index) ? -1 : 1;
  }
  return 0;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The end of the run of digits starting at `start`. */
function digitsEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
  return end;
}

/**
 * As compareAscii, a run of digits weighing as its number (ICU's `numeric`); undefined for a number written with a
 * leading zero, left to the collator.
 */
function compareAsciiNumeric(a: string, b: string): number | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [codeA, codeB] = [a.charCodeAt(i), b.charCodeAt(j)];
    if (isDigit(codeA) && isDigit(codeB)) {
      const [endA, endB] = [digitsEnd(a, i), digitsEnd(b, j)];
      if ((codeA === 48 && endA - i > 1) || (codeB === 48 && endB - j > 1)) return undefined;
      const [numberA, numberB] = [a.slice(i, endA), b.slice(j, endB)];
      if (numberA.length !== numberB.length) return numberA.length < numberB.length ? -1 : 1;
      if (numberA !== numberB) return numberA < numberB ? -1 : 1;
      [i, j] = [endA, endB];
      continue;
    }
    const difference = WEIGHT[codeA]! - WEIGHT[codeB]!;
    if (difference !== 0) return Math.sign(difference);
    [i, j] = [i + 1, j + 1];
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  // Equal numbers without leading zeros are written alike: as compareAscii from here.
  return compareAscii(a, b);
}

let collator: Intl.Collator | undefined;
let numericCollator: Intl.Collator | undefined;

/** Orders text as `a.localeCompare(b)` does (see above); -1, 0 or 1. */
export function compareText(a: string, b: string): number {
  if (isPrintableAscii(a) && isPrintableAscii(b)) return compareAscii(a, b);
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}

/** Orders text as `a.localeCompare(b, 'en', { numeric: true })` does: `CVE-2026-9999` before `CVE-2026-10000`. */
export function compareTextNumeric(a: string, b: string): number {
  const quick = isPrintableAscii(a) && isPrintableAscii(b) ? compareAsciiNumeric(a, b) : undefined;
  if (quick !== undefined) return quick;
  numericCollator ??= new Intl.Collator('en', { numeric: true });
  return numericCollator.compare(a, b);
}
