// Probe: the same four reads through @octokit/core and pagination on node:http, without the bottleneck-based plugins
// (what retry and write pacing written as request hooks would cost: next to nothing while nothing fails).
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { httpFetch } from './http-fetch.js';
import { sweepRequests } from './sweep-requests.js';

const Client = Octokit.plugin(paginateRest);
const client = new Client({ auth: 'token-admin', baseUrl: process.env.BENCH_API_URL, request: { fetch: httpFetch } });
await sweepRequests((route, parameters) => client.request(route, parameters));
export const probe = [client];
