import * as core from '@actions/core';
import { ConfigurationError, ExpectedFailure, PartialFailureError, PermissionError } from '../../domain/errors.js';
import { isRateLimited } from '../../github/errors.js';

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
  if (isRateLimited(error)) return `${name}: ${rateLimitMessage(error)}`;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.stack) core.debug(error.stack);
  return `${name} failed: ${message}`;
}

/** GitHub asked us to slow down for longer than a job should wait: say until when, and that nothing was concluded. */
function rateLimitMessage(error: unknown): string {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  const reset = Number(headers['x-ratelimit-reset']);
  const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
  return (
    `GitHub's API rate limit for this token is spent${when}. Nothing was concluded from a partial view: ` +
    're-run the job after the reset, or give the workflow its own GitHub App so it does not share the limit.'
  );
}
