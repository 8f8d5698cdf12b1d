// Probe: the project's client factory, loaded and making its first request (through @actions/github's undici).
import { silentLog } from '../../harness/silent-log.js';
import { createClient } from '../../../src/github/client.js';

const client = createClient({
  token: 'token-admin',
  log: silentLog,
  apiUrl: process.env.BENCH_API_URL,
  pacing: 'none',
});
await client.rest.repos.get({ owner: 'sample-org', repo: 'docs-site' });
export const probe = [client];
