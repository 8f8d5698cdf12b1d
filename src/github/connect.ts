import type { ClientLog, GitHubClient } from './client.js';

/** What opening a client needs besides the token: the runner's environment and where to report. */
export interface ClientContext {
  readonly env: NodeJS.ProcessEnv;
  readonly log: ClientLog & Partial<RequestLog>;
}

/** Where the request log goes under `ACTIONS_STEP_DEBUG` (the runner's `core.debug`). */
export interface RequestLog {
  debug(message: string): void;
  isDebug(): boolean;
}

/**
 * The route template of a request: octokit's own (`/repos/{owner}/{repo}/issues`) when it has one; a paginated
 * list's pages come as expanded URLs, templated back here (names and ids replaced, the query left out).
 */
export function routeTemplate(url: string): string {
  if (!/^https?:/.test(url) && !url.includes('?')) return url;
  const path = /^https?:/.test(url) ? new URL(url).pathname.replace(/^\/api\/v3(?=\/)/, '') : (url.split('?')[0] ?? '');
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}')
    .replace(/^\/orgs\/[^/]+/, '/orgs/{org}')
    .replace(/\/teams\/[^/]+/, '/teams/{team_slug}')
    .replace(/\/security-advisories\/GHSA-[\w-]+/i, '/security-advisories/{ghsa_id}')
    .replace(/\/issues\/\d+/, '/issues/{issue_number}')
    .replace(/\/\d+(?=\/|$)/g, '/{id}');
}

/**
 * Under `ACTIONS_STEP_DEBUG`, one debug line per request sent (each page, retry and GraphQL call): method, route
 * template (`GET /repos/{owner}/{repo}/issues/{issue_number}`, never the values filled in), status, time and the
 * rate limit left. Never a body, a query value or a header but the rate limit.
 */
export function logRequests(client: GitHubClient, log: RequestLog): void {
  if (!log.isDebug()) return;
  client.hook.wrap('request', async (request, options) => {
    const started = performance.now();
    const route = `${options.method.toUpperCase()} ${routeTemplate(options.url)}`;
    const line = (status: number | string, headers: Record<string, unknown> | undefined): string => {
      const ms = Math.round(performance.now() - started);
      const remaining = headers?.['x-ratelimit-remaining'];
      return `request ${route} -> ${status} in ${ms} ms${remaining === undefined ? '' : `, rate limit remaining ${String(remaining)}`}`;
    };
    try {
      const response = await request(options);
      log.debug(line(response.status, response.headers));
      return response;
    } catch (error) {
      const failed = error as { status?: number; response?: { headers?: Record<string, unknown> } };
      log.debug(line(failed.status ?? 'no answer', failed.response?.headers));
      throw error;
    }
  });
}

/**
 * The run's client, built by the one factory (client.ts) when a run first needs it. The factory is imported here,
 * on demand, so octokit, its plugins and bottleneck load only in a run that makes a request.
 */
export async function openClient(token: string, context: ClientContext): Promise<GitHubClient> {
  const { clientOptionsFromEnv, createClient } = await import('./client.js');
  const client = createClient(clientOptionsFromEnv(token, context.env, context.log));
  const { debug, isDebug } = context.log;
  if (debug && isDebug)
    logRequests(client, { debug: (m) => debug.call(context.log, m), isDebug: () => isDebug.call(context.log) });
  return client;
}

/** A client opened on first call and shared by every later one: steps that may each need it open it once. */
export function lazyClient(open: () => Promise<GitHubClient>): () => Promise<GitHubClient> {
  let client: Promise<GitHubClient> | undefined;
  return () => (client ??= open());
}
