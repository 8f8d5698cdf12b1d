/**
 * Runs a bundle in a child process with the environment the runner gives it (the same variables as
 * test/harness/run-action.ts), timing it from spawn to exit. Peak RSS comes from GNU time (`/usr/bin/time -f %M`):
 * the kernel's ru_maxrss of the node process itself, read after it exits, so nothing inside the action is changed
 * to measure it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputVariable } from '../harness/run-action.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GNU_TIME = '/usr/bin/time';
export const PEAK_RSS_METHOD = existsSync(GNU_TIME)
  ? 'GNU time -f %M (ru_maxrss of the action process)'
  : 'not measured (/usr/bin/time is missing)';

export interface BundleRun {
  readonly bundle: string;
  readonly node: string;
  readonly inputs?: Record<string, string>;
  readonly now?: string;
  readonly apiUrl?: string;
  readonly eventName?: string;
  readonly eventPayload?: unknown;
  readonly repository?: string;
  readonly env?: Record<string, string>;
  /** Wrap in GNU time for the peak RSS (adds about a millisecond; start-up timings leave it off). */
  readonly measureRss?: boolean;
  /** Node options before the bundle (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

export interface Timed {
  readonly exitCode: number | null;
  readonly wallMs: number;
  /** Kilobytes; undefined when not measured. */
  readonly peakRssKb: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment every measured process starts from: the bundles (as a runner starts them), `node -e 0`, the floors
 * and the probes alike. Not this process's own: a variable such as NODE_EXTRA_CA_CERTS (set on some machines) makes
 * every Node start-up read and parse certificates, tens of milliseconds that would land on one side of a ratio only.
 */
export function bareEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' };
}

function runnerEnv(run: BundleRun, dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...bareEnv(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_EVENT_NAME: run.eventName ?? 'schedule',
    GITHUB_REPOSITORY: run.repository ?? 'sample-org/security-tracker',
    GITHUB_WORKSPACE: ROOT,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: run.apiUrl ?? 'http://127.0.0.1:9',
    DISCLOSURE_API_PACING: 'none',
  };
  if (run.now) {
    // A fixed clock is refused on a runner (clock.ts): as in test/harness/run-action.ts, a run with one is, and says
    // it is, a run outside a runner.
    env.DISCLOSURE_NOW = run.now;
    env.GITHUB_ACTIONS = 'false';
  }
  for (const [name, value] of Object.entries(run.inputs ?? {})) env[inputVariable(name)] = value;
  return { ...env, ...run.env };
}

function command(run: BundleRun, rssFile: string): [string, string[]] {
  const args = [...(run.nodeArgs ?? []), run.bundle];
  if (!run.measureRss || !existsSync(GNU_TIME)) return [run.node, args];
  return [GNU_TIME, ['-f', '%M', '-o', rssFile, run.node, ...args]];
}

/** Spawns `node <bundle>` as the runner would and times it (and its peak RSS when asked). */
export async function runBundle(run: BundleRun): Promise<Timed> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-'));
  const rssFile = join(dir, 'rss');
  await Promise.all(
    ['output', 'summary', 'state']
      .map((file) => writeFile(join(dir, file), ''))
      .concat([writeFile(join(dir, 'event.json'), JSON.stringify(run.eventPayload ?? {}))]),
  );
  try {
    const [file, args] = command(run, rssFile);
    const result = await timedSpawn(file, args, runnerEnv(run, dir));
    const rss =
      run.measureRss && existsSync(rssFile) ? Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) : NaN;
    return { ...result, peakRssKb: Number.isFinite(rss) ? rss : undefined };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Spawns a process and measures the wall time from spawn to its exit. */
export function timedSpawn(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Omit<Timed, 'peakRssKb'>> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ exitCode, wallMs, stdout, stderr });
    });
  });
}

/** The `::error::` lines of a run, for a readable failure. */
export function errorsOf(run: Pick<Timed, 'stdout' | 'stderr'>): string {
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
  return (errors.length > 0 ? errors.join('\n') : run.stderr.slice(-2000)).slice(0, 4000);
}
