import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { ConfigurationError } from '../domain/errors.js';
import { enterpriseServerGap, isEnterpriseServer } from './errors.js';
import { httpFetch } from './fetch.js';
import { rememberRetryBase } from './retry-base.js';

export const API_VERSION = '2022-11-28';
/** Longer than this until the primary rate limit resets, and the job fails rather than sits idle. */
const MAX_RATE_LIMIT_WAIT_S = 600;
const USER_AGENT = 'disclosure-actions/0.1';
/**
 * Requests in flight at once under pacing `none`: the largest `concurrency` an action accepts (sla-check's input
 * allows 1 to 20), so the sweep's own setting is the limit. plugin-throttling's default global group allows 10.
 */
const UNPACED_CONCURRENCY = 20;

export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * `github` keeps octokit's pacing (writes spaced out, 5xx retried after 1, 4, 9 s), right for github.com.
 * `none` drops the write spacing and shortens the 5xx backoff (0.1, 0.4, 0.9 s), for GitHub Enterprise Server
 * instances without secondary limits and for local emulators. Rate-limit waits always honour GitHub's own
 * `retry-after` and reset times: those are real seconds.
 */
export type ApiPacing = 'github' | 'none';

/** Where the client reports what the job should know: rate-limit waits, and the token to mask. */
export interface ClientLog {
  warning(message: string): void;
  setSecret(value: string): void;
}

export interface ClientOptions {
  readonly token: string;
  readonly log: ClientLog;
  readonly apiUrl?: string | undefined;
  readonly pacing?: ApiPacing;
  readonly retries?: number;
  /**
   * A proxy is set (`HTTPS_PROXY`, `HTTP_PROXY` or their lower-case forms): requests keep the toolkit's proxy-aware
   * fetch (undici), which honours `NO_PROXY` too; otherwise they go through node:http (fetch.ts), much cheaper to start.
   */
  readonly viaProxy?: boolean;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

function readPacing(env: NodeJS.ProcessEnv): ApiPacing {
  const value = env.DISCLOSURE_API_PACING ?? 'github';
  if (value !== 'github' && value !== 'none') {
    throw new ConfigurationError(
      `DISCLOSURE_API_PACING is "${value}"; use "github" (default) or "none".`,
      'DISCLOSURE_API_PACING',
    );
  }
  return value;
}

export function clientOptionsFromEnv(token: string, env: NodeJS.ProcessEnv, log: ClientLog): ClientOptions {
  const viaProxy = PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '');
  return { token, log, apiUrl: env.GITHUB_API_URL, pacing: readPacing(env), viaProxy };
}

/**
 * Every request the client sends (REST, each page of a paginated list, GraphQL, each retry) carries
 * `X-GitHub-Api-Version`. Octokit ignores a top-level `headers` constructor option, so the header goes on in a
 * `before` hook: hooks added last run first, so retry, throttling and auth all see it.
 */
function pinApiVersion(client: GitHubClient): void {
  client.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = API_VERSION;
  });
}

/**
 * On GitHub Enterprise Server, a 404 from a repository-advisory endpoint is the server lacking the endpoint, not a
 * missing advisory or permission: the request fails with that explanation (errors.ts) instead of the bare 404, before
 * any caller reads the 404 as "not visible" or "no such advisory".
 */
function explainEnterpriseServerGaps(client: GitHubClient, apiUrl: string | undefined): void {
  if (!isEnterpriseServer(apiUrl)) return;
  client.hook.error('request', (error, request) => {
    throw enterpriseServerGap(error, request, apiUrl) ?? error;
  });
}

/**
 * bottleneck, under plugin-retry and plugin-throttling, yields to the event loop with `setTimeout(0)` at each step
 * of each job, several times a request: at least a millisecond each, more on a busy machine, and it adds up over a
 * sweep's sequential writes. `setImmediate` yields as well, without a timer. bottleneck has no option for it: the
 * in-memory store all its limiters share gets the other yield on its prototype, once (left alone if a bottleneck
 * version has no such method).
 */
let yieldsPatched = false;
function yieldWithoutTimers(): void {
  if (yieldsPatched) return;
  yieldsPatched = true;
  const store = (new Bottleneck() as unknown as { _store?: object })._store;
  const prototype = store && (Object.getPrototypeOf(store) as { yieldLoop?: unknown });
  if (typeof prototype?.yieldLoop !== 'function') return;
  prototype.yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
}

/** The one place a GitHub client is built: retry (not on 4xx but rate limits), throttling, pinned API version. */
export function createClient(options: ClientOptions): GitHubClient {
  options.log.setSecret(options.token);
  yieldWithoutTimers();
  const fast = options.pacing === 'none';
  const unspaced = (maxConcurrent: number): Bottleneck.Group => new Bottleneck.Group({ maxConcurrent, minTime: 0 });
  const writeLimits = fast
    ? { write: unspaced(1), notifications: unspaced(1), global: unspaced(UNPACED_CONCURRENCY) }
    : {};
  const client = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl ?? 'https://api.github.com',
      userAgent: USER_AGENT,
      // Without a proxy, the toolkit's default `request` (its fetch and agent) is replaced whole.
      ...(options.viaProxy ? {} : { request: { fetch: httpFetch } }),
      retry: {
        doNotRetry: [400, 401, 403, 404, 410, 422, 451],
        retries: options.retries ?? 3,
        retryAfterBaseValue: fast ? 100 : 1000,
      },
      throttle: {
        ...writeLimits,
        onRateLimit: (retryAfter, requestOptions, _octokit, retryCount) => {
          const waits = retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
          options.log.warning(
            `Primary rate limit hit on ${requestOptions.method} ${requestOptions.url}; ` +
              (waits ? `retrying in ${retryAfter} s.` : `it resets in ${retryAfter} s, too long to wait in a job.`),
          );
          return waits;
        },
        onSecondaryRateLimit: (retryAfter, requestOptions, _octokit, retryCount) => {
          options.log.warning(
            `Secondary rate limit hit on ${requestOptions.method} ${requestOptions.url}; retrying in ${retryAfter} s.`,
          );
          return retryCount < 3;
        },
      },
    },
    retry,
    throttling,
  );
  pinApiVersion(client);
  explainEnterpriseServerGaps(client, options.apiUrl);
  rememberRetryBase(client, fast ? 100 : 1000);
  return client;
}
