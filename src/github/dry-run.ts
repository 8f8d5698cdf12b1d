/**
 * A dry run's client: every read goes to GitHub as in a real run; every write (a non-GET REST call, a GraphQL
 * mutation) is recorded instead of sent and answered with what GitHub would most likely have answered, so the code
 * that would write goes on exactly as in a real run and the plan is the list of writes it made. Only ids, route
 * names and field names are recorded: never a body's values (descriptions, reproductions, contacts).
 */
import type { GitHubClient } from './client.js';

/** One write a run would make. */
export interface PlannedWrite {
  /** What kind of write: `update advisory`, `create issue`, `comment on issue`, `send chat message`, … */
  readonly action: string;
  /** `owner/repo#n`, `owner/repo`, a GHSA id, `owner/repo release 7`, … */
  readonly target: string;
  /** The names of the fields written, never their values. */
  readonly fields: readonly string[];
}

type Params = Record<string, unknown>;

/** `{owner}` style names in a route template. */
function templateNames(url: string): string[] {
  return [...url.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

const KINDS: readonly (readonly [string, RegExp, string])[] = [
  ['PATCH', /\/security-advisories\/\{ghsa_id\}$/, 'update advisory'],
  ['POST', /\/security-advisories\/\{ghsa_id\}\/comments$/, 'comment on advisory'],
  ['POST', /\/security-advisories\/\{ghsa_id\}\/cve$/, 'request CVE'],
  ['POST', /\/security-advisories\/\{ghsa_id\}\/forks$/, 'create temporary fork'],
  ['POST', /\/security-advisories$/, 'create advisory'],
  ['POST', /\/issues$/, 'create issue'],
  ['PATCH', /\/issues\/\{issue_number\}$/, 'update issue'],
  ['POST', /\/issues\/\{issue_number\}\/comments$/, 'comment on issue'],
  ['POST', /\/issues\/\{issue_number\}\/labels$/, 'label issue'],
  ['PATCH', /\/issues\/comments\/\{comment_id\}$/, 'update comment'],
  ['DELETE', /\/issues\/comments\/\{comment_id\}$/, 'delete comment'],
  ['PATCH', /\/releases\/\{release_id\}$/, 'update release'],
  ['DELETE', /^\/repos\/\{owner\}\/\{repo\}$/, 'delete repository'],
];

/** The kind of a REST write, from its method and route template. */
function restKind(method: string, url: string): string {
  const kind = KINDS.find(([m, route]) => m === method && route.test(url));
  return kind?.[2] ?? `${method} ${url}`;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The id or number a created thing is answered with: past any real one, distinct per creation, so that the code
 * going on with it (a second report's tracking issue, a claim comment compared with others) tells them apart.
 */
const PLACEHOLDER_BASE = Number.MAX_SAFE_INTEGER - 1_000_000;

/** Which write of the plan (1-based) created the thing a placeholder stands for. */
type Placeholders = ReadonlyMap<number, number>;

/** A route id: the real one, or for a placeholder the write that created it (never a number nobody can look up). */
function idText(value: unknown, what: string, placeholders: Placeholders, prefix: string): string {
  const write = placeholders.get(Number(value));
  return write === undefined ? `${prefix}${text(value)}` : `, the ${what} created by write ${write}`;
}

/** Where a REST write lands, from the route's parameters (ids only). */
function restTarget(params: Params, placeholders: Placeholders = new Map()): string {
  const repo =
    params.owner !== undefined && params.repo !== undefined ? `${text(params.owner)}/${text(params.repo)}` : '';
  if (params.ghsa_id !== undefined) return text(params.ghsa_id);
  if (params.issue_number !== undefined) return `${repo}${idText(params.issue_number, 'issue', placeholders, '#')}`;
  if (params.comment_id !== undefined)
    return `${repo}${idText(params.comment_id, 'comment', placeholders, ' comment ')}`;
  if (params.release_id !== undefined) return `${repo} release ${text(params.release_id)}`;
  return repo || text(params.org);
}

/** `createDiscussion` → `create discussion`. */
function mutationKind(query: string): string | undefined {
  const name = /^\s*mutation\b[^{]*\{\s*(\w+)/.exec(query)?.[1];
  if (!/^\s*mutation\b/.test(query)) return undefined;
  return (name ?? 'mutation').replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

const REQUEST_KEYS = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType', 'query']);

/** A created thing as GitHub would answer it: what was sent, with placeholder ids and links. */
function created(body: Params, placeholder = 0): Params {
  const now = new Date().toISOString();
  const labels = Array.isArray(body.labels)
    ? { labels: body.labels.map((label: unknown) => (typeof label === 'string' ? { name: label } : label)) }
    : {};
  return {
    id: placeholder,
    number: placeholder,
    node_id: '',
    html_url: '',
    url: '',
    state: 'open',
    created_at: now,
    updated_at: now,
    ...body,
    ...labels,
  };
}

/** The path a request goes to, from a route template and its parameters or (a paginated listing) a full URL. */
function pathOf(url: string, params: Params): string {
  if (/^https?:\/\//.test(url)) return new URL(url).pathname;
  return url.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(text(params[name])));
}

/** Whether a listing's answer is its last page (a created thing is added to that one). */
function lastPage(headers: Record<string, unknown>): boolean {
  return !/rel="next"/.test(text(headers.link));
}

/** `createDiscussion` answers with the discussion; other mutations with an empty object of their name. */
function mutationAnswer(query: string, variables: Params): Params {
  const field = /^\s*mutation\b[^{]*\{\s*(\w+)/.exec(query)?.[1] ?? 'mutation';
  const title = text(variables.title);
  return { [field]: { discussion: { id: '', number: 0, url: '', title }, clientMutationId: null } };
}

/**
 * A client that records writes in `plan` instead of making them. A PATCH is answered with the resource as it is
 * now (one more read) with the sent fields applied, so a published advisory reads as published afterwards.
 */
export function dryRunClient(client: GitHubClient, plan: PlannedWrite[]): GitHubClient {
  // What the run "wrote", by route and ids: a re-read (a write checked after it) sees it, as it would in a real run.
  const written = new Map<string, Params>();
  // What the run "created", by the route it was created on: a listing of that route (a claim comment checked
  // against the others) sees it. And which write created each placeholder id, for the plan's targets.
  const createdOn = new Map<string, Params[]>();
  const placeholders = new Map<number, number>();
  const keyOf = (url: string, params: Params): string =>
    `${url} ${templateNames(url)
      .map((name) => text(params[name]))
      .join(' ')}`;
  client.hook.wrap('request', async (request, options) => {
    const method = options.method.toUpperCase();
    const url = options.url;
    const params = options as unknown as Params;
    if (method === 'GET' || method === 'HEAD') {
      const key = keyOf(url, params);
      const seen = written.get(key);
      if (seen) return { status: 200, url, headers: {}, data: seen };
      const answer = await request(options);
      // Under a base path (GHES' /api/v3) a full URL's path ends with the route's.
      const path = pathOf(url, params);
      const mine = [...createdOn].find(([on]) => path === on || path.endsWith(on))?.[1];
      if (!mine || !Array.isArray(answer.data) || !lastPage(answer.headers)) return answer;
      return { ...answer, data: [...(answer.data as unknown[]), ...mine] };
    }
    if (url === '/graphql') {
      const query = text(params.query);
      const kind = mutationKind(query);
      if (!kind) return request(options);
      // octokit's graphql sends the variables under `variables` (older versions: beside the query).
      const variables = (
        typeof params.variables === 'object' && params.variables !== null ? params.variables : params
      ) as Params;
      const fields = Object.keys(variables).filter((key) => !REQUEST_KEYS.has(key) && !key.startsWith('__'));
      const target = text(variables.repositoryId) || text(variables.subjectId) || text(variables.id);
      plan.push({
        action: kind,
        target,
        fields: fields.filter((f) => !['repositoryId', 'subjectId', 'id'].includes(f)),
      });
      return { status: 200, url, headers: {}, data: { data: mutationAnswer(query, variables) } };
    }
    const names = new Set(templateNames(url));
    const fields = Object.keys(params).filter(
      (key) => !names.has(key) && !REQUEST_KEYS.has(key) && !key.startsWith('__'),
    );
    plan.push({ action: restKind(method, url), target: restTarget(params, placeholders), fields });
    const body = Object.fromEntries(fields.map((key) => [key, params[key]]));
    if (method === 'PATCH') {
      const routeOnly = Object.fromEntries([...names].map((key) => [key, params[key]]));
      // Through the client, not `request`: a wrap hook's `request` always repeats the options it was called with.
      // A resource without a GET of its own (a release by id in some servers) is answered with the fields sent.
      const current = (await client.request(`GET ${url}`, routeOnly).catch(() => ({ data: {} }))).data as Params;
      const now = new Date().toISOString();
      const extra = body.state === 'published' ? { published_at: now } : {};
      const data = { ...current, ...body, ...extra };
      written.set(keyOf(url, params), data);
      return { status: 200, url, headers: {}, data };
    }
    if (method === 'DELETE') return { status: 204, url, headers: {}, data: undefined };
    const placeholder = PLACEHOLDER_BASE + plan.length;
    placeholders.set(placeholder, plan.length);
    const data = created(body, placeholder);
    const on = pathOf(url, params);
    createdOn.set(on, [...(createdOn.get(on) ?? []), data]);
    // An issue created is read back by number (the tracker update that follows its creation).
    if (/\/issues$/.test(url))
      written.set(keyOf(`${url}/{issue_number}`, { ...params, issue_number: placeholder }), data);
    return { status: 201, url, headers: {}, data };
  });
  return client;
}
