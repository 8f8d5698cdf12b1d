import * as core from '@actions/core';
import { ConfigurationError, ExpectedFailure, PartialFailureError, PermissionError } from '../../domain/errors.js';
import { tokenProblem } from '../../github/errors.js';

/**
 * `setFailed`, `error` and `debug` escape their message as workflow-command data (newlines, `%`), so a message
 * cannot start a workflow command of its own; `inertForLog` is for raw `core.info` lines only.
 *
 * The one place that catches, annotates and calls `setFailed`. Configuration mistakes and missing permissions are
 * the user's to fix and say so; anything else is a failure of GitHub or a bug and keeps its stack in debug logs.
 */
export async function runAction(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    core.setFailed(describeFailure(name, error));
  }
}

function describeFailure(name: string, error: unknown): string {
  if (error instanceof ConfigurationError) {
    return `${name}: configuration error${error.source ? ` in ${error.source}` : ''}: ${error.message}`;
  }
  if (error instanceof PermissionError) return `${name}: missing permission: ${error.message}`;
  if (error instanceof PartialFailureError || error instanceof ExpectedFailure) return `${name}: ${error.message}`;
  const problem = tokenProblem(error);
  if (problem) return `${name}: ${problem.configuration ? 'configuration error in token: ' : ''}${problem.message}`;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.stack) core.debug(error.stack);
  return `${name} failed: ${message}`;
}
