import { describe, expect, it, jest } from '@jest/globals';
import { compareText, compareTextNumeric } from '../../src/domain/text-order.js';

// What compareText stands in for: localeCompare under the locale GitHub's runners give Node (en-US).
const reference = new Intl.Collator('en-US');

/** A deterministic pseudo-random source (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
// Few letters, so that strings often share a prefix or differ in case only.
const NARROW = 'aAbB-_ 0. /';

function words(alphabet: string, count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  );
}

describe('compareText', () => {
  it.each([
    ['printable ASCII', PRINTABLE, 1],
    ['a narrow alphabet (shared prefixes, case-only differences)', NARROW, 2],
  ])('orders %s as localeCompare does', (_name, alphabet, seed) => {
    const texts = words(alphabet, 400, seed);
    for (const a of texts) {
      for (const b of texts.slice(0, 100)) {
        if (compareText(a, b) !== reference.compare(a, b)) {
          throw new Error(
            `${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${compareText(a, b)}, localeCompare ${reference.compare(a, b)}`,
          );
        }
      }
    }
  });

  it('sorts logins, names and repositories as localeCompare does, not by code unit', () => {
    const names = [
      'bob',
      'Alice',
      'alice',
      'Émile',
      'zoë',
      'Zed',
      'o-brien',
      'o_brien',
      'obrien',
      'org/repo-2',
      'org/repo',
    ];
    const sorted = [...names].sort(compareText);
    expect(sorted).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-US')));
    expect(sorted).toEqual([
      'alice',
      'Alice',
      'bob',
      'Émile',
      'o_brien',
      'o-brien',
      'obrien',
      'org/repo',
      'org/repo-2',
      'Zed',
      'zoë',
    ]);
  });

  it('needs no Intl for printable ASCII (a collator initialises ICU, ~6 ms of a run)', () => {
    const collator = jest.spyOn(Intl, 'Collator');
    try {
      expect(['org/b', 'Org/a', 'org-c'].sort(compareText)).toEqual(['org-c', 'Org/a', 'org/b']);
      expect(collator).not.toHaveBeenCalled();
    } finally {
      collator.mockRestore();
    }
  });

  it('orders text outside printable ASCII through the collator', () => {
    expect(compareText('Émile', 'Emily')).toBe(reference.compare('Émile', 'Emily'));
    expect(compareText('a\tb', 'a b')).toBe(reference.compare('a\tb', 'a b'));
    expect(compareText('x', 'x')).toBe(0);
  });
});

describe('compareTextNumeric', () => {
  const numeric = new Intl.Collator('en', { numeric: true });

  it.each([
    ['printable ASCII', PRINTABLE, 3],
    ['ids: digits, a few letters and separators', '0123456789aAg-. ', 4],
    ['numbers with leading zeros', '00012aA-', 5],
  ])('orders %s as localeCompare with numeric does', (_name, alphabet, seed) => {
    const texts = words(alphabet, 400, seed);
    for (const a of texts) {
      for (const b of texts.slice(0, 100)) {
        if (compareTextNumeric(a, b) !== numeric.compare(a, b)) {
          throw new Error(
            `${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${compareTextNumeric(a, b)}, localeCompare ${numeric.compare(a, b)}`,
          );
        }
      }
    }
  });

  it('sorts CVE and GHSA ids by number, without Intl', () => {
    const collator = jest.spyOn(Intl, 'Collator');
    try {
      const ids = ['GHSA-q2x7-8rv6-6q7h', 'CVE-2026-10000', 'CVE-2025-999', 'CVE-2026-9999', 'GHSA-2c8m-wj9p-cfj5'];
      expect([...ids].sort(compareTextNumeric)).toEqual([
        'CVE-2025-999',
        'CVE-2026-9999',
        'CVE-2026-10000',
        'GHSA-2c8m-wj9p-cfj5',
        'GHSA-q2x7-8rv6-6q7h',
      ]);
      expect(collator).not.toHaveBeenCalled();
    } finally {
      collator.mockRestore();
    }
  });
});
