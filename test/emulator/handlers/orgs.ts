/**
 * GET /orgs/{org}, as GitHub answers it: anyone gets the public profile; "To see the full details about an
 * organization, the authenticated user must be an organization owner" (GitHub's docs), so `default_repository_permission`
 * (the base permission every member has in every repository) is in the answer for owner tokens only.
 */
import { isIntegration } from '../access.js';
import type { RequestContext, Route } from '../context.js';
import { notAccessible, notFound, ok } from '../http.js';
import { nodeId } from '../ids.js';
import { findUser } from '../state.js';
import { simpleUser } from '../render/users.js';

const DOCS = 'https://docs.github.com/rest/orgs/orgs#get-an-organization';

function getOrg(ctx: RequestContext) {
  const login = ctx.params.org ?? '';
  const org = findUser(ctx.state, login);
  if (!org || org.type !== 'Organization') throw notFound(DOCS);
  const url = `${ctx.view.api}/orgs/${org.login}`;
  const created = '2020-01-01T00:00:00Z';
  const publicRepos = ctx.state.repos.filter((repo) => repo.owner === org.login && !repo.private).length;
  return ok({
    login: org.login,
    id: org.id,
    node_id: nodeId('Organization', org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
    html_url: `${ctx.view.web}/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: created,
    updated_at: created,
    archived_at: null,
    ...(ctx.grant.orgOwner ? { default_repository_permission: ctx.state.orgBasePermission } : {}),
  });
}

const USER_DOCS = 'https://docs.github.com/rest/users/users#get-the-authenticated-user';

/**
 * GET /user: the person a token acts for. It is not among the endpoints GitHub lists for App installation tokens, so
 * an installation token (GITHUB_TOKEN is one) gets 403 "Resource not accessible by integration".
 */
function getAuthenticatedUser(ctx: RequestContext) {
  if (isIntegration(ctx.grant)) throw notAccessible(USER_DOCS);
  const user = simpleUser(ctx.view, ctx.grant.login);
  const created = '2020-01-01T00:00:00Z';
  return ok({ ...user, name: findUser(ctx.state, user.login)?.name ?? null, created_at: created, updated_at: created });
}

export const ORG_ROUTES: Route[] = [
  { method: 'GET', pattern: '/orgs/:org', operationId: 'orgs/get', handler: getOrg },
  { method: 'GET', pattern: '/user', operationId: 'users/get-authenticated', handler: getAuthenticatedUser },
];
