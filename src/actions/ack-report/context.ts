import type { AckChannel } from '../../domain/tracker-state.js';
import type { GitHubClient } from '../../github/client.js';
import { getRepository } from '../../github/repos.js';
import { fullName, type Advisory, type Issue, type RepoRef } from '../../github/types.js';
import type { RunnerLog } from '../common/runner.js';
import type { AckConfig } from './config.js';

/** What every step of a run shares. */
export interface IntakeContext {
  readonly client: GitHubClient;
  readonly config: AckConfig;
  /** The job's log, for what goes wrong after a report is acknowledged (a failed notification, a tracker rewrite). */
  readonly log: Pick<RunnerLog, 'warning' | 'info'>;
  readonly now: Date;
  readonly runId: string;
  /** Whether a repository is private (cached: many reports share one). */
  readonly isPrivate: (ref: RepoRef) => Promise<boolean>;
}

/** A repository the token cannot see is treated as private: nothing is posted where it may not belong. */
export function repositoryPrivacyCache(client: GitHubClient): (ref: RepoRef) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>();
  return (ref) => {
    const key = fullName(ref).toLowerCase();
    let known = cache.get(key);
    if (!known) {
      known = getRepository(client, ref).then((repository) => repository?.private ?? true);
      cache.set(key, known);
    }
    return known;
  };
}

export interface AdvisoryCandidate {
  readonly kind: 'advisory';
  readonly key: string;
  readonly advisory: Advisory;
  readonly repository: RepoRef;
}

export interface IssueCandidate {
  readonly kind: 'issue';
  readonly key: string;
  readonly issue: Issue;
}

export type Candidate = AdvisoryCandidate | IssueCandidate;

export type OutcomeStatus = 'acknowledged' | 'already' | 'in-progress' | 'skipped' | 'failed';

/** What happened to one report in this run; every field is safe to print (ids, dates, channels, reasons). */
export interface Outcome {
  readonly key: string;
  readonly repository: string | null;
  readonly status: OutcomeStatus;
  readonly issueUrl?: string;
  readonly receivedAt?: string;
  readonly acknowledgedAt?: string;
  readonly due?: string;
  readonly late?: boolean;
  readonly channel?: AckChannel;
  /** Why it was skipped, left to another run or failed; or what failed after the acknowledgement was made. */
  readonly detail?: string;
}
