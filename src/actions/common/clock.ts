import { ConfigurationError } from '../../domain/errors.js';
import type { RunnerLog } from './runner.js';

/**
 * The clock override, checked once when a run starts. `DISCLOSURE_NOW` (ISO 8601) fixes "now" for the demo and the
 * bundle tests, which run outside a runner. On a runner (`GITHUB_ACTIONS=true`) it is refused: a workflow `env:`
 * could otherwise open the release gate at any hour or move every deadline, and leave no trace of it.
 */
export function clockOverride(env: NodeJS.ProcessEnv): Date | undefined {
  const override = env.DISCLOSURE_NOW?.trim();
  if (!override) return undefined;
  if (env.GITHUB_ACTIONS === 'true') {
    throw new ConfigurationError(
      'DISCLOSURE_NOW is set in a GitHub Actions run (GITHUB_ACTIONS=true). It moves the clock every deadline and the release window are read from, so it is refused on a runner: remove DISCLOSURE_NOW from the workflow and job `env:` (it is for the demo and tests outside a runner).',
      'DISCLOSURE_NOW',
    );
  }
  const parsed = new Date(override);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(override) || Number.isNaN(parsed.getTime())) {
    throw new ConfigurationError(
      `DISCLOSURE_NOW is "${override}", which is not an ISO 8601 date-time (e.g. 2026-11-24T16:00:00Z).`,
      'DISCLOSURE_NOW',
    );
  }
  return parsed;
}

/** The one place a run reads "now": the wall clock, or the override outside a runner (see clockOverride). */
export function readNow(env: NodeJS.ProcessEnv, log: Pick<RunnerLog, 'info'>): Date {
  const parsed = clockOverride(env);
  if (!parsed) return new Date();
  log.info(`Clock overridden by DISCLOSURE_NOW: now is ${parsed.toISOString()}`);
  return parsed;
}
