import { beforeEach, describe, expect, it } from '@jest/globals';
import { durationText, emptyDashboardState, renderDashboard } from '../../src/domain/dashboard.js';
import type { Step } from '../../src/domain/deadlines.js';
import {
  computeMetrics,
  last12MonthsStart,
  metricsJson,
  metricsSeverity,
  percentile,
  type MetricsReport,
  type ProcessMetrics,
  type MetricsSeverity,
  type PeriodMetrics,
  type StepStats,
} from '../../src/domain/metrics.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-12-06T12:00:00.000Z');
// The last 12 months start at 2025-12-06T12:00:00.000Z: quarters 2025-Q4 (cut), 2026-Q1 to Q3, 2026-Q4 (to date).

interface StepSeed {
  readonly takenH: number;
  readonly dueH?: number;
  /** Hours after receipt the step's window starts (the release, for the retrospective). */
  readonly startH?: number;
}

/** One report received at `received`, its steps done `takenH` hours after their window start. */
function report(
  severity: MetricsSeverity,
  received: string,
  steps: Partial<Record<Step, StepSeed>>,
  open = false,
): MetricsReport {
  const receivedAt = new Date(received);
  const at = (hours: number): Date => new Date(receivedAt.getTime() + hours * HOUR);
  return {
    severity,
    receivedAt,
    open,
    steps: Object.entries(steps).map(([step, seed]) => {
      const startH = seed.startH ?? 0;
      return {
        step: step as Step,
        start: at(startH),
        due: seed.dueH === undefined ? undefined : at(seed.dueH),
        doneAt: at(startH + seed.takenH),
      };
    }),
  };
}

// The fixed data set. Acknowledgements due 48 h after receipt, triage 168 h (96 h for the low one).
const DATA: readonly MetricsReport[] = [
  // 2026-Q1: four high reports acknowledged after 2, 4, 10 and 30 h (an even count), all within 48 h.
  report('high', '2026-01-10T00:00:00Z', { acknowledge: { takenH: 2, dueH: 48 } }),
  report('high', '2026-02-10T00:00:00Z', { acknowledge: { takenH: 30, dueH: 48 } }),
  report('high', '2026-02-20T00:00:00Z', { acknowledge: { takenH: 4, dueH: 48 } }),
  report('high', '2026-03-01T00:00:00Z', { acknowledge: { takenH: 10, dueH: 48 } }),
  // 2026-Q2: one critical report acknowledged after 50 h, late. 2026-Q3: nothing done.
  report('critical', '2026-05-01T00:00:00Z', { acknowledge: { takenH: 50, dueH: 48 } }),
  // 2026-Q4: triage of two medium reports (24 h, 72 h) and a low one (120 h, due 96 h: late).
  report('medium', '2026-10-05T00:00:00Z', { triage: { takenH: 24, dueH: 168 } }),
  report('medium', '2026-10-12T00:00:00Z', { triage: { takenH: 72, dueH: 168 } }),
  report('low', '2026-11-02T00:00:00Z', { triage: { takenH: 120, dueH: 96 } }),
  // 2026-Q2 too: a retrospective held 240 h after the release (500 h after receipt), with no due time recorded.
  report('critical', '2026-04-01T00:00:00Z', { retrospective: { startH: 500, takenH: 240 } }),
  // Outside the 12 months: acknowledged in 2025-Q3; must count nowhere.
  report('high', '2025-08-01T00:00:00Z', { acknowledge: { takenH: 1000, dueH: 48 } }),
];

const rowOf = (period: PeriodMetrics, step: Step, severity: MetricsSeverity | 'all'): StepStats | undefined =>
  period.stats.find((s) => s.step === step && s.severity === severity);

const h = (hours: number): number => hours * HOUR;

describe('percentile (linear interpolation between closest ranks)', () => {
  it('has no value for no data, the value itself for one, the mean of the middle two for an even count', () => {
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
    // [1, 3]: h = (2 - 1) * 0.5 = 0.5 -> 1 + 0.5 * (3 - 1) = 2
    expect(percentile([1, 3], 0.5)).toBe(2);
    // [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]: h = 9 * 0.9 = 8.1 -> x8 + 0.1 * (x9 - x8) = 9 + 0.1 = 9.1
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
  });
});

