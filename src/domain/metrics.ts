/**
 * Process metrics from what the tracker holds: for each step, how long it took and how often it was done within
 * policy, by severity, over the last 12 months and per calendar quarter (UTC), plus the open reports by age. Pure:
 * the reports and the clock come in.
 *
 * - A step counts in the period its completion falls in: done at or after `now` minus 12 calendar months and not
 *   after `now`. Steps done at a time nobody recorded are left out.
 * - Time taken: from the step's window start to its completion. The window starts at the report's receipt for every
 *   step but the retrospective, whose deadline runs from the fix release (as `computeDeadlines` sets it).
 * - Within policy: done at or before the step's due time as the sweep computes it; a step without a due time is
 *   counted as done but not judged.
 * - Median and 90th percentile: linear interpolation between closest ranks (Hyndman and Fan's type 7, the default
 *   of numpy, R and Excel's PERCENTILE.INC): for n sorted values x₀…xₙ₋₁, h = (n − 1)·p and the value is
 *   x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The median of an even count is so the mean of the two middle values.
 */
import { severityFromScore } from './severity.js';
import { STEPS, type Step } from './deadlines.js';

export const METRICS_SEVERITIES = ['critical', 'high', 'medium', 'low', 'unrated'] as const;
export type MetricsSeverity = (typeof METRICS_SEVERITIES)[number];

export const PERCENTILE_METHOD =
  'linear interpolation between closest ranks (type 7: numpy, R and Excel PERCENTILE.INC)';
export const TIME_TAKEN_FROM =
  "the report's receipt to the step's completion (for the retrospective, from the fix release)";

export interface MetricsStep {
  readonly step: Step;
  /** Where the step's deadline runs from: the receipt, or the fix release for the retrospective. */
  readonly start: Date;
  readonly due: Date | undefined;
  /** Undefined when not done, or done at a time nobody recorded. */
  readonly doneAt: Date | undefined;
}

export interface MetricsReport {
  readonly severity: MetricsSeverity;
  readonly receivedAt: Date;
  /** Still in progress (not finished, rejected, closed or withdrawn). */
  readonly open: boolean;
  readonly steps: readonly MetricsStep[];
}

export interface StepStats {
  readonly step: Step;
  readonly severity: MetricsSeverity | 'all';
  /** Steps done in the period. */
  readonly count: number;
  readonly medianMs: number | undefined;
  readonly p90Ms: number | undefined;
  /** Steps done in the period that had a due time... */
  readonly judged: number;
  /** ...and of those, the ones done by it. */
  readonly withinPolicy: number;
}

export interface PeriodMetrics {
  /** `2026-Q4`, or `last-12-months`. */
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
  /** Per step (in process order): one `all` row, then one row per severity with a step done. */
  readonly stats: readonly StepStats[];
}

export interface AgeBucket {
  readonly label: string;
  readonly fromDays: number;
  /** Exclusive; undefined for the last bucket. */
  readonly toDays: number | undefined;
  readonly bySeverity: Readonly<Record<MetricsSeverity, number>>;
  readonly total: number;
}

export interface ProcessMetrics {
  readonly now: Date;
  readonly last12Months: PeriodMetrics;
  /** The calendar quarters the last 12 months touch, oldest first; the first and the last are partial. */
  readonly quarters: readonly PeriodMetrics[];
  readonly openByAge: readonly AgeBucket[];
  readonly open: number;
}

const DAY_MS = 24 * 3600_000;

const AGE_BUCKETS: readonly { label: string; fromDays: number; toDays: number | undefined }[] = [
  { label: 'under 7 days', fromDays: 0, toDays: 7 },
  { label: '7 to 29 days', fromDays: 7, toDays: 30 },
  { label: '30 to 89 days', fromDays: 30, toDays: 90 },
  { label: '90 to 179 days', fromDays: 90, toDays: 180 },
  { label: '180 to 364 days', fromDays: 180, toDays: 365 },
  { label: '365 days or more', fromDays: 365, toDays: undefined },
];

/** The report's severity for the metrics: its rating, else its CVSS score's, else `unrated`. */
export function metricsSeverity(severity: string | null | undefined, cvssScore: number | undefined): MetricsSeverity {
  const known = (value: string | undefined): value is MetricsSeverity =>
    value !== undefined && value !== 'unrated' && (METRICS_SEVERITIES as readonly string[]).includes(value);
  const rated = severity?.toLowerCase();
  if (known(rated)) return rated;
  if (cvssScore === undefined || !Number.isFinite(cvssScore) || cvssScore < 0 || cvssScore > 10) return 'unrated';
  const fromScore = severityFromScore(cvssScore);
  return known(fromScore) ? fromScore : 'low';
}

/** The `p` quantile (0 to 1) of values sorted ascending, by linear interpolation between closest ranks. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const below = sorted[lower] as number;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return below + (h - lower) * (above - below);
}

/** `now` minus 12 calendar months (UTC). */
export function last12MonthsStart(now: Date): Date {
  const start = new Date(now.getTime());
  start.setUTCMonth(start.getUTCMonth() - 12);
  return start;
}

