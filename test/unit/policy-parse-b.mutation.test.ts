/**
 * The second half of src/domain/policy/parse.ts (weekdays onwards) that the mutation run found unguarded: weekdays
 * that are no list of day names, a window length given as a bare number and its one-minute bound, the bounds and
 * messages of numbers and counts, booleans and labels (a blank label, trimmed names and key paths), the list of known
 * keys, the provenance of sections the file leaves alone, the checks across fields (units compared, equal spans,
 * exact messages, checks held back while a field is wrong), a fallback's checklist option kept, and problems on one
 * line kept in reading order.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { PRESETS } from '../../src/domain/policy/presets.js';

const FILE = '.github/disclosure-policy.yml';
const parse = (text: string) => parsePolicyFile(text, FILE);

/** The ConfigurationError parsing `text` throws (fails the test when it throws nothing or something else). */
function errorOf(text: string): ConfigurationError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

/** Each problem as `line: message`, in the order the error lists them. */
const problemsOf = (text: string): string[] =>
  errorOf(text).problems.map(({ line, message }) => `${line ?? '-'}: ${message}`);

describe('release-window weekdays that are no list of day names', () => {
  it('refuses a list holding something other than names and numbers', () => {
    expect(problemsOf('release-window:\n  weekdays: [mon, true]')).toEqual([
      '2: "release-window.weekdays" must be a list of day names',
    ]);
  });

  it.each([
    ['a number', '3'],
    ['a mapping', '{mon: 1}'],
  ])('refuses %s with the same message, not a crash of the weekday parser', (_what, value) => {
    expect(problemsOf(`release-window:\n  weekdays: ${value}`)).toEqual([
      '2: "release-window.weekdays" must be a list of day names',
    ]);
  });
});

describe('release-window duration', () => {
  it('refuses a bare number (no unit) with a ConfigurationError naming the bounds', () => {
    expect(problemsOf('release-window:\n  duration: 60')).toEqual([
      '2: "release-window.duration" is 60; it must be between 1 minute and 24 hours, e.g. `60m` or `2h`',
    ]);
  });

  it('accepts the bounds themselves: one minute and 24 hours', () => {
    expect(parse('release-window: {duration: 1m}').releaseWindow.durationMinutes).toBe(1);
    expect(parse('release-window: {duration: 24h}').releaseWindow.durationMinutes).toBe(1440);
  });
});

describe('low-severity numbers: above 0 and at most 10', () => {
  it.each([
    ['zero', 'factor: 0', '"low-severity.factor" is 0; use a number above 0 and at most 10'],
    ['a word', 'factor: high', '"low-severity.factor" is "high"; use a number above 0 and at most 10'],
    ['over the maximum', 'cvss-below: 10.5', '"low-severity.cvss-below" is 10.5; use a number above 0 and at most 10'],
  ])('refuses %s naming the bounds', (_what, setting, message) => {
    expect(problemsOf(`low-severity: {${setting}}`)).toEqual([`1: ${message}`]);
  });

  it('refuses a YAML .nan, which no comparison with the bounds catches', () => {
    const [problem] = errorOf('low-severity: {factor: .nan}').problems;
    expect(problem?.message).toMatch(/^"low-severity\.factor" is .*; use a number above 0 and at most 10$/);
  });

  it('accepts the maximum itself', () => {
    expect(parse('low-severity: {cvss-below: 10, factor: 10}').lowSeveritySlowDown).toEqual({
      cvssBelow: 10,
      factor: 10,
      automatic: true,
    });
  });
});

describe('release-approvals: a whole number from 1 to 5', () => {
  it('accepts the maximum itself', () => {
    expect(parse('release-approvals: 5').releaseApprovals).toBe(5);
  });

  it('refuses one more, naming the bounds', () => {
    expect(problemsOf('release-approvals: 6')).toEqual(['1: "release-approvals" is 6; use a whole number from 1 to 5']);
  });
});

describe('booleans and labels', () => {
  it('refuses a boolean setting that is no boolean, saying what it takes', () => {
    expect(problemsOf('business-days: maybe')).toEqual(['1: "business-days" must be true or false']);
  });

  it('refuses a label of blanks only', () => {
    expect(problemsOf('intake-label: "  "')).toEqual(['1: "intake-label" is "  "; use a label name']);
  });

  it('sets the intake label the file names', () => {
    expect(parse('intake-label: reports').intakeLabel).toBe('reports');
  });

  it('sets the team name, trimmed', () => {
    expect(parse('team-name: "  Security Team  "').teamName).toBe('Security Team');
  });

  it('sets the signing key path, trimmed, and none when the file names none', () => {
    expect(parse('signing-key: " keys/team.asc "').signingKey).toBe('keys/team.asc');
    expect(parse('acknowledge-within: 12h').signingKey).toBeUndefined();
  });

  it("keeps the fallback's release checklist option when the file does not set it", () => {
    const fallback = { ...PRESETS.spec11, requireReleaseChecklist: true };
    expect(parsePolicyFile('acknowledge-within: 12h', FILE, fallback).requireReleaseChecklist).toBe(true);
    expect(parsePolicyFile('require-release-checklist: false', FILE, fallback).requireReleaseChecklist).toBe(false);
  });
});

