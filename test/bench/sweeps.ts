/**
 * One scale: sla-check and the ack-report sweep (organisation scope), each on its own freshly seeded emulator, a
 * fresh sweep then a sweep with nothing new; a fresh sla-check sweep set up as for a large organisation (WIDE) on a
 * world of its own; sla-check again with a token that may not use the organisation list
 * (the per-repository fallback); and the naive baseline, sequential and with the fallback's concurrency.
 */
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { errorsOf, ROOT, runBundle, timedSpawn } from './spawn.js';
import { BENCH_NOW, floorRequests, ORG, seedWorld, TRACKER, type Scale, type WorldCounts } from './world.js';

export const LATENCY_MS = 50;
/** sla-check's and the shared sweep's default `concurrency` for per-repository listing. */
export const FALLBACK_CONCURRENCY = 8;
/**
 * The set-up the README recommends for a large organisation, measured on a fresh sweep of a world of its own: the
 * largest `concurrency` sla-check accepts, and V8's young generation capped through NODE_OPTIONS (on Node 24 it
 * otherwise grows past 200 MB in a sweep of thousands of reports, most of it garbage not yet collected).
 */
export const MAX_CONCURRENCY = 20;
export const LARGE_SWEEP_NODE_OPTIONS = '--max-semi-space-size=8';
export const WIDE = `concurrency ${MAX_CONCURRENCY}, NODE_OPTIONS=${LARGE_SWEEP_NODE_OPTIONS}`;
export const WIDE_FRESH_LABEL = `sla-check, fresh sweep, ${WIDE}`;

export interface Measured {
  readonly label: string;
  readonly requests: number;
  readonly reads: number;
  readonly writes: number;
  readonly wallMs: number;
  readonly peakRssKb: number | undefined;
  readonly exitCode: number | null;
  /** Requests as a multiple of the scale's floor. */
  readonly floorMultiple: number;
  /** The `::error` lines when the run failed. */
  readonly errors?: string;
}

export interface NaiveMeasured extends Measured {
  readonly concurrency: number;
  /** The listing alone, timed inside the script (without its process start-up). */
  readonly listingMs: number;
  /** Ran on its own emulator alongside the scale's other sweeps (to keep the run short), not alone. */
  readonly alongside?: boolean;
  readonly advisoriesSeen: number;
}

export interface ScaleResult {
  readonly scale: Scale;
  readonly world: WorldCounts;
  readonly floor: number;
  readonly seedMs: number;
  readonly runs: Measured[];
  readonly naive: NaiveMeasured[];
}

export interface SweepOptions {
  readonly node: string;
  readonly dist: string;
  /** Run the sequential naive baseline here (off when it runs alongside, see `measureNaiveAlongside`). */
  readonly naiveSequential: boolean;
  /** Run the naive baseline with the fallback's concurrency too (the fallback row measures the same strategy, so the
   * largest scale leaves it out to keep the run short). */
  readonly naiveConcurrent: boolean;
  readonly log: (line: string) => void;
}

const SLA_INPUTS = {
  token: 'token-admin',
  tracker: TRACKER,
  organization: ORG,
  team: 'security-team',
  // The inventory (PVR and SECURITY.md, 20 repositories a run) is measured in its own row.
  inventory: 'false',
};
const ACK_INPUTS = { token: 'token-admin', tracker: TRACKER, organization: ORG, team: 'security-team' };

async function seededEmulator(scale: Scale): Promise<{ emulator: Emulator; world: WorldCounts; seedMs: number }> {
  const emulator = await startEmulator({
    seed: defaultSeed(),
    now: BENCH_NOW,
    validate: false,
    faults: { latencyMs: LATENCY_MS },
  });
  const started = performance.now();
  const world = seedWorld(emulator.state, scale);
  return { emulator, world, seedMs: performance.now() - started };
}

