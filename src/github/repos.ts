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

/** Where the privacy check reports what it can only warn about (the organization's base permission). */
export interface PrivacyLog {
  warning(message: string): void;
  notice(message: string): void;
}

/**
 * Tracking issues hold embargoed details, so the tracker must be private. Refuses a public repository, an internal
 * one (GitHub answers `private: true` for those too, but every member of the enterprise can read them), and one the
 * token cannot see, before anything is written. With `log`, also warns when the organization's base permission lets
 * every member read the tracker, or says that the token cannot tell (see trackerExposure).
 */
export async function requirePrivateTracker(
  client: GitHubClient,
  ref: RepoRef,
  inputName: string,
  log?: PrivacyLog,
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
  if (repository.visibility === 'internal') {
    throw new ConfigurationError(
      `The tracker repository ${fullName(ref)} is internal: every member of the enterprise that owns ${ref.owner} can read it, and tracking issues carry embargoed details. Change its visibility to private (Settings, Danger Zone) or name a private repository in "${inputName}".`,
      inputName,
    );
  }
  if (log && repository.owner.type === 'Organization') await reportExposure(client, ref, log);
  return repository;
}

/** Each organization's base permission is reported once per client (a run), however often the tracker is checked. */
const REPORTED = new WeakMap<object, Set<string>>();

async function reportExposure(client: GitHubClient, ref: RepoRef, log: PrivacyLog): Promise<void> {
  const seen = REPORTED.get(client) ?? new Set<string>();
  REPORTED.set(client, seen);
  const org = ref.owner.toLowerCase();
  if (seen.has(org)) return;
  seen.add(org);
  const text = exposureText(ref, await organizationBasePermission(client, ref.owner));
  if (text?.level === 'warning') log.warning(text.message);
  else if (text) log.notice(text.message);
}

/** What the organization's base permission means for the tracker: a warning, a notice that nobody can tell, or nothing. */
export function exposureText(
  ref: RepoRef,
  permission: BasePermissionAnswer,
): { level: 'warning' | 'notice'; message: string } | undefined {
  const tracker = fullName(ref);
  if (permission === 'none' || permission === 'not-an-organization') return undefined;
  if (permission === 'hidden') {
    return {
      level: 'notice',
      message: `Cannot tell whether every member of ${ref.owner} can read the private tracker ${tracker}: GitHub shows an organization's base permission (default_repository_permission) to organization owners only, and this token is not one. Check Organization settings, Member privileges, Base permissions: with "No permission", only the people and teams given access to ${tracker} can read it.`,
    };
  }
  return {
    level: 'warning',
    message: `Every member of ${ref.owner} can read the private tracker ${tracker} and the embargoed reports in it: the organization's base permission is "${permission}". Set Organization settings, Member privileges, Base permissions to "No permission" and give the response team access to ${tracker} instead.`,
  };
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

/** A repository as one page of an organization's list shows it. */
export interface PagedRepository {
  readonly fullName: string;
  readonly private: boolean;
  readonly fork: boolean;
  readonly archived: boolean;
}

export interface OrgRepositoryPage {
  readonly repositories: PagedRepository[];
  /** The page number of GitHub's `last` link; undefined when there is none (this page is the last, or past it). */
  readonly lastPage: number | undefined;
}

/** One page of an organization's repositories (all types, by full name): one request. */
export async function listOrgRepositoryPage(
  client: GitHubClient,
  org: string,
  page: number,
  perPage: number,
): Promise<OrgRepositoryPage> {
  const { data, headers } = await client.rest.repos.listForOrg({
    org,
    type: 'all',
    sort: 'full_name',
    per_page: perPage,
    page,
  });
  const last = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(headers.link ?? '');
  return {
    repositories: data.map((repo) => ({
      fullName: repo.full_name,
      private: repo.private,
      fork: repo.fork,
      archived: repo.archived ?? false,
    })),
    lastPage: last?.[1] ? Number(last[1]) : undefined,
  };
}

/** An organization's base permission, or why it is not known: `hidden` (not an owner's token), not an organization. */
export type BasePermissionAnswer = 'none' | 'read' | 'write' | 'admin' | 'hidden' | 'not-an-organization';

/**
 * GET /orgs/{org}'s `default_repository_permission`: the access every member has to every repository of the
 * organization. GitHub includes it for organization owners only; a token that is not one gets the public profile.
 */
export async function organizationBasePermission(client: GitHubClient, org: string): Promise<BasePermissionAnswer> {
  try {
    const { data } = await client.rest.orgs.get({ org });
    const permission = (data as { default_repository_permission?: string | null }).default_repository_permission;
    return permission === 'none' || permission === 'read' || permission === 'write' || permission === 'admin'
      ? permission
      : 'hidden';
  } catch (error) {
    if (hasStatus(error, 404)) return 'not-an-organization';
    if (hasStatus(error, 403)) return 'hidden';
    throw error;
  }
}
