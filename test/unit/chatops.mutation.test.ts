/**
 * The parts of src/domain/chatops.ts that the mutation run found unguarded: the exact messages (and the input each
 * names as its source) of every value parser and combination rule, a long value cut to 77 characters in a message,
 * surrounding blanks around values given straight to the parsers, stray commas in lists, an empty fix team, every
 * spelling of true and false, an empty input meaning "not given", a reason absent rather than undefined, empty and
 * blank command values, a backslash inside single quotes, and the message of an empty command.
 */
import { describe, expect, it } from '@jest/globals';
import {
  buildTriageRequest,
  parseBooleanValue,
  parseCweIdsValue,
  parseDecisionValue,
  parseExtendValue,
  parseFixTeamValue,
  parseReleaseDateValue,
  parseReleaseVersionValue,
  parseSeverityValue,
  parseTlpValue,
  parseTriageCommand,
  parseTriageCommandValues,
} from '../../src/domain/chatops.js';
import { DURATION_FORMS } from '../../src/domain/duration.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { parseVulnerabilities } from '../../src/domain/vulnerabilities.js';
import { thrownBy } from './thrown.js';

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const FIX_TEAM_ACCEPTS = 'but it accepts `codeowners`, user logins and `org/team` slugs.';

const errorOf = (run: () => unknown): ConfigurationError => thrownBy(run, ConfigurationError);

describe('value parser messages', () => {
  it('names the severities a severity may be', () => {
    const error = errorOf(() => parseSeverityValue('urgent'));
    expect(error.message).toBe('Input "severity" is "urgent", but it accepts one of critical, high, medium, low.');
    expect(error.source).toBe('severity');
  });

  it('cuts a value longer than 80 characters to 77 and an ellipsis, and shows one of 80 whole', () => {
    const long = 'x'.repeat(81);
    expect(errorOf(() => parseSeverityValue(long)).message).toBe(
      `Input "severity" is "${'x'.repeat(77)}...", but it accepts one of critical, high, medium, low.`,
    );
    const eighty = 'y'.repeat(80);
    expect(errorOf(() => parseSeverityValue(eighty)).message).toBe(
      `Input "severity" is "${eighty}", but it accepts one of critical, high, medium, low.`,
    );
  });

  it('names the decisions, the CWE form and the booleans', () => {
    expect(errorOf(() => parseDecisionValue('maybe')).message).toBe(
      'Input "decision" is "maybe", but it accepts `accept` (triage to draft) or `reject` (with a reason).',
    );
    expect(errorOf(() => parseCweIdsValue('XSS')).message).toBe(
      'Input "cwe-ids" is "XSS", but it accepts CWE ids such as `CWE-79, CWE-89`.',
    );
    expect(errorOf(() => parseBooleanValue('request-cve', 'sure')).message).toBe(
      'Input "request-cve" is "sure", but it accepts `true` or `false`.',
    );
  });

  it('names expedite, not another key, when expedite is not a boolean', () => {
    const error = errorOf(() => buildTriageRequest({ expedite: 'maybe', reason: 'public' }));
    expect(error.message).toBe('Input "expedite" is "maybe", but it accepts `true` or `false`.');
    expect(error.source).toBe('expedite');
  });

  it('names the fix-team forms for an unknown entry', () => {
    expect(errorOf(() => parseFixTeamValue('a/b/c')).message).toBe(`Input "fix-team" is "a/b/c", ${FIX_TEAM_ACCEPTS}`);
  });

  it('names the release-version and extend forms', () => {
    expect(errorOf(() => parseReleaseVersionValue('1 . 4')).message).toBe(
      'Input "release-version" is "1 . 4", but it accepts a version such as `1.4.2` or `v2.0.0-rc.1` (no spaces).',
    );
    expect(errorOf(() => parseExtendValue('soon')).message).toBe(
      `Input "extend" is "soon", but it accepts a duration such as ${DURATION_FORMS}.`,
    );
  });

  it('puts the input name before the reason the vulnerabilities parser gives', () => {
    const inner = errorOf(() => parseVulnerabilities('{}')).message;
    const error = errorOf(() => buildTriageRequest({ vulnerabilities: '{}' }));
    expect(error.message).toBe(`Input "vulnerabilities": ${inner}.`);
    expect(error.source).toBe('vulnerabilities');
    expect(errorOf(() => parseTriageCommand("/triage vulnerabilities='{}'")).message).toBe(
      `/triage vulnerabilities: ${inner}.`,
    );
  });

  it('names the upstream input when the link is not one', () => {
    expect(errorOf(() => buildTriageRequest({ upstream: 'ftp://example.org' })).message).toMatch(
      /^Input "upstream" is "ftp:\/\/example\.org", but it accepts/,
    );
  });
});

describe('values given straight to the parsers, with blanks around them', () => {
  it('reads each value without its surrounding blanks', () => {
    expect(parseSeverityValue(' High ')).toBe('high');
    expect(parseTlpValue(' amber ')).toBe('AMBER');
    expect(parseDecisionValue(' accept ')).toBe('accept');
    expect(parseBooleanValue('request-cve', ' yes ')).toBe(true);
    expect(parseReleaseDateValue(' 2026-12-01 ')).toBe('2026-12-01');
    expect(parseReleaseVersionValue(' 1.4.2 ')).toBe('1.4.2');
  });

  it('drops the TLP: prefix only at the start', () => {
    expect(errorOf(() => parseTlpValue('REDTLP:')).message).toBe(
      'Input "tlp" is "REDTLP:", but it accepts one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED.',
    );
  });
});

