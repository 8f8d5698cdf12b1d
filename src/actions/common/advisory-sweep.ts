/**
 * Every advisory in a sweep's scope, in as few requests as GitHub allows: the organization-level list (one request
 * per 100 advisories) when the token may use it, else each repository's list with bounded concurrency, and a warning
 * that says so. Repositories whose advisories the token cannot list are named, never passed over in silence.
 */
import { ConfigurationError } from '../../domain/errors.js';
import { advisoryRepository, listOrgAdvisories, listRepoAdvisories } from '../../github/advisories.js';
import type { RunnerLog } from './runner.js';
import type { GitHubClient } from '../../github/client.js';
import { hasStatus, PERMISSIONS } from '../../github/errors.js';
import { listOrgRepositories, type ListedRepository } from '../../github/repos.js';
import { fullName, splitFullName, type Advisory, type AdvisoryState, type RepoRef } from '../../github/types.js';
import { mapWithConcurrency, startedEarly } from './concurrency.js';

export interface SweepScope {
  readonly organization: string | undefined;
  readonly repositories: readonly RepoRef[];
}

export interface ScopedAdvisory {
  readonly advisory: Advisory;
  readonly repository: RepoRef;
}

export interface SweepListing {
  readonly advisories: ScopedAdvisory[];
  /** Repositories whose advisories the token cannot list (404/403). */
  readonly notVisible: string[];
  /**
   * Repositories the token lists but is no admin (or security manager) of: GitHub shows it their published
   * advisories only, so a new report there would go unseen. A sweep that has any is blind there.
   */
  readonly partlyVisible: string[];
  /** Repositories whose listing failed for another reason (after the client's retries). */
  readonly failures: { item: string; message: string }[];
  /** The organization-level list was refused and each repository was listed instead. */
  readonly fellBack: boolean;
}

export const DEFAULT_LIST_CONCURRENCY = 8;

/** Whether a repository is in the scope (the organization, or one of the listed repositories). */
export function inScope(scope: SweepScope, repository: string): boolean {
  const name = repository.toLowerCase();
  const [owner] = name.split('/');
  if (scope.organization !== undefined && owner === scope.organization.toLowerCase()) return true;
  return scope.repositories.some((ref) => fullName(ref).toLowerCase() === name);
}

async function listOneRepository(
  client: GitHubClient,
  ref: RepoRef,
  states: readonly AdvisoryState[],
): Promise<Advisory[]> {
  // One state: GitHub filters. Several: one unfiltered list (a repository rarely has 100 advisories) filtered here.
  if (states.length === 1) return listRepoAdvisories(client, ref, states[0]);
  const all = await listRepoAdvisories(client, ref);
  return all.filter((advisory) => states.includes(advisory.state));
}

async function listRepositories(
  client: GitHubClient,
  repositories: readonly RepoRef[],
  states: readonly AdvisoryState[],
  concurrency: number,
): Promise<Omit<SweepListing, 'fellBack' | 'partlyVisible'>> {
  const listing: Omit<SweepListing, 'fellBack' | 'partlyVisible'> = { advisories: [], notVisible: [], failures: [] };
  await mapWithConcurrency(repositories, concurrency, async (ref) => {
    try {
      const advisories = await listOneRepository(client, ref, states);
      listing.advisories.push(...advisories.map((advisory) => ({ advisory, repository: ref })));
    } catch (error) {
      // A configuration error (a server without advisories, say) is the whole run's, not one repository's.
      if (error instanceof ConfigurationError) throw error;
      if (hasStatus(error, 403, 404)) listing.notVisible.push(fullName(ref));
      else listing.failures.push({ item: fullName(ref), message: (error as Error).message });
    }
  });
  return listing;
}

async function organizationRepositories(client: GitHubClient, org: string): Promise<ListedRepository[]> {
  try {
    return await listOrgRepositories(client, org);
  } catch (error) {
    if (!hasStatus(error, 403, 404)) throw error;
    throw new ConfigurationError(
      `Input "organization" is "${org}", whose repositories the token cannot list (GitHub answered ${(error as { status: number }).status}): it accepts an organization the token is installed on, with "${PERMISSIONS.advisoriesRead}" on its repositories.`,
      'organization',
    );
  }
}

async function listOrganization(
  client: GitHubClient,
  log: Pick<RunnerLog, 'warning'>,
  org: string,
  states: readonly AdvisoryState[],
  concurrency: number,
): Promise<SweepListing> {
  const advisories: ScopedAdvisory[] = [];
  // Each state's list is requested at once and read in order, as when they went one after the other.
  const listings = states.map((state) => startedEarly(listOrgAdvisories(client, org, state)));
  for (const pending of listings) {
    const listing = await pending;
    if (!listing.visible) {
      log.warning(
        `The token cannot list ${org}'s advisories at the organization level (GitHub answered ${listing.status}; only organization owners and security managers can): listing each repository instead, which takes one request per repository.`,
        { title: 'advisory sweep: per-repository fallback' },
      );
      const repositories = await organizationRepositories(client, org);
      const refs = repositories.map((repo) => splitFullName(repo.fullName));
      const partlyVisible = repositories.filter((repo) => repo.admin === false).map((repo) => repo.fullName);
      return { ...(await listRepositories(client, refs, states, concurrency)), partlyVisible, fellBack: true };
    }
    advisories.push(...listing.advisories.map((advisory) => ({ advisory, repository: advisoryRepository(advisory) })));
  }
  return { advisories, notVisible: [], partlyVisible: [], failures: [], fellBack: false };
}

/** The advisories in the given states across the scope; one advisory appears once even when named twice. */
export async function listAdvisoriesInScope(
  client: GitHubClient,
  log: Pick<RunnerLog, 'warning'>,
  scope: SweepScope,
  states: readonly AdvisoryState[],
  concurrency: number = DEFAULT_LIST_CONCURRENCY,
): Promise<SweepListing> {
  const fromOrg = scope.organization
    ? await listOrganization(client, log, scope.organization, states, concurrency)
    : { advisories: [], notVisible: [], partlyVisible: [], failures: [], fellBack: false };
  const listedRepos = scope.organization
    ? scope.repositories.filter((ref) => ref.owner.toLowerCase() !== scope.organization?.toLowerCase())
    : scope.repositories;
  const fromRepos = await listRepositories(client, listedRepos, states, concurrency);
  const seen = new Set<string>();
  const advisories = [...fromOrg.advisories, ...fromRepos.advisories].filter(({ advisory }) => {
    if (seen.has(advisory.ghsa_id)) return false;
    seen.add(advisory.ghsa_id);
    return true;
  });
  return {
    advisories,
    notVisible: [...fromOrg.notVisible, ...fromRepos.notVisible],
    partlyVisible: fromOrg.partlyVisible,
    failures: [...fromOrg.failures, ...fromRepos.failures],
    fellBack: fromOrg.fellBack,
  };
}
