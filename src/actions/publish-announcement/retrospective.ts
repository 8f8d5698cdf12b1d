/**
 * The retrospective issue in the private tracker: one per release, found again by its hidden marker, its timeline
 * filled from the tracker state each report reached.
 */
import { newTrackerState, type TrackerState } from '../../domain/tracker-state.js';
import { buildRetrospectiveData, type ReleasedReport } from '../../domain/retrospective.js';
import type { GitHubClient } from '../../github/client.js';
import { createIssue, findByMarker, listIssuesWithLabel } from '../../github/issues.js';
import { fullName, type Advisory, type RepoRef } from '../../github/types.js';
import { renderChosenTemplate } from '../common/template-render.js';
import { policyForState } from '../common/tracker.js';
import type { PublishConfig } from './config.js';
import type { Links, Plan } from './types.js';

/** Every retrospective issue carries it, so one list call finds them. */
export const RETROSPECTIVE_LABEL = 'disclosure-retrospective';

export function retrospectiveMarker(ghsaIds: readonly string[]): string {
  return `<!-- disclosure-actions:retrospective ${[...ghsaIds].sort().join(',')} -->`;
}

/** The state as step 7 leaves it: released and published (kept when already recorded). */
export function releasedState(state: TrackerState, advisory: Advisory, now: Date): TrackerState {
  return {
    ...state,
    releasedAt: state.releasedAt ?? now.toISOString(),
    publishedAt: state.publishedAt ?? advisory.published_at ?? now.toISOString(),
  };
}

function stateOf(config: PublishConfig, plan: Plan, advisory: Advisory, now: Date): TrackerState {
  const recorded = plan.reports.get(advisory.ghsa_id)?.state;
  const base =
    recorded ??
    newTrackerState(
      advisory.ghsa_id,
      fullName(config.repository),
      config.policy.name,
      advisory.created_at ?? now.toISOString(),
    );
  return releasedState(base, advisory, now);
}

export function releasedReports(config: PublishConfig, plan: Plan, now: Date): ReleasedReport[] {
  return [...plan.advisories.values()].map((advisory) => {
    const state = stateOf(config, plan, advisory, now);
    return {
      advisory,
      state,
      policy: policyForState(config.policy, state),
      trackingIssue: plan.reports.get(advisory.ghsa_id)?.issue.number ?? null,
    };
  });
}

/** The release moment: the earliest release recorded for these reports (this run's clock when none was). */
export function releaseTime(facts: readonly ReleasedReport[], now: Date): Date {
  const times = facts.map((fact) => new Date(fact.state.releasedAt ?? now.toISOString()).getTime());
  return new Date(Math.min(now.getTime(), ...times));
}

export interface RenderedRetrospective {
  readonly title: string;
  readonly body: string;
  readonly dueAt: string;
}

export function renderRetrospective(config: PublishConfig, plan: Plan, links: Links, now: Date): RenderedRetrospective {
  const facts = releasedReports(config, plan, now);
  const data = buildRetrospectiveData(facts, {
    project: config.text.project,
    version: config.text.version,
    repository: fullName(config.repository),
    policy: config.policy,
    releasedAt: releaseTime(facts, now),
    releaseTag: plan.release?.tag_name ?? null,
    ...links,
    now,
  });
  const marker = retrospectiveMarker([...plan.advisories.keys()]);
  const body = `${marker}\n${renderChosenTemplate(config.templates.retrospective, data).trimEnd()}\n`;
  return { title: data.title, body, dueAt: data.dueAt };
}

/** The retrospective issue: the one a report's state names, else the one with the marker, else a new one. */
export async function ensureRetrospective(
  client: GitHubClient,
  tracker: RepoRef,
  plan: Plan,
  render: () => RenderedRetrospective,
): Promise<{ number: number; created: boolean }> {
  const recorded = [...plan.reports.values()].find((report) => report.state.retrospectiveIssue !== undefined);
  const recordedNumber = recorded?.state.retrospectiveIssue;
  if (recordedNumber !== undefined) return { number: recordedNumber, created: false };
  const marker = retrospectiveMarker([...plan.advisories.keys()]);
  const existing = findByMarker(await listIssuesWithLabel(client, tracker, RETROSPECTIVE_LABEL, 'all'), marker);
  if (existing) return { number: existing.number, created: false };
  const retrospective = render();
  const issue = await createIssue(client, tracker, {
    title: retrospective.title,
    body: retrospective.body,
    labels: [RETROSPECTIVE_LABEL],
  });
  return { number: issue.number, created: true };
}
