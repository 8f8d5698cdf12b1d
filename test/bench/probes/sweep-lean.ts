// Probe: a minimal sweep's four reads through the alternative client (@octokit/core, retry, throttling) on node:http.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { httpFetch } from './http-fetch.js';
import { sweepRequests } from './sweep-requests.js';

const Client = Octokit.plugin(paginateRest, retry, throttling);
const client = new Client({
  auth: 'token-admin',
  baseUrl: process.env.BENCH_API_URL,
  request: { fetch: httpFetch },
  throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
});
await sweepRequests((route, parameters) => client.request(route, parameters));
export const probe = [client];
