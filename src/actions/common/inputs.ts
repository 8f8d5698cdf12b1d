import * as core from '@actions/core';
import { ConfigurationError } from '../../domain/errors.js';
import { DURATION_FORMS, parseDuration } from '../../domain/duration.js';
import type { Duration } from '../../domain/policy/types.js';

/** Reads an input; undefined when it is empty or unset. */
export function getOptionalInput(name: string): string | undefined {
  const value = core.getInput(name, { trimWhitespace: true });
  return value === '' ? undefined : value;
}

export function getRequiredInput(name: string): string {
  const value = getOptionalInput(name);
  if (value === undefined) {
    throw new ConfigurationError(
      `Input required and not supplied: ${name}. Set it under \`with:\` in the workflow step.`,
      name,
    );
  }
  return value;
}

function invalid(name: string, value: string, accepted: string): ConfigurationError {
  return new ConfigurationError(`Input "${name}" is "${truncateForMessage(value)}", but it accepts ${accepted}.`, name);
}

function truncateForMessage(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

const TRUE_VALUES = new Set(['true', 'yes', 'on', '1']);
const FALSE_VALUES = new Set(['false', 'no', 'off', '0']);

export function getBooleanInput(name: string, fallback: boolean): boolean {
  const value = getOptionalInput(name);
  if (value === undefined) return fallback;
  const lowered = value.toLowerCase();
  if (TRUE_VALUES.has(lowered)) return true;
  if (FALSE_VALUES.has(lowered)) return false;
  throw invalid(name, value, '`true` or `false`');
}

export function getDurationInput(name: string): Duration | undefined {
  const value = getOptionalInput(name);
  if (value === undefined) return undefined;
  const duration = parseDuration(value);
  if (!duration) throw invalid(name, value, `a positive duration such as ${DURATION_FORMS}`);
  return duration;
}

export function getIntegerInput(name: string, fallback: number, range: { min: number; max: number }): number {
  const value = getOptionalInput(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
    throw invalid(name, value, `a whole number from ${range.min} to ${range.max}`);
  }
  return parsed;
}

/** An ISO 8601 date (`2026-11-24`) or date-time (`2026-11-24T16:00:00Z`). */
export function getDateInput(name: string): Date | undefined {
  const value = getOptionalInput(name);
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(parsed.getTime())) {
    throw invalid(name, value, 'an ISO 8601 date such as 2026-11-24 or 2026-11-24T16:00:00Z');
  }
  return parsed;
}

/** A list given as lines or commas; blank entries dropped. */
export function getListInput(name: string): string[] {
  const value = getOptionalInput(name);
  if (value === undefined) return [];
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function getChoiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = getOptionalInput(name);
  if (value === undefined) return fallback;
  const match = choices.find((choice) => choice === value.toLowerCase());
  if (!match) throw invalid(name, value, `one of ${choices.map((c) => `\`${c}\``).join(', ')}`);
  return match;
}

const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}

export function parseRepository(name: string, value: string): RepositoryRef {
  if (!REPOSITORY_PATTERN.test(value) || value.endsWith('/.') || value.endsWith('/..')) {
    throw invalid(name, value, 'a repository as `owner/name`, e.g. `my-org/my-project`');
  }
  const [owner = '', repo = ''] = value.split('/');
  return { owner, repo };
}

export function getRepositoryInput(name: string): RepositoryRef | undefined {
  const value = getOptionalInput(name);
  return value === undefined ? undefined : parseRepository(name, value);
}

const GHSA_PATTERN = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;

export function parseGhsaId(name: string, value: string): string {
  if (!GHSA_PATTERN.test(value)) {
    throw invalid(
      name,
      value,
      'a GitHub advisory id such as `GHSA-f8m6-h2c7-8h9x` (GHSA- then three groups of 4 from 2-9, c, f, g, h, j, m, p, q, r, v, w, x)',
    );
  }
  return value;
}

export function getGhsaListInput(name: string): string[] {
  return getListInput(name).map((id) => parseGhsaId(name, id));
}

/** A webhook URL: https only, except plain http to loopback (the emulator, a local relay). */
export function parseWebhookUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(name, '(hidden)', 'an absolute https:// URL of a Slack, Discord, Matrix or Zulip incoming webhook');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigurationError(`Input "${name}" must be an https:// URL (got a ${url.protocol} URL).`, name);
  }
  return url;
}

const ORGANIZATION = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^(?:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/)?([A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/;

/** An organization login such as `my-org`. */
export function parseOrganization(name: string, value: string): string {
  if (!ORGANIZATION.test(value)) throw invalid(name, value, 'an organization login such as `my-org`');
  return value;
}

export function getOrganizationInput(name = 'organization'): string | undefined {
  const value = getOptionalInput(name);
  return value === undefined ? undefined : parseOrganization(name, value);
}

export interface TeamRef {
  /** Undefined when only the slug was given: the caller's organization is meant. */
  readonly org: string | undefined;
  readonly slug: string;
}

/** A team as `slug` or `org/slug`, a leading `@` allowed. */
export function parseTeam(name: string, value: string): TeamRef {
  const match = TEAM.exec(value.replace(/^@/, ''));
  if (!match?.[2]) throw invalid(name, value, 'a team slug such as `security-team` or `my-org/security-team`');
  return { org: match[1], slug: match[2] };
}

/** The repositories a sweep covers: an organization, a list of repositories, or both. */
export interface SweepScopeInput {
  readonly organization: string | undefined;
  readonly repositories: RepositoryRef[];
}

/** `organization` and/or `repositories`; `alternative` says what else the action accepts instead of a scope. */
export function getSweepScopeInput(alternative = ''): SweepScopeInput {
  const organization = getOrganizationInput('organization');
  const repositories = getListInput('repositories').map((name) => parseRepository('repositories', name));
  if (organization === undefined && repositories.length === 0) {
    throw new ConfigurationError(
      'A sweep needs a scope: set "organization" (every repository of the org) and/or "repositories" ' +
        `(\`owner/name\`, comma or line separated)${alternative}.`,
      'organization',
    );
  }
  return { organization, repositories };
}

/** A chat webhook URL, masked before anything can print it: an incoming webhook's URL is its credential. */
export function getWebhookInput(name = 'notify-webhook'): URL | undefined {
  const value = getOptionalInput(name);
  if (value === undefined) return undefined;
  core.setSecret(value);
  return parseWebhookUrl(name, value);
}