describe('lists', () => {
  it('ignores stray commas and blanks around the items', () => {
    expect(parseCweIdsValue(',CWE-79, ,')).toEqual(['CWE-79']);
    expect(buildTriageRequest({ 'affected-paths': ', src/a.ts,' }).affectedPaths).toEqual(['src/a.ts']);
  });

  it('accepts a fix team of only users, only teams or only e-mails', () => {
    expect(parseFixTeamValue('alice')).toEqual({ codeowners: false, users: ['alice'], teams: [], emails: [] });
    expect(parseFixTeamValue('org/sec')).toEqual({
      codeowners: false,
      users: [],
      teams: [{ org: 'org', slug: 'sec' }],
      emails: [],
    });
    expect(parseFixTeamValue('sec@example.org')).toEqual({
      codeowners: false,
      users: [],
      teams: [],
      emails: ['sec@example.org'],
    });
  });

  it('refuses a fix team with no entry at all', () => {
    const error = errorOf(() => parseFixTeamValue(', ,'));
    expect(error.message).toBe(`Input "fix-team" is ", ,", ${FIX_TEAM_ACCEPTS}`);
    expect(error.source).toBe('fix-team');
  });
});

describe('booleans', () => {
  it.each(['true', 'yes', 'on', '1', 'TRUE', 'Yes'])('reads %s as true', (value) => {
    expect(parseBooleanValue('request-cve', value)).toBe(true);
  });

  it.each(['false', 'no', 'off', '0', 'Off'])('reads %s as false', (value) => {
    expect(parseBooleanValue('request-cve', value)).toBe(false);
  });
});

describe('inputs left empty', () => {
  it('treats an empty or blank input as not given', () => {
    expect(buildTriageRequest({ severity: '', tlp: '  ', reason: ' ' })).toStrictEqual({
      affectedPaths: ['*'],
      requestCve: false,
    });
  });

  it('keeps a reason without its surrounding blanks', () => {
    expect(buildTriageRequest({ decision: 'reject', reason: '  duplicate  ' }).reason).toBe('duplicate');
  });

  it('leaves out the reason when none is given', () => {
    expect(buildTriageRequest({ tlp: 'red' })).not.toHaveProperty('reason');
  });
});

describe('combination messages', () => {
  it('refuses an upstream link with an accept decision', () => {
    const error = errorOf(() => buildTriageRequest({ upstream: 'https://example.org/security', decision: 'accept' }));
    expect(error.message).toBe(
      'Input "upstream" is set with an accept decision: a report sent upstream is rejected here (drop accept, or drop upstream).',
    );
    expect(error.source).toBe('upstream');
  });

  it('refuses a vector and a severity together', () => {
    const error = errorOf(() => buildTriageRequest({ 'cvss-vector': V31, severity: 'low' }));
    expect(error.message).toBe(
      'Input "cvss-vector" and Input "severity" are both set: the severity comes from the vector, so give one of them (GitHub takes either, not both).',
    );
    expect(error.source).toBe('severity');
  });

  it('refuses a rejection without a reason', () => {
    const error = errorOf(() => buildTriageRequest({ decision: 'reject' }));
    expect(error.message).toBe(
      'Input "decision" is reject but Input "reason" is empty: say why (the reporter is told).',
    );
    expect(error.source).toBe('reason');
  });

  it('refuses a reason that explains nothing', () => {
    const error = errorOf(() => buildTriageRequest({ decision: 'accept', reason: 'fine' }));
    expect(error.message).toBe(
      'Input "reason" is set but nothing it explains: give it with reject, extend, expedite or release-date.',
    );
    expect(error.source).toBe('reason');
  });

  it('refuses an extension without a reason, naming reason as the input to fix', () => {
    const error = errorOf(() => buildTriageRequest({ extend: '14d' }));
    expect(error.message).toBe(
      'Input "extend" needs Input "reason": the decision is recorded with why (e.g. reason="disclosed publicly").',
    );
    expect(error.source).toBe('reason');
  });

  it('refuses a release or a CVE for a rejected report', () => {
    expect(
      errorOf(() => buildTriageRequest({ decision: 'reject', reason: 'dup', 'release-date': '2026-12-01' })).message,
    ).toBe('Input "release-date" is set with a reject decision: a rejected report has no release.');
    const error = errorOf(() => buildTriageRequest({ decision: 'reject', reason: 'dup', 'request-cve': 'true' }));
    expect(error.message).toBe('Input "request-cve" is true with a reject decision: a rejected report gets no CVE.');
    expect(error.source).toBe('request-cve');
  });
});

describe('/triage command values', () => {
  it('refuses an empty or blank quoted value', () => {
    for (const command of ['/triage tlp=""', '/triage tlp=" "']) {
      const error = errorOf(() => parseTriageCommandValues(command));
      expect(error.message).toBe('/triage tlp has an empty value.');
      expect(error.source).toBe('tlp');
    }
  });

  it('keeps a backslash inside single quotes as it is', () => {
    expect(parseTriageCommandValues("/triage reject reason='see C:\\temp\\x'")).toEqual({
      decision: 'reject',
      reason: 'see C:\\temp\\x',
    });
  });

  it('says what a command may hold when it holds nothing', () => {
    const error = errorOf(() => parseTriageCommandValues('/triage'));
    expect(error.message).toBe(
      '/triage needs at least one of: cvss=…, severity=…, cwe=…, tlp=…, accept, reject reason="…", reject upstream=… reason="…", fix-team=…, paths=…, request-cve, vulnerabilities=…, release-date=…, extend=… reason="…", expedite reason="…"',
    );
    expect(error.source).toBe('triage command');
  });

  it('names the command as the source of an unknown key', () => {
    expect(errorOf(() => parseTriageCommandValues('/triage priority=p1')).source).toBe('triage command');
  });
});
