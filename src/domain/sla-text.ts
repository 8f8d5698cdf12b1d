/**
 * The words sla-check writes: the status comment on a tracking issue (private tracker), the escalation messages,
 * and the sweep report for outputs and the job summary. The report and the chat messages may be public, so they
 * carry only report keys, repositories, severities, stages, steps and dates. No text depends on the time of the
 * sweep beyond what changed, so an unchanged report renders the same text. Pure.
 */
import { formatUtc } from './checklist.js';
import type { DeadlineStatus, Step } from './deadlines.js';
import { escapeMarkdown } from './sanitize.js';
import {
  BLIND_SPOT_TEXT,
  STAGE_TITLES,
  STEP_NAMES,
  type BlindSpot,
  type ReportAssessment,
  type ReportStatus,
  type StepAssessment,
} from './sla.js';

export const STATUS_MARKER = '<!-- disclosure-actions:sla-status -->';

export function escalationMarker(key: string, step: Step): string {
  return `<!-- disclosure-actions:sla-escalation ${key} ${step} -->`;
}

export const STATUS_TEXT: Readonly<Record<ReportStatus, string>> = {
  breached: '🔴 breached',
  'due-soon': '🟠 due soon',
  'on-time': '🟢 on time',
  finished: '✅ finished',
  closed: '⚪ closed',
};

const STEP_STATUS_TEXT: Readonly<Record<DeadlineStatus, string>> = {
  met: 'met',
  'met-late': 'met late',
  'on-time': 'on time',
  'due-soon': '**due soon**',
  breached: '**breached**',
  'not-scheduled': '—',
};

/** Plain text for a value from the tracker or the API that ends up in Markdown. */
export const cell = (text: string): string => escapeMarkdown(text);

const dueText = (step: StepAssessment): string =>
  step.due ? formatUtc(step.due) : step.step === 'retrospective' ? 'after the release' : '—';

const doneText = (step: StepAssessment): string => (step.doneAt ? formatUtc(step.doneAt) : step.done ? 'done' : '—');

export function nextDeadlineText(assessment: ReportAssessment): string {
  const next = assessment.next;
  return next?.due ? `${STEP_NAMES[next.step]}, ${formatUtc(next.due)}` : '—';
}

/** The one status comment on a tracking issue, edited in place by each sweep that changes it. */
export function renderStatusComment(assessment: ReportAssessment): string {
  const closed = assessment.status === 'closed';
  const lines = [
    `### SLA status: ${STATUS_TEXT[assessment.status]}`,
    '',
    `Stage: **${STAGE_TITLES[assessment.stage]}** · policy \`${cell(assessment.policyName)}\`` +
      (assessment.lowSeverity ? ' · low severity: the fix release may take longer' : ''),
  ];
  if (closed) {
    lines.push('', 'Rejected, closed or withdrawn: no deadline applies any more.');
  } else {
    lines.push(
      `Next deadline: ${nextDeadlineText(assessment)}`,
      '',
      '| Step | Due | Done | Status |',
      '|---|---|---|---|',
      ...assessment.steps.map(
        (step) =>
          `| ${STEP_NAMES[step.step]} | ${dueText(step)} | ${doneText(step)} | ${STEP_STATUS_TEXT[step.status]} |`,
      ),
    );
  }
  lines.push('', '_Kept up to date by sla-check: this comment is edited in place, not repeated._');
  return lines.join('\n');
}

/** Where the escalation is read: the tracking issue, or the dashboard for a report not tracked yet. */
export interface EscalationTarget {
  readonly url: string | undefined;
  readonly mention: string | undefined;
}

function dueOf(assessment: ReportAssessment, step: Step): string {
  const due = assessment.steps.find((s) => s.step === step)?.due;
  return due ? formatUtc(due) : 'unknown';
}

/** The chat message for one breach: key, repository, step, dates and the private tracker link only. */
export function escalationMessage(assessment: ReportAssessment, step: Step, target: EscalationTarget): string {
  const where = assessment.repository ? ` (${assessment.repository})` : '';
  const link = target.url ? ` Tracker: ${target.url}` : '';
  return (
    `SLA breach: ${assessment.key}${where}: ${STEP_NAMES[step]} was due ${dueOf(assessment, step)} and is not done ` +
    `(stage: ${STAGE_TITLES[assessment.stage]}).${link}`
  );
}

/** The comment that @-mentions the response team about one breach, once. */
export function escalationComment(assessment: ReportAssessment, step: Step, mention: string | undefined): string {
  const who = mention ? `${mention} ` : '';
  return (
    `${who}**SLA breach** on ${cell(assessment.key)}: **${STEP_NAMES[step]}** was due ${dueOf(assessment, step)} ` +
    `and is not done (stage: ${STAGE_TITLES[assessment.stage]}). sla-check escalates each breach once.`
  );
}

export interface SweepReport {
  readonly active: readonly ReportAssessment[];
  readonly blindSpots: readonly BlindSpot[];
  readonly staleForks: readonly ReportAssessment[];
  readonly inventoryGaps: number;
  readonly dryRun: boolean;
}

function countsLine(active: readonly ReportAssessment[]): string {
  const count = (status: ReportStatus): number => active.filter((a) => a.status === status).length;
  return `${active.length} open report(s): ${count('breached')} breached, ${count('due-soon')} due soon, ${count('on-time')} on time`;
}

/** The sweep in Markdown for the `report` output and the job summary: nothing embargoed. */
export function renderSweepReport(report: SweepReport): string {
  const lines = [
    `## SLA sweep${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    '',
    `${countsLine(report.active)}.`,
  ];
  if (report.active.length > 0) {
    lines.push(
      '',
      '| Report | Repository | Severity | Stage | Next deadline | Status |',
      '|---|---|---|---|---|---|',
      ...report.active.map(
        (a) =>
          `| ${cell(a.key)} | ${cell(a.repository ?? '—')} | ${cell(a.severity ?? 'unknown')} | ${STAGE_TITLES[a.stage]} | ${nextDeadlineText(a)} | ${STATUS_TEXT[a.status]} |`,
      ),
    );
  }
  if (report.blindSpots.length > 0) {
    lines.push('', '**Blind spots** (not all clear while any remain):');
    lines.push(...report.blindSpots.map((spot) => `- ${cell(spot.repository)}: ${BLIND_SPOT_TEXT[spot.reason]}`));
  }
  if (report.staleForks.length > 0) {
    lines.push('', '**Temporary private forks to delete** (create-temp-fork `mode: cleanup`):');
    lines.push(
      ...report.staleForks.map((a) => `- ${cell(a.key)} (${cell(a.repository ?? '—')}): ${cell(a.fork ?? '')}`),
    );
  }
  if (report.inventoryGaps > 0) {
    lines.push('', `Inventory: ${report.inventoryGaps} repository gap(s); see the dashboard in the tracker.`);
  }
  return lines.join('\n');
}
