/**
 * Start-up: the median wall time of a complete minimal run of each action (release-gate computing the next slot;
 * the others against an emulator org with nothing to do, after one warm-up run that does whatever there was to
 * do), interleaved with `node -e 0` in the same rounds, and each bundle's size.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFloorScript } from './floor.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import {
  baseInputs,
  NOW as PUBLISH_NOW,
  PROJECT,
  pathTraversal,
  release,
  trackingIssue,
} from '../actions/publish-announcement.world.js';
import { profileBundle } from './profile.js';
import { bareEnv, errorsOf, runBundle, timedSpawn, type BundleRun } from './spawn.js';
import { ACTION_NAMES } from '../../src/actions/metadata.generated.js';
import { median, semiInterquartileRange } from './stats.js';
import { ORG, TRACKER } from './world.js';

export const ACTIONS: readonly string[] = ACTION_NAMES;
const NOW = '2026-01-06T10:00:00Z';
/** Profiled runs per action, averaged. */
const PROFILED_RUNS = 3;

export interface StartupResult {
  readonly name: string;
  /** What the minimal run does. */
  readonly run: string;
  readonly medianMs: number | undefined;
  /** Half the interquartile range of the samples: how noisy the median is. */
  readonly spreadMs: number | undefined;
  readonly samplesMs: number[];
  /** Median of (run / the `node -e 0` run just before it). */
  readonly ratio: number | undefined;
  /**
   * Median of (run / its floor run just after it): the floor is a bare node:http script making the same reads
   * (floor.ts); absent for a run without requests.
   */
  readonly floorRatio?: number | undefined;
  /** Reads the floor script makes. */
  readonly floorReads?: number | undefined;
  /** Median of (the action started with no inputs, failing on its token / the `node -e 0` run just before it). */
  readonly noInputRatio?: number | undefined;
  /** Requests and writes of one repeated run (after the warm-up). */
  readonly requests: number;
  readonly writes: number;
  readonly indexBytes: number | undefined;
  /** index.js and its lazily loaded chunks. */
  readonly jsBytes: number | undefined;
  /** Everything in dist/<name>/ (with licenses.txt and package.json). */
  readonly totalBytes: number | undefined;
  /** Mean milliseconds of CPU-profiled time per category (see profile.ts), when source maps are at hand. */
  readonly profileMs?: Record<string, number>;
  readonly error?: string;
}

export interface StartupReport {
  readonly repetitions: number;
  /** dist/runtime/: what the bundles load only when used (undici, @actions/http-client, @actions/exec). */
  readonly runtimeBytes?: number | undefined;
  /** Every action's directory and dist/runtime/ together. */
  readonly distBytes?: number | undefined;
  readonly nodeMedianMs: number;
  readonly nodeSamplesMs: number[];
  readonly actions: StartupResult[];
}

interface MinimalRun {
  readonly what: string;
  readonly emulator: Emulator | undefined;
  readonly run: Omit<BundleRun, 'bundle' | 'node'>;
}

function minimalRuns(org: Emulator, publishing: Emulator): Record<string, MinimalRun> {
  const sweep = { token: 'token-admin', tracker: TRACKER, organization: ORG };
  const api = (emulator: Emulator) => ({ apiUrl: emulator.url, now: NOW });
  return {
    'ack-report': { what: 'organisation sweep, no new report', emulator: org, run: { ...api(org), inputs: sweep } },
    'sla-check': {
      what: 'organisation sweep, nothing changed (inventory off)',
      emulator: org,
      run: { ...api(org), inputs: { ...sweep, inventory: 'false' } },
    },
    triage: {
      what: 'issue_comment without a /triage command (ignored)',
      emulator: org,
      run: {
        ...api(org),
        inputs: { token: 'token-admin', team: 'security-team' },
        eventName: 'issue_comment',
        eventPayload: {
          action: 'created',
          comment: { id: 1, body: 'Thanks, looking into it.', user: { login: 'alice' } },
          issue: { number: 1 },
          repository: { full_name: TRACKER },
        },
      },
    },
    'create-temp-fork': {
      what: 'cleanup of an organisation with no fork to delete',
      emulator: org,
      run: { ...api(org), inputs: { token: 'token-admin', mode: 'cleanup', organization: ORG } },
    },
    'release-gate': {
      what: 'mode next (next release slot and .ics), no API',
      emulator: undefined,
      run: { now: NOW, inputs: { mode: 'next' } },
    },
    'publish-announcement': {
      what: 're-run of a finished release (everything already done)',
      emulator: publishing,
      run: {
        apiUrl: publishing.url,
        now: PUBLISH_NOW,
        repository: PROJECT,
        inputs: baseInputs(publishing, publishing.state.advisories),
      },
    },
  };
}

