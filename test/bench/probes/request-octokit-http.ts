// Probe: the alternative client (octokit-lean) making its first request through node:http (./http-fetch.ts).
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { httpFetch } from './http-fetch.js';

const Client = Octokit.plugin(paginateRest, retry, throttling);
const client = new Client({
  auth: 'token-admin',
  baseUrl: process.env.BENCH_API_URL,
  request: { fetch: httpFetch },
  throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
});
await client.request('GET /repos/{owner}/{repo}', { owner: 'sample-org', repo: 'docs-site' });
export const probe = [client];
