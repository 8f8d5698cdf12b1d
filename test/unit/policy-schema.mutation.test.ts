/**
 * The parts of the policy's provenance words, the policy schema's pattern builders and the CVSS severity scale that
 * the mutation run found unguarded: the README cell of each provenance (seed quote with and without a note, project
 * default, policy file) and the reporter's label for a number the policy file set; `caseInsensitive` on escapes and
 * character classes; bounds written with leading and trailing zeros; "below zero" matching nothing, not even the
 * empty text; and the message of an out-of-range CVSS score.
 */
import { describe, expect, it } from '@jest/globals';
import { between, equalTo, lessThan } from '../../src/domain/policy/number-patterns.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import { basisOf, provenanceCell, provenanceLabel } from '../../src/domain/policy/provenance.js';
import { caseInsensitive } from '../../src/domain/policy/schema.js';
import { severityFromScore } from '../../src/domain/severity.js';

const POLICY_FILE = '.github/disclosure-policy.yml';
const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

describe("provenance: the README's cell says where each number comes from", () => {
  it('quotes the document and adds the note on how the number is read', () => {
    expect(provenanceCell(SPEC11.provenance.retrospective)).toBe(
      'SPEC 11: "A few days after the release, the SIRT could write a retrospective" ' +
        '("a few days" read as 3; optional ("could"): a reminder, never a breach)',
    );
  });

  it('quotes the document alone when the words give the number', () => {
    expect(provenanceCell(SPEC11.provenance.acknowledge)).toBe(
      'SPEC 11: "The SIRT should respond to any report in at most 48 hours."',
    );
  });

  it('names a project default and why', () => {
    expect(provenanceCell(SPEC11.provenance.disclose)).toBe(
      'project default: SPEC 11 states no disclosure deadline: none unless the policy file sets disclose-within',
    );
  });

  it('names the policy file that set the number', () => {
    const policy = parsePolicyFile('acknowledge-within: 24h\n', POLICY_FILE);
    expect(provenanceCell(policy.provenance.acknowledge)).toBe(`policy file ${POLICY_FILE}`);
  });
});

describe("provenance: the reporter's words for a number the policy file set", () => {
  it('calls it our policy, and leaves the preset numbers their own words', () => {
    const policy = parsePolicyFile('acknowledge-within: 24h\n', POLICY_FILE);
    expect(basisOf(policy, 'acknowledge')).toBe('our policy');
    expect(provenanceLabel({ source: 'policy-file', file: POLICY_FILE })).toBe('our policy');
    expect(basisOf(policy, 'triage')).toBe('a target we set: our process document gives no number for it');
  });
});

describe('caseInsensitive: letters in either case, escapes and classes kept', () => {
  it('brackets each letter outside a class', () => {
    expect(caseInsensitive('h|hours?')).toBe('[hH]|[hH][oO][uU][rR][sS]?');
  });

  it('keeps an escape as it is: `\\d` stays a digit, not `\\[dD]`', () => {
    const source = caseInsensitive('\\d+\\s*h');
    expect(source).toBe('\\d+\\s*[hH]');
    const pattern = whole(source);
    expect(['12h', '12 H'].filter((text) => !pattern.test(text))).toEqual([]);
    expect(['dh', 'Dh', '12 x'].filter((text) => pattern.test(text))).toEqual([]);
  });

  it('adds the other case inside a class without nesting brackets, and brackets again after it', () => {
    const source = caseInsensitive('[xy]z');
    expect(source).toBe('[xXyY][zZ]');
    const pattern = whole(source);
    expect(['xz', 'XZ', 'Yz'].filter((text) => !pattern.test(text))).toEqual([]);
    expect(['[z', 'x]z', 'xX]z'].filter((text) => pattern.test(text))).toEqual([]);
  });
});

describe('number patterns: a bound means its number however many zeros it is written with', () => {
  const numbers = ['0', '5', '9', '11.99', '12', '012', '12.0', '12.4', '12.5', '12.50', '12.51', '13', '99', '120'];

  it('bounds 0012.500 as 12.5', () => {
    const matches = (pattern: string): string[] => numbers.filter((text) => whole(pattern).test(text));
    expect(matches(lessThan('0012.500'))).toEqual(['0', '5', '9', '11.99', '12', '012', '12.0', '12.4']);
    expect(matches(equalTo('0012.500'))).toEqual(['12.5', '12.50']);
    expect(matches(between('007', '0012.500'))).toEqual(['9', '11.99', '12', '012', '12.0', '12.4', '12.5', '12.50']);
  });

  it('finds no number below zero, and the empty text is no number', () => {
    expect(['', '0', '0.0', '5'].filter((text) => whole(lessThan('0')).test(text))).toEqual([]);
  });
});

describe('severityFromScore: an impossible score', () => {
  it.each([10.1, -0.1, Number.NaN])('names the range and the score %p', (score) => {
    expect(() => severityFromScore(score)).toThrow(
      new RangeError(`CVSS score must be between 0.0 and 10.0, got ${score}`),
    );
  });
});
