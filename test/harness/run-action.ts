import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKeyValueFile, parseWorkflowCommand, type WorkflowCommand } from './workflow-commands.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Node that runs the bundles: the runner's Node 24 when CI provides it, else this one. */
export const ACTION_NODE = process.env.ACTION_NODE ?? process.execPath;

export interface EmulatorLike {
  readonly url: string;
  /** The emulator's clock: the action's DISCLOSURE_NOW unless `now` says otherwise, so both sides agree on time. */
  readonly state?: { readonly now: string };
}

export interface RunOptions {
  readonly inputs?: Record<string, string | number | boolean | undefined>;
  readonly env?: Record<string, string>;
  /** ISO 8601: passed as DISCLOSURE_NOW (default: the emulator's clock). */
  readonly now?: string;
  readonly emulator?: EmulatorLike;
  readonly repository?: string;
  readonly eventName?: string;
  readonly eventPayload?: unknown;
  /** Kill the process with SIGTERM after this many ms (interrupted-run tests). */
  readonly killAfterMs?: number;
  /** Kill the process with SIGTERM when this signal aborts (e.g. while the emulator holds a chosen write). */
  readonly killSignal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly commands: WorkflowCommand[];
  readonly lines: string[];
  readonly errors: WorkflowCommand[];
  readonly warnings: WorkflowCommand[];
  readonly masks: string[];
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly state: Record<string, string>;
}

/** `INPUT_<NAME>` as the runner names it: upper case, spaces to underscores, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** What the runner sets for every step, and the inputs, for a run with these options (before `options.env`). */
export function runnerVariables(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    TZ: 'UTC',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: tmpdir(),
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_REPOSITORY: options.repository ?? 'sample-org/security-tracker',
    GITHUB_WORKSPACE: ROOT,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.emulator?.url ?? 'http://127.0.0.1:9',
    DISCLOSURE_API_PACING: 'none',
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (value !== undefined) env[inputVariable(name)] = String(value);
  }
  return env;
}

function childEnv(
  options: RunOptions,
  files: { output: string; summary: string; state: string; event: string },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...runnerVariables(options),
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_PATH: files.event,
  };
  const now = options.now ?? options.emulator?.state?.now;
  if (now) {
    // A fixed clock is refused on a runner (clock.ts): a run with one is, and says it is, a run outside a runner.
    env.DISCLOSURE_NOW = now;
    env.GITHUB_ACTIONS = 'false';
  }
  return { ...env, ...options.env };
}

let currentSourceHash: string | undefined;

/**
 * Refuses a bundle that was not built from the current src/ (the hash the build wrote next to it, against the tree's
 * own), so a test never passes or fails on a stale dist/.
 */
export function assertFreshBundle(name: string): void {
  currentSourceHash ??= execFileSync(process.execPath, [join(ROOT, 'scripts', 'source-hash.mjs')], {
    encoding: 'utf8',
  }).trim();
  let built = '';
  try {
    built = readFileSync(join(ROOT, 'dist', name, 'source.sha256'), 'utf8').trim();
  } catch {
    // no hash: built before this check existed, or never built
  }
  if (built !== currentSourceHash) {
    throw new Error(
      `dist/${name} was not built from the current src/ (run \`npm run build\`, or \`node scripts/build.mjs ${name}\`): a bundle test would test stale code.`,
    );
  }
}

/** Runs `dist/<name>/index.js` in a child process exactly as the runner does, and collects what it left. */
export async function runAction(name: string, options: RunOptions = {}): Promise<RunResult> {
  assertFreshBundle(name);
  const dir = await mkdtemp(join(tmpdir(), `run-${name}-`));
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    state: join(dir, 'state'),
    event: join(dir, 'event.json'),
  };
  await Promise.all([
    writeFile(files.output, ''),
    writeFile(files.summary, ''),
    writeFile(files.state, ''),
    writeFile(files.event, JSON.stringify(options.eventPayload ?? {})),
  ]);
  try {
    const child = spawn(ACTION_NODE, [join(ROOT, 'dist', name, 'index.js')], {
      env: childEnv(options, files),
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timers = [
      setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000),
      ...(options.killAfterMs === undefined ? [] : [setTimeout(() => child.kill('SIGTERM'), options.killAfterMs)]),
    ];
    const killOnSignal = (): boolean => child.kill('SIGTERM');
    if (options.killSignal?.aborted) killOnSignal();
    options.killSignal?.addEventListener('abort', killOnSignal, { once: true });
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      child.on('close', (code, sig) => done([code, sig])),
    );
    timers.forEach(clearTimeout);
    options.killSignal?.removeEventListener('abort', killOnSignal);
    const allLines = stdout.split('\n').filter((line) => line !== '');
    const commands = allLines.map(parseWorkflowCommand).filter((c): c is WorkflowCommand => c !== undefined);
    return {
      exitCode,
      signal,
      stdout,
      stderr,
      commands,
      lines: allLines.filter((line) => !line.startsWith('::')),
      errors: commands.filter((c) => c.command === 'error'),
      warnings: commands.filter((c) => c.command === 'warning'),
      masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
      outputs: parseKeyValueFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      state: parseKeyValueFile(await readFile(files.state, 'utf8')),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
