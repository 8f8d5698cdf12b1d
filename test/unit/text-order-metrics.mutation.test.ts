/**
 * The parts of src/domain/text-order.ts and src/domain/metrics.ts that the mutation run found unguarded: printable
 * ASCII (plain and numeric, numbers with a lone zero included) ordered without consulting a collator, text just
 * outside printable ASCII (control characters, U+0080, accents) left to the collator; the report's severity from an
 * `unrated` rating or a CVSS score out of range or at 10; median and 90th percentile of steps done in any order;
 * steps judged only when they have a due time; a row per severity with a step done and no other; a step done
 * exactly at now; quarter bounds (a now on a quarter start included); and the wording and age buckets of the JSON.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Step } from '../../src/domain/deadlines.js';
import {
  computeMetrics,
  metricsJson,
  metricsSeverity,
  type MetricsReport,
  type ProcessMetrics,
  type MetricsSeverity,
  type PeriodMetrics,
  type StepStats,
} from '../../src/domain/metrics.js';
import { compareText, compareTextNumeric } from '../../src/domain/text-order.js';

const HOUR = 3600_000;
const NOW = new Date('2026-12-06T12:00:00.000Z');

// What compareText and compareTextNumeric stand in for: localeCompare on GitHub's runners (en-US).
const plain = new Intl.Collator('en-US');
const numeric = new Intl.Collator('en', { numeric: true });

describe('printable ASCII is ordered without a collator', () => {
  // Every comparison through a collator reads Intl.Collator.prototype.compare (a getter): counting its reads sees a
  // collator consulted even when the module made it before the test.
  const compare = Object.getOwnPropertyDescriptor(Intl.Collator.prototype, 'compare');
  let collatorReads = 0;
  beforeEach(() => {
    const read = compare?.get;
    if (!compare || !read) throw new Error('Intl.Collator.prototype.compare is no getter');
    collatorReads = 0;
    Object.defineProperty(Intl.Collator.prototype, 'compare', {
      ...compare,
      get(this: Intl.Collator) {
        collatorReads += 1;
        return read.call(this);
      },
    });
  });
  afterEach(() => {
    if (compare) Object.defineProperty(Intl.Collator.prototype, 'compare', compare);
  });

  it('orders logins and repository names as localeCompare does, consulting no collator', () => {
    expect(['org/b', 'Org/a', 'org-c', 'bob', 'Alice'].sort(compareText)).toEqual([
      'Alice',
      'bob',
      'org-c',
      'Org/a',
      'org/b',
    ]);
    expect(compareText('x', 'x')).toBe(0);
    expect(collatorReads).toBe(0);
  });

  it('orders CVE ids by number, consulting no collator', () => {
    expect(['CVE-2026-10000', 'CVE-2025-999', 'CVE-2026-9999'].sort(compareTextNumeric)).toEqual([
      'CVE-2025-999',
      'CVE-2026-9999',
      'CVE-2026-10000',
    ]);
    expect(collatorReads).toBe(0);
  });

  it('orders a lone zero, first or later in the text, on either side, consulting no collator', () => {
    expect(compareTextNumeric('0', '1')).toBe(-1);
    expect(compareTextNumeric('1', '0')).toBe(1);
    expect(compareTextNumeric('v0', 'v1')).toBe(-1);
    expect(compareTextNumeric('v1', 'v0')).toBe(1);
    expect(compareTextNumeric('v1.0', 'v1.0')).toBe(0);
    expect(collatorReads).toBe(0);
  });

  it('still leaves a number with a leading zero to the collator', () => {
    expect(compareTextNumeric('v01', 'v1')).toBe(numeric.compare('v01', 'v1'));
    expect(collatorReads).toBeGreaterThan(0);
  });
});

describe('text just outside printable ASCII goes to the collator', () => {
  it('ignores control characters as localeCompare does', () => {
    // U+0001 is ignorable in ICU's collation: `a\u0001` equals `a`, and `\u0001b` sorts by its `b`.
    expect(compareText('a\u0001', 'a')).toBe(0);
    expect(compareText('\u0001b', 'a')).toBe(1);
    expect(compareText('a\u0001', 'a')).toBe(plain.compare('a\u0001', 'a'));
  });

  it('orders U+0080, the first code past ASCII, as localeCompare does', () => {
    expect(compareText('\u0080', 'a')).toBe(plain.compare('\u0080', 'a'));
    expect(compareText('\u0080', 'a')).toBe(-1);
  });

  it('orders accented text against ASCII numerically as localeCompare does, whichever side it is on', () => {
    expect(compareTextNumeric('a', 'é')).toBe(-1);
    expect(compareTextNumeric('é', 'f')).toBe(-1);
    expect(compareTextNumeric('é', 'e')).toBe(numeric.compare('é', 'e'));
  });
});

describe("the report's severity for the metrics", () => {
  it('reads an `unrated` rating as no rating: the CVSS score decides', () => {
    expect(metricsSeverity('unrated', 9.8)).toBe('critical');
    expect(metricsSeverity('Unrated', 5)).toBe('medium');
    expect(metricsSeverity('unrated', undefined)).toBe('unrated');
  });

  it('rates a score of exactly 10 critical', () => {
    expect(metricsSeverity(null, 10)).toBe('critical');
  });

  it('calls a score that is no CVSS score unrated, without throwing', () => {
    expect(metricsSeverity(null, Number.NaN)).toBe('unrated');
    expect(metricsSeverity(null, -0.1)).toBe('unrated');
    expect(metricsSeverity(null, 10.1)).toBe('unrated');
    expect(metricsSeverity(undefined, Number.POSITIVE_INFINITY)).toBe('unrated');
  });
});

/** A report received at `received`, with one step done `takenH` hours later (or not done), due `dueH` hours later. */
function report(
  severity: MetricsSeverity,
  received: string,
  step: Step,
  takenH: number | undefined,
  dueH?: number,
): MetricsReport {
  const receivedAt = new Date(received);
  const at = (hours: number): Date => new Date(receivedAt.getTime() + hours * HOUR);
  return {
    severity,
    receivedAt,
    open: takenH === undefined,
    steps: [
      {
        step,
        start: receivedAt,
        due: dueH === undefined ? undefined : at(dueH),
        doneAt: takenH === undefined ? undefined : at(takenH),
      },
    ],
  };
}

