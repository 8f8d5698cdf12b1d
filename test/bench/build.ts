/**
 * ncc bundling for the benchmark: a snapshot of every action (so a run is not disturbed by someone rebuilding
 * dist/ meanwhile), built by scripts/build.mjs itself into another directory (the shipped bytes, dist/runtime/'s
 * lazily loaded undici and @actions/exec included), and the start-up probes, with build.mjs's ncc flags.
 * The snapshot is also built with source maps, which are moved aside (and the `sourceMappingURL` comment taken off)
 * so that the bundles stay byte for byte what `npm run build` makes, while a CPU profile can still be mapped back to
 * the package each sample ran in.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, timedSpawn } from './spawn.js';

const NCC = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const BUILD = join(ROOT, 'scripts', 'build.mjs');
/** scripts/build.mjs's second step: the chunks ncc leaves unminified. */
const MINIFY_CHUNKS = join(ROOT, 'scripts', 'minify-chunks.mjs');
const FLAGS = ['--minify', '--license', 'licenses.txt', '--quiet', '--no-source-map-register'];
const STAMP = '.bench-key';
const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\n?$/;

export interface BuildJob {
  readonly entry: string;
  readonly outDir: string;
  /** Where ncc writes webpack's stats (module sizes), if wanted. */
  readonly statsFile?: string;
  /** Build source maps too and move them here. */
  readonly mapsDir?: string;
}

/** Takes the source maps out of `outDir` into `mapsDir`, leaving the bundles exactly as a build without maps. */
async function moveMapsAside(outDir: string, mapsDir: string): Promise<void> {
  await rm(mapsDir, { recursive: true, force: true });
  await mkdir(mapsDir, { recursive: true });
  for (const file of await readdir(outDir)) {
    if (file.endsWith('.map')) await rename(join(outDir, file), join(mapsDir, file));
    else if (file.endsWith('.js')) {
      const text = await readFile(join(outDir, file), 'utf8');
      await writeFile(join(outDir, file), text.replace(MAP_COMMENT, ''));
    }
  }
}

/** Bundles `entry` into `outDir` with the project's ncc flags. */
export async function nccBuild({ entry, outDir, statsFile, mapsDir }: BuildJob): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const extra = [...(statsFile ? ['--stats-out', statsFile] : []), ...(mapsDir ? ['--source-map'] : [])];
  const run = await timedSpawn(process.execPath, [NCC, 'build', entry, '-o', outDir, ...FLAGS, ...extra]);
  if (run.exitCode !== 0) throw new Error(`ncc failed for ${entry}: ${(run.stderr || run.stdout).slice(-3000)}`);
  const minified = await timedSpawn(process.execPath, [MINIFY_CHUNKS, outDir]);
  if (minified.exitCode !== 0)
    throw new Error(`minifying the chunks of ${entry} failed: ${minified.stderr.slice(-3000)}`);
  if (mapsDir) await moveMapsAside(outDir, mapsDir);
}

/** Runs the builds two at a time (the machines this runs on have two cores). */
export async function buildAll(jobs: readonly BuildJob[]): Promise<void> {
  const queue = [...jobs];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) await nccBuild(job);
  };
  await Promise.all([worker(), worker()]);
}

/** A digest of the files a build depends on, the ncc flags included: same key, same bundles. */
export async function sourcesKey(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(FLAGS.join(' '));
  for (const file of files) hash.update(file).update(await readFile(file));
  return hash.digest('hex');
}

/** The key the bundles in `outDir` were built with, if any. */
export async function builtKey(outDir: string): Promise<string | undefined> {
  const stamp = join(outDir, STAMP);
  return existsSync(stamp) ? readFile(stamp, 'utf8') : undefined;
}

export async function stampBuilt(outDir: string, key: string): Promise<void> {
  await writeFile(join(outDir, STAMP), key);
}

/** Every file under `dir`, recursively, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return nested.flat().sort();
}

export interface SnapshotDirs {
  /** The bundles: `<dist>/<name>/`. */
  readonly dist: string;
  /** ncc's stats: `<stats>/<name>.json`. */
  readonly stats: string;
  /** Source maps: `<maps>/<name>/*.map`. */
  readonly maps: string;
}

/**
 * Builds every action's current source, unless src/, the lockfile and tsconfig are unchanged since the last
 * snapshot. Returns whether it built.
 */
export async function buildActionSnapshot(names: readonly string[], dirs: SnapshotDirs): Promise<boolean> {
  const sources = [
    ...(await filesUnder(join(ROOT, 'src'))),
    ...['package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/minify-chunks.mjs'].map((f) =>
      join(ROOT, f),
    ),
  ];
  const key = await sourcesKey(sources);
  const complete = names.every((name) => existsSync(join(dirs.dist, name, 'index.js')));
  if (complete && (await builtKey(dirs.dist)) === key) return false;
  await rm(dirs.dist, { recursive: true, force: true });
  await mkdir(dirs.dist, { recursive: true });
  await mkdir(dirs.stats, { recursive: true });
  const built = await timedSpawn(process.execPath, [
    BUILD,
    '--out',
    dirs.dist,
    '--stats',
    dirs.stats,
    '--source-map',
    ...names,
  ]);
  if (built.exitCode !== 0) throw new Error(`scripts/build.mjs failed: ${(built.stderr || built.stdout).slice(-3000)}`);
  for (const name of names) await moveMapsAside(join(dirs.dist, name), join(dirs.maps, name));
  await stampBuilt(dirs.dist, key);
  return true;
}
