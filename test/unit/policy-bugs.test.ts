/**
 * Four ways a policy file was validated wrongly: an alias to no anchor crashed the parser (yaml refuses it only when
 * converting), a freeze's unreadable date was also reported missing, `.nan` was shown as `null`, and a letter range
 * in a schema pattern's class (`[a-c]`) became `[aA-cC]`, whose `A-c` also matches `[ \ ] ^ _` and a backtick.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { caseInsensitive } from '../../src/domain/policy/schema.js';

const FILE = '.github/disclosure-policy.yml';
const yaml = (...lines: string[]): string => lines.join('\n');

/** Each problem parsing `text` fails with, as `line: message` (fails the test on any other outcome). */
function problemsOf(text: string): string[] {
  try {
    parsePolicyFile(text, FILE);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.problems.map(({ file, line, message }) => {
      expect(file).toBe(FILE);
      return `${line ?? '-'}: ${message}`;
    });
  }
  throw new Error('expected a ConfigurationError');
}

const noAnchor = (key: string, alias: string): string =>
  `"${key}" is the alias *${alias}, but no anchor &${alias} is set before it; ` +
  `write \`&${alias}\` before a value above it to reuse that value, or write the value in place of *${alias}`;

describe('an alias to an anchor the file does not set', () => {
  it('is a problem on the alias line naming the key and the alias, not a ReferenceError', () => {
    expect(problemsOf(yaml('triage-within: 3d', 'acknowledge-within: *a'))).toEqual([
      `2: ${noAnchor('acknowledge-within', 'a')}`,
    ]);
  });

  it('names every such alias with its path, inside sections and lists too', () => {
    const text = yaml(
      'release-window:',
      '  holidays:',
      '    - 2026-12-24',
      '    - *christmas',
      'low-severity:',
      '    factor: *f',
    );
    expect(problemsOf(text)).toEqual([
      `4: ${noAnchor('release-window.holidays[1]', 'christmas')}`,
      `6: ${noAnchor('low-severity.factor', 'f')}`,
    ]);
  });

  it('refuses an alias set only after it, as yaml reads anchors in order', () => {
    expect(problemsOf(yaml('acknowledge-within: *a', 'triage-within: &a 3d'))).toEqual([
      `1: ${noAnchor('acknowledge-within', 'a')}`,
    ]);
  });

  it('still reads an alias whose anchor comes before it', () => {
    const policy = parsePolicyFile(yaml('triage-within: &a 3d', 'acknowledge-within: *a'), FILE);
    expect(policy.acknowledgeWithin).toEqual({ amount: 3, unit: 'days' });
  });
});

describe('a freeze with an unreadable date', () => {
  const freeze = (start: string, end: string): string =>
    yaml('release-window:', '  freezes:', `    - {start: ${start}, end: ${end}}`);

  it('reports an invalid start once, not also as missing', () => {
    expect(problemsOf(freeze('2026-13-24', '2026-12-24'))).toEqual([
      '3: "release-window.freezes[0].start" is "2026-13-24"; use a date as YYYY-MM-DD',
    ]);
  });

  it('reports an invalid end once, not also as missing', () => {
    expect(problemsOf(freeze('2026-12-24', '2026-02-30'))).toEqual([
      '3: "release-window.freezes[0].end" is "2026-02-30"; use a date as YYYY-MM-DD',
    ]);
  });

  it('reports an invalid start and a missing end, each once', () => {
    expect(problemsOf(yaml('release-window:', '  freezes:', '    - {start: soon}'))).toEqual([
      '3: "release-window.freezes[0].start" is "soon"; use a date as YYYY-MM-DD',
      '3: "release-window.freezes[0].end" is missing; use a date as YYYY-MM-DD',
    ]);
  });
});

describe('a number that is no finite number', () => {
  it.each([
    ['.nan', '.nan'],
    ['.NaN', '.nan'],
    ['.inf', '.inf'],
    ['-.inf', '-.inf'],
  ])('shows %s as %s, not as null', (written, shown) => {
    expect(problemsOf(`low-severity: {factor: ${written}}`)).toEqual([
      `1: "low-severity.factor" is ${shown}; use a number above 0 and at most 10`,
    ]);
  });

  it('shows .nan in a count too', () => {
    expect(problemsOf('release-approvals: .nan')).toEqual([
      '1: "release-approvals" is .nan; use a whole number from 1 to 5',
    ]);
  });
});

describe('caseInsensitive: a letter range in a class', () => {
  const whole = (source: string): RegExp => new RegExp(`^(?:${source})$`);

  it('is written as the range in each case', () => {
    expect(caseInsensitive('[a-c]x')).toBe('[a-cA-C][xX]');
    expect(caseInsensitive('[^0-9a-cz]')).toBe('[^0-9a-cA-CzZ]');
  });

  it('matches the letters in either case and nothing between the cases', () => {
    const pattern = whole(caseInsensitive('[a-c]'));
    expect(['a', 'b', 'c', 'A', 'B', 'C'].filter((text) => !pattern.test(text))).toEqual([]);
    expect(['[', '\\', ']', '^', '_', '`', 'd', 'D'].filter((text) => pattern.test(text))).toEqual([]);
  });

  it('keeps a hyphen that makes no range, and a range outside a class is no range', () => {
    expect(caseInsensitive('[a-]')).toBe('[aA-]');
    expect(caseInsensitive('a-c')).toBe('[aA]-[cC]');
  });
});

describe('aliases yaml reads without a parse error but cannot convert', () => {
  it('refuses an alias inside the value its anchor names (a value holding itself)', () => {
    expect(problemsOf(yaml('release-window:', '  holidays: &days [2026-12-24, *days]'))).toEqual([
      '2: "release-window.holidays[1]" is the alias *days inside the value &days names; write a value in its place',
    ]);
  });

  it('refuses aliases that expand too far with a problem, not a ReferenceError', () => {
    const tens = (alias: string): string => `[${Array.from({ length: 10 }, () => alias).join(', ')}]`;
    const text = yaml(`a: &a ${tens('x')}`, `b: &b ${tens('*a')}`, `c: &c ${tens('*b')}`, `d: ${tens('*c')}`);
    const [problem, ...others] = problemsOf(text);
    expect(others).toEqual([]);
    expect(problem).toMatch(/^-: its aliases cannot be expanded: .*; write the values out instead of through aliases$/);
  });
});
