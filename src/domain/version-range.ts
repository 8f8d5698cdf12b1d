/**
 * GitHub advisory version ranges (`< 1.4.2`, `>= 1.0, <= 1.4.1`, `= 1.2.0`): just enough to say which versions an
 * announcement should call vulnerable. Versions compare segment by segment, numerically where both are numbers.
 */

export interface UpperBound {
  readonly version: string;
  /** `<=` and `=`: the version itself is vulnerable; `<`: only those before it. */
  readonly inclusive: boolean;
}

const CONSTRAINT = /^(<=|<|>=|>|=)?\s*v?([0-9A-Za-z][0-9A-Za-z.+_-]*)$/;

/** The upper bound of one range, or undefined when it has none (`>= 1.0`: every later version is affected). */
export function upperBound(range: string): UpperBound | undefined {
  let bound: UpperBound | undefined;
  for (const part of range.split(',').map((text) => text.trim())) {
    const match = CONSTRAINT.exec(part);
    if (!match?.[2]) continue;
    const operator = match[1] ?? '=';
    if (operator.startsWith('>')) continue;
    const candidate = { version: match[2], inclusive: operator !== '<' };
    bound = bound === undefined ? candidate : lowerOf(bound, candidate);
  }
  return bound;
}

function lowerOf(a: UpperBound, b: UpperBound): UpperBound {
  const order = compareVersions(a.version, b.version);
  if (order !== 0) return order < 0 ? a : b;
  return a.inclusive ? b : a;
}

function higherOf(a: UpperBound, b: UpperBound): UpperBound {
  const order = compareVersions(a.version, b.version);
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? a : b;
}

/** The highest upper bound of all `ranges`: the newest version still called vulnerable. */
export function highestUpperBound(ranges: readonly string[]): UpperBound | undefined {
  return ranges
    .map(upperBound)
    .filter((bound): bound is UpperBound => bound !== undefined)
    .reduce<UpperBound | undefined>((best, bound) => (best === undefined ? bound : higherOf(best, bound)), undefined);
}

/** `1.4.2rc1` is 1, 4, 2, rc, 1: a pre-release glued to its number (PEP 440's usual spelling) is its own segment. */
function segments(version: string): string[] {
  return version.replace(/^v/i, '').split(/[.+_-]|(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)/);
}

/** Negative when `a` is older than `b`. `1.10` is newer than `1.9`; a missing segment counts as 0. */
export function compareVersions(a: string, b: string): number {
  const left = segments(a);
  const right = segments(b);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const order = compareSegment(left[index] ?? '0', right[index] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

const POST_RELEASE = /^post$/i;

function compareSegment(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  // A pre-release tag (`rc1`) sorts before the plain number it qualifies; a post-release (`1.4.2.post1`) after it.
  if (numeric.test(a) !== numeric.test(b)) {
    const tagOrder = POST_RELEASE.test(numeric.test(a) ? b : a) ? 1 : -1;
    return numeric.test(a) ? -tagOrder : tagOrder;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
