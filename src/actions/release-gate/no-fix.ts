/**
 * A disclosure without a fix (`no-fix`, `no-fix-reason`): each advisory may go out once its disclosure deadline has
 * arrived (the policy's `disclose-within` from the report, or where a recorded move put it: stateDeadlines), or once
 * the team decided to disclose it without a fix. The decision is `no-fix-reason` given in a run a person started
 * (`workflow_dispatch`): recorded in the tracking issue's state as `noFixDecision` (the reason, when, and who started
 * the run, `GITHUB_ACTOR`), once; a later run finds it and writes nothing. Nothing is recorded unless every advisory
 * of the release may go out.
 */
import { stateDeadlines } from '../../domain/deadline-moves.js';
import type { Policy } from '../../domain/policy/types.js';
import {
  groundText,
  noFixAnnouncementReason,
  noFixGrounds,
  undecidedText,
  type NoFixFacts,
  type NoFixGround,
} from '../../domain/release-preconditions.js';
import type { GitHubClient } from '../../github/client.js';
import type { RepoRef } from '../../github/types.js';
import { policyForState, updateTracker, type TrackedReport, type TrackerLog } from '../common/tracker.js';

/** The one event whose run a person started, with the inputs they typed. */
const BY_HAND = 'workflow_dispatch';

export interface NoFixContext {
  readonly client: () => Promise<GitHubClient>;
  readonly tracker: RepoRef;
  readonly policy: Policy;
  /** The `no-fix-reason` input. */
  readonly reason: string | undefined;
  /** What started the run, and who (`GITHUB_ACTOR`). */
  readonly eventName: string;
  readonly actor: string | undefined;
  readonly now: Date;
  readonly log: TrackerLog;
}

/** Open: the reason publish-announcement's `no-fix-reason` takes, and each advisory's ground in words. */
export type NoFixVerdict =
  | { readonly open: true; readonly reason: string; readonly grounds: readonly string[] }
  | { readonly open: false; readonly reason: string };

function factsOf(context: NoFixContext, ghsaId: string, report: TrackedReport): NoFixFacts {
  const { state } = report;
  const deadline = stateDeadlines(policyForState(context.policy, state), state).disclose;
  return { ghsaId, deadline, decision: state.noFixDecision };
}

function closedReason(
  context: NoFixContext,
  undecided: readonly Extract<NoFixGround, { kind: 'undecided' }>[],
): string {
  const how =
    context.reason !== undefined
      ? `"no-fix-reason" records the team's decision only in a run started by hand (${BY_HAND}); this run was started by "${context.eventName}"`
      : 'run the release workflow by hand with "no-fix-reason" to record the team\'s decision, or wait for the deadline';
  return `not disclosed without a fix: ${undecided.map(undecidedText).join('; ')}. To disclose now, ${how}`;
}

/** Records this run's decision in each tracking issue that has none (conflict-safe, through the dry-run's client). */
async function recordDecisions(
  context: NoFixContext,
  reason: string,
  reports: readonly TrackedReport[],
): Promise<void> {
  const decision = {
    reason,
    at: context.now.toISOString(),
    ...(context.actor ? { by: context.actor } : {}),
  };
  const client = await context.client();
  for (const report of reports) {
    const update = { state: { ...report.state, noFixDecision: decision }, policy: context.policy };
    await updateTracker(client, context.tracker, report, update, context.log);
  }
}

/** Whether the advisories may be disclosed without a fix now; records the team's decision when this run makes it. */
export async function decideNoFix(
  context: NoFixContext,
  ghsaIds: readonly string[],
  tracked: ReadonlyMap<string, TrackedReport>,
): Promise<NoFixVerdict> {
  const untracked = ghsaIds.filter((id) => !tracked.has(id));
  if (untracked.length > 0) {
    return {
      open: false,
      reason: `not disclosed without a fix: ${untracked.join(', ')} has no tracking issue in ${context.tracker.owner}/${context.tracker.repo}, where the disclosure deadline and the team's decision are recorded`,
    };
  }
  const reports = ghsaIds.flatMap((id) => {
    const report = tracked.get(id);
    return report ? [{ id, report }] : [];
  });
  const canDecide = context.reason !== undefined && context.eventName === BY_HAND;
  const grounds = noFixGrounds(
    reports.map(({ id, report }) => factsOf(context, id, report)),
    context.now,
    canDecide,
  );
  const undecided = grounds.filter(
    (ground): ground is Extract<NoFixGround, { kind: 'undecided' }> => ground.kind === 'undecided',
  );
  if (undecided.length > 0) return { open: false, reason: closedReason(context, undecided) };
  const deciding = new Set(grounds.filter((ground) => ground.kind === 'decide').map((ground) => ground.ghsaId));
  if (context.reason !== undefined && deciding.size > 0) {
    const toRecord = reports.filter(({ id }) => deciding.has(id)).map(({ report }) => report);
    await recordDecisions(context, context.reason, toRecord);
  }
  return {
    open: true,
    reason: noFixAnnouncementReason(grounds, context.reason),
    grounds: grounds.map((ground) => groundText(ground, context.actor)),
  };
}
