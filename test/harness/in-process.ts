/**
 * Runs an action's `main` in this process with recording collaborators: the same inputs, environment, event and
 * clock a bundle run gets (run-action.ts), the real GitHub client over real HTTP to the emulator, and a runner I/O
 * that writes what `@actions/core` would print into a buffer. The result has the shape of a bundle run's, so a
 * scenario can run either way; the bundle layer stays for the process boundary (stdout, kills, start-up).
 */
import * as core from '@actions/core';
import { isActionName } from '../../src/actions/action-name.js';
import { ACTION_NAMES } from '../../src/actions/metadata.generated.js';
import { runAction } from '../../src/actions/common/run.js';
import type {
  ActionDependencies,
  ActionMain,
  AnnotationProperties,
  RunnerIO,
  StepSummary,
} from '../../src/actions/common/runner.js';
import { openClient } from '../../src/github/connect.js';
import { inputVariable, runnerVariables, type RunOptions, type RunResult } from './run-action.js';
import { parseKeyValueFile, parseWorkflowCommand, type WorkflowCommand } from './workflow-commands.js';

const escapeData = (text: string): string =>
  text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string): string => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** The runner's property names for an annotation, as `@actions/core` writes them. */
function annotationProperties(properties: AnnotationProperties = {}): Record<string, string> {
  const named: Record<string, string | number | undefined> = {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  };
  return Object.fromEntries(
    Object.entries(named)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

function commandLine(command: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

type SummaryInstance = typeof core.summary;
const SummaryClass = core.summary.constructor as new () => SummaryInstance;

/** `@actions/core`'s own summary builder, writing to memory instead of `GITHUB_STEP_SUMMARY`. */
class MemorySummary extends SummaryClass {
  written = '';
  override async write(): Promise<SummaryInstance> {
    this.written += this.stringify();
    return this.emptyBuffer();
  }
}

/** A runner I/O that records: stdout as `@actions/core` would print it, outputs, summary and the failure. */
export class RecordingRunner implements RunnerIO {
  stdout = '';
  readonly outputs: Record<string, string> = {};
  failed: string | undefined;
  private readonly memorySummary = new MemorySummary();
  readonly summary: StepSummary = this.memorySummary as unknown as StepSummary;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get summaryText(): string {
    return this.memorySummary.written;
  }

  private print(line: string): void {
    this.stdout += `${line}\n`;
  }
  getInput(name: string): string {
    return (this.env[inputVariable(name)] ?? '').trim();
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  setSecret(value: string): void {
    this.print(commandLine('add-mask', {}, value));
  }
  info(message: string): void {
    this.print(message);
  }
  debug(message: string): void {
    this.print(commandLine('debug', {}, message));
  }
  isDebug(): boolean {
    return this.env.RUNNER_DEBUG === '1';
  }
  notice(message: string, properties?: AnnotationProperties): void {
    this.print(commandLine('notice', annotationProperties(properties), message));
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.print(commandLine('warning', annotationProperties(properties), message));
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.print(commandLine('error', annotationProperties(properties), message));
  }
  setFailed(message: string): void {
    this.failed = message;
    this.error(message);
  }
}

/** The environment a bundle run would get (run-action.ts), for the same options. */
export function runnerEnvironment(options: RunOptions): NodeJS.ProcessEnv {
  return { ...runnerVariables(options), ...options.env };
}

async function loadMain(name: string): Promise<ActionMain> {
  if (!isActionName(name)) throw new Error(`No action named ${name}: actions/ holds ${ACTION_NAMES.join(', ')}.`);
  const module = (await import(`../../src/actions/${name}/main.js`)) as { main: ActionMain };
  return module.main;
}

function fixedClock(options: RunOptions): () => Date {
  const now = options.now ?? options.emulator?.state?.now;
  if (now === undefined) return () => new Date();
  const fixed = new Date(now);
  return () => new Date(fixed);
}

/** The collaborators of an in-process run; `overrides` swaps any of them (a clock that moves, a failing client). */
export function testDependencies(
  io: RecordingRunner,
  options: RunOptions,
  env: NodeJS.ProcessEnv,
  overrides: Partial<ActionDependencies> = {},
): ActionDependencies {
  const payload = (options.eventPayload ?? {}) as Record<string, unknown>;
  return {
    io,
    env,
    event: { name: env.GITHUB_EVENT_NAME ?? '', payload },
    now: fixedClock(options),
    openClient: (token) => openClient(token, { env, log: io }),
    ...overrides,
  };
}

export interface InProcessOptions extends RunOptions {
  readonly dependencies?: Partial<ActionDependencies>;
}

/** Runs `src/actions/<name>/main.ts` in this process and returns what a bundle run would have left. */
export async function runInProcess(name: string, options: InProcessOptions = {}): Promise<RunResult> {
  if (options.killAfterMs !== undefined || options.killSignal !== undefined) {
    throw new Error('Kills need a process: run the bundle (run-action.ts) for this scenario.');
  }
  const main = await loadMain(name);
  const env = runnerEnvironment(options);
  const io = new RecordingRunner(env);
  await runAction(name, main, io, () => testDependencies(io, options, env, options.dependencies));
  const lines = io.stdout.split('\n').filter((line) => line !== '');
  const commands = lines.map(parseWorkflowCommand).filter((c): c is WorkflowCommand => c !== undefined);
  return {
    exitCode: io.failed === undefined ? 0 : 1,
    signal: null,
    stdout: io.stdout,
    stderr: '',
    commands,
    lines: lines.filter((line) => !line.startsWith('::')),
    errors: commands.filter((c) => c.command === 'error'),
    warnings: commands.filter((c) => c.command === 'warning'),
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    outputs: { ...io.outputs },
    summary: io.summaryText,
    state: parseKeyValueFile(''),
  };
}
