import type { GitHubClient } from './client.js';

/**
 * The run's client, built by the one factory (client.ts) when a run first needs it. The factory is imported here,
 * on demand, so octokit, its plugins and bottleneck load only in a run that makes a request.
 */
export async function openClient(token: string): Promise<GitHubClient> {
  const { clientOptionsFromEnv, createClient } = await import('./client.js');
  return createClient(clientOptionsFromEnv(token));
}

/** A client opened on first call and shared by every later one: steps that may each need it open it once. */
export function lazyClient(token: string): () => Promise<GitHubClient> {
  let client: Promise<GitHubClient> | undefined;
  return () => (client ??= openClient(token));
}
