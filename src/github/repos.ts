import { ConfigurationError } from '../domain/errors.js';
import { advisoryPermissionError, hasStatus, PERMISSIONS } from './errors.js';
import type { GitHubClient } from './client.js';
import type { RepoRef, Repository } from './types.js';
import { fullName } from './types.js';

export async function getRepository(client: GitHubClient, ref: RepoRef): Promise<Repository | undefined> {
  try {
    const { data } = await client.rest.repos.get({ ...ref });
    return data;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * Tracking issues hold embargoed details, so the tracker must be private. Refuses a public (or internal-but-
 * visible) repository, and one the token cannot see, before anything is written.
 */
export async function requirePrivateTracker(
  client: GitHubClient,
  ref: RepoRef,
  inputName: string,
): Promise<Repository> {
  const repository = await getRepository(client, ref);
  if (!repository) {
    throw new ConfigurationError(
      `The tracker repository ${fullName(ref)} does not exist or the token cannot see it; create it as a private repository and give the token "${PERMISSIONS.issues}" on it.`,
      inputName,
    );
  }
  if (!repository.private) {
    throw new ConfigurationError(
      `The tracker repository ${fullName(ref)} is public. Tracking issues carry embargoed details, so the tracker must be a private repository: make it private or name another in "${inputName}".`,
      inputName,
    );
  }
  return repository;
}

export async function getFileText(client: GitHubClient, ref: RepoRef, path: string): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({ ...ref, path });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/** The first of `paths` that exists, with its text. */
export async function getFirstFile(
  client: GitHubClient,
  ref: RepoRef,
  paths: readonly string[],
): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    const text = await getFileText(client, ref, path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

export async function isPrivateReportingEnabled(client: GitHubClient, ref: RepoRef): Promise<boolean | undefined> {
  try {
    const { data } = await client.rest.repos.checkPrivateVulnerabilityReporting({ ...ref });
    return data.enabled;
  } catch (error) {
    if (hasStatus(error, 403, 404)) return undefined;
    throw error;
  }
}

export interface ListedRepository {
  readonly name: string;
  readonly fullName: string;
  readonly private: boolean;
  readonly archived: boolean;
  /**
   * Whether the token is an admin of it (GitHub's `permissions.admin`; undefined when not reported). Only admins
   * and security managers see unpublished advisories: anyone else gets the published ones, quietly.
   */
  readonly admin: boolean | undefined;
}

export async function listOrgRepositories(client: GitHubClient, org: string): Promise<ListedRepository[]> {
  const repos = await client.paginate(client.rest.repos.listForOrg, { org, per_page: 100, type: 'all' });
  return repos.map((repo) => ({
    name: repo.name,
    fullName: repo.full_name,
    private: repo.private,
    archived: repo.archived ?? false,
    admin: repo.permissions?.admin,
  }));
}

export async function deleteRepository(client: GitHubClient, ref: RepoRef): Promise<void> {
  try {
    await client.rest.repos.delete({ ...ref });
  } catch (error) {
    throw advisoryPermissionError(
      error,
      `Cannot delete the temporary private fork ${fullName(ref)}`,
      PERMISSIONS.administration,
    );
  }
}
