import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionInputs } from '../../src/actions/common/inputs.js';
import { loadPolicy } from '../../src/actions/common/policy.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { PRESETS } from '../../src/domain/policy/presets.js';

const FILE = '.github/disclosure-policy.yml';
const parse = (text: string) => parsePolicyFile(text, FILE);

function errorOf(text: string): ConfigurationError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parsePolicyFile', () => {
  it('is the spec11 preset when empty', () => {
    expect(parse('')).toBe(PRESETS.spec11);
  });
  it('overrides the numbers it names and keeps the preset for the rest', () => {
    const policy = parse(
      [
        'preset: stacklok',
        'acknowledge-within: 12h',
        'business-days: true',
        'release-window:',
        '  time: "15:30"',
        '  duration: 2h',
        '  weekdays: [mon, tue]',
        '  holidays: [2026-12-24]',
        '  freezes: [{start: 2026-12-20, end: 2027-01-04}]',
        'low-severity: {cvss-below: 3.5, factor: 1.5}',
      ].join('\n'),
    );
    expect(policy.acknowledgeWithin).toEqual({ amount: 12, unit: 'hours' });
    expect(policy.advisoryAndCveWithin).toEqual(PRESETS.stacklok.advisoryAndCveWithin);
    expect(policy.businessDays).toBe(true);
    expect(policy.releaseWindow).toEqual({
      time: '15:30',
      durationMinutes: 120,
      weekdays: [1, 2],
      holidays: ['2026-12-24'],
      freezes: [{ start: '2026-12-20', end: '2027-01-04' }],
    });
    // A file that sets a factor means to stretch by it.
    expect(policy.lowSeveritySlowDown).toEqual({ cvssBelow: 3.5, factor: 1.5, automatic: true });
    expect(policy.name).toBe(`stacklok (${FILE})`);
    expect(policy.provenance.acknowledge).toEqual({ source: 'policy-file', file: FILE });
    expect(policy.provenance['fix-release']).toEqual(PRESETS.stacklok.provenance['fix-release']);
  });

  it('sets a disclosure deadline, the expedite span and each step enforcement the file names', () => {
    const policy = parsePolicyFile(
      [
        'preset: spec11',
        'disclose-within: 90d',
        'expedite-within: 48h',
        'enforcement: {retrospective: off, fix-release: remind}',
        'low-severity: {automatic: false, factor: 3}',
      ].join('\n'),
      FILE,
    );
    expect(policy.discloseWithin).toEqual({ amount: 90, unit: 'days' });
    expect(policy.provenance.disclose).toEqual({ source: 'policy-file', file: FILE });
    expect(policy.expediteWithin).toEqual({ amount: 48, unit: 'hours' });
    expect(policy.enforcement).toEqual({
      ...PRESETS.spec11.enforcement,
      retrospective: 'off',
      'fix-release': 'remind',
    });
    expect(policy.lowSeveritySlowDown).toEqual({ cvssBelow: 4, factor: 3, automatic: false });
    expect(PRESETS.spec11.discloseWithin).toBeUndefined();
  });

  it.each([
    ['an unknown key', 'acknowledge-in: 48h', /"acknowledge-in" is not a policy setting/],
    ['an unknown window key', 'release-window: {hour: 16}', /"release-window.hour" is not a policy setting/],
    ['a bad duration', 'triage-within: soon', /"triage-within" is "soon"; use a duration/],
    ['an unknown preset', 'preset: nist', /"preset" is "nist"; use one of spec11, spec11-draft, stacklok, conda-forge/],
    ['a bad time', 'release-window: {time: "25:00"}', /"release-window.time"/],
    ['an unknown weekday', 'release-window: {weekdays: [funday]}', /"release-window.weekdays".*funday/],
    ['a zero-length window', 'release-window: {duration: 0m}', /"release-window.duration"/],
    ['a window over a day', 'release-window: {duration: 25h}', /between 1 minute and 24 hours/],
    [
      'a freeze that ends before it starts',
      'release-window: {freezes: [{start: 2027-01-04, end: 2026-12-20}]}',
      /ends \(2026-12-20\) before it starts/,
    ],
    ['a bad holiday', 'release-window: {holidays: [tomorrow]}', /"release-window.holidays\[0\]"/],
    [
      'a holiday that does not exist',
      'release-window: {holidays: [2026-02-30]}',
      /"release-window.holidays\[0\]" is "2026-02-30"/,
    ],
    ['a fix after disclosure', 'preset: conda-forge\nfix-release-within: 120d', /longer than disclose-within/],
    [
      'an unknown enforcement',
      'enforcement: {triage: loud}',
      /"enforcement.triage" is "loud"; use one of escalate, remind, off/,
    ],
    ['an unknown step', 'enforcement: {review: off}', /"enforcement.review" is not a policy setting/],
    ['a bad factor', 'low-severity: {factor: -1}', /"low-severity.factor"/],
    ['not a mapping', '- 48h', /mapping/],
    ['broken YAML', 'release-window: [', /not valid YAML/],
  ])('refuses %s with a message naming it', (_what, text, message) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(FILE);
  });
});

