import * as core from '@actions/core';
import { ConfigurationError } from '../../domain/errors.js';

/** The one place every action reads "now". `DISCLOSURE_NOW` (ISO 8601) overrides it for the demo and tests. */
export function readNow(env: NodeJS.ProcessEnv = process.env): Date {
  const override = env.DISCLOSURE_NOW?.trim();
  if (!override) return new Date();
  const parsed = new Date(override);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(override) || Number.isNaN(parsed.getTime())) {
    throw new ConfigurationError(
      `DISCLOSURE_NOW is "${override}", which is not an ISO 8601 date-time (e.g. 2026-11-24T16:00:00Z).`,
      'DISCLOSURE_NOW',
    );
  }
  core.info(`Clock overridden by DISCLOSURE_NOW: now is ${parsed.toISOString()}`);
  return parsed;
}
