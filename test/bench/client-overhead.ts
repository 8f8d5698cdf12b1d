/**
 * What the client adds to each request: the same GET made one after another (as a sweep's sequential steps do)
 * with node:http alone, Node's fetch, @actions/github without plugins, and the project's client factory (retry and
 * throttling, both scheduling through bottleneck). Prints one JSON line: { [client]: ms per request }.
 *
 *   node --import tsx test/bench/client-overhead.ts --api http://127.0.0.1:PORT [--requests 40]
 */
import { silentLog } from '../harness/silent-log.js';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { parseArgs } from 'node:util';
import { createClient } from '../../src/github/client.js';
import { httpFetch } from './probes/http-fetch.js';

const ROUTE = 'GET /repos/{owner}/{repo}/security-advisories';
const PARAMS = { owner: 'sample-org', repo: 'docs-site' };

async function perRequest(requests: number, once: () => Promise<unknown>): Promise<number> {
  await once();
  const started = performance.now();
  for (let i = 0; i < requests; i += 1) await once();
  return (performance.now() - started) / requests;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { api: { type: 'string' }, requests: { type: 'string', default: '40' } } });
  const api = values.api;
  if (!api) throw new Error('usage: client-overhead.ts --api URL [--requests N]');
  const requests = Number(values.requests);
  const headers = { authorization: 'token token-admin', 'user-agent': 'bench' };
  const url = `${api}/repos/${PARAMS.owner}/${PARAMS.repo}/security-advisories`;
  const plain = getOctokit('token-admin', { baseUrl: api });
  const throttle = { onRateLimit: () => false, onSecondaryRateLimit: () => false };
  const withRetry = getOctokit('token-admin', { baseUrl: api }, retry);
  const withThrottling = getOctokit('token-admin', { baseUrl: api, throttle }, throttling);
  const factory = createClient({ token: 'token-admin', log: silentLog, apiUrl: api, pacing: 'none' });
  const results = {
    'node:http': await perRequest(requests, async () => (await httpFetch(url, { headers })).json()),
    "Node's fetch": await perRequest(requests, async () => (await fetch(url, { headers })).json()),
    '@actions/github getOctokit, no plugins': await perRequest(requests, () => plain.request(ROUTE, PARAMS)),
    'getOctokit + plugin-retry': await perRequest(requests, () => withRetry.request(ROUTE, PARAMS)),
    'getOctokit + plugin-throttling': await perRequest(requests, () => withThrottling.request(ROUTE, PARAMS)),
    'src/github/client.ts (retry + throttling)': await perRequest(requests, () => factory.request(ROUTE, PARAMS)),
  };
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
