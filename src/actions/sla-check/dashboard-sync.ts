/**
 * The dashboard issue: created when missing, edited only when its text changed. It also carries the escalations of
 * reports that have no tracking issue yet (their @-mention comments go on the dashboard) and the inventory. Two
 * sweeps at once may both create it: after creating, the run lists the dashboards again and the oldest is kept; a
 * younger one is closed as its duplicate.
 */
import type { Step } from '../../domain/deadlines.js';
import { DASHBOARD_LABEL, DASHBOARD_MARKER, DASHBOARD_TITLE, type DashboardState } from '../../domain/dashboard.js';
import { createIssue, findByMarker, listComments, listIssuesWithLabel, updateIssue } from '../../github/issues.js';
import { TRACKER_LABEL } from '../common/tracker.js';
import type { Issue } from '../../github/types.js';
import { escalate, type Breach, type Failure, type WriteContext } from './escalate.js';
import { listingShowing } from './settle.js';
import { stepUnion } from './tracker-sync.js';
import { compareText } from '../../domain/text-order.js';

export interface DashboardPlan {
  readonly existing: Issue | undefined;
  /** The state to write before this run's escalations of untracked reports are added. */
  readonly state: DashboardState;
  readonly breaches: readonly Breach[];
  readonly render: (state: DashboardState) => string;
}

export interface DashboardOutcome {
  readonly issue: Issue | undefined;
  readonly writes: number;
  readonly messages: number;
  readonly failures: readonly Failure[];
}

/**
 * Escalations remembered for reports without a tracking issue: dropped once the report's issue holds them, or when
 * a sweep that saw everything (no blind spot) no longer finds the report.
 */
export function carriedEscalations(
  previous: Readonly<Record<string, readonly Step[]>>,
  movedToIssues: ReadonlySet<string>,
  present: ReadonlySet<string>,
  sawEverything: boolean,
): Record<string, Step[]> {
  const carried: Record<string, Step[]> = {};
  for (const [key, steps] of Object.entries(previous)) {
    if (movedToIssues.has(key) || (sawEverything && !present.has(key))) continue;
    carried[key] = [...steps];
  }
  return carried;
}

function withEscalated(state: DashboardState, breaches: readonly Breach[]): DashboardState {
  const escalated: Record<string, Step[]> = Object.fromEntries(
    Object.entries(state.escalated).map(([key, steps]) => [key, [...steps]]),
  );
  for (const { assessment, step } of breaches) {
    escalated[assessment.key] = stepUnion(escalated[assessment.key] ?? [], [step]);
  }
  const sorted = Object.fromEntries(Object.entries(escalated).sort(([a], [b]) => compareText(a, b)));
  return { ...state, escalated: sorted };
}

/** The dashboard this run writes to: the one it created, or an older one another sweep created meanwhile. */
async function create(ctx: WriteContext, body: string): Promise<{ issue: Issue; writes: number }> {
  const labels = [TRACKER_LABEL, DASHBOARD_LABEL];
  const created = await createIssue(ctx.client, ctx.tracker, { title: DASHBOARD_TITLE, body, labels });
  // Listed once the listing shows the new dashboard: listings lag behind writes (settle.ts).
  const listed = await listingShowing(
    () => listIssuesWithLabel(ctx.client, ctx.tracker, DASHBOARD_LABEL, 'all'),
    (issue) => issue.number,
    [created.number],
    ctx.pause,
  );
  const oldest = findByMarker(listed, DASHBOARD_MARKER);
  if (oldest === undefined || oldest.number === created.number) return { issue: created, writes: 1 };
  await updateIssue(ctx.client, ctx.tracker, created.number, {
    state: 'closed',
    state_reason: 'duplicate',
    body: `Duplicate of #${oldest.number}: two sweeps created the dashboard at once.`,
  });
  return { issue: oldest, writes: 2 };
}

export async function applyDashboard(ctx: WriteContext, plan: DashboardPlan): Promise<DashboardOutcome> {
  let issue = plan.existing;
  let state = plan.state;
  let writes = 0;
  let messages = 0;
  const failures: Failure[] = [];
  if (plan.breaches.length > 0) {
    if (!issue) {
      const created = await create(ctx, plan.render(state));
      issue = created.issue;
      writes += created.writes;
    }
    const comments = await listComments(ctx.client, ctx.tracker, issue.number);
    const outcome = await escalate(ctx, { number: issue.number, url: issue.html_url }, plan.breaches, comments);
    state = withEscalated(state, outcome.escalated);
    writes += outcome.messages + outcome.comments;
    messages += outcome.messages;
    failures.push(...outcome.failures);
  }
  const body = plan.render(state);
  if (!issue) {
    const created = await create(ctx, body);
    issue = created.issue;
    writes += created.writes;
  }
  if (body !== (issue.body ?? '')) {
    issue = await updateIssue(ctx.client, ctx.tracker, issue.number, { body });
    writes += 1;
  }
  return { issue, writes, messages, failures };
}
