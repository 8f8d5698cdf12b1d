/**
 * Acknowledging one advisory, each step idempotent, in the issue's order: the tracking issue (opened in
 * `openAdvisoryReport`), the response team as collaborators, the reporter told, `accept` (triage -> draft), the
 * acknowledgement recorded, the team notified. The record is written before the notification so that a re-run
 * never notifies twice.
 */
import type { AcknowledgementRecord } from '../../domain/acknowledgement.js';
import { acknowledgedState, isTakenIn, isWithinLease } from '../../domain/intake.js';
import type { Policy } from '../../domain/policy/types.js';
import { newTrackerState, type TrackerState } from '../../domain/tracker-state.js';
import { mergeCollaborators, updateAdvisory } from '../../github/advisories.js';
import { listComments } from '../../github/issues.js';
import { fullName, type Issue, type RepoRef } from '../../github/types.js';
import { policyForState, updateTracker, type TrackedReport } from '../common/tracker.js';
import { claimReport, isReleased } from './claim.js';
import type { ResponseTeam } from './config.js';
import type { AdvisoryCandidate, IntakeContext, Outcome } from './context.js';
import { notifyOnce } from './notify.js';
import { acknowledgeAdvisoryReporter, type ReporterAcknowledgement } from './reporter.js';
import { advisoryFacts, renderTexts, type RenderedTexts } from './texts.js';
import { acknowledgementUpdate, composeBody, openTrackingIssue, trackingIssueTitle } from './tracking-issue.js';

/** A report with its tracking issue, ready for the remaining steps. */
export interface OpenedReport {
  readonly candidate: AdvisoryCandidate;
  readonly state: TrackerState;
  /** The policy its deadlines count under: the one it was taken in under, for a report taken in before. */
  readonly policy: Policy;
  readonly texts: RenderedTexts;
  readonly issue: Issue;
  /** `created`: this run opened the issue (and holds the report if it wins the race); `resume`: it must claim. */
  readonly how: 'created' | 'resume';
}

const ACKNOWLEDGEABLE = ['triage', 'draft'];

export function outcomeBase(candidate: AdvisoryCandidate): Pick<Outcome, 'key' | 'repository'> {
  return { key: candidate.key, repository: fullName(candidate.repository) };
}

/** First step: the tracking issue, found (from this run's listing) or opened. */
export async function openAdvisoryReport(
  context: IntakeContext,
  candidate: AdvisoryCandidate,
  existing: TrackedReport | undefined,
): Promise<OpenedReport | Outcome> {
  const { advisory } = candidate;
  const base = outcomeBase(candidate);
  if (existing && isTakenIn(existing.state)) {
    return {
      ...base,
      status: 'already',
      issueUrl: existing.issue.html_url,
      ...(existing.state.acknowledgedAt ? { acknowledgedAt: existing.state.acknowledgedAt } : {}),
    };
  }
  if (existing?.issue.state === 'closed') {
    return { ...base, status: 'skipped', issueUrl: existing.issue.html_url, detail: 'its tracking issue is closed' };
  }
  if (!ACKNOWLEDGEABLE.includes(advisory.state)) {
    return { ...base, status: 'skipped', detail: `the advisory is ${advisory.state}: nothing to acknowledge` };
  }
  const { config, now } = context;
  const repository = fullName(candidate.repository);
  const state = existing?.state ?? {
    ...newTrackerState(candidate.key, repository, config.policy.name, advisory.created_at ?? now.toISOString()),
    intakeState: advisory.state,
  };
  const policy = policyForState(config.policy, state);
  const texts = renderTexts({
    templates: { tracker: config.trackerTemplate, acknowledgement: config.ackTemplate },
    policy,
    state,
    facts: advisoryFacts(advisory, repository, state.intakeState),
    contact: config.contact,
    now,
  });
  if (existing) {
    if (isWithinLease(existing.issue.created_at, now) && !(await wasReleased(context, existing.issue.number))) {
      return {
        ...base,
        status: 'in-progress',
        issueUrl: existing.issue.html_url,
        detail: 'its tracking issue was opened moments ago by another run, which is acknowledging it',
      };
    }
    return { candidate, state, policy, texts, issue: existing.issue, how: 'resume' };
  }
  const body = composeBody(
    '',
    candidate.key,
    { report: texts.reportPending, acknowledgement: { status: 'pending' } },
    policy,
    state,
  );
  const issue = await openTrackingIssue(
    context.client,
    config.tracker,
    trackingIssueTitle(candidate.key, repository),
    body,
  );
  return { candidate, state, policy, texts, issue, how: 'created' };
}

