/**
 * Step 7: in the private tracker, open (or find) the retrospective, then for each tracking issue record the release
 * and publication in its state (the checklist checks them off), post the summary once, and close it.
 */
import { formatUtc } from '../../domain/checklist.js';
import { retrospectiveDue } from '../../domain/retrospective.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { postOnce } from '../../github/issues.js';
import type { Advisory, RepoRef } from '../../github/types.js';
import { policyForState, updateTracker, type TrackerLog } from '../common/tracker.js';
import type { PublishConfig } from './config.js';
import { ensureRetrospective, releasedState, renderRetrospective } from './retrospective.js';
import type { Links, Plan } from './types.js';

export interface TrackerResult {
  /** Undefined when the policy holds no retrospective (`enforcement: { retrospective: off }`, conda-forge's). */
  readonly retrospectiveIssue: number | undefined;
  readonly retrospectiveCreated: boolean;
  readonly closed: readonly number[];
  readonly updated: readonly number[];
  readonly commented: readonly number[];
}

const summaryMarker = (ghsaId: string): string => `<!-- disclosure-actions:release-summary ${ghsaId} -->`;

function summaryComment(
  advisory: Advisory,
  state: TrackerState,
  links: Links,
  retrospective: { number: number; due: Date } | undefined,
): string {
  const published = state.publishedAt ? formatUtc(new Date(state.publishedAt)) : 'now';
  return [
    state.disclosedWithoutFix
      ? `**Disclosed without a fix** (${state.disclosedWithoutFix.reason}). ${advisory.ghsa_id} was published ${published}: ${advisory.html_url}`
      : `**Released and disclosed.** ${advisory.ghsa_id} was published ${published}: ${advisory.html_url}`,
    '',
    `- Release: ${links.releaseUrl ?? 'no GitHub release updated'}`,
    `- Announcement: ${links.announcementUrl ?? 'not posted by the workflow'}`,
    retrospective
      ? `- Retrospective: #${retrospective.number}, due ${formatUtc(retrospective.due)}`
      : '- Retrospective: none (the policy holds none)',
    '',
    retrospective
      ? 'Closing this tracking issue: the disclosure is complete. The retrospective continues in its own issue.'
      : 'Closing this tracking issue: the disclosure is complete.',
  ].join('\n');
}

export async function closeOutTracker(
  client: GitHubClient,
  config: PublishConfig,
  tracker: RepoRef,
  plan: Plan,
  links: Links,
  now: Date,
  log?: TrackerLog,
): Promise<TrackerResult> {
  const held = config.policy.enforcement.retrospective !== 'off';
  const retrospective = held
    ? await ensureRetrospective(client, tracker, plan, () => renderRetrospective(config, plan, links, now))
    : undefined;
  const result = { closed: [] as number[], updated: [] as number[], commented: [] as number[] };
  for (const [ghsaId, report] of plan.reports) {
    const advisory = plan.advisories.get(ghsaId);
    if (!advisory) continue;
    const reason = config.text.noFixReason;
    const state: TrackerState = {
      ...releasedState(report.state, advisory, now),
      ...(retrospective ? { retrospectiveIssue: retrospective.number } : {}),
      ...(links.announcementUrl ? { announcementUrl: links.announcementUrl } : {}),
      ...(links.releaseUrl ? { releaseUrl: links.releaseUrl } : {}),
      ...(reason === undefined
        ? {}
        : { disclosedWithoutFix: report.state.disclosedWithoutFix ?? { reason, at: now.toISOString() } }),
    };
    const policy = policyForState(config.policy, state);
    const due = retrospectiveDue(policy, new Date(state.releasedAt ?? now.toISOString()));
    const comment = summaryComment(advisory, state, links, retrospective && { number: retrospective.number, due });
    const number = report.issue.number;
    if ((await postOnce(client, tracker, number, summaryMarker(ghsaId), comment)) === 'created')
      result.commented.push(number);
    const saved = await updateTracker(
      client,
      tracker,
      report,
      { state, policy: config.policy, close: 'completed' },
      log,
    );
    if (saved.body) result.updated.push(number);
    if (saved.closed) result.closed.push(number);
    if (saved.written) plan.reports.set(ghsaId, saved);
  }
  return {
    retrospectiveIssue: retrospective?.number,
    retrospectiveCreated: retrospective?.created ?? false,
    ...result,
  };
}
