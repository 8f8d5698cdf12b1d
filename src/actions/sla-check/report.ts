/**
 * Outputs, log lines and the job summary. They may be public (a public repository's Actions run), so they carry
 * only report keys, repositories, stages, steps, statuses and dates; the dashboard in the private tracker has more.
 */
import { writeFileSync } from 'node:fs';
import { formatUtc } from '../../domain/checklist.js';
import type { Step } from '../../domain/deadlines.js';
import { inertForLog } from '../../domain/sanitize.js';
import type { DashboardView } from '../../domain/dashboard.js';
import {
  computeMetrics,
  metricsJson,
  metricsSeverity,
  type MetricsReport,
  type ProcessMetrics,
} from '../../domain/metrics.js';
import {
  hasStaleFork,
  isActive,
  STAGE_TITLES,
  STEP_NAMES,
  type BlindSpot,
  type ReportAssessment,
} from '../../domain/sla.js';
import { renderSweepReport, STATUS_TEXT } from '../../domain/sla-text.js';
import type { RunnerIO, RunnerLog, StepSummary } from '../common/runner.js';
import type { SweptReport } from './assess.js';

export interface SweepOutcome {
  readonly active: readonly ReportAssessment[];
  readonly breached: readonly ReportAssessment[];
  readonly dueSoon: readonly ReportAssessment[];
  readonly staleForks: readonly ReportAssessment[];
  readonly blindSpots: readonly BlindSpot[];
  readonly inventoryGaps: number;
  readonly dryRun: boolean;
  readonly dashboardUrl: string | undefined;
  /** Writes made (issue and comment writes, chat messages), or planned in a dry run. */
  readonly writes: number;
  readonly messages: number;
}

/** What the sweep found, from the dashboard's view of it (active reports worst first) and every report judged. */
export function sweepOutcome(
  view: Pick<DashboardView, 'reports' | 'blindSpots'>,
  reports: readonly { readonly assessment: ReportAssessment }[],
  run: Pick<SweepOutcome, 'inventoryGaps' | 'dryRun' | 'dashboardUrl' | 'writes' | 'messages'>,
): SweepOutcome {
  const active = view.reports.map((report) => report.assessment);
  return {
    ...run,
    active,
    breached: active.filter((a) => a.breaches.length > 0),
    dueSoon: active.filter((a) => a.breaches.length === 0 && a.dueSoon.length > 0),
    staleForks: reports.map((report) => report.assessment).filter(hasStaleFork),
    blindSpots: view.blindSpots,
  };
}

export function isAllClear(outcome: Pick<SweepOutcome, 'breached' | 'dueSoon' | 'blindSpots'>): boolean {
  return outcome.breached.length === 0 && outcome.dueSoon.length === 0 && outcome.blindSpots.length === 0;
}

function stepEntries(assessment: ReportAssessment, steps: readonly Step[]) {
  return steps.map((step) => ({
    step,
    due: assessment.steps.find((s) => s.step === step)?.due?.toISOString() ?? null,
  }));
}

function entry(assessment: ReportAssessment, steps: readonly Step[]) {
  return {
    id: assessment.key,
    repository: assessment.repository,
    stage: assessment.stage,
    steps: stepEntries(assessment, steps),
  };
}

/**
 * The process metrics: step times from the tracking issues' state blocks. The tracker's one listing holds the closed
 * tracking issues (finished reports) with the open ones, so they cost no request of their own. A report without a
 * tracking issue yet has no recorded time; it still counts among the open reports by age.
 */
export function sweepMetrics(reports: readonly SweptReport[], now: Date): ProcessMetrics {
  const measured = reports.map(({ assessment, state }): MetricsReport => ({
    severity: metricsSeverity(state?.severity ?? assessment.severity, state?.cvss?.score),
    receivedAt: assessment.receivedAt,
    open: isActive(assessment),
    steps: state
      ? assessment.steps.map((s) => ({ step: s.step, start: s.windowStart, due: s.due, doneAt: s.doneAt }))
      : [],
  }));
  return computeMetrics(measured, now);
}

/** Aggregates only (counts, durations, severities): no report key, nothing embargoed. */
export function setMetricsOutput(
  metrics: ProcessMetrics,
  io: Pick<RunnerIO, 'setOutput' | 'info'>,
  file: string | undefined,
): void {
  const json = JSON.stringify(metricsJson(metrics));
  io.setOutput('metrics', json);
  if (file === undefined) return;
  writeFileSync(file, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
  io.info(`Process metrics written to ${file}.`);
}

export function setSweepOutputs(outcome: SweepOutcome, io: Pick<RunnerIO, 'setOutput'>): void {
  io.setOutput('breached', JSON.stringify(outcome.breached.map((a) => entry(a, a.breaches))));
  io.setOutput('due-soon', JSON.stringify(outcome.dueSoon.map((a) => entry(a, a.dueSoon))));
  io.setOutput('blind-spots', JSON.stringify(outcome.blindSpots));
  io.setOutput(
    'stale-forks',
    JSON.stringify(outcome.staleForks.map((a) => ({ id: a.key, repository: a.repository, fork: a.fork }))),
  );
  io.setOutput('all-clear', String(isAllClear(outcome)));
  io.setOutput('report', sweepMarkdown(outcome));
  io.setOutput('dashboard', outcome.dashboardUrl ?? '');
}

function sweepMarkdown(outcome: SweepOutcome): string {
  return renderSweepReport({
    active: outcome.active,
    blindSpots: outcome.blindSpots,
    staleForks: outcome.staleForks,
    inventoryGaps: outcome.inventoryGaps,
    dryRun: outcome.dryRun,
  });
}

function reportLine(a: ReportAssessment): string {
  const next = a.next?.due ? `next: ${STEP_NAMES[a.next.step]} due ${formatUtc(a.next.due)}` : 'no deadline left';
  const breaches = a.breaches.length > 0 ? `; breached: ${a.breaches.map((s) => STEP_NAMES[s]).join(', ')}` : '';
  return `${a.key} (${a.repository ?? 'filed by hand'}): ${STAGE_TITLES[a.stage]}; ${next}; ${STATUS_TEXT[a.status]}${breaches}`;
}

export function logSweep(outcome: SweepOutcome, log: Pick<RunnerLog, 'info' | 'warning'>): void {
  for (const assessment of outcome.active) log.info(inertForLog(reportLine(assessment)));
  for (const spot of outcome.blindSpots) {
    log.warning(inertForLog(`Blind spot: ${spot.repository} (${spot.reason}): reports there may go unseen.`), {
      title: 'sla-check: blind spot',
    });
  }
  for (const fork of outcome.staleForks) {
    log.warning(inertForLog(`${fork.key} is over but its temporary private fork ${fork.fork ?? ''} is still there.`));
  }
  const clear = isAllClear(outcome) ? 'All clear.' : 'Not all clear.';
  const done = outcome.dryRun
    ? `Dry run: ${outcome.writes} write(s) planned, none made.`
    : `${outcome.writes} write(s), ${outcome.messages} chat message(s).`;
  log.info(`${clear} ${done}`);
}

export async function writeSweepSummary(outcome: SweepOutcome, summary: StepSummary): Promise<void> {
  const writes = outcome.dryRun
    ? `Dry run: ${outcome.writes} write(s) planned, none made.`
    : `${outcome.writes} write(s), ${outcome.messages} chat message(s).`;
  await summary
    .addRaw(sweepMarkdown(outcome), true)
    .addEOL()
    .addRaw(`${isAllClear(outcome) ? '**All clear.**' : '**Not all clear.**'} ${writes}`, true)
    .write();
}
