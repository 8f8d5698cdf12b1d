import { advisoryPermissionError, hasStatus, PERMISSIONS } from './errors.js';
import type { GitHubClient } from './client.js';
import type { Advisory, AdvisoryState, RepoRef } from './types.js';

type PatchableState = 'draft' | 'published' | 'closed';

/** The repository an advisory belongs to, read from its API url (the org-level list carries no repo field). */
export function advisoryRepository(advisory: Pick<Advisory, 'url'>): RepoRef {
  const match = /\/repos\/([^/]+)\/([^/]+)\/security-advisories\//.exec(advisory.url);
  if (!match?.[1] || !match[2]) throw new Error(`cannot tell the repository of advisory url ${advisory.url}`);
  return { owner: match[1], repo: match[2] };
}

export async function listRepoAdvisories(
  client: GitHubClient,
  ref: RepoRef,
  state?: AdvisoryState,
): Promise<Advisory[]> {
  return client.paginate(client.rest.securityAdvisories.listRepositoryAdvisories, {
    ...ref,
    per_page: 100,
    ...(state && state !== 'withdrawn' ? { state } : {}),
  });
}

export type OrgListing = { visible: true; advisories: Advisory[] } | { visible: false; status: number };

/** One paginated call for the whole org; only org owners and security managers may make it. */
export async function listOrgAdvisories(client: GitHubClient, org: string, state?: AdvisoryState): Promise<OrgListing> {
  try {
    const advisories = await client.paginate(client.rest.securityAdvisories.listOrgRepositoryAdvisories, {
      org,
      per_page: 100,
      ...(state && state !== 'withdrawn' ? { state } : {}),
    });
    return { visible: true, advisories };
  } catch (error) {
    if (hasStatus(error, 403, 404)) return { visible: false, status: (error as { status: number }).status };
    throw error;
  }
}

export async function getAdvisory(client: GitHubClient, ref: RepoRef, ghsaId: string): Promise<Advisory> {
  try {
    const { data } = await client.rest.securityAdvisories.getRepositoryAdvisory({ ...ref, ghsa_id: ghsaId });
    return data;
  } catch (error) {
    throw advisoryPermissionError(
      error,
      `Cannot read advisory ${ghsaId} in ${ref.owner}/${ref.repo} (it may not exist)`,
      PERMISSIONS.advisoriesRead,
    );
  }
}

/** The advisory, or undefined when GitHub answers 404 (no such advisory, or one the token cannot see). */
export async function findAdvisory(client: GitHubClient, ref: RepoRef, ghsaId: string): Promise<Advisory | undefined> {
  try {
    const { data } = await client.rest.securityAdvisories.getRepositoryAdvisory({ ...ref, ghsa_id: ghsaId });
    return data;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw advisoryPermissionError(
      error,
      `Cannot read advisory ${ghsaId} in ${ref.owner}/${ref.repo}`,
      PERMISSIONS.advisoriesRead,
    );
  }
}

export interface AdvisoryPatch {
  state?: PatchableState;
  severity?: 'critical' | 'high' | 'medium' | 'low';
  cvss_vector_string?: string;
  cwe_ids?: string[];
  collaborating_users?: string[];
  collaborating_teams?: string[];
  vulnerabilities?: {
    package: { ecosystem: string; name: string | null };
    vulnerable_version_range?: string | null;
    patched_versions?: string | null;
    vulnerable_functions?: string[] | null;
  }[];
}

export async function updateAdvisory(
  client: GitHubClient,
  ref: RepoRef,
  ghsaId: string,
  patch: AdvisoryPatch,
): Promise<Advisory> {
  try {
    const { data } = await client.rest.securityAdvisories.updateRepositoryAdvisory({
      ...ref,
      ghsa_id: ghsaId,
      ...(patch as Record<string, unknown>),
    });
    return data;
  } catch (error) {
    throw advisoryPermissionError(error, `Cannot update advisory ${ghsaId}`, PERMISSIONS.advisoriesWrite);
  }
}

export interface CollaboratorChange {
  readonly collaborating_users: string[];
  readonly collaborating_teams: string[];
  readonly addedUsers: string[];
  readonly addedTeams: string[];
}

/**
 * The collaborator lists to send so that `users` and `teams` are added. GitHub replaces the whole lists on PATCH,
 * so the existing collaborators are kept. Undefined when everyone is already there (no write needed).
 */
export function mergeCollaborators(
  advisory: Advisory,
  users: readonly string[],
  teams: readonly string[],
): CollaboratorChange | undefined {
  const currentUsers = (advisory.collaborating_users ?? []).map((u) => u.login);
  const currentTeams = (advisory.collaborating_teams ?? []).map((t) => t.slug);
  const lower = (list: string[]): Set<string> => new Set(list.map((x) => x.toLowerCase()));
  const haveUsers = lower(currentUsers);
  const haveTeams = lower(currentTeams);
  const addedUsers = [...new Set(users)].filter((u) => !haveUsers.has(u.toLowerCase()));
  const addedTeams = [...new Set(teams)].filter((t) => !haveTeams.has(t.toLowerCase()));
  if (addedUsers.length === 0 && addedTeams.length === 0) return undefined;
  return {
    collaborating_users: [...currentUsers, ...addedUsers],
    collaborating_teams: [...currentTeams, ...addedTeams],
    addedUsers,
    addedTeams,
  };
}

export async function requestCve(client: GitHubClient, ref: RepoRef, ghsaId: string): Promise<void> {
  try {
    await client.rest.securityAdvisories.createRepositoryAdvisoryCveRequest({ ...ref, ghsa_id: ghsaId });
  } catch (error) {
    throw advisoryPermissionError(error, `Cannot request a CVE for ${ghsaId}`, PERMISSIONS.advisoriesWrite);
  }
}

export async function createTemporaryFork(
  client: GitHubClient,
  ref: RepoRef,
  ghsaId: string,
): Promise<{ fullName: string; htmlUrl: string; cloneUrl: string }> {
  try {
    const { data } = await client.rest.securityAdvisories.createFork({ ...ref, ghsa_id: ghsaId });
    return { fullName: data.full_name, htmlUrl: data.html_url, cloneUrl: data.clone_url };
  } catch (error) {
    throw advisoryPermissionError(
      error,
      `Cannot create the temporary private fork for ${ghsaId}`,
      `${PERMISSIONS.advisoriesWrite}" and "${PERMISSIONS.administration}`,
    );
  }
}
