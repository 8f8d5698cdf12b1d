/**
 * Runs a suite's cases at once inside one `beforeAll`, and lets each test assert its own case's outcome.
 *
 * In-process runs load the action's modules with dynamic `import()` (each action's main, and the modules it loads
 * only when a run needs them). Jest refuses a dynamic import made between two tests ("You are trying to `import` a
 * file outside of the scope of the test code"), and `it.concurrent` tests keep running in exactly those gaps, so they
 * fail at random. A hook is test code for Jest from start to end: the runs happen there, a few at a time, and the
 * tests that follow only read what came out.
 *
 * Jest's ESM loader also races when several runs load the same modules for the first time at once ("request for
 * 'node:fs' is not in cache"): every module of src/ is loaded once, one after the other, before the runs start.
 */
import { beforeAll, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mapLimit } from './scenarios.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** src/'s modules, bar the entries that run an action as they load (src/main.ts, src/actions/<name>/index.ts). */
function sourceModules(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .filter((file) => file !== 'main.ts' && !/^actions\/[^/]+\/index\.ts$/.test(file))
    .sort();
}

let preloaded: Promise<void> | undefined;

/** Loads every module of src/ once, in turn (per test file: each has its own module registry). */
export function preloadSources(): Promise<void> {
  preloaded ??= (async () => {
    for (const file of sourceModules()) await import(`../../src/${file.replace(/\.ts$/, '.js')}`);
  })();
  return preloaded;
}

export interface Batch<R> {
  /** The outcome of case `index`; throws what its work threw. */
  outcome(index: number): R;
}

type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

export function runBatch<C, R>(
  cases: readonly C[],
  work: (item: C) => Promise<R>,
  { limit = 4, timeoutMs = 600_000 }: { limit?: number; timeoutMs?: number } = {},
): Batch<R> {
  let settled: Settled<R>[] | undefined;
  beforeAll(async () => {
    await preloadSources();
    settled = await mapLimit(cases, limit, async (item): Promise<Settled<R>> => {
      try {
        return { ok: true, value: await work(item) };
      } catch (error) {
        return { ok: false, error };
      }
    });
  }, timeoutMs);
  return {
    outcome(index) {
      const entry = settled?.[index];
      if (!entry) throw new Error(`case ${index} did not run (the batch's beforeAll failed or timed out)`);
      if (!entry.ok) throw entry.error;
      return entry.value;
    },
  };
}

/**
 * `it.concurrent.each` without its gaps: each case's whole test body (assertions included) runs in the batch's
 * `beforeAll`, `limit` at a time; its test then passes or fails with what the body did.
 */
export function testEach<C>(
  cases: readonly C[],
  title: (item: C) => string,
  body: (item: C) => Promise<void>,
  options: { limit?: number; timeoutMs?: number } = {},
): void {
  const batch = runBatch(cases, body, options);
  it.each(cases.map((item, index) => [title(item), index] as const))('%s', (_title, index) => batch.outcome(index));
}
