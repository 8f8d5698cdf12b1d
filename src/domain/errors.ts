/** One mistake at a place in a file the user wrote: the runner annotates that line. */
export interface LocatedProblem {
  /** The file as the user named it (relative to the workspace, as the runner's annotations want it). */
  readonly file: string;
  /** 1-based; undefined when the mistake has no line of its own (an empty file, a missing key). */
  readonly line?: number | undefined;
  /** What is wrong and what to write instead, without the file and line (the annotation carries those). */
  readonly message: string;
}

/** `file:line: message` for a log line or a message that stands alone. */
export function describeProblem(problem: LocatedProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`;
}

/**
 * A mistake in what the user configured (an input, the policy file, a template).
 * Kept apart from bugs and GitHub failures so the message can tell the user what to fix. `problems`, when given,
 * are every mistake found in one file, each at its line: the failure handler annotates each one there.
 */
export class ConfigurationError extends Error {
  readonly problems: readonly LocatedProblem[];

  constructor(
    message: string,
    /** The input or file the mistake is in, for the annotation's title. */
    readonly source?: string,
    problems: readonly LocatedProblem[] = [],
    /** With `problems`: what the failure says besides them (the step it stopped at, what is done), or ''. */
    readonly context = '',
  ) {
    super(message);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }

  /** Every mistake of `problems` (at least one) in one error: the message lists them all, each with its line. */
  static inFile(source: string, problems: readonly LocatedProblem[]): ConfigurationError {
    return new ConfigurationError(problems.map(describeProblem).join('\n'), source, problems);
  }
}

/** The token lacks a permission GitHub requires; the message names the permission. */
export class PermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermissionError';
  }
}

/** Several independent items failed while the rest went through; raised at the end of a run. */
export class PartialFailureError extends Error {
  constructor(readonly failures: readonly { item: string; message: string }[]) {
    super(`${failures.length} item(s) failed: ${failures.map((f) => `${f.item} (${f.message})`).join('; ')}`);
    this.name = 'PartialFailureError';
  }
}

/** An outcome the user asked to fail the job on (a closed release window, a breach with fail-on-breach). */
export class ExpectedFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedFailure';
  }
}
