import { describe, expect, it } from '@jest/globals';
import { CvssError, parseCvssVector, scoreCvss } from '../../src/domain/cvss.js';
import { severityFromScore } from '../../src/domain/severity.js';

// Base scores published by NVD; each one also recomputed by hand with the CVSS 3.1 spec formula (Appendix A Roundup).
const V31_SCORES: ReadonlyArray<[string, number]> = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0], // Log4Shell, CVE-2021-44228
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
  ['CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8], // Dirty Pipe, CVE-2022-0847
  ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5], // Heartbleed, CVE-2014-0160
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2],
  ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N', 6.5],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // reflected XSS
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4], // stored XSS
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
  ['CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N', 4.7],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N', 4.3],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0.0],
];

// Scores of the FIRST/Red Hat reference calculator (cvss-v4-calculator), as listed in the
// RedHatProductSecurity/cvss test data (tests/vectors_simple4).
const V40_SCORES: ReadonlyArray<[string, number]> = [
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:N/SA:H', 9.5],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:H/SC:H/SI:N/SA:H', 9.3],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:H/SA:L', 9.2],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N', 6.9],
  ['CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N', 6.9],
  ['CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:N/VI:L/VA:H/SC:L/SI:L/SA:N', 5.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', 5.1],
  ['CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N', 4.0],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N', 2.1],
  ['CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 1.0],
  ['CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:N/SA:L', 1.0],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0.0],
  ['CVSS:4.0/AV:P/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0.0],
];

function errorOf(vector: string): CvssError {
  try {
    parseCvssVector(vector);
  } catch (error) {
    if (error instanceof CvssError) return error;
    throw error;
  }
  throw new Error(`expected ${vector} to be rejected`);
}

describe('scoreCvss', () => {
  it.each(V31_SCORES)('scores %s as %d', (vector, expected) => {
    const result = scoreCvss(vector);
    expect(result).toEqual({ version: '3.1', vector, score: expected, severity: severityFromScore(expected) });
  });

  it.each(V40_SCORES)('scores %s as %d', (vector, expected) => {
    const result = scoreCvss(vector);
    expect(result).toEqual({ version: '4.0', vector, score: expected, severity: severityFromScore(expected) });
  });

  it('reports Log4Shell as critical and a no-impact vector as none', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H').severity).toBe('critical');
    expect(scoreCvss('CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N').severity).toBe('none');
  });

  it('accepts CVSS 3.1 metrics in another order and returns the canonical order', () => {
    const result = scoreCvss('CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U');
    expect(result.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(result.score).toBe(9.8);
  });

  it('ignores surrounding whitespace', () => {
    expect(scoreCvss('  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\n').score).toBe(7.5);
  });

  it('throws before scoring a malformed vector', () => {
    expect(() => scoreCvss('CVSS:3.1/AV:N/AC:L')).toThrow(CvssError);
  });
});

describe('parseCvssVector', () => {
  it('returns the version, canonical vector and base metrics', () => {
    expect(parseCvssVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toEqual({
      version: '4.0',
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      metrics: { AV: 'N', AC: 'L', AT: 'N', PR: 'N', UI: 'N', VC: 'H', VI: 'H', VA: 'H', SC: 'N', SI: 'N', SA: 'N' },
    });
  });

  it('names every missing metric', () => {
    const { message } = errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/A:H');
    expect(message).toMatch(/missing base metric\(s\) S, I$/);
  });

  it('names a duplicated metric', () => {
    expect(errorOf('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toMatch(/metric AV more than once/);
  });

  it('names the metric, the unknown value and the allowed values', () => {
    const { message } = errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:P/S:U/C:H/I:H/A:H');
    expect(message).toContain('metric UI has unknown value "P" (allowed: N, R)');
    expect(errorOf('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N').message).toContain(
      'metric UI has unknown value "R" (allowed: N, P, A)',
    );
  });

  it('names an unknown metric', () => {
    const { message } = errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y');
    expect(message).toContain('unknown metric "XX"');
  });

  it('rejects a missing or wrong prefix', () => {
    expect(errorOf('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toMatch(
      /must start with "CVSS:3.1\/" or "CVSS:4.0\/"/,
    );
    expect(errorOf('CVSS3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toContain('got "CVSS3.1"');
  });

  it('rejects CVSS 3.0 and 2.0 saying only 3.1 and 4.0 are accepted', () => {
    const { message } = errorOf('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(message).toContain('CVSS version 3.0 is not supported');
    expect(message).toContain('only CVSS 3.1 and 4.0');
    expect(errorOf('CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P').message).toContain('version 2.0 is not supported');
  });

  it('rejects trailing garbage', () => {
    expect(errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H junk').message).toContain(
      'segment "A:H junk" is not of the form METRIC:VALUE',
    );
    expect(errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:HH').message).toContain('unknown value "HH"');
  });

  it('rejects empty segments', () => {
    expect(errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/').message).toContain('empty segment at position 9');
    expect(errorOf('CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toContain('empty segment at position 2');
    expect(errorOf('   ').message).toBe('CVSS vector is empty');
  });

  it('rejects lower case', () => {
    expect(errorOf('cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toContain('must be upper case: CVSS:3.1');
    expect(errorOf('CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toContain('"av:n" must be upper case');
  });

  it('refuses CVSS 4.0 threat, environmental and supplemental metrics, naming them', () => {
    const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(errorOf(`${base}/E:A`).message).toBe(
      'GitHub accepts only base metrics in a CVSS 4.0 vector: remove the threat metric E:A',
    );
    expect(errorOf(`${base}/MAV:L`).message).toContain('environmental metric MAV:L');
    expect(errorOf(`${base}/AU:Y`).message).toContain('supplemental metric AU:Y');
  });

  it('refuses CVSS 3.1 temporal and environmental metrics', () => {
    const base = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(errorOf(`${base}/E:F/RL:O/RC:C`).message).toBe(
      'GitHub accepts only base metrics in a CVSS 3.1 vector: remove the temporal metric E:F',
    );
    expect(errorOf(`${base}/CR:H`).message).toContain('environmental metric CR:H');
  });

  it('requires the specification order in CVSS 4.0', () => {
    const { message } = errorOf('CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    expect(message).toContain("must be in the specification's order");
    expect(message).toContain('found AC where AV belongs');
  });

  it('rejects v3.1 metric names in a 4.0 vector', () => {
    expect(errorOf('CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').message).toContain('supplemental metric S:U');
  });
});

describe('severityFromScore', () => {
  it.each([
    [0, 'none'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4.0, 'medium'],
    [6.9, 'medium'],
    [7.0, 'high'],
    [8.9, 'high'],
    [9.0, 'critical'],
    [10, 'critical'],
  ])('rates %d as %s', (score, severity) => {
    expect(severityFromScore(score)).toBe(severity);
  });

  it('rejects scores outside 0-10', () => {
    expect(() => severityFromScore(10.1)).toThrow(RangeError);
    expect(() => severityFromScore(-0.1)).toThrow(RangeError);
    expect(() => severityFromScore(Number.NaN)).toThrow(RangeError);
  });
});
