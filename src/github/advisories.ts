import { createOnce, NO_BLIND_RETRY, sameText } from './create-once.js';
import { advisoryPermissionError, hasStatus, isHttpError, PERMISSIONS } from './errors.js';
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

export interface NewAdvisory {
  readonly summary: string;
  readonly description: string;
  readonly vulnerabilities: { package: { ecosystem: string; name: string } }[];
  readonly credits?: { login: string; type: string }[];
}

/**
 * A draft advisory opened by the team (POST, "Create a repository security advisory"), exactly once: after an
 * ambiguous failure, a draft with the same summary and description is looked for before trying again.
 */
export async function createDraftAdvisory(client: GitHubClient, ref: RepoRef, fields: NewAdvisory): Promise<Advisory> {
  const same = (advisory: Advisory): boolean =>
    sameText(advisory.summary, fields.summary) && sameText(advisory.description, fields.description);
  try {
    return await createOnce(
      client,
      async () =>
        (
          await client.rest.securityAdvisories.createRepositoryAdvisory({
            ...ref,
            ...(fields as unknown as { summary: string; description: string; vulnerabilities: [] }),
            ...NO_BLIND_RETRY,
          })
        ).data,
      async () => (await listRepoAdvisories(client, ref, 'draft')).find(same),
    );
  } catch (error) {
    throw advisoryPermissionError(
      error,
      `Cannot open an advisory in ${ref.owner}/${ref.repo}`,
      PERMISSIONS.advisoriesWrite,
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
  /** Replaces the whole list: send the credits already there too. */
  credits?: { login: string; type: string }[];
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

/** What a CVE request came to: made now, or GitHub already had one for the advisory. */
export type CveRequestOutcome = 'requested' | 'already-requested';

/**
 * `requestCve`, counting a request GitHub already has as made. GitHub answers 422 to a second CVE request and shows
 * no "requested" flag on the advisory. A run that requested one and then died, or lost GitHub's answer to a 502, has
 * made the request: a later run must count it as made rather than fail on it forever.
 */
export async function requestCveOnce(client: GitHubClient, ref: RepoRef, ghsaId: string): Promise<CveRequestOutcome> {
  try {
    await requestCve(client, ref, ghsaId);
    return 'requested';
  } catch (error) {
    const already = /already (been )?requested/i.test(error instanceof Error ? error.message : '');
    if (hasStatus(error, 422) && already) return 'already-requested';
    throw error;
  }
}

/** A repository's advisories (every state), or undefined when the token cannot list them (GitHub answers 403 or 404). */
export async function listRepoAdvisoriesIfVisible(client: GitHubClient, ref: RepoRef): Promise<Advisory[] | undefined> {
  try {
    return await listRepoAdvisories(client, ref);
  } catch (error) {
    if (hasStatus(error, 403, 404)) return undefined;
    throw error;
  }
}

/** What asking GitHub to publish a draft advisory came to: published (GitHub's answer), or refused in its words. */
export type PublishAttempt =
  { readonly published: true; readonly advisory: Advisory } | { readonly published: false; readonly refusal: string };

/**
 * Publishes a draft advisory. GitHub's refusal (a 422 such as `vulnerabilities: An advisory needs at least one
 * affected product`) comes back as its message, field errors and status, without the docs link. A missing
 * permission is thrown as `updateAdvisory` throws it, and so is anything that is not an answer from GitHub.
 */
export async function publishDraftAdvisory(
  client: GitHubClient,
  ref: RepoRef,
  ghsaId: string,
): Promise<PublishAttempt> {
  try {
    return { published: true, advisory: await updateAdvisory(client, ref, ghsaId, { state: 'published' }) };
  } catch (error) {
    if (!isHttpError(error)) throw error;
    return { published: false, refusal: advisoryRefusalText(error) };
  }
}

/** GitHub's message and its field errors, then the status: `Validation Failed (422); vulnerabilities: …`. */
function advisoryRefusalText(error: { readonly status: number; readonly message: string }): string {
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const body = typeof data === 'object' && data !== null ? (data as { message?: unknown; errors?: unknown }) : {};
  const fieldErrors = Array.isArray(body.errors) ? body.errors.map(advisoryFieldErrorText).filter(Boolean) : [];
  const message = typeof body.message === 'string' ? body.message : error.message;
  return [`${message} (${error.status})`, ...fieldErrors].join('; ');
}

function advisoryFieldErrorText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return '';
  const { field, code, message } = entry as { field?: unknown; code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : typeof code === 'string' ? code : '';
  return typeof field === 'string' ? `${field}: ${text}` : text;
}
