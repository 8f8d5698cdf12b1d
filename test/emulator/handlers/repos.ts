import { createHash } from 'node:crypto';
import { canSeeRepo, hasPermission, repoWith, visibleRepo } from '../access.js';
import { bodyObject, type RequestContext, type Route } from '../context.js';
import { ApiError, noContent, notFound, ok, validationFailed } from '../http.js';
import { paginateByPage } from '../pagination.js';
import { fullRepository, minimalRepository } from '../render/repos.js';
import { fullName, removeRepo } from '../state.js';
import type { Repo } from '../types.js';

const DOCS = 'https://docs.github.com/rest/repos/repos';
const CONTENTS_DOCS = 'https://docs.github.com/rest/repos/contents#get-repository-content';

function getRepo(ctx: RequestContext) {
  return ok(fullRepository(ctx.view, visibleRepo(ctx, DOCS)));
}

const TYPES: Readonly<Record<string, (repo: Repo) => boolean>> = {
  all: () => true,
  public: (repo) => !repo.private,
  private: (repo) => repo.private,
  forks: (repo) => repo.fork,
  sources: (repo) => !repo.fork,
  member: () => true,
};

function listForOrg(ctx: RequestContext) {
  const org = ctx.params.org ?? '';
  if (org.toLowerCase() !== ctx.state.org.toLowerCase()) throw notFound(DOCS);
  const filter = TYPES[ctx.query.type ?? 'all'];
  if (!filter) throw validationFailed([{ resource: 'Repository', field: 'type', code: 'invalid' }], DOCS);
  const repos = ctx.state.repos
    .filter((repo) => repo.owner.toLowerCase() === org.toLowerCase() && canSeeRepo(ctx.grant, repo) && filter(repo))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  const page = paginateByPage(ctx, repos);
  return ok(
    page.items.map((repo) => minimalRepository(ctx.view, repo)),
    200,
    page.headers,
  );
}

function deleteRepo(ctx: RequestContext) {
  const repo = visibleRepo(ctx, DOCS);
  if (!hasPermission(ctx.grant, 'administration'))
    throw new ApiError(403, 'Must have admin rights to Repository.', DOCS);
  removeRepo(ctx.state, repo);
  return noContent();
}

const sha = (text: string): string => createHash('sha1').update(`blob ${text.length}\0${text}`).digest('hex');

function contentEntry(ctx: RequestContext, repo: Repo, path: string, type: 'file' | 'dir') {
  const text = repo.files[path] ?? '';
  const url = `${ctx.view.api}/repos/${fullName(repo)}/contents/${path}?ref=${repo.defaultBranch}`;
  const gitUrl = `${ctx.view.api}/repos/${fullName(repo)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha(text)}`;
  const htmlUrl = `${ctx.view.web}/${fullName(repo)}/${type === 'file' ? 'blob' : 'tree'}/${repo.defaultBranch}/${path}`;
  return {
    type,
    name: path.split('/').pop() ?? path,
    path,
    sha: sha(text),
    size: type === 'file' ? Buffer.byteLength(text) : 0,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      type === 'file' ? `https://raw.githubusercontent.com/${fullName(repo)}/${repo.defaultBranch}/${path}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

/** A file (base64 content) or a directory listing, from the repository's `files` map. */
function getContent(ctx: RequestContext) {
  const repo = visibleRepo(ctx, CONTENTS_DOCS);
  if (repo.private && !hasPermission(ctx.grant, 'contents')) throw notFound(CONTENTS_DOCS);
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const text = repo.files[path];
  if (text !== undefined) {
    return ok({
      ...contentEntry(ctx, repo, path, 'file'),
      encoding: 'base64',
      content: Buffer.from(text)
        .toString('base64')
        .replace(/(.{60})/g, '$1\n'),
    });
  }
  const prefix = path === '' ? '' : `${path}/`;
  const children = new Map<string, 'file' | 'dir'>();
  for (const file of Object.keys(repo.files).filter((name) => name.startsWith(prefix))) {
    const [head = '', ...rest] = file.slice(prefix.length).split('/');
    children.set(`${prefix}${head}`, rest.length > 0 ? 'dir' : 'file');
  }
  if (children.size === 0) throw notFound(CONTENTS_DOCS);
  return ok([...children].sort().map(([child, type]) => contentEntry(ctx, repo, child, type)));
}

function privateReporting(ctx: RequestContext) {
  const repo = repoWith(ctx, 'administration', DOCS);
  return ok({ enabled: repo.pvrEnabled });
}

function dispatch(ctx: RequestContext) {
  const repo = repoWith(ctx, 'contents', DOCS);
  const body = bodyObject(ctx);
  if (typeof body.event_type !== 'string' || body.event_type === '') {
    throw validationFailed([{ resource: 'Repository', field: 'event_type', code: 'missing_field' }], DOCS);
  }
  ctx.state.dispatches.push({
    repo: fullName(repo),
    eventType: body.event_type,
    clientPayload: body.client_payload ?? {},
  });
  return noContent();
}

export const REPO_ROUTES: Route[] = [
  { method: 'GET', pattern: '/repos/:owner/:repo', operationId: 'repos/get', handler: getRepo },
  { method: 'DELETE', pattern: '/repos/:owner/:repo', operationId: 'repos/delete', handler: deleteRepo },
  { method: 'GET', pattern: '/orgs/:org/repos', operationId: 'repos/list-for-org', handler: listForOrg },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/contents/*path',
    operationId: 'repos/get-content',
    handler: getContent,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/private-vulnerability-reporting',
    operationId: 'repos/check-private-vulnerability-reporting',
    handler: privateReporting,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/dispatches',
    operationId: 'repos/create-dispatch-event',
    handler: dispatch,
  },
];
