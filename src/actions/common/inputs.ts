import { ConfigurationError } from '../../domain/errors.js';
import { DURATION_FORMS, readDuration } from '../../domain/duration.js';
import type { Duration } from '../../domain/policy/types.js';
import type { RepoRef } from '../../github/types.js';
import type { InputSpec } from './input-spec.js';
import type { RunnerIO } from './runner.js';

function invalid(name: string, value: string, accepted: string): ConfigurationError {
  return new ConfigurationError(`Input "${name}" is "${truncateForMessage(value)}", but it accepts ${accepted}.`, name);
}

function truncateForMessage(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

const TRUE_VALUES = new Set(['true', 'yes', 'on', '1']);
const FALSE_VALUES = new Set(['false', 'no', 'off', '0']);

const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

export function parseRepository(name: string, value: string): RepoRef {
  if (!REPOSITORY_PATTERN.test(value) || value.endsWith('/.') || value.endsWith('/..')) {
    throw invalid(name, value, 'a repository as `owner/name`, e.g. `my-org/my-project`');
  }
  const [owner = '', repo = ''] = value.split('/');
  return { owner, repo };
}

const GHSA_PATTERN = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;

/** A GitHub advisory id as GitHub writes it (`GHSA-f8m6-h2c7-8h9x`), e.g. a tracking issue's key that names one. */
export function isGhsaId(value: string): boolean {
  return GHSA_PATTERN.test(value);
}

export function parseGhsaId(name: string, value: string): string {
  if (!isGhsaId(value)) {
    throw invalid(
      name,
      value,
      'a GitHub advisory id such as `GHSA-f8m6-h2c7-8h9x` (GHSA- then three groups of 4 from 2-9, c, f, g, h, j, m, p, q, r, v, w, x)',
    );
  }
  return value;
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

/** A team as an input names it: its slug, and its organization when written as `org/slug`. */
export interface TeamSlug {
  /** Undefined when only the slug was given: the caller's organization is meant. */
  readonly org: string | undefined;
  readonly slug: string;
}

/** A team of a known organization (a TeamSlug once the organization is settled). */
export interface TeamRef {
  readonly org: string;
  readonly slug: string;
}

/** A team as `slug` or `org/slug`, a leading `@` allowed. */
export function parseTeam(name: string, value: string): TeamSlug {
  const match = TEAM.exec(value.replace(/^@/, ''));
  if (!match?.[2]) throw invalid(name, value, 'a team slug such as `security-team` or `my-org/security-team`');
  return { org: match[1], slug: match[2] };
}

/** The repositories a sweep covers: an organization, a list of repositories, or both. */
export interface SweepScopeInput {
  readonly organization: string | undefined;
  readonly repositories: RepoRef[];
}

/**
 * An action's inputs, read through the runner. An input left empty takes the default its action.yml declares (as
 * the runner does for `uses: …/actions/<name>@v1`, and as the root dispatcher must), so a default is written once;
 * reading an input the action.yml does not declare is a bug, and throws.
 */
export class ActionInputs {
  constructor(
    private readonly io: Pick<RunnerIO, 'getInput' | 'setSecret'>,
    private readonly declared: Readonly<Record<string, InputSpec>>,
    private readonly action: string,
  ) {}

  /** The value given, else the declared default; undefined when both are empty. */
  optional(name: string): string | undefined {
    const spec = this.declared[name];
    if (!spec)
      throw new Error(
        `${this.action} reads input "${name}", which actions/${this.action}/action.yml does not declare.`,
      );
    const value = this.io.getInput(name).trim();
    if (value !== '') return value;
    return spec.default === undefined || spec.default === '' ? undefined : spec.default;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      throw new ConfigurationError(
        `Input required and not supplied: ${name}. Set it under \`with:\` in the workflow step.`,
        name,
      );
    }
    return value;
  }

  /** `true`/`false` (also yes/no, on/off, 1/0); undefined only when neither a value nor a default exists. */
  optionalBoolean(name: string): boolean | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const lowered = value.toLowerCase();
    if (TRUE_VALUES.has(lowered)) return true;
    if (FALSE_VALUES.has(lowered)) return false;
    throw invalid(name, value, '`true` or `false`');
  }

  boolean(name: string): boolean {
    const value = this.optionalBoolean(name);
    if (value === undefined) return this.required(name) === 'true';
    return value;
  }

  duration(name: string): Duration | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const reading = readDuration(value);
    if (reading.duration) return reading.duration;
    throw new ConfigurationError(
      `Input "${name}" is "${truncateForMessage(value)}", which ${reading.problem}; it accepts a duration such as ${DURATION_FORMS}.`,
      name,
    );
  }

  integer(name: string, range: { min: number; max: number }): number {
    const value = this.required(name);
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
      throw invalid(name, value, `a whole number from ${range.min} to ${range.max}`);
    }
    return parsed;
  }

  /** An ISO 8601 date (`2026-11-24`) or date-time (`2026-11-24T16:00:00Z`). */
  date(name: string): Date | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const parsed = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(parsed.getTime())) {
      throw invalid(name, value, 'an ISO 8601 date such as 2026-11-24 or 2026-11-24T16:00:00Z');
    }
    return parsed;
  }

  /** A list given as lines or commas; blank entries dropped. */
  list(name: string): string[] {
    const value = this.optional(name);
    if (value === undefined) return [];
    return value
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  choice<T extends string>(name: string, choices: readonly T[]): T {
    const value = this.required(name);
    const match = choices.find((choice) => choice === value.toLowerCase());
    if (!match) throw invalid(name, value, `one of ${choices.map((c) => `\`${c}\``).join(', ')}`);
    return match;
  }

  repository(name: string): RepoRef | undefined {
    const value = this.optional(name);
    return value === undefined ? undefined : parseRepository(name, value);
  }

  ghsaList(name: string): string[] {
    return this.list(name).map((id) => parseGhsaId(name, id));
  }

  organization(name = 'organization'): string | undefined {
    const value = this.optional(name);
    return value === undefined ? undefined : parseOrganization(name, value);
  }

  /** `organization` and/or `repositories`; `alternative` says what else the action accepts instead of a scope. */
  sweepScope(alternative = ''): SweepScopeInput {
    const organization = this.organization('organization');
    const repositories = this.list('repositories').map((name) => parseRepository('repositories', name));
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
  webhook(name = 'notify-webhook'): URL | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    this.io.setSecret(value);
    return parseWebhookUrl(name, value);
  }
}
