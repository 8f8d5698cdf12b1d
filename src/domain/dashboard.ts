/**
 * The SLA dashboard: one issue in the private tracker, found by its marker, listing every open report with its
 * stage, age, next deadline and status, a gantt chart, forks to delete, the inventory and the blind spots. Its text
 * holds no clock time (ages are whole days), so a sweep that changed nothing leaves it as it is. It also carries a
 * state block: breaches escalated for reports without a tracking issue, and the inventory remembered between
 * sweeps. Pure.
 */
import type { Step } from './deadlines.js';
import { STEPS } from './deadlines.js';
import { renderGantt, type GanttReport } from './gantt.js';
import {
  emptyInventory,
  GAP_TEXT,
  gapsOf,
  parseInventory,
  type InventoryGapKind,
  type InventoryState,
} from './inventory.js';
import {
  METRICS_SEVERITIES,
  PERCENTILE_METHOD,
  quarterStart,
  TIME_TAKEN_FROM,
  type MetricsSeverity,
  type PeriodMetrics,
  type ProcessMetrics,
  type StepStats,
} from './metrics.js';
import { BLIND_SPOT_TEXT, STAGE_TITLES, STEP_NAMES, type BlindSpot, type ReportAssessment } from './sla.js';
import { cell, nextDeadlineText, STATUS_TEXT } from './sla-text.js';

export const DASHBOARD_MARKER = '<!-- disclosure-actions:sla-dashboard -->';
export const DASHBOARD_TITLE = 'Security SLA dashboard';
/**
 * The dashboard's own label, for people filtering the tracker. It also carries the tracker label (it has no state
 * block, so it is never taken for a tracking issue): the sweep's one list of tracking issues finds it for free.
 */
export const DASHBOARD_LABEL = 'disclosure-dashboard';

const STATE_PREFIX = 'disclosure-actions:dashboard-state';
const STATE_PATTERN = new RegExp(`<!-- ${STATE_PREFIX} (\\{[\\s\\S]*?\\}) -->`);

/** Rows and chart sections beyond these would push the issue past GitHub's 65,536-character body limit. */
export const MAX_ROWS = 200;
export const MAX_CHARTED = 10;
const MAX_LISTED_GAPS = 60;

export interface DashboardState {
  readonly version: 1;
  /** Breaches escalated for reports that had no tracking issue, by report key. */
  readonly escalated: Readonly<Record<string, readonly Step[]>>;
  readonly inventory: InventoryState;
}

export function emptyDashboardState(): DashboardState {
  return { version: 1, escalated: {}, inventory: emptyInventory() };
}

function parseEscalated(value: unknown): Record<string, Step[]> {
  if (typeof value !== 'object' || value === null) return {};
  const result: Record<string, Step[]> = {};
  for (const [key, steps] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(steps)) continue;
    const known = steps.filter((step): step is Step => (STEPS as readonly unknown[]).includes(step));
    if (known.length > 0) result[key] = known;
  }
  return result;
}

export function readDashboardState(body: string | null | undefined): DashboardState {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match?.[1]) return emptyDashboardState();
  try {
    const parsed = JSON.parse(match[1]) as Record<string, unknown>;
    return { version: 1, escalated: parseEscalated(parsed.escalated), inventory: parseInventory(parsed.inventory) };
  } catch {
    return emptyDashboardState();
  }
}

function renderState(state: DashboardState): string {
  const json = JSON.stringify(state).replaceAll('--', '\\u002d\\u002d').replaceAll('>', '\\u003e');
  return `<!-- ${STATE_PREFIX} ${json} -->`;
}

export interface DashboardReport {
  readonly assessment: ReportAssessment;
  /** The tracking issue's number, when there is one. */
  readonly issue: number | undefined;
}

export interface DashboardView {
  readonly policyName: string;
  /** e.g. `organization sample-org (organization advisory list)`. */
  readonly scope: string;
  readonly now: Date;
  readonly reports: readonly DashboardReport[];
  readonly charts: readonly GanttReport[];
  readonly staleForks: readonly DashboardReport[];
  readonly blindSpots: readonly BlindSpot[];
  readonly inventoryEnabled: boolean;
  /** The process metrics section, shown when given. */
  readonly metrics?: ProcessMetrics | undefined;
  readonly state: DashboardState;
}

const DAY_MS = 24 * 3600_000;

export function ageInDays(receivedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - receivedAt.getTime()) / DAY_MS));
}

