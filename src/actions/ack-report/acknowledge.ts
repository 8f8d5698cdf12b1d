/**
 * Acknowledges every candidate of a run. Advisory reports go in three passes so that a creation race is settled
 * with one listing of the tracker, not one per report: open the tracking issues, list the tracker again and let
 * the oldest issue of each report win, then finish the reports this run holds. One report failing does not stop
 * the others: it becomes a `failed` outcome.
 */
import { mapWithConcurrency } from '../common/concurrency.js';
import { loadTrackedReports, type TrackedReport } from '../common/tracker.js';
import { finishAdvisoryReport, openAdvisoryReport, outcomeBase, type OpenedReport } from './advisory-intake.js';
import type { AdvisoryCandidate, Candidate, IntakeContext, IssueCandidate, Outcome } from './context.js';
import { acknowledgeIssueReport } from './issue-intake.js';
import { releaseReport } from './claim.js';
import { settleCreationRace } from './tracking-issue.js';

/** Reports worked on at once; the client's throttling spaces the writes out on top of this. */
export const REPORT_CONCURRENCY = 4;

type Tracked = ReadonlyMap<string, TrackedReport>;

function baseOf(candidate: Candidate): Pick<Outcome, 'key' | 'repository'> {
  return candidate.kind === 'advisory' ? outcomeBase(candidate) : { key: candidate.key, repository: null };
}

async function guarded<T>(candidate: Candidate, step: () => Promise<T | Outcome>): Promise<T | Outcome> {
  try {
    return await step();
  } catch (error) {
    return { ...baseOf(candidate), status: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

function isOutcome(value: OpenedReport | Outcome): value is Outcome {
  return 'status' in value;
}

async function settleRaces(
  context: IntakeContext,
  opened: readonly OpenedReport[],
  outcomes: Outcome[],
): Promise<OpenedReport[]> {
  const created = opened.filter((report) => report.how === 'created');
  if (created.length === 0) return [...opened];
  const { client, config } = context;
  const listed = await loadTrackedReports(client, config.tracker);
  const holding: OpenedReport[] = opened.filter((report) => report.how === 'resume');
  await mapWithConcurrency(created, REPORT_CONCURRENCY, async (report) => {
    const result = await guarded<OpenedReport>(report.candidate, async () => {
      const race = await settleCreationRace(client, config.tracker, report.issue, report.candidate.key, listed);
      if (race.won) return report;
      return {
        ...outcomeBase(report.candidate),
        status: 'in-progress',
        issueUrl: race.holder.html_url,
        detail: 'another run opened its tracking issue at the same time and is acknowledging it',
      };
    });
    if (isOutcome(result)) outcomes.push(result);
    else holding.push(result);
  });
  return holding;
}

async function acknowledgeAdvisories(
  context: IntakeContext,
  candidates: readonly AdvisoryCandidate[],
  tracked: Tracked,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const opened: OpenedReport[] = [];
  await mapWithConcurrency(candidates, REPORT_CONCURRENCY, async (candidate) => {
    const result = await guarded(candidate, () => openAdvisoryReport(context, candidate, tracked.get(candidate.key)));
    if (isOutcome(result)) outcomes.push(result);
    else opened.push(result);
  });
  const holding = await settleRaces(context, opened, outcomes);
  const finished = await mapWithConcurrency(holding, REPORT_CONCURRENCY, async (report) => {
    const outcome = await guarded(report.candidate, () => finishAdvisoryReport(context, report));
    if (outcome.status === 'failed') await giveUp(context, report);
    return outcome;
  });
  return [...outcomes, ...finished];
}

/** Tells the next run it need not wait out the lease: best effort, the run is failing already. */
async function giveUp(context: IntakeContext, report: OpenedReport): Promise<void> {
  try {
    await releaseReport(context.client, context.config.tracker, report.issue.number, context.runId);
  } catch {
    // Without the release the report is resumed once the lease has run out, as after a killed run.
  }
}

export async function acknowledgeAll(
  context: IntakeContext,
  candidates: readonly Candidate[],
  tracked: Tracked,
): Promise<Outcome[]> {
  const advisories = candidates.filter((c): c is AdvisoryCandidate => c.kind === 'advisory');
  const issues = candidates.filter((c): c is IssueCandidate => c.kind === 'issue');
  const fromAdvisories = await acknowledgeAdvisories(context, advisories, tracked);
  const fromIssues = await mapWithConcurrency(issues, REPORT_CONCURRENCY, (candidate) =>
    guarded(candidate, () => acknowledgeIssueReport(context, candidate, tracked.get(candidate.key))),
  );
  const order = new Map(candidates.map((candidate, index) => [candidate.key, index]));
  return [...fromAdvisories, ...fromIssues].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
}
