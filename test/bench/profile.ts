/**
 * Where a run's time goes, by library: the bundle run under V8's sampling profiler (`--cpu-prof`), each sample's
 * position in the minified bundle mapped back through the build's source map to the file it came from, and the
 * self time summed per library group (the same groups as the byte shares), Node's own code, garbage collection,
 * V8/native work (compiling, `(program)`) and idle time (waiting for the network).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp } from 'node:fs/promises';
import { groupOf } from './breakdown.js';
import { runBundle, type BundleRun } from './spawn.js';

export const COMPILE_BUNDLE = "V8 compiling the bundle (Node's ESM loader)";
export const NODE_BUILTINS = "loading Node's built-in modules (node:http, net, streams...)";
export const WEBPACK = "webpack's runtime (requiring each bundled module)";
export const NODE_CORE = "the rest of Node's own code (node:*)";
export const GARBAGE = 'garbage collection';
export const NATIVE = 'V8 and native code (compiling, (program))';
export const IDLE = 'idle (waiting for the network or a timer)';
/** Sampling interval in microseconds: fine enough for runs of a few hundred milliseconds. */
const INTERVAL_US = 250;

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const SPECIAL: Readonly<Record<string, string>> = {
  '(garbage collector)': GARBAGE,
  '(idle)': IDLE,
  '(program)': NATIVE,
  '(root)': NATIVE,
};

/** Node functions whose time is the loading itself. */
const NODE_FUNCTIONS: Readonly<Record<string, string>> = {
  compileSourceTextModule: COMPILE_BUNDLE,
  compileForInternalLoader: NODE_BUILTINS,
};

class Categoriser {
  private readonly maps = new Map<string, SourceMap | undefined>();

  constructor(private readonly mapsDir: string) {}

  async category(frame: CallFrame): Promise<string> {
    const special = SPECIAL[frame.functionName];
    if (special && frame.url === '') return special;
    if (frame.url === '') return NATIVE;
    if (frame.url.startsWith('node:')) return NODE_FUNCTIONS[frame.functionName] ?? NODE_CORE;
    const map = await this.mapFor(frame.url);
    const source = map?.findEntry(frame.lineNumber, frame.columnNumber);
    const original = (source && 'originalSource' in source ? source.originalSource : undefined) ?? '';
    return /(^|\/)webpack\//.test(original) ? WEBPACK : groupOf(original);
  }

  private async mapFor(url: string): Promise<SourceMap | undefined> {
    if (!this.maps.has(url)) {
      const file = join(this.mapsDir, `${basename(url.startsWith('file:') ? fileURLToPath(url) : url)}.map`);
      const payload = await readFile(file, 'utf8').then(
        (text) => JSON.parse(text) as SourceMapPayload,
        () => undefined,
      );
      this.maps.set(url, payload && new SourceMap(payload));
    }
    return this.maps.get(url);
  }
}

/** Milliseconds of self time per category in one profile. */
async function categorise(profile: CpuProfile, categoriser: Categoriser): Promise<Record<string, number>> {
  const byNode = new Map<number, string>();
  for (const node of profile.nodes) byNode.set(node.id, await categoriser.category(node.callFrame));
  const totals: Record<string, number> = {};
  profile.samples.forEach((id, index) => {
    const category = byNode.get(id) ?? NATIVE;
    totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000;
  });
  return totals;
}

/** Runs the bundle `times` times under the profiler; the mean milliseconds per category. */
export async function profileBundle(run: BundleRun, mapsDir: string, times: number): Promise<Record<string, number>> {
  const categoriser = new Categoriser(mapsDir);
  const sums: Record<string, number> = {};
  for (let i = 0; i < times; i += 1) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-prof-'));
    try {
      await runBundle({
        ...run,
        nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(INTERVAL_US)],
      });
      const [file] = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no CPU profile from ${run.bundle}`);
      const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
      for (const [category, ms] of Object.entries(await categorise(profile, categoriser))) {
        sums[category] = (sums[category] ?? 0) + ms;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([category, ms]) => [category, ms / times]));
}
