/**
 * One tracking issue brought up to date: breaches escalated once, the status comment, then one PATCH with the SLA
 * label (exactly one of `sla:on-time`, `sla:due-soon`, `sla:breached`), the gantt chart, the checklist and the state
 * block (escalations, the status comment's digest, what the sweep observed). Nothing is written that is already so.
 */
import { STEPS, type Step } from '../../domain/deadlines.js';
import { GANTT_SECTION, renderReportGantt } from '../../domain/gantt.js';
import { isActive, labelsWithSla, newEscalations } from '../../domain/sla.js';
import { renderStatusComment } from '../../domain/sla-text.js';
import { replaceSection, type TrackerState } from '../../domain/tracker-state.js';
import { labelNames, listComments } from '../../github/issues.js';
import type { IssueComment } from '../../github/types.js';
import { TRACKER_LABEL, trackerBody, updateTracker, type TrackedReport } from '../common/tracker.js';
import type { SweptReport } from './assess.js';
import { escalate, type Breach, type Failure, type WriteContext } from './escalate.js';
import { keepStatusComment, statusDigest, statusUnchanged } from './status-comment.js';

export interface TrackedSweep extends SweptReport {
  readonly tracked: TrackedReport;
  readonly state: TrackerState;
}

export function isTracked(report: SweptReport): report is TrackedSweep {
  return report.tracked !== undefined && report.state !== undefined;
}

export interface IssuePlan {
  readonly report: TrackedSweep;
  /** Breaches escalated before (in the state block, or on the dashboard before the issue existed). */
  readonly escalatedBefore: readonly Step[];
  readonly breaches: readonly Step[];
  readonly statusText: string;
  readonly statusChanged: boolean;
  readonly labels: string[] | undefined;
}

export interface IssueOutcome {
  readonly writes: number;
  readonly messages: number;
  readonly escalated: readonly Step[];
  readonly failures: readonly Failure[];
}

export function stepUnion(...lists: readonly (readonly Step[])[]): Step[] {
  const all = new Set(lists.flat());
  return STEPS.filter((step) => all.has(step));
}

export function planIssue(report: TrackedSweep, escalatedElsewhere: readonly Step[]): IssuePlan {
  const escalatedBefore = stepUnion(report.state.escalated, escalatedElsewhere);
  const statusText = renderStatusComment(report.assessment);
  return {
    report,
    escalatedBefore,
    breaches: newEscalations(report.assessment, escalatedBefore),
    statusText,
    statusChanged: !statusUnchanged(report.state.sla, statusText),
    labels: labelsWithSla(labelNames(report.tracked.issue), report.assessment.status, [TRACKER_LABEL]),
  };
}

/** The body with the chart, checklist and state block as they should be. */
export function nextBody(report: TrackedSweep, state: TrackerState): string {
  const chart = replaceSection(
    report.tracked.issue.body ?? '',
    GANTT_SECTION,
    renderReportGantt(report.policy, state, report.assessment.steps),
  );
  return trackerBody(chart, report.policy, state);
}

export function needsWrite(plan: IssuePlan): boolean {
  if (plan.breaches.length > 0 || plan.statusChanged || plan.labels) return true;
  // A finished or closed report already recorded as such: nothing about it can change any more.
  const { status } = plan.report.assessment;
  if (!isActive(plan.report.assessment) && plan.report.tracked.state.sla?.status === status) return false;
  const state = { ...plan.report.state, escalated: [...plan.escalatedBefore] };
  return nextBody(plan.report, state) !== (plan.report.tracked.issue.body ?? '');
}

export async function applyIssuePlan(ctx: WriteContext, plan: IssuePlan): Promise<IssueOutcome> {
  const { report } = plan;
  const issue = report.tracked.issue;
  // An issue with no comment (GitHub counts them in the list we already have) needs no request to find none.
  let comments: readonly IssueComment[] | undefined = issue.comments === 0 ? [] : undefined;
  const loadComments = async (): Promise<readonly IssueComment[]> =>
    (comments ??= await listComments(ctx.client, ctx.tracker, issue.number));
  let writes = 0;
  let messages = 0;
  const failures: Failure[] = [];
  let escalated = [...plan.escalatedBefore];
  if (plan.breaches.length > 0) {
    const breaches: Breach[] = plan.breaches.map((step) => ({ assessment: report.assessment, step }));
    const outcome = await escalate(ctx, { number: issue.number, url: issue.html_url }, breaches, await loadComments());
    escalated = stepUnion(
      escalated,
      outcome.escalated.map((breach) => breach.step),
    );
    writes += outcome.messages + outcome.comments;
    messages += outcome.messages;
    failures.push(...outcome.failures);
  }
  const previous = report.state.sla;
  const comment = await keepStatusComment(ctx, issue.number, plan.statusText, previous, loadComments);
  if (plan.statusChanged) writes += 1;
  const state: TrackerState = {
    ...report.state,
    escalated,
    sla: { status: report.assessment.status, comment, digest: statusDigest(plan.statusText) },
  };
  // Merged into the issue as it is at the write, so a triage or command running at the same time keeps its change.
  const { status } = report.assessment;
  const saved = await updateTracker(
    ctx.client,
    ctx.tracker,
    report.tracked,
    {
      state,
      policy: report.policy,
      sections: {
        [GANTT_SECTION]: (merged: TrackerState) => renderReportGantt(report.policy, merged, report.assessment.steps),
      },
      labels: (current) => labelsWithSla(current, status, [TRACKER_LABEL]),
    },
    ctx.log,
    ctx.pause,
  );
  if (saved.written) writes += 1;
  return { writes, messages, escalated, failures };
}
