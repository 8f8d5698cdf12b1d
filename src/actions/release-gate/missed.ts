/**
 * A release missed on its agreed day: the scheduled gate started after the day's window closed (a late cron run, a
 * queue). It is loud: the run fails with an annotation saying what to do, and the team is told once, in each
 * tracking issue (a comment mentioning the team) and on chat. Each tracking issue records the notification in its
 * state (`notified`), so a re-run (or the next late cron run of the same day) tells nobody again.
 */
import { formatUtc } from '../../domain/checklist.js';
import { ExpectedFailure } from '../../domain/errors.js';
import type { Policy } from '../../domain/policy/types.js';
import type { GitHubClient } from '../../github/client.js';
import { postOnce } from '../../github/issues.js';
import { fullName, type RepoRef } from '../../github/types.js';
import type { ChatChannel } from '../common/chat.js';
import type { TeamRef } from '../common/inputs.js';
import type { RunnerLog } from '../common/runner.js';
import { updateTracker, type TrackedReport } from '../common/tracker.js';

/** The `notified` key of a missed release day, one per day (a release agreed again later can be missed again). */
export const missedKey = (day: string): string => `release-gate:missed:${day}`;

export interface MissedRelease {
  readonly repository: RepoRef;
  /** The agreed release day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly ghsaIds: readonly string[];
  /** When the day's window closed, and when this run looked. */
  readonly closedAt: Date;
  readonly ranAt: Date;
}

export interface MissedContext {
  readonly client: GitHubClient;
  readonly tracker: RepoRef;
  readonly policy: Policy;
  readonly team: TeamRef | undefined;
  readonly webhook: ChatChannel | undefined;
  readonly log: Pick<RunnerLog, 'info' | 'warning'>;
}

/** What to do about it, in the annotation, the comment and the summary. */
export function missedAdvice(missed: MissedRelease): string {
  return (
    `the security release of ${fullName(missed.repository)} agreed for ${missed.day} was missed: this scheduled run ` +
    `started at ${formatUtc(missed.ranAt)}, after the release window closed at ${formatUtc(missed.closedAt)}. ` +
    'Agree a new release day in the tracking issue (`/triage release-date=YYYY-MM-DD`), or release today by running ' +
    'the release workflow by hand with a `force-reason` (the release still needs its `/release approve`).'
  );
}

function commentBody(missed: MissedRelease, team: TeamRef | undefined): string {
  const mention = team ? `@${team.org}/${team.slug}: ` : '';
  return `**Security release missed.** ${mention}${missedAdvice(missed)}`;
}

function chatText(missed: MissedRelease, links: readonly string[]): string {
  return (
    `Security release missed: ${fullName(missed.repository)} (${missed.ghsaIds.join(', ')}) was agreed for ` +
    `${missed.day}; the gate started at ${formatUtc(missed.ranAt)}, after the window closed. ${links.join(' ')}`
  ).trim();
}

/**
 * Tells the team once: a comment in each tracking issue (its marker makes a re-run find it), one chat message for the
 * release unless every tracking issue records it as sent, then the record. Returns how many were told now.
 */
export async function escalateMissed(
  ctx: MissedContext,
  missed: MissedRelease,
  tracked: ReadonlyMap<string, TrackedReport>,
): Promise<number> {
  const key = missedKey(missed.day);
  const reports = missed.ghsaIds.flatMap((id) => tracked.get(id) ?? []);
  const untold = reports.filter(({ state }) => !state.notified.includes(key));
  if (untold.length === 0) return 0;
  const marker = `<!-- disclosure-actions:release-missed ${missed.day} -->`;
  for (const { issue } of untold) {
    await postOnce(ctx.client, ctx.tracker, issue.number, marker, commentBody(missed, ctx.team));
  }
  if (ctx.webhook) {
    const problem = await ctx.webhook.send(
      chatText(
        missed,
        untold.map(({ issue }) => issue.html_url),
      ),
      `Missed release of ${missed.day}`,
    );
    // Certainly not delivered: not recorded, so the next run sends it.
    if (problem) return 0;
  }
  for (const report of untold) {
    const state = { ...report.state, notified: [...report.state.notified, key] };
    await updateTracker(ctx.client, ctx.tracker, report, { state, policy: ctx.policy }, ctx.log);
  }
  return untold.length;
}

export function missedFailure(missed: MissedRelease): ExpectedFailure {
  const advice = missedAdvice(missed);
  return new ExpectedFailure(`Release missed: ${advice.charAt(0).toUpperCase()}${advice.slice(1)}`);
}
