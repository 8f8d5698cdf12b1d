// Probe: a minimal sweep's four reads through the project's client factory (today's stack).
import { silentLog } from '../../harness/silent-log.js';
import { createClient } from '../../../src/github/client.js';
import { sweepRequests } from './sweep-requests.js';

const client = createClient({
  token: 'token-admin',
  log: silentLog,
  apiUrl: process.env.BENCH_API_URL,
  pacing: 'none',
});
await sweepRequests((route, parameters) => client.request(route, parameters));
export const probe = [client];
