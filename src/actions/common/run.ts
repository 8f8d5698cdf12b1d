import {
  ConfigurationError,
  ExpectedFailure,
  PartialFailureError,
  PermissionError,
  type LocatedProblem,
} from '../../domain/errors.js';
import { tokenProblem } from '../../github/errors.js';
import type { ActionDependencies, ActionMain, RunnerIO } from './runner.js';

/**
 * The one place that catches, annotates and calls `setFailed`. Configuration mistakes and missing permissions are
 * the user's to fix and say so; anything else is a failure of GitHub or a bug and keeps its stack in debug logs.
 * `setFailed`, `error` and `debug` escape their message as workflow-command data (newlines, `%`), so a message
 * cannot start a workflow command of its own; `inertForLog` is for raw `info` lines only.
 *
 * `dependencies` builds the collaborators inside the guard, so an unreadable event payload fails like any other
 * configuration error.
 */
export async function runAction(
  name: string,
  main: ActionMain,
  io: RunnerIO,
  dependencies: () => ActionDependencies,
): Promise<void> {
  try {
    await main(dependencies());
  } catch (error) {
    io.setFailed(describeFailure(name, error, io));
  }
}

function describeFailure(name: string, error: unknown, io: RunnerIO): string {
  if (error instanceof ConfigurationError) return describeConfigurationError(name, error, io);
  if (error instanceof PermissionError) return `${name}: missing permission: ${error.message}`;
  if (error instanceof PartialFailureError || error instanceof ExpectedFailure) return `${name}: ${error.message}`;
  const problem = tokenProblem(error);
  if (problem) return `${name}: ${problem.configuration ? 'configuration error in token: ' : ''}${problem.message}`;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.stack) io.debug(error.stack);
  return `${name} failed: ${message}`;
}

/**
 * A configuration error with located problems (a policy file, a template, a calendar): each problem is annotated on
 * its file and line, where the runner shows it in the file, and the failure sums them up without repeating the
 * path (`configuration error in policy.yml: line 2: …; line 5: …`).
 */
function describeConfigurationError(name: string, error: ConfigurationError, io: RunnerIO): string {
  const where = error.source ? ` in ${error.source}` : '';
  if (error.problems.length === 0) return `${name}: configuration error${where}: ${error.message}`;
  for (const problem of error.problems) {
    io.error(problem.message, {
      title: `${name}: configuration error in ${problem.file}`,
      file: problem.file,
      ...(problem.line === undefined ? {} : { startLine: problem.line }),
    });
  }
  const files = new Set(error.problems.map((problem) => problem.file));
  const single = files.size === 1 ? [...files][0] : undefined;
  const summary = error.problems.map((problem) => locatedText(problem, single !== undefined)).join('; ');
  const count = error.problems.length === 1 ? '' : `${error.problems.length} problems: `;
  // The file once: as the error's source names it when that names the file (`template "x.hbs"`), else by its path.
  const label = single === undefined ? where : ` in ${error.source?.includes(single) ? error.source : single}`;
  return `${name}: configuration error${label}: ${count}${summary}${error.context ? ` ${error.context}` : ''}`;
}

/** `line 3: message`, or `file:3: message` when the failure names no single file. */
function locatedText(problem: LocatedProblem, fileNamed: boolean): string {
  const line = problem.line === undefined ? '' : `line ${problem.line}`;
  if (fileNamed) return line === '' ? problem.message : `${line}: ${problem.message}`;
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`;
}
