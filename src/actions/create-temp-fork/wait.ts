import { formatWait, pollDelays } from '../../domain/fork.js';
import type { GitHubClient } from '../../github/client.js';
import { getRepository } from '../../github/repos.js';
import type { RepoRef, Repository } from '../../github/types.js';
import { fullName } from '../../github/types.js';
import type { RunnerLog } from '../common/runner.js';

export type Readiness = { readonly ready: true; readonly repository: Repository } | { readonly ready: false };

export type Sleep = (ms: number) => Promise<void>;

const sleep: Sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * GitHub answers the fork request with 202 before the repository exists: it answers 404 until it is created.
 * Checks at once, then after each pause of the backoff schedule, until it answers or `timeoutMs` has passed.
 */
export async function waitUntilReady(
  client: GitHubClient,
  log: Pick<RunnerLog, 'info'>,
  fork: RepoRef,
  timeoutMs: number,
  pause: Sleep = sleep,
): Promise<Readiness> {
  const delays = pollDelays(timeoutMs);
  for (let attempt = 0; ; attempt += 1) {
    const repository = await getRepository(client, fork);
    if (repository) return { ready: true, repository };
    const delay = delays[attempt];
    if (delay === undefined) return { ready: false };
    log.info(`GitHub is still creating ${fullName(fork)}; checking again in ${formatWait(delay)}.`);
    await pause(delay);
  }
}
