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
  it('brings the fix team in within the first hours stated (the 24 hours are for the fix team only)', () => {
    const hours = numberAfter(text, /completed within the first (\d+) hours of Disclosure/);
    expect(inHours(policy.fixTeamWithin)).toBe(hours);
    expect(policy.provenance['fix-team']).toMatchObject({ source: 'seed' });
  });
  it('gives no acknowledgement time: the preset labels its own a project default', () => {
    expect(text).not.toMatch(/acknowledge[^.]*\d+ (hours|days)/i);
    expect(policy.provenance.acknowledge.source).toBe('project-default');
    expect(inHours(policy.acknowledgeWithin)).not.toBe(24);
  });
  it('scores (triage) within the upper bound of 1-7 days, not the first 24 hours', () => {
    expect(inDays(policy.triageWithin)).toBe(numberAfter(text, /within the 1-(\d+) days of Disclosure/));
  });
  it('has no disclosure deadline and makes every step a reminder ("suggestions")', () => {
    expect(text).toContain('All of the timelines below are suggestions');
    expect(policy.discloseWithin).toBeUndefined();
    expect(new Set(Object.values(policy.enforcement))).toEqual(new Set(['remind']));
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
  it('counts a CVSS score below the one stated as low severity, and leaves slowing down to a person', () => {
    expect(policy.lowSeveritySlowDown.cvssBelow).toBe(numberAfter(text, /CVSS score is under ~(\d+\.\d+)/));
    expect(text).toContain('the Fix Team can decide to slow the release process down');
    expect(policy.lowSeveritySlowDown.automatic).toBe(false);
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
    expect(inDays(policy.discloseWithin ?? { amount: NaN, unit: 'days' })).toBe(
      numberAfter(text, /disclose known vulnerabilities within (\d+) days/),
    );
  });
  it('plans the fix release before the disclosure deadline', () => {
    expect(inDays(policy.fixReleaseWithin)).toBeLessThan(inDays(policy.discloseWithin ?? { amount: 0, unit: 'days' }));
  });
  it('does not track a retrospective, which its process does not describe', () => {
    expect(text).not.toMatch(/retrospective/i);
    expect(policy.enforcement.retrospective).toBe('off');
  });
});

describe('every preset', () => {
  it.each(Object.entries(PRESETS))('%s orders its deadlines as the process runs', (_name, policy) => {
    expect(inDays(policy.acknowledgeWithin)).toBeLessThanOrEqual(inDays(policy.triageWithin));
    expect(inDays(policy.advisoryAndCveWithin)).toBeLessThanOrEqual(inDays(policy.fixReleaseWithin));
    if (policy.discloseWithin) {
      expect(inDays(policy.fixReleaseWithin)).toBeLessThanOrEqual(inDays(policy.discloseWithin));
    }
    expect(policy.releaseWindow.durationMinutes).toBeGreaterThan(0);
  });
});

/** The seeds of each document a preset quotes (Stacklok's two copies say the same). */
const DOCUMENT_SEEDS: Readonly<Record<string, readonly string[]>> = {
  'SPEC 11': ['spec11'],
  'SPEC 11 (earlier draft)': ['spec11-draft'],
  "Stacklok's security process": ['stacklok-fetch', 'stacklok-codegate'],
  "conda-forge's security policy": ['conda-forge'],
};

describe('provenance', () => {
  const steps = [
    'acknowledge',
    'triage',
    'fix-team',
    'advisory-cve',
    'fix-release',
    'disclose',
    'retrospective',
    'expedite',
    'release-window',
    'low-severity',
  ] as const;
  const entries = Object.entries(PRESETS).flatMap(([name, policy]) =>
    steps.map((step) => [name, step, policy.provenance[step]] as const),
  );

  it.each(entries)(
    '%s %s: quoted word for word from its document, or labelled a project default with why',
    (_n, _s, p) => {
      expect(p).toBeDefined();
      if (p.source === 'project-default') {
        expect(p.why.length).toBeGreaterThan(20);
        return;
      }
      expect(p.source).toBe('seed');
      if (p.source !== 'seed') return;
      const seeds = DOCUMENT_SEEDS[p.document];
      expect(seeds).toBeDefined();
      for (const name of seeds ?? []) {
        const text = seed(name);
        for (const part of p.quote.split(' … ')) expect(text).toContain(part.replace(/\s+/g, ' '));
      }
    },
  );

  it('labels every number SPEC 11 does not state a project default, and quotes the one it does', () => {
    const { provenance } = PRESETS.spec11;
    expect(provenance.acknowledge.source).toBe('seed');
    for (const step of ['triage', 'fix-team', 'advisory-cve', 'fix-release'] as const) {
      expect(provenance[step].source).toBe('project-default');
    }
    // The fix team is Stacklok's "first 24 hours", not its "1-7 days": SPEC 11's 7 days is no quote of either.
    expect(JSON.stringify(provenance['fix-team'])).not.toContain('1-7 days');
  });

  it('gives a disclosure deadline only where the document states one', () => {
    expect(PRESETS.spec11.discloseWithin).toBeUndefined();
    expect(PRESETS['spec11-draft'].discloseWithin).toBeUndefined();
    expect(PRESETS.stacklok.discloseWithin).toBeUndefined();
    expect(PRESETS['conda-forge'].discloseWithin).toEqual({ amount: 90, unit: 'days' });
    expect(PRESETS['conda-forge'].provenance.disclose.source).toBe('seed');
  });

  it('makes the optional retrospective ("could") a reminder in SPEC 11, never a breach', () => {
    expect(seed('spec11')).toContain('the SIRT could write a retrospective');
    expect(PRESETS.spec11.enforcement.retrospective).toBe('remind');
    expect(PRESETS['spec11-draft'].enforcement.retrospective).toBe('remind');
    expect(PRESETS.spec11.enforcement.acknowledge).toBe('escalate');
  });

  it('stretches no preset by itself: a low severity is a decision', () => {
    for (const policy of Object.values(PRESETS)) expect(policy.lowSeveritySlowDown.automatic).toBe(false);
  });
});
