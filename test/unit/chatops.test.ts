import { describe, expect, it } from '@jest/globals';
import {
  buildTriageRequest,
  parseFixTeamValue,
  parseTlpValue,
  parseTriageCommand,
  parseTriageCommandValues,
  tokenizeCommand,
} from '../../src/domain/chatops.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { thrownBy } from './thrown.js';

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

const errorOf = (run: () => unknown): ConfigurationError => thrownBy(run, ConfigurationError);

describe('parseTriageCommand', () => {
  it('parses a full command into the same request as the inputs', () => {
    const request = parseTriageCommand(
      `/triage cvss=${V31} tlp=amber accept fix-team=codeowners request-cve cwe=CWE-79,cwe-89`,
    );
    expect(request).toEqual({
      cvss: { version: '3.1', vector: V31, score: 9.8, severity: 'critical' },
      tlp: 'AMBER',
      decision: 'accept',
      fixTeam: { codeowners: true, users: [], teams: [], emails: [] },
      requestCve: true,
      cweIds: ['CWE-79', 'CWE-89'],
      affectedPaths: ['*'],
    });
    expect(request).toEqual(
      buildTriageRequest({
        'cvss-vector': V31,
        tlp: 'AMBER',
        decision: 'accept',
        'fix-team': 'codeowners',
        'request-cve': 'true',
        'cwe-ids': 'CWE-79, CWE-89',
      }),
    );
  });

  it('returns undefined for a comment without a command, and finds one on a later line', () => {
    expect(parseTriageCommand('Looks bad, I will /triage it tomorrow')).toBeUndefined();
    expect(parseTriageCommand('> /triage accept')).toBeUndefined();
    expect(parseTriageCommand('/triaged accept')).toBeUndefined();
    expect(parseTriageCommand('Reproduced.\n/triage severity=high accept\nThanks all')).toEqual({
      severity: 'high',
      decision: 'accept',
      affectedPaths: ['*'],
      requestCve: false,
    });
  });

  it('keeps a quoted reason whole, with escapes, even across a line break', () => {
    expect(parseTriageCommand('/triage reject reason="works as designed: see \\"docs\\"" tlp=green')).toMatchObject({
      decision: 'reject',
      reason: 'works as designed: see "docs"',
      tlp: 'GREEN',
    });
    expect(parseTriageCommand("/triage reject reason='not a\nsecurity boundary'")).toMatchObject({
      reason: 'not a\nsecurity boundary',
    });
    expect(errorOf(() => parseTriageCommand('/triage reject reason="never closed')).message).toContain('no closing "');
  });

  it('takes users, teams and paths for the fix team', () => {
    expect(parseTriageCommand('/triage fix-team=@alice,sample-org/maintainers paths=src/parser/a.ts')).toEqual({
      fixTeam: { codeowners: false, users: ['alice'], teams: [{ org: 'sample-org', slug: 'maintainers' }], emails: [] },
      affectedPaths: ['src/parser/a.ts'],
      requestCve: false,
    });
  });

  it('refuses an unknown key and names it', () => {
    const error = errorOf(() => parseTriageCommand('/triage accept priority=p1'));
    expect(error.message).toContain('unknown key "priority"');
    expect(errorOf(() => parseTriageCommand('/triage acept')).message).toContain('unknown key "acept"');
  });

  it('surfaces a bad vector with the reason from the CVSS parser', () => {
    expect(errorOf(() => parseTriageCommand('/triage cvss=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).message).toBe(
      '/triage cvss-vector: CVSS 3.1 vector is missing base metric(s) A.',
    );
    const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A';
    const error = errorOf(() => parseTriageCommand(`/triage cvss=${v4}`));
    expect(error.message).toContain('remove the threat metric E:A');
    expect(error.source).toBe('cvss-vector');
  });

  it('refuses a repeated key, a key without a value and an empty command', () => {
    expect(errorOf(() => parseTriageCommand('/triage tlp=red tlp=amber')).message).toContain('more than once');
    expect(errorOf(() => parseTriageCommand('/triage accept reject')).message).toContain('more than once');
    expect(errorOf(() => parseTriageCommand('/triage tlp')).message).toContain('needs a value');
    expect(errorOf(() => parseTriageCommand('/triage')).message).toContain('needs at least one');
  });

  it('applies the same combination rules as the inputs', () => {
    expect(errorOf(() => parseTriageCommand('/triage reject')).message).toContain('reason');
    expect(errorOf(() => parseTriageCommand(`/triage cvss=${V31} severity=low`)).message).toContain('give one of them');
    expect(errorOf(() => parseTriageCommand('/triage reject reason=dup request-cve')).message).toContain('no CVE');
    expect(errorOf(() => parseTriageCommand('/triage accept reason=fine')).message).toContain('nothing it explains');
  });

  it('reads an extension and an expedite, each with its reason', () => {
    expect(parseTriageCommand('/triage extend=14d reason="low severity, holidays"')).toMatchObject({
      extend: { amount: 14, unit: 'days' },
      reason: 'low severity, holidays',
    });
    expect(parseTriageCommand('/triage expedite reason="public on the mailing list"')).toMatchObject({
      expedite: true,
      reason: 'public on the mailing list',
    });
    expect(parseTriageCommand('/triage release-date=2026-12-01 reason="the reporter agreed"')).toMatchObject({
      releaseDate: '2026-12-01',
      reason: 'the reporter agreed',
    });
    expect(errorOf(() => parseTriageCommand('/triage extend=14d')).message).toContain('needs /triage reason');
    expect(errorOf(() => parseTriageCommand('/triage expedite')).message).toContain('needs /triage reason');
    expect(errorOf(() => parseTriageCommand('/triage extend=soon reason=x')).message).toContain('a duration');
    expect(errorOf(() => parseTriageCommand('/triage reject reason=x expedite')).message).toContain('reject');
    expect(buildTriageRequest({ expedite: 'false' })).not.toHaveProperty('expedite');
  });

  it('reads vulnerabilities given as inline YAML', () => {
    const request = parseTriageCommand(
      `/triage vulnerabilities='[{ecosystem: npm, package: left-pad, vulnerable-version-range: "< 1.3.1", patched-versions: "1.3.1"}]'`,
    );
    expect(request?.vulnerabilities).toEqual([
      {
        package: { ecosystem: 'npm', name: 'left-pad' },
        vulnerable_version_range: '< 1.3.1',
        patched_versions: '1.3.1',
        vulnerable_functions: [],
      },
    ]);
    expect(
      errorOf(() => parseTriageCommand("/triage vulnerabilities='[{ecosystem: cobol, package: x}]'")).message,
    ).toContain('unknown ecosystem');
  });
});

describe('value parsers', () => {
  it('accepts the TLP 2.0 levels in any case, with or without the prefix', () => {
    expect(parseTlpValue('amber+strict')).toBe('AMBER+STRICT');
    expect(parseTlpValue('TLP:CLEAR')).toBe('CLEAR');
    expect(errorOf(() => parseTlpValue('white')).message).toContain('renamed WHITE to CLEAR');
    expect(errorOf(() => parseTlpValue('purple')).message).toBe(
      'Input "tlp" is "purple", but it accepts one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED.',
    );
  });

  it('sorts fix-team entries and refuses what is neither', () => {
    expect(parseFixTeamValue('codeowners, bob\nsec@example.org')).toEqual({
      codeowners: true,
      users: ['bob'],
      teams: [],
      emails: ['sec@example.org'],
    });
    expect(errorOf(() => parseFixTeamValue('a/b/c')).message).toContain('Input "fix-team" is "a/b/c"');
  });

  it('names the input in input messages', () => {
    expect(errorOf(() => buildTriageRequest({ decision: 'maybe' })).message).toContain('Input "decision" is "maybe"');
    expect(errorOf(() => buildTriageRequest({ 'cwe-ids': 'XSS' })).message).toContain('Input "cwe-ids" is "XSS"');
    expect(errorOf(() => buildTriageRequest({ 'request-cve': 'sure' })).source).toBe('request-cve');
  });
});

describe('the agreed release', () => {
  it('takes release-date and release-version from inputs and from a command (with short names)', () => {
    const fromInputs = buildTriageRequest({ 'release-date': '2026-12-01', 'release-version': 'v1.4.2' });
    expect(fromInputs).toMatchObject({ releaseDate: '2026-12-01', releaseVersion: 'v1.4.2' });
    expect(parseTriageCommand('/triage release=2026-12-01 version=v1.4.2')).toEqual(fromInputs);
  });

  it.each([
    [
      '2026-02-30',
      'Input "release-date" is "2026-02-30", but it accepts a calendar date as YYYY-MM-DD, e.g. 2026-12-01.',
    ],
    [
      '1 December',
      'Input "release-date" is "1 December", but it accepts a calendar date as YYYY-MM-DD, e.g. 2026-12-01.',
    ],
  ])('refuses the date %s', (value, message) => {
    expect(errorOf(() => buildTriageRequest({ 'release-date': value })).message).toBe(message);
  });

  it('refuses a version with spaces, naming the command key in a command', () => {
    expect(errorOf(() => parseTriageCommand('/triage version="1 . 4"')).message).toContain(
      '/triage release-version is "1 . 4"',
    );
  });

  it('refuses a release for a rejected report', () => {
    expect(
      errorOf(() => buildTriageRequest({ decision: 'reject', reason: 'dup', 'release-date': '2026-12-01' })).source,
    ).toBe('release-date');
  });
});

describe('tokenizeCommand', () => {
  it('stops at the end of the line outside quotes', () => {
    expect(tokenizeCommand(' accept tlp=red\nnot=parsed')).toEqual([
      { key: 'accept', value: undefined },
      { key: 'tlp', value: 'red' },
    ]);
    expect(parseTriageCommandValues('/triage accept\n/triage reject')).toEqual({ decision: 'accept' });
  });
});