/** A run that opened the issue moments ago may still be at it, unless it said it gave up. */
async function wasReleased(context: IntakeContext, issueNumber: number): Promise<boolean> {
  return isReleased(await listComments(context.client, context.config.tracker, issueNumber));
}

function teamSlugsFor(team: ResponseTeam, ref: RepoRef): string[] {
  const owner = ref.owner.toLowerCase();
  return team.teams.filter((entry) => !entry.org || entry.org.toLowerCase() === owner).map((entry) => entry.slug);
}

async function addResponseTeam(context: IntakeContext, candidate: AdvisoryCandidate): Promise<void> {
  const { team } = context.config;
  const change = mergeCollaborators(candidate.advisory, team.users, teamSlugsFor(team, candidate.repository));
  if (!change) return;
  await updateAdvisory(context.client, candidate.repository, candidate.key, {
    collaborating_users: change.collaborating_users,
    collaborating_teams: change.collaborating_teams,
  });
}

/** Step 6 before step 5: the acknowledgement recorded (with the notification marked sent), in one issue update. */
async function recordAcknowledgement(
  context: IntakeContext,
  opened: OpenedReport,
  reporter: ReporterAcknowledgement,
): Promise<void> {
  const { config, now } = context;
  const { candidate, texts, issue } = opened;
  const at = now.toISOString();
  const acknowledged = acknowledgedState(
    opened.state,
    { at: now, channel: reporter.channel, severity: candidate.advisory.severity, notify: config.webhook !== undefined },
    'by hand, outside GitHub',
  );
  const record: AcknowledgementRecord =
    reporter.channel === 'manual'
      ? { status: 'manual', at, why: reporter.why, message: texts.message }
      : { status: 'sent', channel: reporter.channel, at };
  const report = reporter.channel === 'manual' ? texts.reportPending : texts.reportAcknowledged;
  const parts = { report, acknowledgement: record };
  // Merged into the issue as it is now: a triage or an SLA sweep writing it at the same time keeps its change.
  const update = acknowledgementUpdate(candidate.key, parts, opened.policy, acknowledged);
  await updateTracker(context.client, config.tracker, { issue, state: opened.state }, update, context.log);
}

/** The remaining steps, for a report this run holds (it opened the issue and won, or claimed a stale one). */
export async function finishAdvisoryReport(context: IntakeContext, opened: OpenedReport): Promise<Outcome> {
  const { client, config, now } = context;
  const { candidate, state, texts, issue } = opened;
  const base = outcomeBase(candidate);
  if (opened.how === 'resume' && !(await claimReport(client, config.tracker, issue.number, context.runId))) {
    return { ...base, status: 'in-progress', issueUrl: issue.html_url, detail: 'another run is finishing it' };
  }
  await addResponseTeam(context, candidate);
  const repositoryPrivate = await context.isPrivate(candidate.repository);
  const { advisory, repository } = candidate;
  const reporter = await acknowledgeAdvisoryReporter(client, repository, advisory, repositoryPrivate, texts.message);
  if (config.accept && advisory.state === 'triage') {
    await updateAdvisory(client, repository, candidate.key, { state: 'draft' });
  }
  await recordAcknowledgement(context, opened, reporter);
  const facts = {
    key: candidate.key,
    repository: base.repository,
    severity: advisory.severity,
    issueUrl: issue.html_url,
    toSend: reporter.channel === 'manual',
  };
  const problem = await notifyOnce(context, state, facts);
  return {
    ...base,
    status: 'acknowledged',
    issueUrl: issue.html_url,
    receivedAt: state.receivedAt,
    // A text a person sends is acknowledged when a team member confirms it (`/ack sent`), not now.
    ...(reporter.channel === 'manual' ? {} : { acknowledgedAt: now.toISOString() }),
    due: texts.due.toISOString(),
    late: texts.late,
    channel: reporter.channel,
    ...(problem ? { detail: problem } : {}),
  };
}