const rowOf = (period: PeriodMetrics, step: Step, severity: MetricsSeverity | 'all'): StepStats | undefined =>
  period.stats.find((s) => s.step === step && s.severity === severity);

describe('step statistics', () => {
  // Acknowledged after 30, 2 and 10 h, in that order; one report not acknowledged yet.
  // Computed for each test, not once when the file loads: mutation testing credits the tests only with code they run.
  let metrics: ProcessMetrics;
  beforeEach(() => {
    metrics = computeMetrics(
      [
        report('high', '2026-10-01T00:00:00Z', 'acknowledge', 30, 48),
        report('low', '2026-10-02T00:00:00Z', 'acknowledge', 2),
        report('high', '2026-10-03T00:00:00Z', 'acknowledge', 10, 48),
        report('critical', '2026-10-04T00:00:00Z', 'acknowledge', undefined, 48),
      ],
      NOW,
    );
  });

  it('takes the median and the 90th percentile of the times sorted, whatever order the steps were done in', () => {
    // Sorted [2, 10, 30] h: median 10 h; 90th: h = 1.8 -> 10 + 0.8 * 20 = 26 h.
    const all = rowOf(metrics.last12Months, 'acknowledge', 'all');
    expect(all?.medianMs).toBe(10 * HOUR);
    expect(all?.p90Ms).toBeCloseTo(26 * HOUR, 0);
  });

  it('judges only the steps that had a due time', () => {
    expect(rowOf(metrics.last12Months, 'acknowledge', 'all')).toMatchObject({ count: 3, judged: 2, withinPolicy: 2 });
    expect(rowOf(metrics.last12Months, 'acknowledge', 'low')).toMatchObject({ count: 1, judged: 0, withinPolicy: 0 });
  });

  it('has one row per severity with a step done, counting only that severity, and none for the others', () => {
    const acknowledge = metrics.last12Months.stats.filter((s) => s.step === 'acknowledge');
    expect(acknowledge.map((s) => [s.severity, s.count])).toEqual([
      ['all', 3],
      ['high', 2],
      ['low', 1],
    ]);
    expect(metrics.last12Months.stats.filter((s) => s.step === 'triage').map((s) => s.severity)).toEqual(['all']);
  });
});

