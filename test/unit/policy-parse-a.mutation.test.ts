/**
 * The parts of src/domain/policy/parse.ts (its first 140 lines) that the mutation run found unguarded: which problems
 * hold the checks across fields back, the line each problem is reported on (empty keys, dotted or indexed keys that
 * go below a scalar or into a list, indexes past a list's end), dates (YAML timestamps, non-string values, expanded
 * years, a mapping in place of a date), lists that are no list, empty lists overriding the preset's, freezes with a
 * missing start or end or lasting one day, and weekday lists holding something other than day names.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, type LocatedProblem } from '../../src/domain/errors.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';

const FILE = '.github/disclosure-policy.yml';
const TOP_LEVEL_SETTINGS =
  'preset, acknowledge-within, triage-within, fix-team-within, advisory-and-cve-within, fix-release-within, ' +
  'disclose-within, retrospective-within, expedite-within, enforcement, business-days, release-window, ' +
  'low-severity, intake-label, release-approvals, require-release-checklist, signing-key, team-name';
const WINDOW_SETTINGS = 'time, duration, weekdays, holidays, freezes';
const USE_A_DATE = 'use a date as YYYY-MM-DD';
const FIX_AFTER_DISCLOSURE =
  '"fix-release-within" is longer than disclose-within; the fix must be planned before the disclosure deadline';

const yaml = (...lines: string[]): string => lines.join('\n');
const parse = (text: string, fallback?: Policy): Policy => parsePolicyFile(text, FILE, fallback);

/** The problems the file fails with, each as `{ line, message }` (fails the test on any other outcome). */
function problemsOf(text: string): { line: number | undefined; message: string }[] {
  let problems: readonly LocatedProblem[] | undefined;
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems = error.problems;
  }
  if (problems === undefined) throw new Error('expected a ConfigurationError');
  return problems.map(({ file, line, message }) => {
    expect(file).toBe(FILE);
    return { line, message };
  });
}

const unknownAtTop = (key: string, line: number | undefined) => ({
  line,
  message: `"${key}" is not a policy setting; known settings here: ${TOP_LEVEL_SETTINGS}`,
});
const unknownInWindow = (key: string, line: number | undefined) => ({
  line,
  message: `"release-window.${key}" is not a policy setting; known settings here: ${WINDOW_SETTINGS}`,
});

describe('a check across fields waits while one of its fields has a problem of its own', () => {
  it('does not blame the preset fix-release-within when the file set an unreadable one', () => {
    // The preset's 21 days are longer than 7d, but the file meant to set its own fix-release-within.
    expect(problemsOf(yaml('fix-release-within: soon', 'disclose-within: 7d'))).toEqual([
      {
        line: 1,
        message:
          '"fix-release-within" is "soon"; use a duration such as `30m`, `48h`, `7d`, `2w`, `90 days` or ' +
          '`3 business days`, from 1 minute to 10 years',
      },
    ]);
  });

  it('still runs when the only problem is in an unrelated setting', () => {
    expect(problemsOf(yaml('colour: blue', 'fix-release-within: 30d', 'disclose-within: 7d'))).toEqual([
      unknownAtTop('colour', 1),
      { line: 2, message: FIX_AFTER_DISCLOSURE },
    ]);
  });

  it('counts a problem under a field name (a dotted key inside it) as that field having one', () => {
    expect(
      problemsOf(yaml('fix-release-within.x: 1', 'fix-release-within: 30d', 'disclose-within: 7d')),
      // Located, like every key, at the deepest part of it the file has: the fix-release-within on line 2.
    ).toEqual([unknownAtTop('fix-release-within.x', 2)]);
  });
});

describe('the line a problem is reported on', () => {
  it('reports a key left empty (`: 5`) on its line, and the keys after it on theirs', () => {
    expect(problemsOf(yaml(': 5', 'triage-within: soon'))).toEqual([
      unknownAtTop('', 1),
      {
        line: 2,
        message:
          '"triage-within" is "soon"; use a duration such as `30m`, `48h`, `7d`, `2w`, `90 days` or ' +
          '`3 business days`, from 1 minute to 10 years',
      },
    ]);
  });

  it('stops at a scalar when a dotted key goes below it', () => {
    expect(problemsOf(yaml('team-name: Security', 'intake-label: triage', 'intake-label.x: 1'))).toEqual([
      unknownAtTop('intake-label.x', 2),
    ]);
  });

  it('stops at a scalar when an indexed key goes into it', () => {
    expect(problemsOf(yaml('team-name: Security', 'intake-label: triage', 'intake-label[0]: 1'))).toEqual([
      unknownAtTop('intake-label[0]', 2),
    ]);
  });

  it('stops at a list when a dotted key names an item by a name, even a digit', () => {
    const text = yaml('release-window:', '  holidays:', '    - 2026-12-24', '    - 2026-12-25', '  holidays.0: 1');
    expect(problemsOf(text)).toEqual([unknownInWindow('holidays.0', 2)]);
  });

  it('does not look further into a list once a part of the key missed it', () => {
    const text = yaml('release-window:', '  holidays:', '    - 2026-12-24', '    - 2026-12-25', '  holidays.x[1]: 1');
    expect(problemsOf(text)).toEqual([unknownInWindow('holidays.x[1]', 2)]);
  });

  it('stops at a list when the index is past its end', () => {
    const text = yaml('release-window:', '  holidays:', '    - 2026-12-24', '  holidays[5]: 1');
    expect(problemsOf(text)).toEqual([unknownInWindow('holidays[5]', 2)]);
  });
});

