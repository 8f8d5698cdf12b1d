/**
 * An in-process run (in-process.ts) that also notes when each thing reached the runner: every output, log line,
 * annotation and summary write, stamped with `performance.now()`. With the proxy's timings (the same clock, the same
 * process), a test can say whether an output was set, or a line printed, before GitHub answered a request.
 */
import { performance } from 'node:perf_hooks';
import { openClient } from '../../src/github/connect.js';
import { RecordingRunner, runInProcess, runnerEnvironment, type InProcessOptions } from './in-process.js';
import type { RunResult } from './run-action.js';
import { parseWorkflowCommand, type WorkflowCommand } from './workflow-commands.js';

export interface TimedEvent {
  /** `performance.now()` when it reached the runner. */
  readonly at: number;
  readonly kind: 'output' | 'log' | 'summary';
  /** The output's name; the workflow command (`info`, `warning`, ...) of a log line. */
  readonly name: string;
  readonly text: string;
}

/** A recording runner that keeps a timeline of what the action gave it. */
export class TimedRunner extends RecordingRunner {
  readonly events: TimedEvent[] = [];

  constructor(env: NodeJS.ProcessEnv) {
    super(env);
    const summary = this.summary as unknown as { write(): Promise<unknown>; stringify(): string };
    const write = summary.write.bind(summary);
    summary.write = () => {
      this.note('summary', 'summary', summary.stringify());
      return write();
    };
  }

  private note(kind: TimedEvent['kind'], name: string, text: string): void {
    this.events.push({ at: performance.now(), kind, name, text });
  }

  override setOutput(name: string, value: string): void {
    this.note('output', name, value);
    super.setOutput(name, value);
  }
  override info(message: string): void {
    this.note('log', 'info', message);
    super.info(message);
  }
  override debug(message: string): void {
    this.note('log', 'debug', message);
    super.debug(message);
  }
  override notice(message: string, properties?: Parameters<RecordingRunner['notice']>[1]): void {
    this.note('log', 'notice', message);
    super.notice(message, properties);
  }
  override warning(message: string, properties?: Parameters<RecordingRunner['warning']>[1]): void {
    this.note('log', 'warning', message);
    super.warning(message, properties);
  }
  override error(message: string, properties?: Parameters<RecordingRunner['error']>[1]): void {
    this.note('log', 'error', message);
    super.error(message, properties);
  }
}

export interface TimedResult extends RunResult {
  readonly events: readonly TimedEvent[];
}

/**
 * Runs the action in-process with a TimedRunner as its runner I/O. The harness's own runner still catches the
 * failure (its `::error::` line is stamped when the run returns, which is after everything else).
 */
export async function runTimed(name: string, options: InProcessOptions): Promise<TimedResult> {
  const env = runnerEnvironment(options);
  const timed = new TimedRunner(env);
  const inner = await runInProcess(name, {
    ...options,
    dependencies: {
      ...options.dependencies,
      io: timed,
      openClient: (token) => openClient(token, { env, log: timed }),
    },
  });
  const failedAt = performance.now();
  const stdout = timed.stdout + inner.stdout;
  const lines = stdout.split('\n').filter((line) => line !== '');
  const commands = lines.map(parseWorkflowCommand).filter((c): c is WorkflowCommand => c !== undefined);
  const failure = inner.errors.map((error) => ({
    at: failedAt,
    kind: 'log' as const,
    name: 'error',
    text: error.message,
  }));
  return {
    ...inner,
    stdout,
    commands,
    lines: lines.filter((line) => !line.startsWith('::')),
    errors: commands.filter((c) => c.command === 'error'),
    warnings: commands.filter((c) => c.command === 'warning'),
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    outputs: { ...timed.outputs },
    summary: timed.summaryText,
    events: [...timed.events, ...failure],
  };
}
