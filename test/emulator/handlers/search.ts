import { canSeeRepo } from '../access.js';
import type { RequestContext, Route } from '../context.js';
import { ok, validationFailed } from '../http.js';
import { listed } from '../lag.js';
import { paginateByPage } from '../pagination.js';
import { issueObject } from '../render/issues.js';
import { findRepo } from '../state.js';
import type { Issue } from '../types.js';

const DOCS = 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests';

interface Query {
  repos: string[];
  labels: string[];
  state?: 'open' | 'closed';
  inBody: boolean;
  inTitle: boolean;
  terms: string[];
}

/** Splits `q` into qualifiers and free text, keeping "quoted phrases" whole. */
function tokens(q: string): string[] {
  return [...q.matchAll(/(\S+:"[^"]*"|"[^"]*"|\S+)/g)].map((match) => match[0]);
}

const unquote = (text: string): string => text.replace(/^"|"$/g, '');

function parse(q: string): Query {
  const query: Query = { repos: [], labels: [], inBody: false, inTitle: false, terms: [] };
  for (const token of tokens(q)) {
    const qualifier = /^(repo|label|is|in|state|type):(.+)$/i.exec(token);
    if (!qualifier) {
      query.terms.push(unquote(token).toLowerCase());
      continue;
    }
    const [, key = '', raw = ''] = qualifier;
    const value = unquote(raw);
    if (key === 'repo') query.repos.push(value.toLowerCase());
    else if (key === 'label') query.labels.push(value.toLowerCase());
    else if (value === 'open' || value === 'closed') query.state = value;
    else if (key === 'in')
      value.split(',').forEach((where) => (where === 'body' ? (query.inBody = true) : (query.inTitle = true)));
  }
  return query;
}

function matches(issue: Issue, query: Query): boolean {
  if (query.repos.length > 0 && !query.repos.includes(issue.repo.toLowerCase())) return false;
  if (query.state && issue.state !== query.state) return false;
  if (!query.labels.every((label) => issue.labels.some((name) => name.toLowerCase() === label))) return false;
  const searchBody = query.inBody || !query.inTitle;
  const searchTitle = query.inTitle || !query.inBody;
  const text = `${searchTitle ? issue.title : ''}\n${searchBody ? (issue.body ?? '') : ''}`.toLowerCase();
  return query.terms.every((term) => text.includes(term));
}

function search(ctx: RequestContext) {
  const q = ctx.query.q;
  if (!q || q.trim() === '') throw validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }], DOCS);
  const query = parse(q);
  const found = listed(ctx, ctx.state.issues)
    .filter((issue) => {
      const repo = findRepo(ctx.state, issue.repo);
      return repo !== undefined && canSeeRepo(ctx.grant, repo);
    })
    .filter((issue) => matches(issue, query))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const page = paginateByPage(ctx, found);
  return ok(
    {
      total_count: found.length,
      incomplete_results: false,
      search_type: 'lexical',
      items: page.items.map((issue) => ({ ...issueObject(ctx.view, issue), score: 1 })),
    },
    200,
    page.headers,
  );
}

export const SEARCH_ROUTES: Route[] = [
  { method: 'GET', pattern: '/search/issues', operationId: 'search/issues-and-pull-requests', handler: search },
];
