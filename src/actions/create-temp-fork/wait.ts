import { formatWait, pollDelays } from '../../domain/fork.js';
import { getAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import type { Advisory, RepoRef } from '../../github/types.js';
import type { RunnerLog } from '../common/runner.js';

export type Sleep = (ms: number) => Promise<void>;

const sleep: Sleep = (ms) => new Promise((done) => setTimeout(done, ms));

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * GitHub answers the fork request with 202 and makes the fork in the background. Integrations (an App installation
 * token, GITHUB_TOKEN) can never read the fork itself, so the advisory is what is watched: its `private_fork` names
 * the fork once GitHub has linked it. Checks at once, then after each pause of the backoff schedule, until the
 * advisory names `fork` or `timeoutMs` has passed. Never requests the fork repository.
 */
export async function waitUntilLinked(
  client: GitHubClient,
  log: Pick<RunnerLog, 'info'>,
  ref: RepoRef,
  ghsaId: string,
  fork: string,
  timeoutMs: number,
  pause: Sleep = sleep,
): Promise<Advisory | undefined> {
  const delays = pollDelays(timeoutMs);
  for (let attempt = 0; ; attempt += 1) {
    const advisory = await getAdvisory(client, ref, ghsaId);
    const linked = advisory.private_fork?.full_name;
    if (linked !== undefined && sameName(linked, fork)) return advisory;
    const delay = delays[attempt];
    if (delay === undefined) return undefined;
    log.info(`${ghsaId} does not list its temporary private fork ${fork} yet; checking again in ${formatWait(delay)}.`);
    await pause(delay);
  }
}
