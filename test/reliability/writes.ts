/**
 * The writes of a run as routes: `METHOD /path` with the run's own names replaced by placeholders, so the matrix can
 * state each scenario's expected writes once for every run of it. `{repo}` is the affected repository, `{tracker}`
 * the private tracker, `{target}` and `{bystander}` the two advisories, `{fork}` the target's temporary private fork,
 * `{webhook}` the chat webhook, `{id}` an emulator id, `{new}` an issue the run created. GraphQL writes name their
 * mutation (`POST /graphql createDiscussion`).
 */
import type { ProxiedRequest } from './proxy.js';
import { TRACKER, WEBHOOK_SECRET_PATH, type World } from './scenarios.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const replaceAll = (text: string, from: string, to: string): string => text.replace(new RegExp(escape(from), 'gi'), to);

/** The mutation a GraphQL request runs, or undefined for a query. */
export function mutationName(body: string): string | undefined {
  try {
    const query = (JSON.parse(body) as { query?: string }).query ?? '';
    return /\bmutation\b[^{]*\{\s*(\w+)/.exec(query)?.[1];
  } catch {
    return undefined;
  }
}

export function routeOf(world: World, request: Pick<ProxiedRequest, 'method' | 'path' | 'body'>): string {
  let path = request.path;
  if (path.startsWith('/_webhooks')) return `${request.method} {webhook}`;
  if (path === '/graphql') return `${request.method} /graphql ${mutationName(request.body) ?? 'query'}`;
  path = replaceAll(path, `/repos/${world.repo}-${world.target.ghsaId}`, '/repos/{fork}');
  path = replaceAll(path, `/repos/${world.repo}/`, '/repos/{repo}/');
  path = replaceAll(path, `/repos/${TRACKER}/`, '/repos/{tracker}/');
  path = replaceAll(path, world.target.ghsaId, '{target}');
  path = replaceAll(path, world.bystander.ghsaId, '{bystander}');
  const seeded = world.trackingIssue?.number;
  path = path
    .replace(/\/(releases|comments)\/\d+/g, '/$1/{id}')
    .replace(/\/issues\/(\d+)/g, (_, n: string) => (Number(n) === seeded ? `/issues/${n}` : '/issues/{new}'));
  return `${request.method} ${path}`;
}

/** The writes the run asked for (through the proxy: refused ones and chat messages included), as routes, sorted. */
export function writeRoutes(world: World, from = 0): string[] {
  return world.proxy.seen
    .slice(from)
    .filter((request) => request.write)
    .map((request) => routeOf(world, request))
    .sort();
}

export { WEBHOOK_SECRET_PATH };
