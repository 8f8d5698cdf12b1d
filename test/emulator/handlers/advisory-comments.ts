import { canSeeAdvisory, hasPermission, visibleAdvisory } from '../access.js';
import { bodyObject, type RequestContext, type Route } from '../context.js';
import { ApiError, notFound, ok, validationFailed } from '../http.js';
import { nextId, nodeId } from '../ids.js';
import { listed, listedNow } from '../lag.js';
import { recordMentions } from '../mentions.js';
import { paginateByPage } from '../pagination.js';
import { simpleUser } from '../render/users.js';
import type { AdvisoryComment } from '../types.js';

const DOCS = 'https://docs.github.com/rest/security-advisories/repository-advisory-comments';

/** The preview: public repositories only, and switched off entirely with `state.features.advisoryComments`. */
function commentable(ctx: RequestContext) {
  if (!ctx.state.features.advisoryComments) throw notFound(DOCS);
  const found = visibleAdvisory(ctx, DOCS);
  if (found.repo.private) throw notFound(DOCS);
  return found;
}

function render(ctx: RequestContext, comment: AdvisoryComment) {
  const base = `${ctx.view.api}/repos/${comment.repo}/security-advisories/${comment.ghsaId}/comments`;
  return {
    id: comment.id,
    node_id: nodeId('RepositoryAdvisoryComment', comment.id),
    url: `${base}/${comment.id}`,
    html_url: `${ctx.view.web}/${comment.repo}/security/advisories/${comment.ghsaId}#advisory-comment-${comment.id}`,
    body: comment.body,
    user: simpleUser(ctx.view, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  };
}

function list(ctx: RequestContext) {
  const { advisory } = commentable(ctx);
  const comments = listed(ctx, ctx.state.advisoryComments).filter((comment) => comment.ghsaId === advisory.ghsaId);
  const page = paginateByPage(ctx, comments);
  return ok(
    page.items.map((comment) => render(ctx, comment)),
    200,
    page.headers,
  );
}

function create(ctx: RequestContext) {
  const { advisory } = commentable(ctx);
  // Managers of the repository's advisories, the reporter and the collaborators take part in the discussion.
  if (!hasPermission(ctx.grant, 'advisories') && !canSeeAdvisory({ ...ctx.grant, orgOwner: false }, advisory)) {
    throw new ApiError(403, 'Resource not accessible by integration', DOCS);
  }
  const body = bodyObject(ctx).body;
  if (typeof body !== 'string' || body.trim() === '') {
    throw validationFailed([{ resource: 'RepositoryAdvisoryComment', field: 'body', code: 'missing_field' }], DOCS);
  }
  const comment: AdvisoryComment = {
    id: nextId(ctx.state),
    repo: advisory.repo,
    ghsaId: advisory.ghsaId,
    body,
    user: ctx.grant.login,
    createdAt: ctx.state.now,
    updatedAt: ctx.state.now,
    listedAt: listedNow(),
  };
  ctx.state.advisoryComments.push(comment);
  const source = {
    kind: 'advisory-comment' as const,
    author: ctx.grant.login,
    commentId: comment.id,
    advisory: { repo: advisory.repo, ghsaId: advisory.ghsaId },
  };
  recordMentions(ctx.state, source, body);
  return ok(render(ctx, comment), 201);
}

export const ADVISORY_COMMENT_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/security-advisories/:ghsa_id/comments',
    operationId: 'security-advisories/list-advisory-comments',
    handler: list,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/security-advisories/:ghsa_id/comments',
    operationId: 'security-advisories/create-advisory-comment',
    handler: create,
  },
];
