/**
 * A Mermaid gantt chart (GitHub renders Mermaid in issues) of planned deadlines against what happened: each step's
 * window from the report (or the release, for the retrospective) to its due date, and a milestone when it was done.
 * The text depends only on the dates and statuses given, never on the time it is rendered, so an unchanged report
 * renders the same chart and an issue holding it is not rewritten. Pure.
 */
import { deadlinesFor, stepCompletion } from './checklist.js';
import { STEPS, type DeadlineStatus, type Step } from './deadlines.js';
import type { Policy } from './policy/types.js';
import { STEP_NAMES } from './sla.js';
import type { TrackerState } from './tracker-state.js';

/** The tracker issue section sla-check keeps the chart in (`<!-- section:gantt -->`). */
export const GANTT_SECTION = 'gantt';

export interface GanttStep {
  readonly step: Step;
  readonly start: Date;
  readonly due: Date | undefined;
  readonly doneAt: Date | undefined;
  /** Undefined: draw planned against done only (no judgement of steps still open). */
  readonly status?: DeadlineStatus | undefined;
}

export interface GanttReport {
  /** Section title: the report key (GHSA id or `issue-<n>`). */
  readonly key: string;
  readonly steps: readonly GanttStep[];
}

/** `YYYY-MM-DD HH:mm` in UTC, the chart's dateFormat. */
function chartDate(value: Date): string {
  return value.toISOString().slice(0, 16).replace('T', ' ');
}

/** Section titles may only hold plain characters: `:`, `#` and `;` mean something to Mermaid. */
function plainTitle(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._/-]/g, '-').slice(0, 60) || 'report';
}

/**
 * The one rule both charts (the dashboard's and each tracking issue's) draw by: red (`crit`) for a step done late or
 * breached, highlighted (`active`) for one due soon or past due on a step the policy only reminds about.
 */
function windowTags(step: GanttStep): string {
  if (step.doneAt) return step.due && step.doneAt > step.due ? 'done, crit, ' : 'done, ';
  if (step.status === 'breached') return 'crit, ';
  if (step.status === 'due-soon' || step.status === 'overdue') return 'active, ';
  return '';
}

function stepLines(step: GanttStep, id: string): string[] {
  if (!step.due) return [];
  const end = step.due > step.start ? step.due : new Date(step.start.getTime() + 60_000);
  const name = STEP_NAMES[step.step];
  const lines = [`    ${name} due :${windowTags(step)}${id}, ${chartDate(step.start)}, ${chartDate(end)}`];
  if (step.doneAt) {
    const late = step.doneAt > step.due ? 'crit, ' : '';
    lines.push(`    ${name} done :${late}milestone, ${id}m, ${chartDate(step.doneAt)}, 0m`);
  }
  return lines;
}

/** A fenced ```mermaid block with one section per report. */
export function renderGantt(reports: readonly GanttReport[], title?: string): string {
  const lines = ['```mermaid', 'gantt'];
  if (title) lines.push(`    title ${plainTitle(title)}`);
  lines.push('    dateFormat YYYY-MM-DD HH:mm', '    axisFormat %Y-%m-%d');
  reports.forEach((report, index) => {
    lines.push(`    section ${plainTitle(report.key)}`);
    report.steps.forEach((step) => lines.push(...stepLines(step, `r${index}s${STEPS.indexOf(step.step)}`)));
  });
  lines.push('```');
  return lines.join('\n');
}

/** A step's judgement at the last sweep (sla-check's assessment), for the chart's colours. */
export interface JudgedStep {
  readonly step: Step;
  readonly status: DeadlineStatus;
}

/**
 * The steps of one report as its tracker state records them: due dates under the policy, when each was done, and
 * each open step's status as `judged` (sla-check's assessment; without it, planned against done only).
 */
export function ganttStepsFromState(
  policy: Policy,
  state: TrackerState,
  judged: readonly JudgedStep[] = [],
): GanttStep[] {
  const deadlines = deadlinesFor(policy, state);
  const done = stepCompletion(state);
  const received = new Date(state.receivedAt);
  const released = state.releasedAt ?? state.publishedAt;
  return STEPS.map((step) => ({
    step,
    start: step === 'retrospective' && released ? new Date(released) : received,
    due: deadlines[step],
    doneAt: done[step],
    status: judged.find((entry) => entry.step === step)?.status,
  }));
}

/**
 * The chart for one tracking issue, from its state block and the last sweep's judgement: the same text for the same
 * state and judgement, so an unchanged report is not rewritten, and a breach is red here as on the dashboard.
 */
export function renderReportGantt(policy: Policy, state: TrackerState, judged: readonly JudgedStep[] = []): string {
  const steps = ganttStepsFromState(policy, state, judged);
  return renderGantt([{ key: state.key, steps }], `${state.key} timeline in UTC`);
}
