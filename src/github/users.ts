import type { GitHubClient } from './client.js';
import { hasStatus } from './errors.js';

/**
 * Who the token acts for. GitHub keeps temporary private forks from integrations ("integrations, including CI, cannot
 * access temporary private forks"), and GET /user is the one question that tells them apart without touching a fork:
 * it answers a person's token (personal access token, App user access token) with the login, and an App installation
 * token (GITHUB_TOKEN is one) with 403 "Resource not accessible by integration".
 */
export type TokenHolder = { readonly kind: 'person'; readonly login: string } | { readonly kind: 'integration' };

export async function tokenHolder(client: GitHubClient): Promise<TokenHolder> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return { kind: 'person', login: data.login };
  } catch (error) {
    if (hasStatus(error, 403)) return { kind: 'integration' };
    throw error;
  }
}
