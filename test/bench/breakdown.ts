/**
 * Where start-up goes. Two measurements:
 * - load time and size of each library bundled alone (a probe: an entry that imports it, built with the project's
 *   ncc flags), its median load time minus `node -e 0`'s in the same rounds;
 * - the share of each action bundle's bytes per library, from ncc's webpack stats (module sizes before minifying).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAll, builtKey, sourcesKey, stampBuilt } from './build.js';
import { bareEnv, ROOT, timedSpawn } from './spawn.js';
import { median, semiInterquartileRange } from './stats.js';

interface Probe {
  /** test/bench/probes/<name>.ts */
  readonly name: string;
  readonly label: string;
  /** The probe makes a request: it gets BENCH_API_URL. */
  readonly api?: boolean;
}

export const PROBES: readonly Probe[] = [
  { name: 'empty', label: 'an empty bundle (ncc runtime only)' },
  { name: 'actions-core', label: '@actions/core (as imported today)' },
  { name: 'undici', label: '· of which undici (via @actions/http-client, for OIDC)' },
  { name: 'http-client', label: '· of which @actions/http-client (+ undici, tunnel)' },
  { name: 'actions-exec', label: '· of which @actions/exec (core.platform)' },
  { name: 'actions-github', label: '@actions/github (octokit, REST methods, http-client, undici)' },
  {
    name: 'client-factory',
    label: 'src/github/client.ts: @actions/core + @actions/github + retry/throttling/bottleneck',
  },
  { name: 'handlebars', label: 'handlebars' },
  { name: 'yaml', label: 'yaml' },
  { name: 'cvss', label: 'ae-cvss-calculator' },
  { name: 'dates', label: 'date-fns (the 4 functions used) + @date-fns/tz' },
  { name: 'all-libraries', label: 'all of the above together' },
  { name: 'octokit-lean', label: 'alternative client: @octokit/core + paginate + retry/throttling, no @actions/*' },
  { name: 'lean-libraries', label: 'alternative client + handlebars + yaml + cvss + date-fns' },
  {
    name: 'request-client-factory',
    label: 'first request: src/github/client.ts (undici from @actions/github)',
    api: true,
  },
  { name: 'request-octokit-fetch', label: "first request: alternative client on Node's global fetch", api: true },
  {
    name: 'request-octokit-http',
    label: 'first request: alternative client on node:http (probes/http-fetch.ts)',
    api: true,
  },
  { name: 'request-node-http', label: 'first request: node:http alone', api: true },
  { name: 'sweep-today', label: "a sweep's 4 reads, nothing else: src/github/client.ts", api: true },
  { name: 'sweep-lean', label: "a sweep's 4 reads: alternative client on node:http", api: true },
  {
    name: 'sweep-lean-hooks',
    label: "a sweep's 4 reads: @octokit/core on node:http, no bottleneck plugins",
    api: true,
  },
];

const PROBE_SOURCES = join(ROOT, 'test', 'bench', 'probes');
/** What the probes compile from besides their own directory. */
const PROBE_DEPENDENCIES = ['package-lock.json', 'src/github/client.ts', 'src/domain/errors.ts'];

export interface ProbeResult {
  readonly name: string;
  readonly label: string;
  readonly bytes: number;
  readonly medianMs: number;
  /** Median of (probe − the `node -e 0` run just before it). */
  readonly loadMs: number;
  /** Half the interquartile range of those differences. */
  readonly spreadMs?: number;
}

