/**
 * A mistake in what the user configured (an input, the policy file, a template).
 * Kept apart from bugs and GitHub failures so the message can tell the user what to fix.
 */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    /** The input or file the mistake is in, for the annotation's title. */
    readonly source?: string,
  ) {
    super(message);
    this.name = 'ConfigurationError';
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
