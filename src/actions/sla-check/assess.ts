/** Joins what the sweep read into one view per report and judges it against its policy. */
import type { DueSoonRule } from '../../domain/deadlines.js';
import type { Policy } from '../../domain/policy/types.js';
import { assessReport, type AdvisoryFacts, type AdvisoryPhase, type ReportAssessment } from '../../domain/sla.js';
import { withCve, type TrackerState } from '../../domain/tracker-state.js';
import { advisoryRepository } from '../../github/advisories.js';
import { fullName, type Advisory } from '../../github/types.js';
import { policyForState, type TrackedReport } from '../common/tracker.js';
import type { SlaConfig } from './config.js';
import { trackedInScope, type SweepData } from './gather.js';

export interface SweptReport {
  readonly assessment: ReportAssessment;
  readonly tracked: TrackedReport | undefined;
  /** The tracker state with what this sweep saw added (publication, closing, retrospective held). */
  readonly state: TrackerState | undefined;
  readonly policy: Policy;
}

const date = (iso: string | null | undefined): Date | undefined => (iso ? new Date(iso) : undefined);

function cvssScore(advisory: Advisory): number | undefined {
  const severities = advisory.cvss_severities;
  return severities?.cvss_v4?.score ?? severities?.cvss_v3?.score ?? advisory.cvss?.score ?? undefined;
}

export function advisoryFacts(advisory: Advisory): AdvisoryFacts {
  return {
    phase: advisory.state as AdvisoryPhase,
    createdAt: new Date(advisory.created_at ?? advisory.updated_at ?? 0),
    severity: advisory.severity ?? null,
    cvssScore: cvssScore(advisory),
    cveId: advisory.cve_id ?? null,
    privateFork: advisory.private_fork?.full_name ?? null,
    publishedAt: date(advisory.published_at),
    // A draft nobody reported: maintainers opened it themselves, so it needs no acknowledgement or triage.
    maintainerDraft: advisory.state !== 'triage' && !advisory.submission,
  };
}

/** Facts the sweep learned that the state block does not hold yet; recorded so later sweeps need not ask again. */
export function observedState(
  report: TrackedReport,
  advisory: Advisory | undefined,
  retrospectivesClosed: ReadonlyMap<number, string>,
  now?: Date,
): TrackerState {
  const state: TrackerState = { ...(now ? withCve(report.state, advisory?.cve_id, now.toISOString()) : report.state) };
  if (advisory?.state === 'published' && !state.publishedAt && advisory.published_at) {
    state.publishedAt = advisory.published_at;
  }
  if ((advisory?.state === 'closed' || advisory?.state === 'withdrawn') && !state.closedAt && !state.publishedAt) {
    state.closedAt = advisory.closed_at ?? advisory.withdrawn_at ?? advisory.updated_at ?? undefined;
  }
  const retrospective = state.retrospectiveIssue;
  const heldAt = retrospective === undefined ? undefined : retrospectivesClosed.get(retrospective);
  if (state.publishedAt && !state.retrospectiveDoneAt && heldAt) state.retrospectiveDoneAt = heldAt;
  // A report filed by hand lives only in its issue: closing the issue before publication closes the report.
  if (!state.key.startsWith('GHSA-') && report.issue.state === 'closed' && !state.publishedAt && !state.closedAt) {
    state.closedAt = report.issue.closed_at ?? undefined;
  }
  return state;
}

function judge(
  config: SlaConfig,
  rule: DueSoonRule,
  now: Date,
  entry: { key: string; repository: string | null; advisory?: Advisory; tracked?: TrackedReport },
  data: SweepData,
): SweptReport {
  const { tracked, advisory } = entry;
  const state = tracked ? observedState(tracked, advisory, data.retrospectivesClosed, now) : undefined;
  const policy = state ? policyForState(config.policy, state) : config.policy;
  const facts = {
    key: entry.key,
    repository: entry.repository,
    advisory: advisory ? advisoryFacts(advisory) : undefined,
    state,
  };
  return { assessment: assessReport(policy, facts, now, rule), tracked, state, policy };
}

/** Every report in scope: each open advisory, and each tracked report that is not among them. */
export function assessSweep(config: SlaConfig, data: SweepData, now: Date, rule: DueSoonRule): SweptReport[] {
  const reports: SweptReport[] = [];
  const seen = new Set<string>();
  for (const advisory of data.open) {
    const key = advisory.ghsa_id;
    seen.add(key);
    const repository = fullName(advisoryRepository(advisory));
    reports.push(judge(config, rule, now, { key, repository, advisory, tracked: data.tracked.get(key) }, data));
  }
  for (const [key, tracked] of data.tracked) {
    if (seen.has(key) || !trackedInScope(config, tracked.state)) continue;
    const advisory = data.lookedUp.get(key);
    reports.push(judge(config, rule, now, { key, repository: tracked.state.repository, advisory, tracked }, data));
  }
  return reports;
}