describe('parsePolicyFile: every duration from 1 minute to 10 years, refused on its line', () => {
  const BOUNDS = 'use a duration from 1 minute to 10 years';
  it.each([
    [
      '0.0001 minutes',
      'acknowledge-within: 0.0001m',
      `${FILE}:1: "acknowledge-within" is "0.0001m", shorter than 1 minute; ${BOUNDS}`,
    ],
    [
      '300000000 days (what made triage crash)',
      'disclose-within: 300000000d',
      `${FILE}:1: "disclose-within" is "300000000d", longer than 10 years (3653 days); ${BOUNDS}`,
    ],
    [
      'a day over ten years, on line 4',
      'preset: spec11\n# a comment\nbusiness-days: true\ndisclose-within: 3654d',
      `${FILE}:4: "disclose-within" is "3654d", longer than 10 years (3653 days); ${BOUNDS}`,
    ],
    ['half a minute', 'triage-within: 0.5m', `${FILE}:1: "triage-within" is "0.5m", shorter than 1 minute; ${BOUNDS}`],
    [
      '522 weeks, on line 3',
      '\n\nretrospective-within: 522w',
      `${FILE}:3: "retrospective-within" is "522w", longer than 10 years (3653 days); ${BOUNDS}`,
    ],
    [
      '2610 business days',
      'fix-team-within: 2610 business days',
      `${FILE}:1: "fix-team-within" is "2610 business days", longer than 10 years (3653 days); ${BOUNDS}`,
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('accepts the bounds themselves', () => {
    const policy = parse(
      ['acknowledge-within: 1m', 'fix-release-within: 2609 business days', 'disclose-within: 3653d'].join('\n'),
    );
    expect(policy.acknowledgeWithin).toEqual({ amount: 1, unit: 'minutes' });
    expect(policy.fixReleaseWithin).toEqual({ amount: 2609, unit: 'business-days' });
    expect(policy.discloseWithin).toEqual({ amount: 3653, unit: 'days' });
  });
});

describe('parsePolicyFile: errors carry the line of the key they name', () => {
  it.each([
    [
      'an unknown key after others',
      'preset: spec11\nacknowledge-in: 48h',
      `${FILE}:2: "acknowledge-in" is not a policy setting`,
    ],
    [
      'a nested key',
      'preset: spec11\nrelease-window:\n  time: "15:00"\n  hour: 16',
      `${FILE}:4: "release-window.hour"`,
    ],
    [
      'an item of a flow list',
      'release-window:\n  time: "15:00"\n  holidays: [2026-12-24, tomorrow]',
      `${FILE}:3: "release-window.holidays[1]"`,
    ],
    [
      'an item of a block list',
      'release-window:\n  freezes:\n    - start: 2026-12-01\n      end: 2026-12-02\n    - start: 2026-12-24\n      end: 2026-12-20',
      `${FILE}:5: "release-window.freezes[1]" ends (2026-12-20) before it starts`,
    ],
    ['a value that is no mapping', 'low-severity: 3', `${FILE}:1: "low-severity" must be a mapping`],
    [
      "a list under a key, on the key's line",
      'preset: spec11\nlow-severity:\n  - 3',
      `${FILE}:2: "low-severity" must be a mapping`,
    ],
    ['a whole file that is no mapping', '\n- 48h', `${FILE}:2: "(top level)" must be a mapping`],
  ])('%s', (_what, text, start) => {
    expect(errorOf(text).message.startsWith(start)).toBe(true);
  });

  it('reports every problem of a file at once, in the order of the file, each on its line', () => {
    const error = errorOf(
      ['release-window:', '  hour: 16', '  holidays: [tomorrow]', 'triage-within: soon', 'business-days: maybe'].join(
        '\n',
      ),
    );
    expect(error.problems.map(({ file, line }) => `${file}:${line}`)).toEqual([
      `${FILE}:2`,
      `${FILE}:3`,
      `${FILE}:4`,
      `${FILE}:5`,
    ]);
    expect(error.problems.map(({ message }) => message.split(' ')[0])).toEqual([
      '"release-window.hour"',
      '"release-window.holidays[0]"',
      '"triage-within"',
      '"business-days"',
    ]);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('holds a check across fields back while one of its fields is wrong itself', () => {
    // disclose-within is no duration: comparing the fix release with the preset's 90 days would blame the wrong key.
    const error = errorOf('fix-release-within: 120d\ndisclose-within: soon');
    expect(error.problems.map(({ message }) => message)).toEqual([
      expect.stringMatching(/^"disclose-within" is "soon"/),
    ]);
  });

  it('names no line for a key the file does not have (a preset value in conflict)', () => {
    expect(errorOf('triage-within: 1h').message).toBe(
      `${FILE}: "acknowledge-within" is longer than triage-within; a report is acknowledged before it is triaged`,
    );
  });
});

describe('loadPolicy (the policy input and the workspace file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  const given = new Map<string, string>();
  const io = { getInput: (name: string) => given.get(name) ?? '', setSecret: () => undefined };
  const declared = { policy: { required: false, default: 'spec11' }, 'policy-file': { required: false } };
  const load = () => loadPolicy(new ActionInputs(io, declared, 'sample-action'), { GITHUB_WORKSPACE: dir });
  afterEach(() => given.clear());

  it('reports a YAML error on the line it is on in the file', async () => {
    writeFileSync(join(dir, 'broken.yml'), 'acknowledge-within: 48h\ntriage-within: 7d\ntriage-within: 8d\n');
    given.set('policy-file', join(dir, 'broken.yml'));
    await expect(load()).rejects.toThrow(/not valid YAML: .*at line 3,/);
  });

  it('reports a duration out of bounds on the line it is on in the file', async () => {
    writeFileSync(join(dir, 'long.yml'), 'preset: spec11\n\ndisclose-within: 300000000d\n');
    given.set('policy-file', 'long.yml');
    await expect(load()).rejects.toThrow(
      'long.yml:3: "disclose-within" is "300000000d", longer than 10 years (3653 days); use a duration from 1 minute to 10 years',
    );
  });

  it('overrides the preset named by the policy input when the file names none', async () => {
    writeFileSync(join(dir, 'ack.yml'), 'acknowledge-within: 12h\n');
    given.set('policy', 'conda-forge');
    given.set('policy-file', join(dir, 'ack.yml'));
    const policy = await load();
    expect(policy.acknowledgeWithin).toEqual({ amount: 12, unit: 'hours' });
    expect(policy.triageWithin).toEqual(PRESETS['conda-forge'].triageWithin);
  });
});