async function jsBytes(dir: string): Promise<number> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.js'));
  const sizes = await Promise.all(files.map(async (file) => (await stat(join(dir, file))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Builds the probes into `probesDir` unless their sources, the client factory and the lockfile are unchanged. */
/** Builds the probes into `probesDir` unless the probe list, their sources, the client factory and the lockfile are
 * unchanged and every probe is there. */
export async function buildProbes(probesDir: string, log: (line: string) => void): Promise<void> {
  // tsconfig.json in the probes' directory limits ncc's type-check to the probes.
  const files = (await readdir(PROBE_SOURCES)).sort().map((file) => join(PROBE_SOURCES, file));
  const names = PROBES.map((probe) => probe.name).join(',');
  const key = `${names}:${await sourcesKey([...files, ...PROBE_DEPENDENCIES.map((file) => join(ROOT, file))])}`;
  const complete = PROBES.every((probe) => existsSync(join(probesDir, probe.name, 'index.js')));
  if (complete && (await builtKey(probesDir)) === key) return;
  log(
    `  building ${PROBES.length} probe bundles with ncc (kept in ${probesDir} until a probe or the lockfile changes)`,
  );
  await buildAll(
    PROBES.map((probe) => ({ entry: join(PROBE_SOURCES, `${probe.name}.ts`), outDir: join(probesDir, probe.name) })),
  );
  await stampBuilt(probesDir, key);
}

/**
 * Each probe's start-up against a `node -e 0` run just before it, in every round (the order rotating from round to
 * round): the load is the median of those paired differences, so the machine's changing load cancels out.
 */
export async function measureProbes(
  probesDir: string,
  node: string,
  repetitions: number,
  apiUrl: string,
): Promise<{ nodeMedianMs: number; probes: ProbeResult[] }> {
  const samples = new Map<string, number[]>(PROBES.map((probe) => [probe.name, []]));
  const differences = new Map<string, number[]>(PROBES.map((probe) => [probe.name, []]));
  const nodeSamples: number[] = [];
  const env = { ...bareEnv(), BENCH_API_URL: apiUrl };
  for (let round = 0; round < repetitions; round += 1) {
    const order = PROBES.map((_, i) => PROBES[(i + round) % PROBES.length] as Probe);
    for (const probe of order) {
      const bare = (await timedSpawn(node, ['-e', '0'], env)).wallMs;
      const run = await timedSpawn(node, [join(probesDir, probe.name, 'index.js')], env);
      if (run.exitCode !== 0) throw new Error(`probe ${probe.name} failed: ${run.stderr.slice(-1000)}`);
      nodeSamples.push(bare);
      samples.get(probe.name)?.push(run.wallMs);
      differences.get(probe.name)?.push(run.wallMs - bare);
    }
  }
  const probes: ProbeResult[] = [];
  for (const probe of PROBES) {
    const paired = differences.get(probe.name) ?? [];
    probes.push({
      name: probe.name,
      label: probe.label,
      bytes: await jsBytes(join(probesDir, probe.name)),
      medianMs: median(samples.get(probe.name) ?? []),
      loadMs: median(paired),
      spreadMs: semiInterquartileRange(paired),
    });
  }
  return { nodeMedianMs: median(nodeSamples), probes };
}

/** Which group a bundled package counts towards in the byte shares. */
const GROUPS: readonly [string, readonly string[]][] = [
  ['@actions/core', ['@actions/core']],
  ['@actions/exec + io (core.platform)', ['@actions/exec', '@actions/io']],
  ['undici + @actions/http-client + tunnel (core OIDC, @actions/github)', ['undici', '@actions/http-client', 'tunnel']],
  [
    '@actions/github + octokit',
    [
      '@actions/github',
      '@octokit/core',
      '@octokit/plugin-rest-endpoint-methods',
      '@octokit/plugin-paginate-rest',
      '@octokit/endpoint',
      '@octokit/request',
      '@octokit/request-error',
      '@octokit/graphql',
      '@octokit/auth-token',
      'before-after-hook',
      'universal-user-agent',
      'json-with-bigint',
      'content-type',
      'fast-content-type-parse',
    ],
  ],
  ['retry/throttling + bottleneck', ['@octokit/plugin-retry', '@octokit/plugin-throttling', 'bottleneck']],
  ['handlebars', ['handlebars']],
  ['yaml', ['yaml']],
  ['ae-cvss-calculator', ['ae-cvss-calculator']],
  ['date-fns + @date-fns/tz', ['date-fns', '@date-fns/tz']],
];
export const OUR_CODE = 'our code (src/)';
const OTHER = 'other';

interface StatsModule {
  readonly name?: string;
  readonly size?: number;
  /** Concatenated into another module: counted there, among its `modules`. */
  readonly orphan?: boolean;
  readonly chunks?: readonly number[];
  readonly modules?: readonly StatsModule[];
}

interface Stats {
  readonly chunks?: readonly { readonly id: number; readonly initial: boolean }[];
  readonly modules?: readonly StatsModule[];
}

function packageOf(moduleName: string): string | undefined {
  const at = moduleName.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [first = '', second = ''] = moduleName.slice(at + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** The group of a bundled file, named as webpack's stats (`./node_modules/…`) or a source map (`../src/…`) name it. */
export function groupOf(moduleName: string): string {
  const pkg = packageOf(moduleName);
  if (pkg === undefined) return /(^|\/)src\//.test(moduleName) ? OUR_CODE : OTHER;
  return GROUPS.find(([, packages]) => packages.includes(pkg))?.[0] ?? OTHER;
}

/**
 * Bytes per group of what one action loads at start (index.js; lazily imported chunks left out), from ncc's stats:
 * webpack's module sizes before minifying.
 */
export async function byteShares(statsFile: string): Promise<Record<string, number>> {
  const stats = JSON.parse(await readFile(statsFile, 'utf8')) as Stats;
  const initial = new Set((stats.chunks ?? []).filter((chunk) => chunk.initial).map((chunk) => chunk.id));
  const totals: Record<string, number> = {};
  const add = (module: StatsModule): void => {
    if (module.modules) return module.modules.forEach(add);
    const group = groupOf(module.name ?? '');
    totals[group] = (totals[group] ?? 0) + (module.size ?? 0);
  };
  (stats.modules ?? [])
    .filter((module) => !module.orphan && (module.chunks ?? []).some((chunk) => initial.has(chunk)))
    .forEach(add);
  return totals;
}

export const GROUP_NAMES = [...GROUPS.map(([name]) => name), OUR_CODE, OTHER];
