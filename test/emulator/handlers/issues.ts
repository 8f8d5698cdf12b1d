import { repoWith, visibleRepo } from '../access.js';
import { bodyObject, type RequestContext, type Route } from '../context.js';
import { noContent, notFound, ok, validationFailed } from '../http.js';
import { listed, listedNow, rememberDeletedComment, stillListedDeletedComments } from '../lag.js';
import { recordMentions } from '../mentions.js';
import { paginateByPage } from '../pagination.js';
import { issueComment, issueObject } from '../render/issues.js';
import { addIssue, addIssueComment, addLabel, findUser, fullName } from '../state.js';
import type { Issue } from '../types.js';

const DOCS = 'https://docs.github.com/rest/issues/issues';
const COMMENT_DOCS = 'https://docs.github.com/rest/issues/comments';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function findIssue(ctx: RequestContext, docs = DOCS): Issue {
  const repo = visibleRepo(ctx, docs);
  const number = Number(ctx.params.issue_number);
  const issue = ctx.state.issues.find(
    (candidate) => same(candidate.repo, fullName(repo)) && candidate.number === number,
  );
  if (!issue) throw notFound(docs);
  return issue;
}

/** Label names from `labels` as GitHub takes them (strings or `{ name }`), creating the ones the repo lacks. */
export function labelNamesFrom(ctx: RequestContext, repo: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value
    .map((item: unknown) => (typeof item === 'string' ? item : ((item as { name?: string }).name ?? '')))
    .filter((name) => name !== '');
  return [...new Set(names.map((name) => addLabel(ctx.state, repo, name).name))];
}

function assigneesFrom(ctx: RequestContext, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  // GitHub drops assignees it cannot assign instead of failing the request.
  return value.filter((login): login is string => typeof login === 'string' && Boolean(findUser(ctx.state, login)));
}

const SORTS: Readonly<Record<string, (issue: Issue, ctx: RequestContext) => string | number>> = {
  created: (issue) => issue.createdAt,
  updated: (issue) => issue.updatedAt,
  comments: (issue, ctx) =>
    ctx.state.issueComments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number).length,
};

function list(ctx: RequestContext) {
  const repo = visibleRepo(ctx, DOCS);
  const { state = 'open', labels, sort = 'created', direction = 'desc', since } = ctx.query;
  const sortKey = SORTS[sort];
  if (!['open', 'closed', 'all'].includes(state) || !sortKey || !['asc', 'desc'].includes(direction)) {
    throw validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid' }], DOCS);
  }
  const wanted = (labels ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const sign = direction === 'asc' ? 1 : -1;
  const issues = listed(ctx, ctx.state.issues)
    .filter((issue) => same(issue.repo, fullName(repo)))
    .filter((issue) => state === 'all' || issue.state === state)
    .filter((issue) => wanted.every((name) => issue.labels.some((label) => same(label, name))))
    .filter((issue) => since === undefined || issue.updatedAt >= since)
    .sort((a, b) => {
      const [x, y] = [sortKey(a, ctx), sortKey(b, ctx)];
      return sign * (x < y ? -1 : x > y ? 1 : a.number - b.number);
    });
  const page = paginateByPage(ctx, issues);
  return ok(
    page.items.map((issue) => issueObject(ctx.view, issue)),
    200,
    page.headers,
  );
}

function create(ctx: RequestContext) {
  const repo = repoWith(ctx, 'issues', DOCS);
  const body = bodyObject(ctx);
  const title = typeof body.title === 'number' ? String(body.title) : body.title;
  if (typeof title !== 'string' || title.trim() === '') {
    throw validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }], DOCS);
  }
  const issue = addIssue(ctx.state, fullName(repo), {
    title,
    body: typeof body.body === 'string' ? body.body : null,
    labels: labelNamesFrom(ctx, fullName(repo), body.labels),
    assignees: assigneesFrom(ctx, body.assignees),
    user: ctx.grant.login,
    createdAt: ctx.state.now,
    updatedAt: ctx.state.now,
    listedAt: listedNow(),
  });
  recordMentions(ctx.state, issueSource(ctx, issue, null), issue.body);
  return ok(issueObject(ctx.view, issue), 201);
}

function issueSource(ctx: RequestContext, issue: Issue, commentId: number | null) {
  return {
    kind: commentId === null ? ('issue' as const) : ('issue-comment' as const),
    author: ctx.grant.login,
    commentId,
    issue: { repo: issue.repo, number: issue.number },
  };
}

function get(ctx: RequestContext) {
  return ok(issueObject(ctx.view, findIssue(ctx)));
}

function closing(issue: Issue, state: unknown, reason: unknown, now: string): Partial<Issue> {
  if (state !== 'open' && state !== 'closed') return {};
  if (state === 'closed') {
    const stateReason = (reason as Issue['stateReason'] | undefined) ?? 'completed';
    return issue.state === 'closed' ? { stateReason } : { state, stateReason, closedAt: now };
  }
  return issue.state === 'open' ? {} : { state, stateReason: 'reopened', closedAt: null };
}

