// Probe: the alternative client (octokit-lean) making its first request with Node's global fetch.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

const Client = Octokit.plugin(paginateRest, retry, throttling);
const client = new Client({
  auth: 'token-admin',
  baseUrl: process.env.BENCH_API_URL,
  throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
});
await client.request('GET /repos/{owner}/{repo}', { owner: 'sample-org', repo: 'docs-site' });
export const probe = [client];
