import { formatUtc } from '../../domain/checklist.js';
import type { Policy } from '../../domain/policy/types.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import type { RepoRef } from '../../github/types.js';
import { updateTracker, type TrackedReport, type TrackerLog } from '../common/tracker.js';
import type { ForkLinks } from './provision.js';

export const FORK_SECTION = 'fork';

/** Links the fork in the tracking issue and checks it off; writes only when something changed. */
export async function recordFork(
  client: GitHubClient,
  tracker: RepoRef,
  report: TrackedReport,
  policy: Policy,
  fork: ForkLinks,
  guidance: string,
  now: Date,
  log?: TrackerLog,
): Promise<boolean> {
  const sameFork = report.state.fork?.fullName.toLowerCase() === fork.fullName.toLowerCase();
  const state: TrackerState = {
    ...report.state,
    fork: { fullName: fork.fullName, url: fork.htmlUrl },
    forkCreatedAt: (sameFork ? report.state.forkCreatedAt : undefined) ?? now.toISOString(),
  };
  // A new fork after an earlier one was deleted: the deletion belongs to the old one.
  if (!sameFork) delete state.forkDeletedAt;
  const saved = await updateTracker(
    client,
    tracker,
    report,
    { state, policy, sections: { [FORK_SECTION]: guidance } },
    log,
  );
  return saved.written;
}

/** Records that the fork is gone; the `fork` section says when and why. */
export async function recordForkDeleted(
  client: GitHubClient,
  tracker: RepoRef,
  report: TrackedReport,
  policy: Policy,
  fork: string,
  advisoryState: string,
  now: Date,
  log?: TrackerLog,
): Promise<boolean> {
  const deletedAt = report.state.forkDeletedAt ?? now.toISOString();
  const state: TrackerState = { ...report.state, forkDeletedAt: deletedAt };
  const text = [
    '### Temporary private fork',
    '',
    `The temporary private fork ${fork} was deleted (${formatUtc(new Date(deletedAt))}) once the advisory was ${advisoryState}.`,
  ].join('\n');
  const saved = await updateTracker(
    client,
    tracker,
    report,
    { state, policy, sections: { [FORK_SECTION]: text } },
    log,
  );
  return saved.written;
}
