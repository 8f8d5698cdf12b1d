/**
 * One triage of one advisory: everything is read and planned first (advisory, repository, CODEOWNERS, the PATCH,
 * the CVE request, the reporter's message, the timeline), then only what differs is written.
 */
import type { TriageRequest } from '../../domain/chatops.js';
import { scoreCvss, type CvssResult } from '../../domain/cvss.js';
import {
  applyTimelineDecisions,
  expediteMarker,
  expediteNotice,
  movedLines,
  type MovePlan,
} from '../../domain/deadline-moves.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import { inertForLog } from '../../domain/sanitize.js';
import { checkUpstreamChange } from '../../domain/upstream.js';
import {
  checkReleaseDate,
  computeTimeline,
  renderTimelineSection,
  timelineRecord,
  type Timeline,
} from '../../domain/timeline.js';
import { getAdvisory, requestCveOnce, updateAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { postOnce } from '../../github/issues.js';
import { getRepository } from '../../github/repos.js';
import type { Advisory, RepoRef } from '../../github/types.js';
import { inOrder } from '../common/concurrency.js';
import type { RunnerLog } from '../common/runner.js';
import type { TemplateChoice } from '../common/templates.js';
import type { TrackedReport } from '../common/tracker.js';
import { currentVector, isEmptyPatch, planAdvisoryPatch, type PatchPlan } from './advisory-patch.js';
import { planCveRequest, type CvePlan } from './cve.js';
import { resolveFixTeam, type ResolvedFixTeam } from './fix-team.js';
import {
  recordRejection,
  renderRejection,
  tellReporter,
  trackerRejectionComment,
  type Rejection,
  type ToldVia,
} from './rejection.js';
import { saveTrackerChange } from './tracker-update.js';
import { REJECTION_NOTIFIED, triagedState } from './triage-state.js';

export interface TriageContext {
  readonly client: GitHubClient;
  readonly log: Pick<RunnerLog, 'info' | 'warning' | 'notice'>;
  readonly policy: Policy;
  readonly now: Date;
  readonly rejectionTemplate: TemplateChoice;
  /** Who asked (a command's author), recorded with a timeline decision. */
  readonly actor?: string | undefined;
  /** `@org/team` to mention when a report is expedited; no mention without one. */
  readonly mention?: string | undefined;
}

export interface TriageTarget {
  readonly repository: RepoRef;
  readonly ghsaId: string;
  readonly tracker: RepoRef | undefined;
  readonly report: TrackedReport | undefined;
}

/** What a triage did, in terms safe to print before publication: ids, numbers, dates and field names. */
export interface TriageResult {
  readonly ghsaId: string;
  readonly repository: RepoRef;
  readonly state: string;
  readonly score: CvssResult | undefined;
  readonly severity: string | undefined;
  readonly decision: string | undefined;
  readonly timeline: Timeline;
  readonly changes: string[];
  readonly notes: string[];
}

/** The advisory's own vector, scored (4.0 first), when the triage gives none. */
function advisoryScore(advisory: Advisory): CvssResult | undefined {
  for (const version of ['4.0', '3.1'] as const) {
    const vector = currentVector(advisory, version);
    if (!vector) continue;
    try {
      return scoreCvss(vector);
    } catch {
      continue;
    }
  }
  return undefined;
}

interface Plan {
  readonly advisory: Advisory;
  readonly repositoryIsPublic: boolean;
  readonly team: ResolvedFixTeam | undefined;
  readonly rejection: Rejection | undefined;
  readonly patch: PatchPlan;
  readonly cve: CvePlan;
  readonly score: CvssResult | undefined;
  readonly severity: string | undefined;
  readonly timeline: Timeline;
  /** The tracker state with the timeline decisions recorded (agreed day, extension, expedite), when tracked. */
  readonly decided: MovePlan | undefined;
}

/** The timeline decisions of the request recorded in the state; refused without a tracking issue to record them. */
function planDecisions(
  context: TriageContext,
  state: TrackerState | undefined,
  request: TriageRequest,
): MovePlan | undefined {
  const { policy, now } = context;
  const slot = request.releaseDate ? checkReleaseDate(policy, request.releaseDate, now) : undefined;
  if (!state) {
    const key = request.extend ? 'extend' : request.expedite ? 'expedite' : undefined;
    if (key) {
      throw new ConfigurationError(
        `${key} is a decision recorded in the tracking issue, and ${key === 'extend' ? 'this advisory' : 'this report'} has none: run ack-report first, or give the tracker input.`,
        key,
      );
    }
    return undefined;
  }
  return applyTimelineDecisions(policy, state, {
    releaseDay: request.releaseDate && slot ? { date: request.releaseDate, windowEnd: slot.end } : undefined,
    extend: request.extend,
    expedite: request.expedite,
    reason: request.decision === 'reject' ? undefined : request.reason,
    at: now,
    by: context.actor,
  });
}

/** Every read and every decision, before the first write. */
async function planTriage(context: TriageContext, target: TriageTarget, request: TriageRequest): Promise<Plan> {
  const { client, policy, now } = context;
  const state = target.report?.state;
  if (request.upstream && state) {
    checkUpstreamChange(state, request.upstream, state.notified.includes(REJECTION_NOTIFIED));
  }
  const decided = planDecisions(context, state, request);
  const recorded = decided?.state ?? state;
  // Independent reads, at once; a failure is still reported in this order.
  const [advisory, [repository, team]] = await inOrder(
    getAdvisory(client, target.repository, target.ghsaId),
    inOrder(
      getRepository(client, target.repository),
      request.fixTeam
        ? resolveFixTeam(client, target.repository, request.fixTeam, request.affectedPaths)
        : Promise.resolve(undefined),
    ),
  );
  const repositoryIsPublic = repository ? !repository.private : false;
  const rejection =
    request.decision === 'reject' && request.reason
      ? renderRejection(context.rejectionTemplate, {
          ghsaId: target.ghsaId,
          repository: target.repository,
          reason: request.reason,
          upstreamUrl: request.upstream ?? null,
          rejectedAt: now.toISOString(),
          policy: policy.name,
        })
      : undefined;
  const score = request.cvss ?? (request.severity ? undefined : advisoryScore(advisory));
  const severity = request.severity ?? score?.severity ?? advisory.severity ?? state?.severity;
  const timeline = computeTimeline({
    policy,
    receivedAt: new Date(state?.receivedAt ?? advisory.created_at ?? now.toISOString()),
    now,
    cvssScore: score?.score,
    severity,
    agreedReleaseDate: request.releaseDate ?? state?.agreedReleaseDate,
    agreedVersion: request.releaseVersion ?? state?.agreedVersion,
    moves: recorded?.deadlineMoves,
    expeditedAt: recorded?.expedited ? new Date(recorded.expedited.at) : undefined,
  });
  return {
    advisory,
    repositoryIsPublic,
    team,
    rejection,
    patch: planAdvisoryPatch(advisory, request, team),
    cve: planCveRequest(request.requestCve, advisory, repositoryIsPublic, state),
    score,
    severity,
    timeline,
    decided,
  };
}

function warnAbout(log: TriageContext['log'], plan: Plan, notes: string[]): void {
  const warnings = [...(plan.team?.warnings ?? [])];
  if (!plan.cve.request && plan.cve.warning) warnings.push(plan.cve.warning);
  for (const warning of warnings) log.warning(inertForLog(warning), { title: 'triage' });
  notes.push(...plan.patch.skipped, ...(plan.team?.warnings ?? []));
  if (!plan.cve.request && plan.cve.note) notes.push(`CVE ${plan.cve.note}`);
}

async function cveRequestChange(client: GitHubClient, target: TriageTarget): Promise<string> {
  const outcome = await requestCveOnce(client, target.repository, target.ghsaId);
  return outcome === 'requested' ? 'CVE requested' : 'CVE requested (GitHub already had the request)';
}

export async function runTriage(
  context: TriageContext,
  target: TriageTarget,
  request: TriageRequest,
): Promise<TriageResult> {
  const { client, log, policy, now } = context;
  const plan = await planTriage(context, target, request);
  const changes = [...plan.patch.changes];
  const notes: string[] = [...(plan.decided?.notes ?? [])];
  warnAbout(log, plan, notes);

  // The reporter is told before the advisory is closed: a closed advisory may no longer take comments.
  const toldVia = await tellReporterOnce(context, target, plan, changes);
  if (!isEmptyPatch(plan.patch.patch)) await updateAdvisory(client, target.repository, target.ghsaId, plan.patch.patch);
  if (plan.cve.request) changes.push(await cveRequestChange(client, target));
  if (target.tracker && target.report) {
    const report = target.report;
    if (toldVia) await recordRejectionOnce(context, target.tracker, report, plan, toldVia, changes, notes);
    const nextState = triagedState(plan.decided?.state ?? report.state, {
      now,
      request,
      score: plan.score,
      severity: plan.severity,
      fixTeam: plan.team,
      cveSettled: plan.cve.request || Boolean(plan.advisory.cve_id),
      timeline: timelineRecord(plan.timeline),
      reporterTold: toldVia !== undefined,
      reporterToSend: toldVia === 'not-told',
      actor: context.actor,
    });
    const change = {
      state: nextState,
      timelineSection: [renderTimelineSection(plan.timeline), ...movedLines(nextState).map((line) => `- ${line}`)].join(
        '\n',
      ),
      tlp: request.tlp,
      close: request.decision === 'reject',
    };
    // The team is told before the state records the expedite: a run stopped in between tells it on the re-run,
    // and the comment's marker keeps it to one.
    if (nextState.expedited && !report.state.expedited) {
      const notice = expediteNotice(nextState, context.mention, policy);
      const posted = await postOnce(client, target.tracker, report.issue.number, expediteMarker(nextState.key), notice);
      if (posted === 'created') changes.push('team told of the expedite in the tracker');
    }
    changes.push(...(await saveTrackerChange(client, target.tracker, report, policy, change, log)));
  } else {
    if (request.tlp) notes.push('TLP not recorded: no tracker issue');
    if (toldVia === 'not-told') {
      notes.push('reporter NOT told: no advisory comment channel and no tracker issue; tell them yourself');
      log.warning('The reporter could not be told of the rejection automatically: tell them yourself.');
    }
  }
  return {
    ghsaId: target.ghsaId,
    repository: target.repository,
    state: plan.patch.patch.state ?? plan.advisory.state,
    score: plan.score,
    severity: plan.severity,
    decision: request.decision,
    timeline: plan.timeline,
    changes,
    notes,
  };
}

/** On a rejection not yet told: tells the reporter through the acknowledgement's channel when it can. */
async function tellReporterOnce(
  context: TriageContext,
  target: TriageTarget,
  plan: Plan,
  changes: string[],
): Promise<ToldVia | undefined> {
  if (!plan.rejection || target.report?.state.notified.includes(REJECTION_NOTIFIED)) return undefined;
  const channel = target.report?.state.ackChannel ?? (plan.repositoryIsPublic ? 'advisory-comment' : undefined);
  const told = await tellReporter(context.client, plan.rejection, channel);
  if (told.written) changes.push('reporter told in an advisory comment');
  return told.via;
}

/** The rejection's record in the tracking issue, with the reporter's message when a human has to send it. */
async function recordRejectionOnce(
  context: TriageContext,
  tracker: RepoRef,
  report: TrackedReport,
  plan: Plan,
  toldVia: ToldVia,
  changes: string[],
  notes: string[],
): Promise<void> {
  if (!plan.rejection) return;
  const body = trackerRejectionComment(plan.rejection, toldVia, context.now);
  await recordRejection(context.client, tracker, report.issue.number, body, plan.rejection.key);
  if (toldVia === 'advisory-comment') {
    changes.push('rejection recorded in the tracker');
  } else {
    changes.push('rejection and the message for the reporter left in the tracker');
    notes.push('the reporter must be told by a human: the message is in the tracker issue; `/ack sent` once sent');
  }
}
