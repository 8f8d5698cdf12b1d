import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PRESETS } from '../../src/domain/policy/presets.js';
import type { Duration } from '../../src/domain/policy/types.js';

// Copies of ../shared/seeds, the process documents each preset follows.
const seed = (name: string): string =>
  readFileSync(new URL(`../fixtures/seeds/${name}.txt`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

function numberAfter(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`the seed no longer says ${pattern}`);
  return Number(match[1]);
}

const inHours = (d: Duration): number => (d.unit === 'hours' ? d.amount : d.unit === 'days' ? d.amount * 24 : NaN);
const inDays = (d: Duration): number => (d.unit === 'days' ? d.amount : d.unit === 'hours' ? d.amount / 24 : NaN);

describe('spec11 preset (SPEC 11)', () => {
  const text = seed('spec11');
  it('acknowledges within the hours SPEC 11 states', () => {
    expect(inHours(PRESETS.spec11.acknowledgeWithin)).toBe(
      numberAfter(text, /respond to any report in at most (\d+) hours/),
    );
  });
  it('releases at the hour SPEC 11 recommends, not on Friday or the weekend', () => {
    expect(PRESETS.spec11.releaseWindow.time).toBe(`${numberAfter(text, /use (\d+)PM UTC on a non-Friday/) + 12}:00`);
    expect(PRESETS.spec11.releaseWindow.weekdays).toEqual([1, 2, 3, 4]);
  });
  it('is the spec11 default and says a retrospective follows within a few days', () => {
    expect(text).toContain('A few days after the release');
    expect(inDays(PRESETS.spec11.retrospectiveWithin)).toBe(3);
  });
});

describe('spec11-draft preset (the earlier draft)', () => {
  const text = seed('spec11-draft');
  it("acknowledges within the draft's hours and keeps the rest of SPEC 11", () => {
    expect(inHours(PRESETS['spec11-draft'].acknowledgeWithin)).toBe(
      numberAfter(text, /respond to any report in at most (\d+) hours/),
    );
    expect(PRESETS['spec11-draft'].fixReleaseWithin).toEqual(PRESETS.spec11.fixReleaseWithin);
    expect(PRESETS['spec11-draft'].releaseWindow).toEqual(PRESETS.spec11.releaseWindow);
  });
});

describe.each(['stacklok-fetch', 'stacklok-codegate'])('stacklok preset against %s', (name) => {
  const text = seed(name);
  const policy = PRESETS.stacklok;
  it('brings the fix team in within the first hours stated', () => {
    const hours = numberAfter(text, /completed within the first (\d+) hours of Disclosure/);
    expect(inHours(policy.fixTeamWithin)).toBe(hours);
    expect(inHours(policy.acknowledgeWithin)).toBe(hours);
  });
  it('drafts the advisory and requests the CVE within the upper bound of 1-7 days', () => {
    expect(inDays(policy.advisoryAndCveWithin)).toBe(numberAfter(text, /within the 1-(\d+) days of Disclosure/));
  });
  it('releases the fix within the upper bound of 1-21 days', () => {
    expect(inDays(policy.fixReleaseWithin)).toBe(numberAfter(text, /Completed within 1-(\d+) days of Disclosure/));
  });
  it('holds the retrospective within 1-3 days of the release', () => {
    expect(inDays(policy.retrospectiveWithin)).toBe(numberAfter(text, /completed 1-(\d+) days after the Release Date/));
  });
  it('slows down below the CVSS score stated', () => {
    expect(policy.lowSeveritySlowDown.cvssBelow).toBe(numberAfter(text, /CVSS score is under ~(\d+\.\d+)/));
  });
  it('releases at 4pm UTC on a non-Friday weekday', () => {
    expect(text).toContain('4pm UTC on a non-Friday weekday');
    expect(policy.releaseWindow.time).toBe('16:00');
    expect(policy.releaseWindow.weekdays).not.toContain(5);
  });
});

describe('conda-forge preset', () => {
  const text = seed('conda-forge');
  const policy = PRESETS['conda-forge'];
  it('responds within the days stated', () => {
    expect(inDays(policy.acknowledgeWithin)).toBe(numberAfter(text, /respond within (\d+) days to all new reports/));
  });
  it('discloses within the days stated, whether a patch exists or not', () => {
    expect(inDays(policy.discloseWithin)).toBe(numberAfter(text, /disclose known vulnerabilities within (\d+) days/));
  });
  it('plans the fix release before the disclosure deadline', () => {
    expect(inDays(policy.fixReleaseWithin)).toBeLessThan(inDays(policy.discloseWithin));
  });
});

describe('every preset', () => {
  it.each(Object.entries(PRESETS))('%s orders its deadlines as the process runs', (_name, policy) => {
    expect(inDays(policy.acknowledgeWithin)).toBeLessThanOrEqual(inDays(policy.triageWithin));
    expect(inDays(policy.advisoryAndCveWithin)).toBeLessThanOrEqual(inDays(policy.fixReleaseWithin));
    expect(inDays(policy.fixReleaseWithin)).toBeLessThanOrEqual(inDays(policy.discloseWithin));
    expect(policy.releaseWindow.durationMinutes).toBeGreaterThan(0);
  });
});