describe('periods', () => {
  it('counts a step done exactly at now, in the last 12 months and in the current quarter', () => {
    const metrics = computeMetrics([report('medium', '2026-12-06T02:00:00Z', 'triage', 10, 168)], NOW);
    expect(metrics.last12Months.label).toBe('last-12-months');
    expect(rowOf(metrics.last12Months, 'triage', 'medium')?.count).toBe(1);
    expect(rowOf(metrics.quarters.at(-1) as PeriodMetrics, 'triage', 'all')?.count).toBe(1);
  });

  it('ends each past quarter a millisecond before the next, and counts a step in the quarter it was done in', () => {
    const metrics = computeMetrics([report('high', '2026-09-30T20:00:00Z', 'acknowledge', 2, 48)], NOW);
    expect(metrics.quarters.map((q) => [q.label, q.from.toISOString(), q.to.toISOString()])).toEqual([
      ['2025-Q4', '2025-12-06T12:00:00.000Z', '2025-12-31T23:59:59.999Z'],
      ['2026-Q1', '2026-01-01T00:00:00.000Z', '2026-03-31T23:59:59.999Z'],
      ['2026-Q2', '2026-04-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z'],
      ['2026-Q3', '2026-07-01T00:00:00.000Z', '2026-09-30T23:59:59.999Z'],
      ['2026-Q4', '2026-10-01T00:00:00.000Z', '2026-12-06T12:00:00.000Z'],
    ]);
    const counts = metrics.quarters.map((q) => rowOf(q, 'acknowledge', 'all')?.count);
    expect(counts).toEqual([0, 0, 0, 1, 0]);
  });

  it('with now on a quarter start, ends the quarter before it a millisecond earlier and counts a step done at now once', () => {
    const now = new Date('2027-01-01T00:00:00.000Z');
    const metrics = computeMetrics([report('high', '2026-12-31T22:00:00Z', 'acknowledge', 2, 48)], now);
    const [q4, q1] = metrics.quarters.slice(-2) as [PeriodMetrics, PeriodMetrics];
    expect([q4.label, q4.to.toISOString()]).toEqual(['2026-Q4', '2026-12-31T23:59:59.999Z']);
    expect([q1.label, q1.from.toISOString(), q1.to.toISOString()]).toEqual([
      '2027-Q1',
      '2027-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
    expect([rowOf(q4, 'acknowledge', 'all')?.count, rowOf(q1, 'acknowledge', 'all')?.count]).toEqual([0, 1]);
  });
});

describe('metricsJson', () => {
  // Computed in each test (see step statistics).
  let json: ReturnType<typeof metricsJson>;
  beforeEach(() => {
    json = metricsJson(
      computeMetrics(
        [
          report('critical', '2026-12-01T00:00:00Z', 'acknowledge', undefined, 48),
          report('low', '2025-01-01T00:00:00Z', 'acknowledge', undefined, 48),
        ],
        NOW,
      ),
    );
  });

  it('says what the times and the within-policy counts measure', () => {
    expect(json.timeTaken).toBe(
      "hours from the report's receipt to the step's completion (for the retrospective, from the fix release)",
    );
    expect(json.withinPolicy).toBe('done at or before the due time sla-check computes');
    expect(json.last12Months.period).toBe('last-12-months');
  });

  it('lists the open reports by age bucket, the last one without an upper bound', () => {
    const none = { critical: 0, high: 0, medium: 0, low: 0, unrated: 0 };
    expect(json.open).toBe(2);
    expect(json.openByAge).toEqual([
      { age: 'under 7 days', fromDays: 0, toDays: 7, total: 1, bySeverity: { ...none, critical: 1 } },
      { age: '7 to 29 days', fromDays: 7, toDays: 30, total: 0, bySeverity: none },
      { age: '30 to 89 days', fromDays: 30, toDays: 90, total: 0, bySeverity: none },
      { age: '90 to 179 days', fromDays: 90, toDays: 180, total: 0, bySeverity: none },
      { age: '180 to 364 days', fromDays: 180, toDays: 365, total: 0, bySeverity: none },
      { age: '365 days or more', fromDays: 365, toDays: null, total: 1, bySeverity: { ...none, low: 1 } },
    ]);
  });
});