function update(ctx: RequestContext) {
  const issue = findIssue(ctx);
  repoWith(ctx, 'issues', DOCS);
  const body = bodyObject(ctx);
  if ('state' in body && !['open', 'closed'].includes(body.state as string)) {
    throw validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid' }], DOCS);
  }
  const previousBody = issue.body;
  Object.assign(issue, {
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...('body' in body ? { body: (body.body as string | null) ?? null } : {}),
    ...(Array.isArray(body.labels) ? { labels: labelNamesFrom(ctx, issue.repo, body.labels) } : {}),
    ...(Array.isArray(body.assignees) ? { assignees: assigneesFrom(ctx, body.assignees) } : {}),
    ...closing(issue, body.state, body.state_reason, ctx.state.now),
    updatedAt: ctx.state.now,
  });
  if ('body' in body) recordMentions(ctx.state, issueSource(ctx, issue, null), issue.body, previousBody);
  return ok(issueObject(ctx.view, issue));
}

function listComments(ctx: RequestContext) {
  const issue = findIssue(ctx, COMMENT_DOCS);
  const since = ctx.query.since;
  const comments = [...listed(ctx, ctx.state.issueComments), ...stillListedDeletedComments(ctx)]
    .filter((comment) => comment.repo === issue.repo && comment.issueNumber === issue.number)
    .filter((comment) => since === undefined || comment.updatedAt >= since)
    .sort((a, b) => a.id - b.id);
  const page = paginateByPage(ctx, comments);
  return ok(
    page.items.map((comment) => issueComment(ctx.view, comment)),
    200,
    page.headers,
  );
}

function createComment(ctx: RequestContext) {
  const issue = findIssue(ctx, COMMENT_DOCS);
  repoWith(ctx, 'issues', COMMENT_DOCS);
  const body = bodyObject(ctx).body;
  if (typeof body !== 'string' || body.trim() === '') {
    throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }], COMMENT_DOCS);
  }
  const comment = addIssueComment(ctx.state, issue.repo, issue.number, {
    body,
    user: ctx.grant.login,
    listedAt: listedNow(),
  });
  issue.updatedAt = ctx.state.now;
  recordMentions(ctx.state, issueSource(ctx, issue, comment.id), body);
  return ok(issueComment(ctx.view, comment), 201);
}

function findComment(ctx: RequestContext) {
  const repo = visibleRepo(ctx, COMMENT_DOCS);
  const id = Number(ctx.params.comment_id);
  const comment = ctx.state.issueComments.find(
    (candidate) => candidate.id === id && same(candidate.repo, fullName(repo)),
  );
  if (!comment) throw notFound(COMMENT_DOCS);
  return comment;
}

function getComment(ctx: RequestContext) {
  return ok(issueComment(ctx.view, findComment(ctx)));
}

function updateComment(ctx: RequestContext) {
  const comment = findComment(ctx);
  repoWith(ctx, 'issues', COMMENT_DOCS);
  const body = bodyObject(ctx).body;
  if (typeof body !== 'string' || body.trim() === '') {
    throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }], COMMENT_DOCS);
  }
  const previous = comment.body;
  comment.body = body;
  comment.updatedAt = ctx.state.now;
  const source = {
    kind: 'issue-comment' as const,
    author: ctx.grant.login,
    commentId: comment.id,
    issue: { repo: comment.repo, number: comment.issueNumber },
  };
  recordMentions(ctx.state, source, body, previous);
  return ok(issueComment(ctx.view, comment));
}

function deleteComment(ctx: RequestContext) {
  const comment = findComment(ctx);
  repoWith(ctx, 'issues', COMMENT_DOCS);
  ctx.state.issueComments = ctx.state.issueComments.filter((candidate) => candidate !== comment);
  rememberDeletedComment(ctx, comment);
  return noContent();
}

export const ISSUE_ROUTES: Route[] = [
  { method: 'GET', pattern: '/repos/:owner/:repo/issues', operationId: 'issues/list-for-repo', handler: list },
  { method: 'POST', pattern: '/repos/:owner/:repo/issues', operationId: 'issues/create', handler: create },
  { method: 'GET', pattern: '/repos/:owner/:repo/issues/:issue_number', operationId: 'issues/get', handler: get },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/issues/:issue_number',
    operationId: 'issues/update',
    handler: update,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/issues/:issue_number/comments',
    operationId: 'issues/list-comments',
    handler: listComments,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/issues/:issue_number/comments',
    operationId: 'issues/create-comment',
    handler: createComment,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/issues/comments/:comment_id',
    operationId: 'issues/get-comment',
    handler: getComment,
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/issues/comments/:comment_id',
    operationId: 'issues/update-comment',
    handler: updateComment,
  },
  {
    method: 'DELETE',
    pattern: '/repos/:owner/:repo/issues/comments/:comment_id',
    operationId: 'issues/delete-comment',
    handler: deleteComment,
  },
];
