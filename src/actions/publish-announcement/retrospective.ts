/**
 * The retrospective issue in the private tracker: one per release, found again by its hidden marker, its timeline
 * filled from the tracker state each report reached.
 */
import { newTrackerState, withCve, type TrackerState } from '../../domain/tracker-state.js';
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
  const publishedAt = state.publishedAt ?? advisory.published_at ?? now.toISOString();
  return {
    ...withCve(state, advisory.cve_id, now.toISOString()),
    releasedAt: state.releasedAt ?? now.toISOString(),
    publishedAt,
    // "Publishing a security advisory deletes the temporary private fork" (GitHub): nobody has to delete it.
    ...(state.fork && !state.forkDeletedAt ? { forkDeletedAt: publishedAt } : {}),
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
    releaseTag: plan.releases[0]?.tag_name ?? null,
    ...links,
    now,
  });
  const marker = retrospectiveMarker([...plan.advisories.keys()]);
  const rendered = renderChosenTemplate(config.templates.retrospective, data).trimEnd();
  const body = `${marker}\n${rendered}\n\n${sharingSection(config)}\n`;
  return { title: data.title, body, dueAt: data.dueAt };
}

/**
 * Stacklok sends the retrospective "to the Stacklok Discord Server", with "links to relevant PRs that introduced the
 * issue, if relevant": a prompt for those PRs, and how it is shared (step 8) once written.
 */
export function sharingSection(config: PublishConfig): string {
  const where = `${fullName(config.repository)}`;
  const share = config.retrospectiveCategory
    ? `When it is written and reviewed, close this issue as completed: the next run of publish-announcement (the security-release workflow, same inputs) posts it in the "${config.retrospectiveCategory}" discussion category of ${where}, where it is public. Write nothing here that must stay private.`
    : 'It stays in the private tracker. To share it with the community once written (as Stacklok does), set "retrospective-category" on publish-announcement and close this issue as completed.';
  return [
    '### Which pull requests introduced the issue?',
    '',
    'Link each one, if relevant (or say that none did):',
    '',
    '- ',
    '',
    '### Sharing',
    '',
    share,
  ].join('\n');
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
