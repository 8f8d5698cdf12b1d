import { repoWith, visibleRepo } from '../access.js';
import { bodyObject, type RequestContext, type Route } from '../context.js';
import { notFound, ok } from '../http.js';
import { paginateByPage } from '../pagination.js';
import { releaseAssetObject, releaseObject } from '../render/releases.js';
import { simpleUser } from '../render/users.js';
import { findTeam, fullName } from '../state.js';

const RELEASE_DOCS = 'https://docs.github.com/rest/releases/releases';
const ASSET_DOCS = 'https://docs.github.com/rest/releases/assets';
const TEAM_DOCS = 'https://docs.github.com/rest/teams/members';

function releaseByTag(ctx: RequestContext) {
  const repo = visibleRepo(ctx, RELEASE_DOCS);
  const release = ctx.state.releases.find(
    (candidate) =>
      candidate.repo.toLowerCase() === fullName(repo).toLowerCase() && candidate.tagName === ctx.params.tag,
  );
  // Drafts have no tag yet as far as this endpoint is concerned.
  if (!release || release.draft) throw notFound(RELEASE_DOCS);
  return ok(releaseObject(ctx.view, release));
}

function updateRelease(ctx: RequestContext) {
  const repo = repoWith(ctx, 'contents', RELEASE_DOCS);
  const release = ctx.state.releases.find(
    (candidate) =>
      candidate.repo.toLowerCase() === fullName(repo).toLowerCase() && candidate.id === Number(ctx.params.release_id),
  );
  if (!release) throw notFound(RELEASE_DOCS);
  const body = bodyObject(ctx);
  Object.assign(release, {
    ...(typeof body.body === 'string' ? { body: body.body } : {}),
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    ...(typeof body.tag_name === 'string' ? { tagName: body.tag_name } : {}),
    ...(typeof body.prerelease === 'boolean' ? { prerelease: body.prerelease } : {}),
  });
  return ok(releaseObject(ctx.view, release));
}

/** A published release of a repository the token can read, by id (a draft is not found, as by tag). */
function publishedRelease(ctx: RequestContext, id: number) {
  const repo = visibleRepo(ctx, ASSET_DOCS);
  const release = ctx.state.releases.find(
    (candidate) => candidate.repo.toLowerCase() === fullName(repo).toLowerCase() && candidate.id === id,
  );
  if (!release || release.draft) throw notFound(ASSET_DOCS);
  return release;
}

/** `GET /repos/{owner}/{repo}/releases/{release_id}/assets`: the release's assets, paginated by page. */
function listReleaseAssets(ctx: RequestContext) {
  const release = publishedRelease(ctx, Number(ctx.params.release_id));
  const page = paginateByPage(ctx, release.assets ?? []);
  return ok(
    page.items.map((asset) => releaseAssetObject(ctx.view, release, asset)),
    200,
    page.headers,
  );
}

/**
 * `GET /repos/{owner}/{repo}/releases/assets/{asset_id}`: the asset's description, or with `Accept:
 * application/octet-stream` its bytes. GitHub may redirect (302) or stream (200); this emulator streams.
 */
function getReleaseAsset(ctx: RequestContext) {
  const repo = visibleRepo(ctx, ASSET_DOCS);
  const id = Number(ctx.params.asset_id);
  const release = ctx.state.releases.find(
    (candidate) =>
      candidate.repo.toLowerCase() === fullName(repo).toLowerCase() &&
      !candidate.draft &&
      (candidate.assets ?? []).some((asset) => asset.id === id),
  );
  const asset = release?.assets?.find((candidate) => candidate.id === id);
  if (!release || !asset) throw notFound(ASSET_DOCS);
  if ((ctx.accept ?? '').includes('application/octet-stream')) {
    // Served as GitHub's download serves every asset: application/octet-stream, whatever was uploaded.
    return ok(asset.content, 200, { 'content-disposition': `attachment; filename=${encodeURIComponent(asset.name)}` });
  }
  return ok(releaseAssetObject(ctx.view, release, asset));
}

function teamOf(ctx: RequestContext) {
  const team = findTeam(ctx.state, ctx.params.org ?? '', ctx.params.team_slug ?? '');
  if (!team || ctx.grant.publicOnly) throw notFound(TEAM_DOCS);
  return team;
}

/** Active members only: an invitation not yet accepted (`pending`) is not listed, as on GitHub. */
function listMembers(ctx: RequestContext) {
  const team = teamOf(ctx);
  const role = ctx.query.role ?? 'all';
  const members = [
    ...(role === 'maintainer' ? [] : team.members.filter((login) => !team.maintainers.includes(login))),
    ...(role === 'member' ? [] : team.maintainers),
  ];
  const page = paginateByPage(ctx, members);
  return ok(
    page.items.map((login) => simpleUser(ctx.view, login)),
    200,
    page.headers,
  );
}

/** `{ state: 'active' | 'pending', role }`; 404 for someone neither a member nor invited. */
function membership(ctx: RequestContext) {
  const team = teamOf(ctx);
  const login = (ctx.params.username ?? '').toLowerCase();
  const is = (name: string): boolean => name.toLowerCase() === login;
  const invitation = team.pending.find((invite) => is(invite.login));
  const maintainer = team.maintainers.some(is);
  if (!invitation && !maintainer && !team.members.some(is)) throw notFound(TEAM_DOCS);
  return ok({
    url: `${ctx.view.api}/organizations/${team.org}/team/${team.id}/memberships/${ctx.params.username}`,
    role: invitation ? invitation.role : maintainer ? 'maintainer' : 'member',
    state: invitation ? 'pending' : 'active',
  });
}

export const RELEASE_AND_TEAM_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/releases/tags/:tag',
    operationId: 'repos/get-release-by-tag',
    handler: releaseByTag,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/releases/:release_id/assets',
    operationId: 'repos/list-release-assets',
    handler: listReleaseAssets,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/releases/assets/:asset_id',
    operationId: 'repos/get-release-asset',
    handler: getReleaseAsset,
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/releases/:release_id',
    operationId: 'repos/update-release',
    handler: updateRelease,
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:team_slug/members',
    operationId: 'teams/list-members-in-org',
    handler: listMembers,
  },
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:team_slug/memberships/:username',
    operationId: 'teams/get-membership-for-user-in-org',
    handler: membership,
  },
];
