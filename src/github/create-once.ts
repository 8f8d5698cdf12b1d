/**
 * Creating something exactly once although GitHub's answer may be lost. A 5xx (GitHub timed out behind its load
 * balancer) or a dropped connection can come after the create was applied; octokit's retry would then make it
 * twice. So a create goes out with that blind retry off, and after an ambiguous failure we look for what it would
 * have made (the same title and body: nobody else writes our markers) before sending it again.
 */
import { isHttpError } from './errors.js';
import type { GitHubClient } from './client.js';
import { retryBaseMs } from './retry-base.js';

/** Request options that turn octokit's blind retry off for one request (rate-limit waits still apply). */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const;

const ATTEMPTS = 4;

/**
 * Whether the create may have been applied: a server error, or no answer at all (octokit reports a dropped
 * connection as a 500 too). A GraphQL error or a 4xx is GitHub's definite answer.
 */
export function isAmbiguous(error: unknown): boolean {
  return isHttpError(error) && error.status >= 500;
}

/** Whether `made` carries the same text we sent (GitHub keeps bodies as given, bar trailing white space). */
export function sameText(made: string | null | undefined, sent: string | undefined): boolean {
  return (made ?? '').trimEnd() === (sent ?? '').trimEnd();
}

/** `create`, once: after an ambiguous failure, `findMade` is asked before each new attempt. */
export async function createOnce<T>(
  client: GitHubClient,
  create: () => Promise<T>,
  findMade: () => Promise<T | undefined>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await create();
    } catch (error) {
      if (!isAmbiguous(error) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryBaseMs(client) * attempt * attempt));
      const made = await findMade();
      if (made !== undefined) return made;
    }
  }
}