describe('computeMetrics on the fixed data set', () => {
  // Computed for each test, not once when the file loads: mutation testing credits the tests only with code they run.
  let metrics: ProcessMetrics;
  beforeEach(() => {
    metrics = computeMetrics(DATA, NOW);
  });
  const quarter = (label: string): PeriodMetrics => {
    const found = metrics.quarters.find((q) => q.label === label);
    if (!found) throw new Error(`no quarter ${label}`);
    return found;
  };

  it('covers the quarters the last 12 months touch, the first cut at the window start, the last up to now', () => {
    expect(metrics.quarters.map((q) => q.label)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(metrics.quarters[0]?.from.toISOString()).toBe('2025-12-06T12:00:00.000Z');
    expect(metrics.quarters[0]?.to.toISOString()).toBe('2025-12-31T23:59:59.999Z');
    expect(metrics.quarters[1]?.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(metrics.quarters[4]?.to.toISOString()).toBe(NOW.toISOString());
  });

  it('2026-Q1, an even count: median and 90th percentile interpolated', () => {
    // Sorted [2, 4, 10, 30] h, n = 4.
    // Median: h = 3 * 0.5 = 1.5 -> x1 + 0.5 * (x2 - x1) = 4 + 0.5 * 6 = 7 h.
    // 90th:   h = 3 * 0.9 = 2.7 -> x2 + 0.7 * (x3 - x2) = 10 + 0.7 * 20 = 24 h.
    const all = rowOf(quarter('2026-Q1'), 'acknowledge', 'all');
    expect(all).toEqual({
      step: 'acknowledge',
      severity: 'all',
      count: 4,
      medianMs: h(7),
      p90Ms: expect.closeTo(h(24), 0),
      judged: 4,
      withinPolicy: 4,
    });
    expect(rowOf(quarter('2026-Q1'), 'acknowledge', 'high')).toEqual({ ...all, severity: 'high' });
    expect(rowOf(quarter('2026-Q1'), 'acknowledge', 'critical')).toBeUndefined();
  });

  it('2026-Q2, one report: its time is the median and the 90th percentile', () => {
    expect(rowOf(quarter('2026-Q2'), 'acknowledge', 'critical')).toEqual({
      step: 'acknowledge',
      severity: 'critical',
      count: 1,
      medianMs: h(50),
      p90Ms: h(50),
      judged: 1,
      withinPolicy: 0, // 50 h > 48 h
    });
  });

  it('an empty quarter: every step has an `all` row with nothing done, no severity row', () => {
    const q3 = quarter('2026-Q3');
    expect(q3.stats).toHaveLength(7);
    expect(q3.stats.every((s) => s.severity === 'all' && s.count === 0 && s.medianMs === undefined)).toBe(true);
    expect(q3.stats.every((s) => s.p90Ms === undefined && s.judged === 0)).toBe(true);
  });

  it('2026-Q4, by severity, an odd count and one late', () => {
    const q4 = quarter('2026-Q4');
    // All: sorted [24, 72, 120] h. Median: h = 2 * 0.5 = 1 -> 72 h. 90th: h = 1.8 -> 72 + 0.8 * 48 = 110.4 h.
    expect(rowOf(q4, 'triage', 'all')).toMatchObject({ count: 3, medianMs: h(72), judged: 3, withinPolicy: 2 });
    expect(rowOf(q4, 'triage', 'all')?.p90Ms).toBeCloseTo(h(110.4), 0);
    // Medium: [24, 72]. Median: h = 0.5 -> 24 + 0.5 * 48 = 48 h. 90th: h = 0.9 -> 24 + 0.9 * 48 = 67.2 h.
    expect(rowOf(q4, 'triage', 'medium')).toMatchObject({ count: 2, medianMs: h(48), withinPolicy: 2 });
    expect(rowOf(q4, 'triage', 'medium')?.p90Ms).toBeCloseTo(h(67.2), 0);
    // Low: [120], due 96 h: late.
    expect(rowOf(q4, 'triage', 'low')).toMatchObject({ count: 1, medianMs: h(120), p90Ms: h(120), withinPolicy: 0 });
    expect(rowOf(q4, 'acknowledge', 'all')?.count).toBe(0);
  });

  it('the last 12 months pool the quarters and leave out what was done before them', () => {
    const year = metrics.last12Months;
    // Acknowledge: sorted [2, 4, 10, 30, 50] h (the 1000 h one of 2025-Q3 is out), n = 5.
    // Median: h = 4 * 0.5 = 2 -> 10 h. 90th: h = 4 * 0.9 = 3.6 -> 30 + 0.6 * 20 = 42 h. Within: 4 of 5.
    expect(rowOf(year, 'acknowledge', 'all')).toMatchObject({ count: 5, medianMs: h(10), judged: 5, withinPolicy: 4 });
    expect(rowOf(year, 'acknowledge', 'all')?.p90Ms).toBeCloseTo(h(42), 0);
    expect(rowOf(year, 'acknowledge', 'high')).toMatchObject({ count: 4, medianMs: h(7) });
    expect(rowOf(year, 'acknowledge', 'critical')).toMatchObject({ count: 1, medianMs: h(50) });
    expect(metrics.last12Months.stats.map((s) => `${s.step} ${s.severity}`)).toEqual([
      'acknowledge all',
      'acknowledge critical',
      'acknowledge high',
      'triage all',
      'triage medium',
      'triage low',
      'fix-team all',
      'advisory-cve all',
      'fix-release all',
      'disclose all',
      'retrospective all',
      'retrospective critical',
    ]);
  });

  it('times the retrospective from its window start (the release), and judges nothing without a due time', () => {
    // Held 740 h after receipt, 240 h after the release.
    expect(rowOf(metrics.last12Months, 'retrospective', 'all')).toMatchObject({
      count: 1,
      medianMs: h(240),
      judged: 0,
      withinPolicy: 0,
    });
  });
});

describe('the rolling 12-month cut', () => {
  const start = last12MonthsStart(NOW).getTime();
  const doneAt = (ms: number): MetricsReport =>
    report('high', new Date(ms - 5 * HOUR).toISOString(), { acknowledge: { takenH: 5, dueH: 48 } });

  it('starts 12 calendar months before now', () => {
    expect(new Date(start).toISOString()).toBe('2025-12-06T12:00:00.000Z');
    expect(last12MonthsStart(new Date('2026-03-31T00:00:00Z')).toISOString()).toBe('2025-03-31T00:00:00.000Z');
  });

  it('counts a step done exactly at the window start, not one a millisecond earlier, nor one after now', () => {
    const metrics = computeMetrics([doneAt(start), doneAt(start - 1), doneAt(NOW.getTime() + 1)], NOW);
    expect(rowOf(metrics.last12Months, 'acknowledge', 'all')?.count).toBe(1);
    expect(rowOf(metrics.quarters[0] as PeriodMetrics, 'acknowledge', 'all')?.count).toBe(1);
    expect(metrics.quarters.reduce((sum, q) => sum + (rowOf(q, 'acknowledge', 'all')?.count ?? 0), 0)).toBe(1);
  });

  it('a window starting on a quarter start has whole quarters, and a now on a quarter start a quarter of one instant', () => {
    const metrics = computeMetrics([], new Date('2026-01-01T00:00:00Z'));
    expect(metrics.quarters.map((q) => q.label)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(metrics.quarters[0]?.from.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('open reports by age', () => {
  it('buckets open reports by whole days since receipt, by severity; finished and closed ones are not open', () => {
    const day = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();
    const metrics = computeMetrics(
      [
        report('high', day(3), {}, true),
        report('critical', day(7), {}, true), // exactly 7 days: the second bucket
        report('critical', day(6.99), {}, true),
        report('unrated', day(400), {}, true),
        report('low', day(10), {}), // finished or closed
      ],
      NOW,
    );
    expect(metrics.open).toBe(4);
    const counts = metrics.openByAge.map((b) => [b.label, b.total, b.bySeverity.critical, b.bySeverity.high]);
    expect(counts).toEqual([
      ['under 7 days', 2, 1, 1],
      ['7 to 29 days', 1, 1, 0],
      ['30 to 89 days', 0, 0, 0],
      ['90 to 179 days', 0, 0, 0],
      ['180 to 364 days', 0, 0, 0],
      ['365 days or more', 1, 0, 0],
    ]);
    expect(metrics.openByAge[5]?.bySeverity.unrated).toBe(1);
    expect(metrics.openByAge[1]?.bySeverity.low).toBe(0);
  });
});

describe('within policy', () => {
  it('counts a step done exactly at its due time as within policy', () => {
    const metrics = computeMetrics(
      [
        report('high', '2026-11-02T00:00:00Z', { acknowledge: { takenH: 48, dueH: 48 } }),
        report('high', '2026-11-03T00:00:00Z', { acknowledge: { takenH: 48.001, dueH: 48 } }),
      ],
      NOW,
    );
    expect(rowOf(metrics.last12Months, 'acknowledge', 'all')).toMatchObject({ judged: 2, withinPolicy: 1 });
  });
});

describe('metricsSeverity', () => {
  it("takes the rating, else the CVSS score's rating, else unrated", () => {
    expect(metricsSeverity('High', 2)).toBe('high');
    expect(metricsSeverity(null, 9.8)).toBe('critical');
    expect(metricsSeverity(undefined, 5)).toBe('medium');
    expect(metricsSeverity('unknown', 3.1)).toBe('low');
    expect(metricsSeverity(null, 0)).toBe('low');
    expect(metricsSeverity(null, undefined)).toBe('unrated');
  });
});

describe('metricsJson', () => {
  it('gives hours and shares, periods with their bounds, aggregates only', () => {
    const json = metricsJson(computeMetrics(DATA, NOW));
    expect(json.last12Months.from).toBe('2025-12-06T12:00:00.000Z');
    expect(json.last12Months.steps[0]).toEqual({
      step: 'acknowledge',
      severity: 'all',
      done: 5,
      medianHours: 10,
      p90Hours: 42,
      judged: 5,
      withinPolicy: 4,
      withinPolicyShare: 0.8,
    });
    expect(json.quarters.map((q) => q.period)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(json.quarters[3]?.steps[0]).toMatchObject({ done: 0, medianHours: null, withinPolicyShare: null });
    expect(json.percentileMethod).toMatch(/linear interpolation/);
  });
});

describe('the dashboard section', () => {
  const body = renderDashboard({
    policyName: 'spec11',
    scope: 'organization org (organization advisory list)',
    now: NOW,
    reports: [],
    charts: [],
    staleForks: [],
    blindSpots: [],
    inventoryEnabled: false,
    metrics: computeMetrics([...DATA, report('high', '2026-12-01T00:00:00Z', {}, true)], NOW),
    state: emptyDashboardState(),
  });

  it('shows the last 12 months, a table per quarter newest first, and the open reports by age', () => {
    expect(body).toContain('## Process metrics');
    expect(body).toContain('| Step | Severity | Done | Median | 90th percentile | Within policy |');
    expect(body).toContain('| Acknowledge | all | 5 | 10 h | 42 h | 4 of 5 (80 %) |');
    expect(body).toContain('| Acknowledge | critical | 1 | 2.1 d | 2.1 d | 0 of 1 (0 %) |');
    expect(body).toContain('| Triage | all | 3 | 3 d | 4.6 d | 2 of 3 (67 %) |');
    expect(body).toContain('| Retrospective | critical | 1 | 10 d | 10 d | — |');
    expect(body).toContain('linear interpolation between closest ranks');
    const titles = [...body.matchAll(/<summary>(.*)<\/summary>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Q4 2026 (to date)',
      'Q3 2026',
      'Q2 2026',
      'Q1 2026',
      'Q4 2025 (the part within the last 12 months)',
    ]);
    const q3 = body.slice(body.indexOf('<summary>Q3 2026</summary>'), body.indexOf('<summary>Q2 2026</summary>'));
    expect(q3).toContain('_No step done in this period._');
    expect(body).toContain('### Open reports by age (1)');
    expect(body).toContain('| under 7 days | 0 | 1 | 0 | 0 | 0 | 1 |');
  });

  it('holds no date that moves with the clock', () => {
    const later = renderDashboard({
      policyName: 'spec11',
      scope: 'organization org (organization advisory list)',
      now: new Date(NOW.getTime() + 3 * HOUR),
      reports: [],
      charts: [],
      staleForks: [],
      blindSpots: [],
      inventoryEnabled: false,
      metrics: computeMetrics(
        [...DATA, report('high', '2026-12-01T00:00:00Z', {}, true)],
        new Date(NOW.getTime() + 3 * HOUR),
      ),
      state: emptyDashboardState(),
    });
    expect(later).toBe(body);
  });

  it('says durations in minutes, hours or days', () => {
    expect(durationText(undefined)).toBe('—');
    expect(durationText(45 * 60_000)).toBe('45 min');
    expect(durationText(h(26.54))).toBe('26.5 h');
    expect(durationText(h(48))).toBe('2 d');
    expect(durationText(h(110.4))).toBe('4.6 d');
  });
});
