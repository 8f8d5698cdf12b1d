import type { ForkOwner } from '../../domain/fork.js';
import { advisoryRepository, listOrgAdvisories, listRepoAdvisoriesIfVisible } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { listOrgRepositories } from '../../github/repos.js';
import { fullName, splitFullName, type Advisory, type RepoRef } from '../../github/types.js';
import type { RunnerLog } from '../common/runner.js';
import type { CleanupScope } from './config.js';

export interface ScopeListing {
  readonly advisories: readonly ForkOwner[];
  /** Repositories whose advisories the token cannot list. */
  readonly blindSpots: readonly string[];
}

function forkOwner(advisory: Advisory, repository: string): ForkOwner {
  return {
    ghsaId: advisory.ghsa_id,
    repository,
    state: advisory.state,
    privateFork: advisory.private_fork?.full_name ?? null,
    ...(advisory.private_fork
      ? { privateForkUrl: advisory.private_fork.html_url, privateForkIsPublic: !advisory.private_fork.private }
      : {}),
  };
}

/**
 * Every advisory in scope. For an organization, one paginated org-level call; when the token may not make it (only
 * org owners and security managers may), each repository is listed instead, and that is said.
 */
export async function listScope(client: GitHubClient, log: RunnerLog, scope: CleanupScope): Promise<ScopeListing> {
  if (scope.kind === 'repositories') return listRepositories(client, log, scope.repositories);
  const listing = await listOrgAdvisories(client, scope.org);
  if (listing.visible) {
    return {
      advisories: listing.advisories.map((a) => forkOwner(a, fullName(advisoryRepository(a)))),
      blindSpots: [],
    };
  }
  log.warning(
    `The token cannot list ${scope.org}'s advisories at the organization level (GitHub answered ${listing.status}; ` +
      'only organization owners and security managers can): listing each repository instead.',
  );
  const repositories = await listOrgRepositories(client, scope.org);
  return listRepositories(
    client,
    log,
    repositories.map((repo) => splitFullName(repo.fullName)),
  );
}

async function listRepositories(
  client: GitHubClient,
  log: RunnerLog,
  repositories: readonly RepoRef[],
): Promise<ScopeListing> {
  const advisories: ForkOwner[] = [];
  const blindSpots: string[] = [];
  for (const ref of repositories) {
    const listed = await listRepoAdvisoriesIfVisible(client, ref);
    if (listed) advisories.push(...listed.map((a) => forkOwner(a, fullName(ref))));
    else blindSpots.push(fullName(ref));
  }
  if (blindSpots.length > 0) {
    log.warning(
      `The token cannot list the advisories of ${blindSpots.join(', ')} (it needs "Repository security advisories: read"): their forks were not checked.`,
    );
  }
  return { advisories, blindSpots };
}