const issueCell = (issue: number | undefined): string => (issue === undefined ? 'not tracked yet' : `#${issue}`);

function reportRow({ assessment: a, issue }: DashboardReport, now: Date): string {
  const breaches = a.breaches.length > 1 ? ` (${a.breaches.length} steps)` : '';
  return (
    `| ${cell(a.key)} | ${issueCell(issue)} | ${cell(a.repository ?? '—')} | ${cell(a.severity ?? 'unknown')} | ` +
    `${STAGE_TITLES[a.stage]} | ${ageInDays(a.receivedAt, now)} d | ${nextDeadlineText(a)} | ${STATUS_TEXT[a.status]}${breaches} |`
  );
}

function summaryLine(view: DashboardView): string {
  const count = (status: string): number => view.reports.filter((r) => r.assessment.status === status).length;
  const parts = [
    `**${view.reports.length} open report(s): ${count('breached')} breached, ${count('due-soon')} due soon, ${count('on-time')} on time.**`,
  ];
  if (view.blindSpots.length > 0) parts.push(`${view.blindSpots.length} blind spot(s): not all clear.`);
  if (view.staleForks.length > 0) parts.push(`${view.staleForks.length} temporary fork(s) to delete.`);
  return parts.join(' ');
}

function reportsSection(view: DashboardView): string[] {
  if (view.reports.length === 0) return ['## Open reports', '', '_No open report in scope._'];
  const shown = view.reports.slice(0, MAX_ROWS);
  const lines = [
    '## Open reports',
    '',
    '| Report | Tracking issue | Repository | Severity | Stage | Age | Next deadline | Status |',
    '|---|---|---|---|---|---|---|---|',
    ...shown.map((report) => reportRow(report, view.now)),
  ];
  if (view.reports.length > shown.length) lines.push('', `_…and ${view.reports.length - shown.length} more._`);
  return lines;
}

function chartSection(view: DashboardView): string[] {
  if (view.charts.length === 0) return [];
  const charts = view.charts.slice(0, MAX_CHARTED);
  const more = view.charts.length > charts.length ? ` (the first ${charts.length} of ${view.charts.length})` : '';
  return [
    '## Timeline',
    '',
    `Planned deadlines against what happened${more}: red is late, highlighted is due soon.`,
    '',
    renderGantt(charts),
  ];
}

function forksSection(view: DashboardView): string[] {
  if (view.staleForks.length === 0) return [];
  return [
    '## Temporary private forks to delete',
    '',
    'The fix is public or the report is closed: delete these (create-temp-fork with `mode: cleanup`).',
    '',
    '| Report | Repository | Fork |',
    '|---|---|---|',
    ...view.staleForks.map(
      ({ assessment: a }) => `| ${cell(a.key)} | ${cell(a.repository ?? '—')} | ${cell(a.fork ?? '')} |`,
    ),
  ];
}

function gapLines(inventory: InventoryState, kind: InventoryGapKind): string[] {
  const repos = gapsOf(inventory, kind);
  if (repos.length === 0) return [];
  const shown = repos.slice(0, MAX_LISTED_GAPS).map(cell).join(', ');
  const more = repos.length > MAX_LISTED_GAPS ? ` and ${repos.length - MAX_LISTED_GAPS} more` : '';
  return [`- ${GAP_TEXT[kind]} (${repos.length}): ${shown}${more}`];
}

function inventorySection(view: DashboardView): string[] {
  if (!view.inventoryEnabled) return ['## Inventory', '', '_Not checked (`inventory: false`)._'];
  const inventory = view.state.inventory;
  const gaps = (['reporting-disabled', 'no-security-policy', 'reporting-unknown'] as const).flatMap((kind) =>
    gapLines(inventory, kind),
  );
  const coverage = `Checked ${inventory.checked.length} of ${inventory.batches} batch(es) of repositories so far (one per sweep).`;
  return ['## Inventory', '', coverage, '', ...(gaps.length > 0 ? gaps : ['_No gap found._'])];
}

function blindSpotSection(view: DashboardView): string[] {
  if (view.blindSpots.length === 0) {
    return ['## Blind spots', '', '_None: the token can read the advisories of every repository in scope._'];
  }
  return [
    '## Blind spots',
    '',
    'Reports in these repositories may go unseen, so the sweep never reports all clear while they remain.',
    '',
    '| Repository | Why |',
    '|---|---|',
    ...view.blindSpots.map((spot) => `| ${cell(spot.repository)} | ${BLIND_SPOT_TEXT[spot.reason]} |`),
  ];
}

