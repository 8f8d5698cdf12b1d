import * as core from '@actions/core';
import { ConfigurationError, PartialFailureError, PermissionError } from '../../domain/errors.js';
import { inertForLog } from '../../domain/sanitize.js';

/**
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
    return `${name}: configuration error${error.source ? ` in ${error.source}` : ''}: ${inertForLog(error.message)}`;
  }
  if (error instanceof PermissionError) return `${name}: missing permission: ${inertForLog(error.message)}`;
  if (error instanceof PartialFailureError) return `${name}: ${inertForLog(error.message)}`;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.stack) core.debug(inertForLog(error.stack));
  return `${name} failed: ${inertForLog(message)}`;
}
