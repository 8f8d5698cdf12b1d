/**
 * Who may see and change what, as GitHub decides it for an App installation token or a fine-grained PAT:
 * a repository the token cannot see is a 404 (GitHub does not reveal private repositories), a permission the token
 * lacks on a repository it can see is a 403 "Resource not accessible by integration".
 */
import type { RequestContext } from './context.js';
import { ApiError, notAccessible, notFound } from './http.js';
import { findAdvisory, findRepo, fullName } from './state.js';
import type { Advisory, Repo, TokenGrant } from './types.js';

export type Permission = 'advisories' | 'issues' | 'contents' | 'administration' | 'discussions';

const GRANTS: Readonly<Record<Permission, (grant: TokenGrant) => boolean>> = {
  advisories: (grant) => grant.advisoriesWrite || grant.orgOwner,
  issues: (grant) => grant.issuesWrite || grant.orgOwner,
  contents: (grant) => grant.contentsWrite || grant.orgOwner,
  administration: (grant) => grant.administration || grant.orgOwner,
  discussions: (grant) => grant.discussionsWrite || grant.orgOwner,
};

export function hasPermission(grant: TokenGrant, permission: Permission): boolean {
  return GRANTS[permission](grant);
}

/** A temporary private fork answers 404 until GitHub has finished creating it. */
export function isReady(repo: Repo): boolean {
  return repo.readyAt <= Date.now();
}

/** An App installation token or the workflow's GITHUB_TOKEN: what GitHub calls an integration. */
export function isIntegration(grant: TokenGrant): boolean {
  return grant.kind !== 'user';
}

/**
 * GitHub: "To keep information about vulnerabilities secure, integrations, including CI, cannot access temporary
 * private forks". Like any private repository a token may not see, the fork answers 404 and is left out of listings.
 */
export function canSeeRepo(grant: TokenGrant, repo: Repo): boolean {
  if (repo.temporaryFork && isIntegration(grant)) return false;
  return isReady(repo) && (!repo.private || !grant.publicOnly);
}

/** The repository named by `:owner/:repo`, or the 404 GitHub gives for one the token cannot see. */
export function visibleRepo(ctx: RequestContext, docs?: string): Repo {
  const repo = findRepo(ctx.state, `${ctx.params.owner ?? ''}/${ctx.params.repo ?? ''}`);
  if (!repo || !canSeeRepo(ctx.grant, repo)) throw notFound(docs);
  return repo;
}

export function requirePermission(ctx: RequestContext, permission: Permission, docs?: string): void {
  if (!hasPermission(ctx.grant, permission)) throw notAccessible(docs);
}

/** The repository, checked for a permission the call needs (404 when invisible, 403 when not allowed). */
export function repoWith(ctx: RequestContext, permission: Permission, docs?: string): Repo {
  const repo = visibleRepo(ctx, docs);
  requirePermission(ctx, permission, docs);
  return repo;
}

/**
 * Unpublished advisories are visible to those who may manage the repository's advisories, and to the advisory's
 * author and collaborators. Published ones (on visible repositories) to anyone.
 */
export function canSeeAdvisory(grant: TokenGrant, advisory: Advisory): boolean {
  if (advisory.state === 'published') return true;
  if (hasPermission(grant, 'advisories')) return true;
  const login = grant.login.toLowerCase();
  return [advisory.author, ...advisory.collaboratingUsers].some((user) => user?.toLowerCase() === login);
}

export function visibleAdvisory(ctx: RequestContext, docs?: string): { repo: Repo; advisory: Advisory } {
  const repo = visibleRepo(ctx, docs);
  const advisory = findAdvisory(ctx.state, fullName(repo), ctx.params.ghsa_id ?? '');
  if (!advisory || !canSeeAdvisory(ctx.grant, advisory)) throw notFound(docs);
  return { repo, advisory };
}

export function unauthenticated(hasToken: boolean): ApiError {
  return new ApiError(401, hasToken ? 'Bad credentials' : 'Requires authentication', 'https://docs.github.com/rest');
}