describe('dates', () => {
  it('reads a YAML timestamp (a YAML 1.1 document) as the date it names', () => {
    const policy = parse(yaml('%YAML 1.1', '---', 'release-window:', '  holidays: [2026-12-24]'));
    expect(policy.releaseWindow.holidays).toEqual(['2026-12-24']);
  });

  it('reads an explicit !!timestamp as the date it names', () => {
    const policy = parse(yaml('release-window:', '  freezes: [{start: !!timestamp 2026-12-20, end: 2027-01-04}]'));
    expect(policy.releaseWindow.freezes).toEqual([{ start: '2026-12-20', end: '2027-01-04' }]);
  });

  it.each([
    ['a number', '5', '5'],
    ['a mapping with its own toString', '{toString: 1}', '{"toString":1}'],
    ['an expanded year (the round trip of Date accepts it)', '"+010000-01"', '"+010000-01"'],
    ['a date with a time', '"2026-12-24T00:00:00Z"', '"2026-12-24T00:00:00Z"'],
  ])('rejects %s in place of a date', (_what, written, shown) => {
    expect(problemsOf(yaml('release-window:', '  holidays:', `    - ${written}`))).toEqual([
      { line: 3, message: `"release-window.holidays[0]" is ${shown}; ${USE_A_DATE}` },
    ]);
  });

  it('wants holidays as a list', () => {
    expect(problemsOf(yaml('release-window:', '  holidays: 2026-12-24'))).toEqual([
      { line: 2, message: '"release-window.holidays" must be a list' },
    ]);
  });
});

describe('empty lists override the lists of the policy they change', () => {
  const withLists: Policy = {
    ...PRESETS.spec11,
    releaseWindow: {
      ...PRESETS.spec11.releaseWindow,
      holidays: ['2026-12-24'],
      freezes: [{ start: '2026-12-20', end: '2027-01-04' }],
    },
  };

  it('clears the holidays and freezes with []', () => {
    const policy = parse(yaml('release-window:', '  holidays: []', '  freezes: []'), withLists);
    expect(policy.releaseWindow.holidays).toEqual([]);
    expect(policy.releaseWindow.freezes).toEqual([]);
  });
});

describe('freezes', () => {
  it('wants a list', () => {
    expect(problemsOf(yaml('release-window:', '  freezes: 2026-12-24'))).toEqual([
      { line: 2, message: '"release-window.freezes" must be a list' },
    ]);
  });

  it('wants each freeze as a mapping', () => {
    expect(problemsOf(yaml('release-window:', '  freezes:', '    - 2026-12-24'))).toEqual([
      { line: 3, message: '"release-window.freezes[0]" must be a mapping of keys to values' },
    ]);
  });

  it('names a missing start', () => {
    expect(problemsOf(yaml('release-window:', '  freezes:', '    - end: 2026-12-24'))).toEqual([
      { line: 3, message: `"release-window.freezes[0].start" is missing; ${USE_A_DATE}` },
    ]);
  });

  it('names a missing end', () => {
    expect(problemsOf(yaml('release-window:', '  freezes:', '    - start: 2026-12-24'))).toEqual([
      { line: 3, message: `"release-window.freezes[0].end" is missing; ${USE_A_DATE}` },
    ]);
  });

  it('accepts a freeze of one day (start and end the same date)', () => {
    const policy = parse(yaml('release-window:', '  freezes: [{start: 2026-12-24, end: 2026-12-24}]'));
    expect(policy.releaseWindow.freezes).toEqual([{ start: '2026-12-24', end: '2026-12-24' }]);
  });
});

describe('weekdays', () => {
  it.each([
    ['a fraction', '[mon, 1.5]'],
    ['a boolean', '[mon, true]'],
    ['a nested list that would join into day names', '[[mon, tue]]'],
  ])('wants a list of day names, not one holding %s', (_what, written) => {
    expect(problemsOf(yaml('release-window:', `  weekdays: ${written}`))).toEqual([
      { line: 2, message: '"release-window.weekdays" must be a list of day names' },
    ]);
  });
});
