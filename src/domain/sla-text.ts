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
  type ReleaseDayCheck,
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
  overdue: 'overdue (a reminder, not a breach)',
  breached: '**breached**',
  'not-scheduled': '—',
};

/** Plain text for a value from the tracker or the API that ends up in Markdown. */
export const cell = (text: string): string => escapeMarkdown(text);

function dueText(step: StepAssessment): string {
  if (step.enforcement === 'off') return 'not tracked';
  if (step.due) return `${formatUtc(step.due)}${step.moved ? ' (moved)' : ''}`;
  if (step.step === 'retrospective') return 'after the release';
  return step.step === 'disclose' ? 'no disclosure deadline' : '—';
}

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
      (assessment.lowSeverity ? ' · low severity: the team may extend the timeline (/triage extend)' : ''),
  ];
  if (assessment.expedited)
    lines.push(
      `Expedited ${formatUtc(new Date(assessment.expedited.at))}: every open step is due as soon as possible.`,
    );
  const release = assessment.releaseDay;
  if (release) lines.push(releaseDayText(release));
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

/** The agreed release day that passed: missed, or waiting for an approval. */
export function releaseDayText(release: ReleaseDayCheck): string {
  if (release.status === 'missed') {
    return `**Missed release**: the agreed release day ${release.date} passed without publication.`;
  }
  const count = release.missingApprovals === 1 ? 'one more approval' : `${release.missingApprovals} more approvals`;
  return `**Waiting for an approval**: the agreed release day ${release.date} passed and the publication needs ${count} (\`/release approve\`).`;
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

/** What is said of `step`: a missed release, a release waiting for its approval, a reminder or a breach. */
type Kind = 'missed-release' | 'waiting-for-approval' | 'reminder' | 'breach';

function kindOf(assessment: ReportAssessment, step: Step): Kind {
  if (step === 'fix-release' && assessment.releaseDay) {
    return assessment.releaseDay.status === 'missed' ? 'missed-release' : 'waiting-for-approval';
  }
  return assessment.reminders.includes(step) ? 'reminder' : 'breach';
}

/** Whether `step` of `assessment` is escalated as a breach (not a reminder). */
export function isBreach(assessment: ReportAssessment, step: Step): boolean {
  const kind = kindOf(assessment, step);
  return kind === 'breach' || kind === 'missed-release';
}

function whatHappened(assessment: ReportAssessment, step: Step, kind: Kind, bold = false): string {
  const release = assessment.releaseDay;
  if (kind === 'missed-release' && release) return `the agreed release day ${release.date} passed without publication`;
  if (kind === 'waiting-for-approval' && release) {
    return `the agreed release day ${release.date} passed and the publication is waiting for an approval (\`/release approve\`)`;
  }
  const name = bold ? `**${STEP_NAMES[step]}**` : STEP_NAMES[step];
  return `${name} was due ${dueOf(assessment, step)} and is not done`;
}

const HEADINGS: Readonly<Record<Kind, string>> = {
  'missed-release': 'Missed release',
  'waiting-for-approval': 'Release waiting for an approval',
  reminder: 'SLA reminder',
  breach: 'SLA breach',
};

/** The chat message for one breach or reminder: key, repository, step, dates and the private tracker link only. */
export function escalationMessage(assessment: ReportAssessment, step: Step, target: EscalationTarget): string {
  const kind = kindOf(assessment, step);
  const where = assessment.repository ? ` (${assessment.repository})` : '';
  const link = target.url ? ` Tracker: ${target.url}` : '';
  const nudge = kind === 'reminder' ? ' (the policy makes this step a reminder, not a breach)' : '';
  return (
    `${HEADINGS[kind]}: ${assessment.key}${where}: ${whatHappened(assessment, step, kind)}${nudge} ` +
    `(stage: ${STAGE_TITLES[assessment.stage]}).${link}`
  );
}

/** The comment that @-mentions the response team about one breach or reminder, once. */
export function escalationComment(assessment: ReportAssessment, step: Step, mention: string | undefined): string {
  const kind = kindOf(assessment, step);
  const who = mention ? `${mention} ` : '';
  const once = isBreach(assessment, step) ? 'escalates each breach once' : 'sends each reminder once';
  return (
    `${who}**${HEADINGS[kind]}** on ${cell(assessment.key)}: ${whatHappened(assessment, step, kind, true)} ` +
    `(stage: ${STAGE_TITLES[assessment.stage]}). sla-check ${once}.`
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
  const reminders = active.filter((a) => a.reminders.length > 0 && a.status !== 'breached').length;
  const reminded = reminders > 0 ? ` (${reminders} with a reminder, not breached)` : '';
  return `${active.length} open report(s): ${count('breached')} breached, ${count('due-soon')} due soon${reminded}, ${count('on-time')} on time`;
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