async function publishingWorld(): Promise<Emulator> {
  const emulator = await startEmulator({ seed: defaultSeed(), now: PUBLISH_NOW, validate: false });
  const advisory = pathTraversal(emulator);
  trackingIssue(emulator, advisory);
  release(emulator);
  return emulator;
}

async function directorySize(dir: string, only: (file: string) => boolean = () => true): Promise<number | undefined> {
  try {
    const files = (await readdir(dir)).filter(only);
    const sizes = await Promise.all(files.map(async (file) => (await stat(join(dir, file))).size));
    return sizes.reduce((sum, size) => sum + size, 0);
  } catch {
    return undefined;
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  return stat(path).then(
    (info) => info.size,
    () => undefined,
  );
}

export interface StartupOptions {
  readonly node: string;
  readonly dist: string;
  /** The snapshot's source maps (`<maps>/<name>/`): each minimal run is then also profiled. */
  readonly mapsDir: string | undefined;
  readonly repetitions: number;
  readonly log: (line: string) => void;
}

export async function measureStartup(options: StartupOptions): Promise<StartupReport> {
  const org = await startEmulator({ seed: defaultSeed(), now: NOW, validate: false });
  const publishing = await publishingWorld();
  try {
    const runs = minimalRuns(org, publishing);
    const bundle = (name: string) => join(options.dist, name, 'index.js');
    const once = (name: string) => {
      const minimal = runs[name];
      if (!minimal) throw new Error(`no minimal run for ${name}`);
      minimal.emulator?.resetLog();
      return runBundle({ ...minimal.run, bundle: bundle(name), node: options.node });
    };
    const profile = (name: string): Promise<Record<string, number>> => {
      const minimal = runs[name];
      if (!minimal || !options.mapsDir) throw new Error(`cannot profile ${name}`);
      const run = { ...minimal.run, bundle: bundle(name), node: options.node };
      return profileBundle(run, join(options.mapsDir, name), PROFILED_RUNS);
    };
    const failed = new Map<string, string>();
    for (const name of ACTIONS) {
      const warmUp = await once(name);
      if (warmUp.exitCode !== 0) failed.set(name, errorsOf(warmUp));
    }
    // One more run each, its request log made into the floor script.
    const floorDir = await mkdtemp(join(tmpdir(), 'bench-floor-'));
    const floors = new Map<string, { path: string; reads: number }>();
    for (const name of ACTIONS.filter((n) => !failed.has(n))) {
      const emulator = runs[name]?.emulator;
      if (!emulator) continue;
      await once(name);
      const floor = await writeFloorScript(floorDir, name, emulator.log, emulator.url);
      if (floor) floors.set(name, floor);
    }
    const floorRatios = new Map<string, number[]>(ACTIONS.map((name) => [name, []]));
    const noInputRatios = new Map<string, number[]>(ACTIONS.map((name) => [name, []]));
    // Every action but release-gate (whose minimal run is its start-up) started as the runner would with no inputs.
    const needsToken = ACTIONS.filter((name) => name !== 'release-gate');
    const samples = new Map<string, number[]>([['node', []], ...ACTIONS.map((name): [string, number[]] => [name, []])]);
    const traffic = new Map<string, { requests: number; writes: number }>();
    const ratios = new Map<string, number[]>(ACTIONS.map((name) => [name, []]));
    for (let round = 0; round < options.repetitions; round += 1) {
      // Rotate the order so no action always runs right after another; pair each run with a `node -e 0` just
      // before it, so the ratio is taken under the same load.
      const order = ACTIONS.map((_, i) => ACTIONS[(i + round) % ACTIONS.length] as string);
      for (const name of order.filter((n) => !failed.has(n))) {
        const bare = (await timedSpawn(options.node, ['-e', '0'], bareEnv())).wallMs;
        const result = await once(name);
        if (result.exitCode !== 0) failed.set(name, errorsOf(result));
        samples.get('node')?.push(bare);
        samples.get(name)?.push(result.wallMs);
        ratios.get(name)?.push(result.wallMs / bare);
        const emulator = runs[name]?.emulator;
        traffic.set(name, { requests: emulator?.log.length ?? 0, writes: emulator?.writes().length ?? 0 });
        const floor = floors.get(name);
        if (floor)
          floorRatios.get(name)?.push(result.wallMs / (await timedSpawn(options.node, [floor.path], bareEnv())).wallMs);
        if (needsToken.includes(name)) {
          const bareAgain = (await timedSpawn(options.node, ['-e', '0'], bareEnv())).wallMs;
          const started = await runBundle({ bundle: bundle(name), node: options.node, inputs: {} });
          noInputRatios.get(name)?.push(started.wallMs / bareAgain);
        }
      }
    }
    const nodeSamples = samples.get('node') ?? [];
    const nodeMedianMs = median(nodeSamples);
    const actions: StartupResult[] = [];
    for (const name of ACTIONS) {
      const own = failed.has(name) ? [] : (samples.get(name) ?? []);
      const medianMs = own.length > 0 ? median(own) : undefined;
      const result: StartupResult = {
        name,
        run: runs[name]?.what ?? '',
        medianMs,
        spreadMs: own.length > 0 ? semiInterquartileRange(own) : undefined,
        samplesMs: own,
        ratio: medianMs === undefined ? undefined : median(ratios.get(name) ?? []),
        ...(floors.has(name)
          ? { floorRatio: median(floorRatios.get(name) ?? []), floorReads: floors.get(name)?.reads }
          : {}),
        ...(needsToken.includes(name) ? { noInputRatio: median(noInputRatios.get(name) ?? []) } : {}),
        requests: traffic.get(name)?.requests ?? 0,
        writes: traffic.get(name)?.writes ?? 0,
        indexBytes: await fileSize(bundle(name)),
        jsBytes: await directorySize(join(options.dist, name), (file) => file.endsWith('.js')),
        totalBytes: await directorySize(join(options.dist, name)),
        ...(options.mapsDir && !failed.has(name) ? { profileMs: await profile(name) } : {}),
        ...(failed.has(name) ? { error: failed.get(name) } : {}),
      };
      options.log(
        `  ${name}: ${medianMs === undefined ? `failed: ${result.error}` : `${medianMs.toFixed(0)} ms (${result.ratio?.toFixed(2)}x)`}, ` +
          `${result.requests} requests, ${result.writes} writes, index.js ${((result.indexBytes ?? 0) / 1024).toFixed(0)} KiB`,
      );
      actions.push(result);
    }
    options.log(`  node -e 0: ${nodeMedianMs.toFixed(0)} ms`);
    await rm(floorDir, { recursive: true, force: true });
    const runtimeBytes = await directorySize(join(options.dist, 'runtime')).catch(() => undefined);
    const distBytes = actions.reduce((sum, action) => sum + (action.totalBytes ?? 0), runtimeBytes ?? 0);
    return {
      repetitions: options.repetitions,
      runtimeBytes,
      distBytes,
      nodeMedianMs,
      nodeSamplesMs: nodeSamples,
      actions,
    };
  } finally {
    await Promise.all([org.stop(), publishing.stop()]);
  }
}
