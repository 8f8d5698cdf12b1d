/**
 * Exact messages and edge cases of src/domain/cvss.ts that test/unit/cvss.test.ts leaves open (StrykerJS survivors).
 * ae-cvss-calculator is replaced by a stand-in whose base score each test sets, so the guard against a library that
 * returns no score (undefined, NaN, Infinity) can be exercised; the parsing tests never reach the library.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

interface Scores {
  base: unknown;
}

let libraryBase: unknown = 0;
const scoredVectors: string[] = [];

class StandInCalculator {
  constructor(private readonly vector: string) {}

  calculateScores(): Scores {
    scoredVectors.push(this.vector);
    return { base: libraryBase };
  }
}

jest.unstable_mockModule('ae-cvss-calculator', () => ({
  Cvss3P1: class Cvss3P1 extends StandInCalculator {},
  Cvss4P0: class Cvss4P0 extends StandInCalculator {},
}));

const { CvssError, parseCvssVector, scoreCvss } = await import('../../src/domain/cvss.js');
const { ConfigurationError } = await import('../../src/domain/errors.js');

const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V31_TAIL = 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const V40_TAIL = 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
const ACCEPTED = 'only CVSS 3.1 and 4.0 vectors are accepted (the versions GitHub advisories take)';

function rejection(run: () => unknown): InstanceType<typeof CvssError> {
  try {
    run();
  } catch (error) {
    if (error instanceof CvssError) return error;
    throw error;
  }
  throw new Error('expected a CvssError');
}

function messageOf(vector: string): string {
  return rejection(() => parseCvssVector(vector)).message;
}

beforeEach(() => {
  libraryBase = 0;
  scoredVectors.length = 0;
});

describe('CvssError', () => {
  it('is a ConfigurationError named CvssError whose source is the cvss input', () => {
    const error = rejection(() => parseCvssVector(''));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.name).toBe('CvssError');
    expect(error.source).toBe('cvss');
    expect(error.message).toBe('CVSS vector is empty');
  });
});

describe('the version prefix', () => {
  it('asks for upper case for a lower-case 4.0 prefix as for 3.1', () => {
    expect(messageOf(`cvss:4.0/${V40_TAIL}`)).toBe('CVSS vector prefix "cvss:4.0" must be upper case: CVSS:4.0');
    expect(messageOf(`Cvss:3.1/${V31_TAIL}`)).toBe('CVSS vector prefix "Cvss:3.1" must be upper case: CVSS:3.1');
  });

  it('names an empty prefix (a leading "/") as the prefix it got', () => {
    expect(messageOf(`/${V31_TAIL}`)).toBe(
      `CVSS vector must start with "CVSS:3.1/" or "CVSS:4.0/", got "": ${ACCEPTED}`,
    );
  });

  it('names any version of the form digits.digits as not supported', () => {
    expect(messageOf(`CVSS:10.0/${V31_TAIL}`)).toBe(`CVSS version 10.0 is not supported: ${ACCEPTED}`);
    expect(messageOf(`CVSS:3.10/${V31_TAIL}`)).toBe(`CVSS version 3.10 is not supported: ${ACCEPTED}`);
    expect(messageOf(`cvss:2.0/${V31_TAIL}`)).toBe(`CVSS version 2.0 is not supported: ${ACCEPTED}`);
  });

  it('treats a version with anything before or after it as a wrong prefix', () => {
    expect(messageOf(`CVSS:3.0x/${V31_TAIL}`)).toBe(
      `CVSS vector must start with "CVSS:3.1/" or "CVSS:4.0/", got "CVSS:3.0x": ${ACCEPTED}`,
    );
    expect(messageOf(`XCVSS:3.0/${V31_TAIL}`)).toBe(
      `CVSS vector must start with "CVSS:3.1/" or "CVSS:4.0/", got "XCVSS:3.0": ${ACCEPTED}`,
    );
  });
});

describe('segments', () => {
  it('rejects a segment with anything before the metric name', () => {
    expect(messageOf(`CVSS:3.1/1AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`)).toBe(
      'CVSS vector segment "1AV:N" is not of the form METRIC:VALUE',
    );
  });

  it('gives the upper-case form of a lower-case segment', () => {
    expect(messageOf('CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(
      'CVSS vector segment "av:n" must be upper case: AV:N',
    );
  });

  it('lists the base metrics of the version when a metric is unknown', () => {
    expect(messageOf(`${V31}/XX:Y`)).toBe(
      'CVSS 3.1 vector has unknown metric "XX" (base metrics: AV, AC, PR, UI, S, C, I, A)',
    );
    expect(messageOf(`${V40}/XX:Y`)).toBe(
      'CVSS 4.0 vector has unknown metric "XX" (base metrics: AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA)',
    );
  });

  it('spells out the CVSS 4.0 order when metrics are out of place', () => {
    expect(messageOf('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VA:H/VI:H/SC:N/SI:N/SA:N')).toBe(
      "CVSS 4.0 metrics must be in the specification's order AV/AC/AT/PR/UI/VC/VI/VA/SC/SI/SA: " +
        'found VA where VI belongs',
    );
  });
});

describe('scoring with a library that returns no usable score', () => {
  it.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '9.8'],
  ])('refuses a base score of %s, naming the canonical vector', (_label, base) => {
    libraryBase = base;
    const error = rejection(() => scoreCvss('CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U'));
    expect(error.message).toBe(`could not compute a base score for ${V31}`);
    expect(scoredVectors).toEqual([V31]);
  });

  it('refuses a CVSS 4.0 base score of NaN', () => {
    libraryBase = Number.NaN;
    expect(rejection(() => scoreCvss(V40)).message).toBe(`could not compute a base score for ${V40}`);
  });

  it('rounds a finite base score to a tenth', () => {
    libraryBase = 7.25;
    expect(scoreCvss(V31)).toEqual({ version: '3.1', vector: V31, score: 7.3, severity: 'high' });
  });
});
