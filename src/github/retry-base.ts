import type { GitHubClient } from './client.js';

/**
 * Each client's backoff base for 5xx, kept apart from the factory (client.ts) so that the modules that read it do
 * not load octokit with it: they are bundled into a run's first chunk, the client only once a request is made.
 */
const RETRY_BASE_MS = new WeakMap<GitHubClient, number>();

export function rememberRetryBase(client: GitHubClient, ms: number): void {
  RETRY_BASE_MS.set(client, ms);
}

/** The client's backoff base for 5xx, for the creates that retry by themselves (create-once.ts). */
export function retryBaseMs(client: GitHubClient): number {
  return RETRY_BASE_MS.get(client) ?? 1000;
}
