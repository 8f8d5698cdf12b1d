import type { GitHubClient } from '../../github/client.js';

/** Where an annotation points, as the runner's `::warning file=…,line=…::` command takes it. */
export interface AnnotationProperties {
  readonly title?: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly endLine?: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** One cell of a step-summary table: plain text, or a header cell. */
export type SummaryCell = string | { readonly data: string; readonly header?: boolean };

/** The step summary, built as `@actions/core`'s summary builds it and appended to the job's summary by `write()`. */
export interface StepSummary {
  addHeading(text: string, level?: number): StepSummary;
  addRaw(text: string, addEOL?: boolean): StepSummary;
  addTable(rows: SummaryCell[][]): StepSummary;
  addList(items: string[], ordered?: boolean): StepSummary;
  addCodeBlock(code: string, lang?: string): StepSummary;
  addEOL(): StepSummary;
  write(): Promise<unknown>;
}

/**
 * What the runner gives a step: its inputs, outputs, log, annotations and summary. `@actions/core` provides it on a
 * runner (core-runner.ts); the tests pass one that records everything in memory.
 */
export interface RunnerIO {
  /** The raw input as the runner passes it (`INPUT_<NAME>`), '' when unset. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  info(message: string): void;
  debug(message: string): void;
  isDebug(): boolean;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** Marks the step failed (exit code 1) with an error annotation. Only `runAction` calls it. */
  setFailed(message: string): void;
  readonly summary: StepSummary;
}

/** The log half of the runner, for code that reports but reads no input. */
export type RunnerLog = Pick<RunnerIO, 'info' | 'debug' | 'isDebug' | 'notice' | 'warning' | 'error' | 'setSecret'>;

/** The event that started the workflow: its name and the payload the runner wrote to `GITHUB_EVENT_PATH`. */
export interface ActionEvent {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

/** Everything an action's `main` uses from outside itself; `index.ts` wires the real ones. */
export interface ActionDependencies {
  readonly io: RunnerIO;
  /** The runner's environment (`GITHUB_WORKSPACE`, `RUNNER_TEMP`, `GITHUB_API_URL`, …); never `process.env` directly. */
  readonly env: NodeJS.ProcessEnv;
  readonly event: ActionEvent;
  /** The current time; a fixed clock in tests and the demo. */
  readonly now: () => Date;
  /** Opens the one GitHub client of the run (retry, throttling, pinned API version). */
  readonly openClient: (token: string) => Promise<GitHubClient>;
}

export type ActionMain = (deps: ActionDependencies) => Promise<void>;