const SEVERITY_TEXT: Readonly<Record<MetricsSeverity | 'all', string>> = {
  all: 'all',
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  unrated: 'not rated',
};

/** Minutes under an hour, hours under two days, else days: the dashboard's durations. */
export function durationText(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const round = (value: number): string => String(Math.round(value * 10) / 10);
  if (ms < 3600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3600_000) return `${round(ms / 3600_000)} h`;
  return `${round(ms / DAY_MS)} d`;
}

function withinPolicyText(stats: StepStats): string {
  if (stats.judged === 0) return '—';
  return `${stats.withinPolicy} of ${stats.judged} (${Math.round((stats.withinPolicy / stats.judged) * 100)} %)`;
}

/** `doneOnly` leaves out the steps nobody did in the period (the quarter tables, to keep the issue short). */
function metricsTable(period: PeriodMetrics, doneOnly = false): string[] {
  if (period.stats.every((stats) => stats.count === 0)) return ['_No step done in this period._'];
  return [
    '| Step | Severity | Done | Median | 90th percentile | Within policy |',
    '|---|---|---|---|---|---|',
    ...period.stats
      .filter((s) => !doneOnly || s.count > 0)
      .map(
        (s) =>
          `| ${STEP_NAMES[s.step]} | ${SEVERITY_TEXT[s.severity]} | ${s.count} | ${durationText(s.medianMs)} | ` +
          `${durationText(s.p90Ms)} | ${withinPolicyText(s)} |`,
      ),
  ];
}

/** No date that moves with the clock: the section changes only when a step is done or leaves the 12 months. */
function quarterTitle(period: PeriodMetrics, latest: boolean): string {
  const [year, quarter] = period.label.split('-');
  const cut = quarterStart(period.from).getTime() !== period.from.getTime();
  const part = latest ? ' (to date)' : cut ? ' (the part within the last 12 months)' : '';
  return `${quarter ?? ''} ${year ?? ''}${part}`;
}

function openByAgeTable(metrics: ProcessMetrics): string[] {
  const header = `| Age | ${METRICS_SEVERITIES.map((s) => SEVERITY_TEXT[s]).join(' | ')} | all |`;
  return [
    header,
    `|---|${METRICS_SEVERITIES.map(() => '---|').join('')}---|`,
    ...metrics.openByAge.map(
      (bucket) =>
        `| ${bucket.label} | ${METRICS_SEVERITIES.map((s) => bucket.bySeverity[s]).join(' | ')} | ${bucket.total} |`,
    ),
  ];
}

function metricsSection(metrics: ProcessMetrics | undefined): string[] {
  if (!metrics) return [];
  const quarters = metrics.quarters.map((period, index) => [
    `<details><summary>${quarterTitle(period, index === metrics.quarters.length - 1)}</summary>`,
    '',
    ...metricsTable(period, true),
    '',
    '</details>',
    '',
  ]);
  return [
    '## Process metrics',
    '',
    `Steps done in the last 12 months, by severity. Time taken: from ${TIME_TAKEN_FROM}. Median and 90th ` +
      `percentile: ${PERCENTILE_METHOD}. Within policy: done by the step's deadline.`,
    '',
    ...metricsTable(metrics.last12Months),
    '',
    '### Per quarter (UTC), newest first',
    '',
    ...quarters.reverse().flat(),
    `### Open reports by age (${metrics.open})`,
    '',
    ...openByAgeTable(metrics),
    '',
  ];
}

/** The whole dashboard body. */
export function renderDashboard(view: DashboardView): string {
  return [
    DASHBOARD_MARKER,
    `Every open security report and its next deadline under the disclosure policy \`${cell(view.policyName)}\`, ` +
      `kept by sla-check (edited only when something changes). Scope: ${cell(view.scope)}.`,
    '',
    summaryLine(view),
    '',
    ...reportsSection(view),
    '',
    ...chartSection(view),
    ...(view.charts.length > 0 ? [''] : []),
    ...forksSection(view),
    ...(view.staleForks.length > 0 ? [''] : []),
    ...metricsSection(view.metrics),
    ...inventorySection(view),
    '',
    ...blindSpotSection(view),
    '',
    renderState(view.state),
    '',
  ].join('\n');
}
