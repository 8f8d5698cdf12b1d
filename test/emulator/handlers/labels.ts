import { repoWith, visibleRepo } from '../access.js';
import { bodyObject, type RequestContext, type Route } from '../context.js';
import { ApiError, ok, validationFailed } from '../http.js';
import { paginateByPage } from '../pagination.js';
import { labelObject } from '../render/issues.js';
import { addLabel, findLabel, fullName } from '../state.js';
import { findIssue, labelNamesFrom } from './issues.js';

const DOCS = 'https://docs.github.com/rest/issues/labels';

function labelsOf(ctx: RequestContext, repo: string, names: readonly string[]) {
  return names.flatMap((name) => {
    const label = findLabel(ctx.state, repo, name);
    return label ? [labelObject(ctx.view, label)] : [];
  });
}

function listOnIssue(ctx: RequestContext) {
  const issue = findIssue(ctx, DOCS);
  return ok(labelsOf(ctx, issue.repo, issue.labels));
}

function namesFromBody(ctx: RequestContext, repo: string): string[] {
  const body = ctx.body;
  // GitHub takes `{ labels: [...] }`, a bare array of names, or `{ labels: [{ name }] }`.
  const raw = Array.isArray(body) ? body : (bodyObject(ctx).labels ?? []);
  return labelNamesFrom(ctx, repo, raw);
}

function add(ctx: RequestContext) {
  const issue = findIssue(ctx, DOCS);
  repoWith(ctx, 'issues', DOCS);
  const names = namesFromBody(ctx, issue.repo);
  if (names.length === 0) throw validationFailed([{ resource: 'Label', field: 'labels', code: 'missing_field' }], DOCS);
  const have = new Set(issue.labels.map((name) => name.toLowerCase()));
  issue.labels = [...issue.labels, ...names.filter((name) => !have.has(name.toLowerCase()))];
  issue.updatedAt = ctx.state.now;
  return ok(labelsOf(ctx, issue.repo, issue.labels));
}

function set(ctx: RequestContext) {
  const issue = findIssue(ctx, DOCS);
  repoWith(ctx, 'issues', DOCS);
  issue.labels = namesFromBody(ctx, issue.repo);
  issue.updatedAt = ctx.state.now;
  return ok(labelsOf(ctx, issue.repo, issue.labels));
}

function remove(ctx: RequestContext) {
  const issue = findIssue(ctx, DOCS);
  repoWith(ctx, 'issues', DOCS);
  const name = (ctx.params.name ?? '').toLowerCase();
  if (!issue.labels.some((label) => label.toLowerCase() === name))
    throw new ApiError(404, 'Label does not exist', DOCS);
  issue.labels = issue.labels.filter((label) => label.toLowerCase() !== name);
  issue.updatedAt = ctx.state.now;
  return ok(labelsOf(ctx, issue.repo, issue.labels));
}

function listForRepo(ctx: RequestContext) {
  const repo = visibleRepo(ctx, DOCS);
  const labels = ctx.state.labels.filter((label) => label.repo.toLowerCase() === fullName(repo).toLowerCase());
  const page = paginateByPage(ctx, labels);
  return ok(
    page.items.map((label) => labelObject(ctx.view, label)),
    200,
    page.headers,
  );
}

function create(ctx: RequestContext) {
  const repo = repoWith(ctx, 'issues', DOCS);
  const body = bodyObject(ctx);
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    throw validationFailed([{ resource: 'Label', field: 'name', code: 'missing_field' }], DOCS);
  }
  if (findLabel(ctx.state, fullName(repo), body.name)) {
    throw validationFailed([{ resource: 'Label', field: 'name', code: 'already_exists' }], DOCS);
  }
  const color = typeof body.color === 'string' ? body.color.replace(/^#/, '') : 'ededed';
  if (!/^[0-9a-fA-F]{6}$/.test(color))
    throw validationFailed([{ resource: 'Label', field: 'color', code: 'invalid' }], DOCS);
  const label = addLabel(ctx.state, fullName(repo), body.name, {
    color,
    description: typeof body.description === 'string' ? body.description : null,
  });
  return ok(labelObject(ctx.view, label), 201);
}

export const LABEL_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/issues/:issue_number/labels',
    operationId: 'issues/list-labels-on-issue',
    handler: listOnIssue,
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/issues/:issue_number/labels',
    operationId: 'issues/add-labels',
    handler: add,
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/issues/:issue_number/labels',
    operationId: 'issues/set-labels',
    handler: set,
  },
  {
    method: 'DELETE',
    pattern: '/repos/:owner/:repo/issues/:issue_number/labels/:name',
    operationId: 'issues/remove-label',
    handler: remove,
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/labels',
    operationId: 'issues/list-labels-for-repo',
    handler: listForRepo,
  },
  { method: 'POST', pattern: '/repos/:owner/:repo/labels', operationId: 'issues/create-label', handler: create },
];
