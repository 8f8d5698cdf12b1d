/**
 * The sweep's writes, in order: each tracking issue (escalations, status comment, labels, body), then the dashboard
 * (escalations of untracked reports, inventory, the table). One issue failing does not stop the others; the run
 * fails at the end with the list. In a dry run the same plans are made and only counted.
 */
import { renderDashboard, type DashboardState, type DashboardView } from '../../domain/dashboard.js';
import type { GanttReport } from '../../domain/gantt.js';
import { compareAssessments, hasStaleFork, isActive, newEscalations, STEP_NAMES } from '../../domain/sla.js';
import type { Issue } from '../../github/types.js';
import { mapWithSlots } from '../common/concurrency.js';
import type { RunnerLog } from '../common/runner.js';
import type { SweptReport } from './assess.js';
import { applyDashboard, carriedEscalations } from './dashboard-sync.js';
import type { Breach, Failure, WriteContext } from './escalate.js';
import { applyIssuePlan, isTracked, needsWrite, planIssue, type IssuePlan } from './tracker-sync.js';

export interface WriteInput {
  readonly reports: readonly SweptReport[];
  readonly dashboard: Issue | undefined;
  readonly previous: DashboardState;
  /** Everything the dashboard shows but its state block, which the writer completes. */
  readonly view: Omit<DashboardView, 'state'>;
  readonly inventory: DashboardState['inventory'];
  /** No blind spot: a remembered escalation whose report is gone from every list can be forgotten. */
  readonly sawEverything: boolean;
}

export interface WriteResult {
  readonly writes: number;
  readonly messages: number;
  readonly failures: readonly Failure[];
  readonly dashboard: Issue | undefined;
}

function untrackedBreaches(input: WriteInput): Breach[] {
  return input.reports
    .filter((report) => !isTracked(report))
    .flatMap((report) =>
      newEscalations(report.assessment, input.previous.escalated[report.assessment.key] ?? []).map((step) => ({
        assessment: report.assessment,
        step,
      })),
    );
}

function issuePlans(input: WriteInput): IssuePlan[] {
  return input.reports
    .filter(isTracked)
    .map((report) => planIssue(report, input.previous.escalated[report.assessment.key] ?? []));
}

function dashboardState(input: WriteInput, movedToIssues: ReadonlySet<string>): DashboardState {
  const present = new Set(input.reports.map((report) => report.assessment.key));
  const escalated = carriedEscalations(input.previous.escalated, movedToIssues, present, input.sawEverything);
  return { version: 1, escalated, inventory: input.inventory };
}

const render =
  (input: WriteInput) =>
  (state: DashboardState): string =>
    renderDashboard({ ...input.view, state });

export async function applySweep(ctx: WriteContext, input: WriteInput): Promise<WriteResult> {
  const failures: Failure[] = [];
  const moved = new Set<string>();
  let writes = 0;
  let messages = 0;
  const plans = issuePlans(input);
  for (const plan of plans.filter((p) => !needsWrite(p))) moved.add(plan.report.assessment.key);
  // Issues are independent of each other: a few at a time (the client still paces the writes GitHub limits). An issue
  // waiting for its writes to settle lets another make its requests.
  await mapWithSlots(plans.filter(needsWrite), ctx.concurrency, async (plan, pause) => {
    const key = plan.report.assessment.key;
    try {
      const outcome = await applyIssuePlan({ ...ctx, pause }, plan);
      writes += outcome.writes;
      messages += outcome.messages;
      failures.push(...outcome.failures);
      moved.add(key);
    } catch (error) {
      failures.push({
        item: `${key} (tracking issue #${plan.report.tracked.issue.number})`,
        message: (error as Error).message,
      });
    }
  });
  const plan = {
    existing: input.dashboard,
    state: dashboardState(input, moved),
    breaches: untrackedBreaches(input),
    render: render(input),
  };
  try {
    const outcome = await applyDashboard(ctx, plan);
    return {
      writes: writes + outcome.writes,
      messages: messages + outcome.messages,
      failures: [...failures, ...outcome.failures],
      dashboard: outcome.issue,
    };
  } catch (error) {
    failures.push({ item: 'the dashboard issue', message: (error as Error).message });
    return { writes, messages, failures, dashboard: input.dashboard };
  }
}

function logPlan(plan: IssuePlan, log: Pick<RunnerLog, 'info'>): void {
  const key = plan.report.assessment.key;
  const issue = plan.report.tracked.issue.number;
  for (const step of plan.breaches) log.info(`Would escalate the ${STEP_NAMES[step]} breach of ${key} (#${issue}).`);
  if (plan.labels) log.info(`Would set the labels of #${issue} (${key}) to ${plan.labels.join(', ')}.`);
  if (plan.statusChanged) log.info(`Would update the status comment on #${issue} (${key}).`);
}

/** The same plans as a real sweep, logged and counted, nothing written. */
export function planSweep(input: WriteInput, log: Pick<RunnerLog, 'info'>): { writes: number; messages: number } {
  let writes = 0;
  let messages = 0;
  for (const plan of issuePlans(input).filter(needsWrite)) {
    logPlan(plan, log);
    writes += plan.breaches.length + (plan.statusChanged ? 1 : 0) + 1;
    messages += plan.breaches.length;
  }
  const breaches = untrackedBreaches(input);
  for (const { assessment, step } of breaches) {
    log.info(`Would escalate the ${STEP_NAMES[step]} breach of ${assessment.key} (no tracking issue yet).`);
  }
  const state = dashboardState(input, new Set());
  const dashboardChanges = !input.dashboard || render(input)(state) !== (input.dashboard.body ?? '');
  if (dashboardChanges) log.info(input.dashboard ? 'Would update the dashboard.' : 'Would create the dashboard.');
  return { writes: writes + breaches.length * 2 + (dashboardChanges ? 1 : 0), messages: messages + breaches.length };
}

/** The dashboard's view of the sweep (its state is added by the writer). */
export function dashboardView(
  reports: readonly SweptReport[],
  base: Pick<DashboardView, 'policyName' | 'scope' | 'now' | 'blindSpots' | 'inventoryEnabled'>,
): Omit<DashboardView, 'state'> {
  const entry = (report: SweptReport) => ({ assessment: report.assessment, issue: report.tracked?.issue.number });
  const active = reports.filter((report) => isActive(report.assessment));
  active.sort((a, b) => compareAssessments(a.assessment, b.assessment));
  const charts: GanttReport[] = active.map(({ assessment }) => ({
    key: assessment.key,
    steps: assessment.steps.map((step) => ({
      step: step.step,
      start: step.windowStart,
      due: step.due,
      doneAt: step.doneAt,
      status: step.status,
    })),
  }));
  return {
    ...base,
    reports: active.map(entry),
    charts,
    staleForks: reports.filter((report) => hasStaleFork(report.assessment)).map(entry),
  };
}
