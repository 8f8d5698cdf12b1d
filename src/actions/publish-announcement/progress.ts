/**
 * Where a run got to: each of the seven steps with what it did, so the summary and a failure both say which steps are
 * done (and will not be repeated by a re-run) and which are not.
 */
import { tokenProblem } from '../../github/errors.js';
import { ConfigurationError, ExpectedFailure, PermissionError } from '../../domain/errors.js';
import { PublishRefused } from './publish.js';

export const STEP_TITLES = {
  1: 'Confirm the release gate',
  2: 'Publish the advisories',
  3: 'Security section in the GitHub release',
  4: 'Announcement',
  5: 'Chat webhook',
  6: 'Thank the reporter',
  7: 'Tracker: check off, close, retrospective',
  8: 'Share the retrospective',
} as const;

export type StepNumber = keyof typeof STEP_TITLES;
export const STEP_NUMBERS: readonly StepNumber[] = [1, 2, 3, 4, 5, 6, 7, 8];

/** `done`: written by this run; `already done`: found done, nothing written; `manual`: left for a human. */
export type StepStatus = 'done' | 'already done' | 'skipped' | 'manual' | 'refused' | 'failed' | 'not reached';

export interface StepRecord {
  readonly step: StepNumber;
  readonly title: string;
  readonly status: StepStatus;
  readonly detail: string;
}

const FINISHED: ReadonlySet<StepStatus> = new Set(['done', 'already done', 'manual']);

export class Progress {
  private readonly records = new Map<StepNumber, StepRecord>();
  private current: StepNumber | undefined;
  /** Set once a step has written something (the failure message says "nothing was written" until then). */
  private wrote = false;

  start(step: StepNumber): void {
    this.current = step;
  }

  record(step: StepNumber, status: StepStatus, detail: string): void {
    this.records.set(step, { step, title: STEP_TITLES[step], status, detail });
    if (status === 'done' || status === 'manual') this.wrote = true;
    if (this.current === step) this.current = undefined;
  }

  /** Marks that something was written while the step is still running (a partial step). */
  noteWrite(): void {
    this.wrote = true;
  }

  rows(): StepRecord[] {
    return STEP_NUMBERS.map(
      (step) => this.records.get(step) ?? { step, title: STEP_TITLES[step], status: 'not reached', detail: '' },
    );
  }

  finished(): StepRecord[] {
    return this.rows().filter((row) => FINISHED.has(row.status));
  }

  /** The error to fail the run with: the cause, the step it stopped at, and what is done. Keeps the cause's kind. */
  failure(cause: unknown): Error {
    const problem = tokenProblem(cause);
    const causeText = problem?.message ?? (cause instanceof Error ? cause.message : String(cause));
    const failedStep = this.current;
    if (failedStep !== undefined) this.record(failedStep, 'failed', causeText);
    const where = failedStep === undefined ? '' : `step ${failedStep} (${STEP_TITLES[failedStep]}) failed: `;
    const done = this.finished().map((row) => `${row.step} ${row.title} (${row.status}: ${row.detail})`);
    const doneText = done.length > 0 ? ` Steps done: ${done.join('; ')}.` : '';
    const after = !this.wrote
      ? ' Nothing was published or written.'
      : isTransient(cause)
        ? ' Re-run the job to finish: the steps done are checked and not repeated.'
        : ' A re-run cannot help until that is fixed; then the steps done are checked and not repeated.';
    const message = `${where}${causeText}${doneText}${after}`;
    if (cause instanceof ConfigurationError && cause.problems.length > 0) {
      // Mistakes located in a file keep their locations; the failure tells the step and what is done around them.
      const stopped = failedStep === undefined ? '' : `Step ${failedStep} (${STEP_TITLES[failedStep]}) failed.`;
      const context = [stopped, doneText.trim(), after.trim()].filter((part) => part !== '').join(' ');
      return new ConfigurationError(message, cause.source, cause.problems, `(${context})`);
    }
    return problem?.configuration ? new ConfigurationError(message, 'token') : sameKind(cause, message);
  }
}

/**
 * A failure that may pass by itself (GitHub's 5xx, a rate limit, a dropped connection): re-running helps. A
 * configuration mistake, a missing permission, a refused token or an advisory GitHub refuses to publish stays until
 * the user fixes it.
 */
function isTransient(cause: unknown): boolean {
  const lasting = [ConfigurationError, PermissionError, ExpectedFailure, PublishRefused];
  if (lasting.some((kind) => cause instanceof kind)) return false;
  return !(tokenProblem(cause)?.configuration ?? false);
}

function sameKind(cause: unknown, message: string): Error {
  if (cause instanceof ConfigurationError) return new ConfigurationError(message, cause.source);
  if (cause instanceof PermissionError) return new PermissionError(message);
  if (cause instanceof ExpectedFailure) return new ExpectedFailure(message);
  const error = new Error(message);
  if (cause instanceof Error && cause.stack) error.stack = cause.stack;
  return error;
}
