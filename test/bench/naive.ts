/**
 * The baseline many projects run today: list the organisation's repositories, then each repository's advisories,
 * one repository after another (or `--concurrency N` at a time, as our per-repository fallback does). Built on the
 * project's own client factory (retry, throttling; pacing none) and list helpers, so only the strategy differs.
 *
 *   node --import tsx test/bench/naive.ts --api http://127.0.0.1:PORT --org sample-org --token token-admin [--concurrency 8]
 *
 * Prints one JSON line: { repos, advisories, open, elapsedMs } (elapsedMs: the listing only, not process start-up).
 */
import { silentLog } from '../harness/silent-log.js';
import { parseArgs } from 'node:util';
import { mapWithConcurrency } from '../../src/actions/common/concurrency.js';
import { listRepoAdvisories } from '../../src/github/advisories.js';
import { createClient } from '../../src/github/client.js';
import { listOrgRepositories } from '../../src/github/repos.js';
import { splitFullName, type Advisory } from '../../src/github/types.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      org: { type: 'string' },
      token: { type: 'string' },
      concurrency: { type: 'string', default: '1' },
    },
  });
  if (!values.api || !values.org || !values.token) throw new Error('usage: naive.ts --api URL --org ORG --token TOKEN');
  const concurrency = Number(values.concurrency);
  const client = createClient({ token: values.token, log: silentLog, apiUrl: values.api, pacing: 'none' });
  const started = performance.now();
  const repos = await listOrgRepositories(client, values.org);
  const perRepo: Advisory[][] = [];
  if (concurrency <= 1) {
    for (const repo of repos) perRepo.push(await listRepoAdvisories(client, splitFullName(repo.fullName)));
  } else {
    perRepo.push(
      ...(await mapWithConcurrency(repos, concurrency, (repo) =>
        listRepoAdvisories(client, splitFullName(repo.fullName)),
      )),
    );
  }
  const advisories = perRepo.flat();
  const open = advisories.filter((advisory) => advisory.state === 'triage' || advisory.state === 'draft').length;
  const elapsedMs = performance.now() - started;
  console.log(JSON.stringify({ repos: repos.length, advisories: advisories.length, open, elapsedMs }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