interface Done {
  readonly step: Step;
  readonly severity: MetricsSeverity;
  readonly at: Date;
  readonly takenMs: number;
  readonly within: boolean | undefined;
}

function doneSteps(reports: readonly MetricsReport[]): Done[] {
  return reports.flatMap((report) =>
    report.steps.flatMap((step): Done[] =>
      step.doneAt
        ? [
            {
              step: step.step,
              severity: report.severity,
              at: step.doneAt,
              takenMs: Math.max(0, step.doneAt.getTime() - step.start.getTime()),
              within: step.due ? step.doneAt <= step.due : undefined,
            },
          ]
        : [],
    ),
  );
}

function statsOf(step: Step, severity: MetricsSeverity | 'all', done: readonly Done[]): StepStats {
  const sorted = done.map((d) => d.takenMs).sort((a, b) => a - b);
  const judged = done.filter((d) => d.within !== undefined);
  return {
    step,
    severity,
    count: done.length,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    judged: judged.length,
    withinPolicy: judged.filter((d) => d.within).length,
  };
}

function periodOf(label: string, from: Date, to: Date, all: readonly Done[]): PeriodMetrics {
  const inPeriod = all.filter((d) => d.at >= from && d.at <= to);
  const stats = STEPS.flatMap((step) => {
    const ofStep = inPeriod.filter((d) => d.step === step);
    const bySeverity = METRICS_SEVERITIES.map((severity) => ofStep.filter((d) => d.severity === severity))
      .map((done, index) => ({ done, severity: METRICS_SEVERITIES[index] as MetricsSeverity }))
      .filter(({ done }) => done.length > 0)
      .map(({ done, severity }) => statsOf(step, severity, done));
    return [statsOf(step, 'all', ofStep), ...bySeverity];
  });
  return { label, from, to, stats };
}

/** The first instant of the calendar quarter (UTC) holding `date`. */
export function quarterStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1));
}

const nextQuarter = (start: Date): Date => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));

function quarterLabel(start: Date): string {
  return `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}

function quartersOf(from: Date, now: Date, done: readonly Done[]): PeriodMetrics[] {
  const quarters: PeriodMetrics[] = [];
  for (let start = quarterStart(from); start <= now; start = nextQuarter(start)) {
    const end = nextQuarter(start);
    const periodFrom = start < from ? from : start;
    const periodTo = end <= now ? new Date(end.getTime() - 1) : now;
    quarters.push(periodOf(quarterLabel(start), periodFrom, periodTo, done));
  }
  return quarters;
}

function openByAge(reports: readonly MetricsReport[], now: Date): AgeBucket[] {
  const ages = reports
    .filter((report) => report.open)
    .map((report) => ({
      severity: report.severity,
      days: Math.max(0, Math.floor((now.getTime() - report.receivedAt.getTime()) / DAY_MS)),
    }));
  return AGE_BUCKETS.map((bucket) => {
    const inBucket = ages.filter(
      (a) => a.days >= bucket.fromDays && (bucket.toDays === undefined || a.days < bucket.toDays),
    );
    const bySeverity = Object.fromEntries(
      METRICS_SEVERITIES.map((severity) => [severity, inBucket.filter((a) => a.severity === severity).length]),
    ) as Record<MetricsSeverity, number>;
    return { ...bucket, bySeverity, total: inBucket.length };
  });
}

export function computeMetrics(reports: readonly MetricsReport[], now: Date): ProcessMetrics {
  const from = last12MonthsStart(now);
  const done = doneSteps(reports);
  return {
    now,
    last12Months: periodOf('last-12-months', from, now, done),
    quarters: quartersOf(from, now, done),
    openByAge: openByAge(reports, now),
    open: reports.filter((report) => report.open).length,
  };
}

const hours = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round(ms / 36_000) / 100);

function statsJson(stats: StepStats) {
  return {
    step: stats.step,
    severity: stats.severity,
    done: stats.count,
    medianHours: hours(stats.medianMs),
    p90Hours: hours(stats.p90Ms),
    judged: stats.judged,
    withinPolicy: stats.withinPolicy,
    withinPolicyShare: stats.judged === 0 ? null : Math.round((stats.withinPolicy / stats.judged) * 1000) / 1000,
  };
}

function periodJson(period: PeriodMetrics) {
  return {
    period: period.label,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    steps: period.stats.map(statsJson),
  };
}

/** The metrics as plain JSON (hours rounded to 0.01, shares to 0.001): aggregates only, no report key. */
export function metricsJson(metrics: ProcessMetrics) {
  return {
    generatedAt: metrics.now.toISOString(),
    percentileMethod: PERCENTILE_METHOD,
    timeTaken: `hours from ${TIME_TAKEN_FROM}`,
    withinPolicy: 'done at or before the due time sla-check computes',
    last12Months: periodJson(metrics.last12Months),
    quarters: metrics.quarters.map(periodJson),
    open: metrics.open,
    openByAge: metrics.openByAge.map((bucket) => ({
      age: bucket.label,
      fromDays: bucket.fromDays,
      toDays: bucket.toDays ?? null,
      total: bucket.total,
      bySeverity: bucket.bySeverity,
    })),
  };
}

export type MetricsJson = ReturnType<typeof metricsJson>;