describe('unknown keys', () => {
  it('lists the settings known in that section, comma-separated', () => {
    expect(problemsOf('release-window:\n  hour: 16')).toEqual([
      '2: "release-window.hour" is not a policy setting; known settings here: time, duration, weekdays, holidays, freezes',
    ]);
  });
});

describe('provenance of the sections a file leaves alone', () => {
  it("keeps the preset's provenance for expedite, the release window and low severity", () => {
    const { provenance } = parse('acknowledge-within: 12h');
    expect(provenance.expedite).toEqual(PRESETS.spec11.provenance.expedite);
    expect(provenance['release-window']).toEqual(PRESETS.spec11.provenance['release-window']);
    expect(provenance['low-severity']).toEqual(PRESETS.spec11.provenance['low-severity']);
    expect(provenance.expedite.source).not.toBe('policy-file');
  });

  it('labels them as the file’s when it sets them', () => {
    const { provenance } = parse('expedite-within: 48h\nrelease-window: {time: "15:00"}\nlow-severity: {factor: 3}');
    const fromFile = { source: 'policy-file', file: FILE };
    expect([provenance.expedite, provenance['release-window'], provenance['low-severity']]).toEqual([
      fromFile,
      fromFile,
      fromFile,
    ]);
  });
});

describe('checks across fields', () => {
  const FIX_AFTER_DISCLOSURE =
    '"fix-release-within" is longer than disclose-within; the fix must be planned before the disclosure deadline';
  const ACK_AFTER_TRIAGE =
    '"acknowledge-within" is longer than triage-within; a report is acknowledged before it is triaged';

  it('refuses a fix release after the disclosure deadline, on the line of the fix release', () => {
    expect(problemsOf('preset: conda-forge\nfix-release-within: 120d')).toEqual([`2: ${FIX_AFTER_DISCLOSURE}`]);
  });

  it.each([
    ['3 days is longer than 48 hours', '3d', '48h'],
    ['3 business days is longer than 2 days', '3 business days', '2d'],
  ])('compares across units: %s', (_what, fix, disclose) => {
    expect(problemsOf(`fix-release-within: ${fix}\ndisclose-within: ${disclose}`)).toEqual([
      `1: ${FIX_AFTER_DISCLOSURE}`,
    ]);
  });

  it('accepts a fix release due the same day as disclosure', () => {
    expect(parse('fix-release-within: 90d\ndisclose-within: 90d').fixReleaseWithin).toEqual({
      amount: 90,
      unit: 'days',
    });
  });

  it('compares minutes with hours: 90 minutes is shorter than 2 hours, 3 hours longer than 120 minutes', () => {
    expect(parse('acknowledge-within: 90m\ntriage-within: 2h').acknowledgeWithin).toEqual({
      amount: 90,
      unit: 'minutes',
    });
    expect(problemsOf('acknowledge-within: 3h\ntriage-within: 120m')).toEqual([`1: ${ACK_AFTER_TRIAGE}`]);
  });

  it('accepts an acknowledgement due with triage (2 days and 48 hours)', () => {
    expect(parse('acknowledge-within: 2d\ntriage-within: 48h').triageWithin).toEqual({ amount: 48, unit: 'hours' });
  });

  it.each([
    // The preset's 21 days would be compared with the file's 10: the fix release the file wrote is what is wrong.
    ['the fix release', 'disclose-within: 10d\nfix-release-within: soon', 2, 'fix-release-within'],
    // conda-forge's 90 days would be compared with the file's 120: the disclosure the file wrote is what is wrong.
    ['the disclosure', 'preset: conda-forge\nfix-release-within: 120d\ndisclose-within: soon', 3, 'disclose-within'],
    // The preset's 48 hours would be compared with the file's 1 hour.
    ['the acknowledgement', 'acknowledge-within: soon\ntriage-within: 1h', 1, 'acknowledge-within'],
    // The preset's 7 days would be compared with the file's 30.
    ['the triage', 'acknowledge-within: 30d\ntriage-within: soon', 2, 'triage-within'],
  ])('waits while %s is wrong itself, reporting only that', (_what, text, line, key) => {
    expect(problemsOf(text)).toEqual([
      `${line}: "${key}" is "soon"; use a duration such as \`30m\`, \`48h\`, \`7d\`, \`2w\`, \`90 days\` or \`3 business days\`, from 1 minute to 10 years`,
    ]);
  });
});

describe('problems on the same line keep the order they were read in', () => {
  it('lists unknown keys of one flow mapping in the order of the file', () => {
    expect(
      errorOf('release-window: {hour: 16, minute: 0, second: 0, zone: UTC}').problems.map(
        ({ message }) => message.split(' ')[0],
      ),
    ).toEqual(['"release-window.hour"', '"release-window.minute"', '"release-window.second"', '"release-window.zone"']);
  });

  it('lists the problems without a line last, in the order of the checks', () => {
    expect(problemsOf('triage-within: 1h\ndisclose-within: 1d\nrelease-window: {hour: 16}')).toEqual([
      expect.stringMatching(/^3: "release-window.hour"/),
      expect.stringMatching(/^-: "fix-release-within" is longer than disclose-within/),
      expect.stringMatching(/^-: "acknowledge-within" is longer than triage-within/),
    ]);
  });
});