async function measureAction(
  emulator: Emulator,
  options: SweepOptions,
  floor: number,
  label: string,
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Measured> {
  emulator.resetLog();
  const run = await runBundle({
    bundle: join(options.dist, name, 'index.js'),
    node: options.node,
    inputs,
    env,
    now: BENCH_NOW,
    apiUrl: emulator.url,
    measureRss: true,
  });
  const requests = emulator.log.length;
  const writes = emulator.writes().length;
  const measured: Measured = {
    label,
    requests,
    reads: requests - writes,
    writes,
    wallMs: run.wallMs,
    peakRssKb: run.peakRssKb,
    exitCode: run.exitCode,
    floorMultiple: requests / floor,
    ...(run.exitCode === 0 ? {} : { errors: errorsOf(run) }),
  };
  options.log(
    `  ${label}: ${requests} requests (${writes} writes), ${(run.wallMs / 1000).toFixed(2)} s, ` +
      `${measured.peakRssKb === undefined ? '?' : Math.round(measured.peakRssKb / 1024)} MB, exit ${run.exitCode}`,
  );
  if (measured.errors) options.log(`    ${measured.errors.split('\n').join('\n    ')}`);
  return measured;
}

async function measureNaive(
  emulator: Emulator,
  options: SweepOptions,
  floor: number,
  concurrency: number,
): Promise<NaiveMeasured> {
  emulator.resetLog();
  const script = join(ROOT, 'test', 'bench', 'naive.ts');
  const args = ['--import', 'tsx', script, '--api', emulator.url, '--org', ORG, '--token', 'token-admin'];
  const run = await timedSpawn(options.node, [...args, '--concurrency', String(concurrency)]);
  if (run.exitCode !== 0) throw new Error(`naive baseline failed: ${run.stderr.slice(-2000)}`);
  const last = run.stdout.trim().split('\n').pop() ?? '{}';
  const report = JSON.parse(last) as { advisories: number; elapsedMs: number };
  const requests = emulator.log.length;
  const label = concurrency <= 1 ? 'naive, sequential' : `naive, ${concurrency} at a time`;
  options.log(
    `  ${label}: ${requests} requests, listing ${(report.elapsedMs / 1000).toFixed(2)} s ` +
      `(process ${(run.wallMs / 1000).toFixed(2)} s), ${report.advisories} advisories`,
  );
  return {
    label,
    concurrency,
    requests,
    reads: requests,
    writes: emulator.writes().length,
    wallMs: run.wallMs,
    listingMs: report.elapsedMs,
    advisoriesSeen: report.advisories,
    peakRssKb: undefined,
    exitCode: run.exitCode,
    floorMultiple: requests / floor,
  };
}

export async function measureScale(scale: Scale, options: SweepOptions): Promise<ScaleResult> {
  options.log(`\n${scale.repos} repositories, ${scale.advisories} advisories`);
  const sla = await seededEmulator(scale);
  const floor = floorRequests(sla.world);
  const { world } = sla;
  options.log(
    `  world: ${world.open} open (${world.byState.triage} triage, ${world.byState.draft} draft), ` +
      `${world.trackerIssues} tracking issues, ${world.newReports} new reports; floor ${floor} requests; seeded in ${sla.seedMs.toFixed(0)} ms`,
  );
  const runs: Measured[] = [];
  const naive: NaiveMeasured[] = [];
  try {
    const action = (label: string, name: string, inputs: Record<string, string>, emulator = sla.emulator) =>
      measureAction(emulator, options, floor, label, name, inputs).then((measured) => runs.push(measured));
    await action('sla-check, fresh sweep', 'sla-check', SLA_INPUTS);
    await action('sla-check, no-change sweep', 'sla-check', SLA_INPUTS);
    await action('sla-check, no-change, inventory on', 'sla-check', { ...SLA_INPUTS, inventory: 'true' });
    await action('sla-check, no-change, per-repository fallback', 'sla-check', {
      ...SLA_INPUTS,
      token: 'token-repo-writer',
    });
    if (options.naiveSequential) naive.push(await measureNaive(sla.emulator, options, floor, 1));
    if (options.naiveConcurrent) naive.push(await measureNaive(sla.emulator, options, floor, FALLBACK_CONCURRENCY));
  } finally {
    await sla.emulator.stop();
  }
  const wide = await seededEmulator(scale);
  try {
    const inputs = { ...SLA_INPUTS, concurrency: String(MAX_CONCURRENCY) };
    const env = { NODE_OPTIONS: LARGE_SWEEP_NODE_OPTIONS };
    runs.push(await measureAction(wide.emulator, options, floor, WIDE_FRESH_LABEL, 'sla-check', inputs, env));
  } finally {
    await wide.emulator.stop();
  }
  const ack = await seededEmulator(scale);
  try {
    const action = (label: string) =>
      measureAction(ack.emulator, options, floor, label, 'ack-report', ACK_INPUTS).then((m) => runs.push(m));
    await action('ack-report, fresh sweep');
    await action('ack-report, no-change sweep');
  } finally {
    await ack.emulator.stop();
  }
  return { scale, world, floor, seedMs: sla.seedMs, runs, naive };
}

/**
 * The sequential naive baseline on its own emulator, seeded with the same world, meant to run alongside the other
 * sweeps: it spends nearly all its time waiting for the injected latency (a few percent of a core), and alone it
 * would add minutes to the run at the largest scale.
 */
export async function measureNaiveAlongside(scale: Scale, options: SweepOptions): Promise<NaiveMeasured> {
  const own = await seededEmulator(scale);
  try {
    const measured = await measureNaive(
      own.emulator,
      { ...options, log: () => undefined },
      floorRequests(own.world),
      1,
    );
    options.log(
      `  (alongside, ${scale.repos} repositories) ${measured.label}: ${measured.requests} requests, ` +
        `listing ${(measured.listingMs / 1000).toFixed(2)} s`,
    );
    return { ...measured, alongside: true };
  } finally {
    await own.emulator.stop();
  }
}

/** Milliseconds per request, one after another at the injected latency, for each client (test/bench/client-overhead.ts). */
export async function measureClientOverhead(
  node: string,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const emulator = await startEmulator({ seed: defaultSeed(), validate: false, faults: { latencyMs: LATENCY_MS } });
  try {
    const script = join(ROOT, 'test', 'bench', 'client-overhead.ts');
    const run = await timedSpawn(node, ['--import', 'tsx', script, '--api', emulator.url]);
    if (run.exitCode !== 0) throw new Error(`client overhead failed: ${run.stderr.slice(-2000)}`);
    const perRequest = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
    log(`\nPer sequential request at ${LATENCY_MS} ms latency`);
    for (const [client, ms] of Object.entries(perRequest)) log(`  ${client}: ${ms.toFixed(1)} ms`);
    return perRequest;
  } finally {
    await emulator.stop();
  }
}
