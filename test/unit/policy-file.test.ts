import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(policy.lowSeveritySlowDown).toEqual({ cvssBelow: 3.5, factor: 1.5 });
    expect(policy.name).toBe(`stacklok (${FILE})`);
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
    ['a fix after disclosure', 'fix-release-within: 120d', /longer than disclose-within/],
    ['a bad factor', 'low-severity: {factor: -1}', /"low-severity.factor"/],
    ['not a mapping', '- 48h', /mapping/],
    ['broken YAML', 'release-window: [', /not valid YAML/],
  ])('refuses %s with a message naming it', (_what, text, message) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(FILE);
  });
});

describe('loadPolicy (the policy input and the workspace file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  afterEach(() => {
    delete process.env['INPUT_POLICY'];
    delete process.env['INPUT_POLICY-FILE'];
  });

  it('reports a YAML error on the line it is on in the file', async () => {
    writeFileSync(join(dir, 'broken.yml'), 'acknowledge-within: 48h\ntriage-within: 7d\ntriage-within: 8d\n');
    process.env['INPUT_POLICY-FILE'] = join(dir, 'broken.yml');
    await expect(loadPolicy()).rejects.toThrow(/not valid YAML: .*at line 3,/);
  });

  it('overrides the preset named by the policy input when the file names none', async () => {
    writeFileSync(join(dir, 'ack.yml'), 'acknowledge-within: 12h\n');
    process.env['INPUT_POLICY'] = 'conda-forge';
    process.env['INPUT_POLICY-FILE'] = join(dir, 'ack.yml');
    const policy = await loadPolicy();
    expect(policy.acknowledgeWithin).toEqual({ amount: 12, unit: 'hours' });
    expect(policy.triageWithin).toEqual(PRESETS['conda-forge'].triageWithin);
  });
});
