// Probe: one request with node:http and nothing else, the least a run that calls the API pays.
import { httpFetch } from './http-fetch.js';

const response = await httpFetch(`${process.env.BENCH_API_URL}/repos/sample-org/docs-site`, {
  headers: { authorization: 'token token-admin', 'user-agent': 'bench' },
});
export const probe = [await response.json()];
