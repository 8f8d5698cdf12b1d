/**
 * What a triage asks for, from the action's inputs or from a `/triage` command in a tracker issue comment:
 *
 *   /triage cvss=CVSS:3.1/AV:N/... tlp=amber accept fix-team=codeowners request-cve
 *   /triage reject reason="duplicate of GHSA-xxxx-xxxx-xxxx"
 *   /triage reject upstream=https://github.com/owner/project/security reason="in the packaged library"
 *   /triage extend=14d reason="low severity, maintainers on holiday"
 *   /triage expedite reason="disclosed publicly on the mailing list"
 *   /triage release-date=2026-12-01 reason="the reporter agreed to a later day"
 *
 * Both go through `buildTriageRequest`, so a command and the inputs accept exactly the same values. Pure.
 */
import { scoreCvss, type CvssResult } from './cvss.js';
import { DURATION_FORMS, readDuration } from './duration.js';
import { ConfigurationError } from './errors.js';
import type { Duration } from './policy/types.js';
import type { Tlp } from './tracker-state.js';
import { triageCommandText } from './triage-command.js';
import { parseUpstreamUrl, UPSTREAM_REASON } from './upstream.js';
import { parseVulnerabilities, type AdvisoryVulnerability } from './vulnerabilities.js';

/** The keys, named as the action's inputs. */
export const TRIAGE_KEYS = [
  'cvss-vector',
  'severity',
  'cwe-ids',
  'tlp',
  'decision',
  'reason',
  'fix-team',
  'affected-paths',
  'request-cve',
  'vulnerabilities',
  'release-date',
  'release-version',
  'extend',
  'expedite',
  'upstream',
] as const;
export type TriageKey = (typeof TRIAGE_KEYS)[number];
export type RawTriageValues = Partial<Record<TriageKey, string>>;

export type AdvisorySeverity = 'critical' | 'high' | 'medium' | 'low';
export type Decision = 'accept' | 'reject';

export const SEVERITIES: readonly AdvisorySeverity[] = ['critical', 'high', 'medium', 'low'];
export const TLP_LEVELS: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

export interface FixTeamRequest {
  /** Read the owners of `affectedPaths` from the affected repository's CODEOWNERS. */
  readonly codeowners: boolean;
  readonly users: readonly string[];
  readonly teams: readonly { readonly org: string; readonly slug: string }[];
  /** CODEOWNERS allows e-mail owners, advisories do not: kept to warn about them. */
  readonly emails: readonly string[];
}

export interface TriageRequest {
  readonly cvss?: CvssResult;
  readonly severity?: AdvisorySeverity;
  readonly cweIds?: readonly string[];
  readonly tlp?: Tlp;
  readonly decision?: Decision;
  readonly reason?: string;
  readonly fixTeam?: FixTeamRequest;
  /** Paths whose CODEOWNERS owners form the fix team; `*` stands for a file at the root. */
  readonly affectedPaths: readonly string[];
  readonly requestCve: boolean;
  readonly vulnerabilities?: readonly AdvisoryVulnerability[];
  /** The release day the response and fix teams agreed on (`YYYY-MM-DD`, UTC): the release goes out in its window. */
  readonly releaseDate?: string;
  /** The fixed version that release ships, e.g. `1.4.2`. */
  readonly releaseVersion?: string;
  /** A recorded decision to give the fix release this much more than the policy's target (`reason` says why). */
  readonly extend?: Duration;
  /** Public disclosure or exploitation: every open step due as soon as possible (`reason` says why). */
  readonly expedite?: boolean;
  /** Out of scope, report upstream: a rejection pointing the reporter to this link (upstream.ts). */
  readonly upstream?: string;
}

/** How a key is named in messages: `Input "tlp"` for the inputs, `/triage tlp` for a command. */
export type KeyLabel = (key: TriageKey) => string;

export const inputLabel: KeyLabel = (key) => `Input "${key}"`;
export const commandLabel: KeyLabel = (key) => `/triage ${key}`;

function invalid(label: KeyLabel, key: TriageKey, value: string, accepted: string): ConfigurationError {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return new ConfigurationError(`${label(key)} is "${shown}", but it accepts ${accepted}.`, key);
}

function listItems(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseSeverityValue(value: string, label: KeyLabel = inputLabel): AdvisorySeverity {
  const severity = SEVERITIES.find((known) => known === value.trim().toLowerCase());
  if (!severity) throw invalid(label, 'severity', value, `one of ${SEVERITIES.join(', ')}`);
  return severity;
}

export function parseTlpValue(value: string, label: KeyLabel = inputLabel): Tlp {
  const normalized = value.trim().toUpperCase().replace(/^TLP:/, '');
  const tlp = TLP_LEVELS.find((level) => level === normalized);
  if (tlp) return tlp;
  const hint = normalized === 'WHITE' ? ' (TLP 2.0 renamed WHITE to CLEAR)' : '';
  throw invalid(label, 'tlp', value, `one of ${TLP_LEVELS.join(', ')}${hint}`);
}

export function parseDecisionValue(value: string, label: KeyLabel = inputLabel): Decision {
  const decision = value.trim().toLowerCase();
  if (decision === 'accept' || decision === 'reject') return decision;
  throw invalid(label, 'decision', value, '`accept` (triage to draft) or `reject` (with a reason)');
}

const CWE = /^CWE-(\d{1,5})$/i;

export function parseCweIdsValue(value: string, label: KeyLabel = inputLabel): string[] {
  const ids = listItems(value).map((item) => {
    const match = CWE.exec(item);
    if (!match) throw invalid(label, 'cwe-ids', item, 'CWE ids such as `CWE-79, CWE-89`');
    return `CWE-${Number(match[1])}`;
  });
  return [...new Set(ids)];
}

export function parseBooleanValue(key: TriageKey, value: string, label: KeyLabel = inputLabel): boolean {
  const lowered = value.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(lowered)) return true;
  if (['false', 'no', 'off', '0'].includes(lowered)) return false;
  throw invalid(label, key, value, '`true` or `false`');
}

const USER = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/;
const TEAM = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function parseFixTeamValue(value: string, label: KeyLabel = inputLabel): FixTeamRequest {
  const team = { codeowners: false, users: [] as string[], teams: [] as { org: string; slug: string }[] };
  const emails: string[] = [];
  for (const entry of listItems(value)) {
    const teamMatch = TEAM.exec(entry);
    const userMatch = USER.exec(entry);
    if (entry.toLowerCase() === 'codeowners') team.codeowners = true;
    else if (teamMatch?.[1] && teamMatch[2]) team.teams.push({ org: teamMatch[1], slug: teamMatch[2] });
    else if (userMatch?.[1]) team.users.push(userMatch[1]);
    else if (EMAIL.test(entry)) emails.push(entry);
    else throw invalid(label, 'fix-team', entry, '`codeowners`, user logins and `org/team` slugs');
  }
  if (!team.codeowners && team.users.length === 0 && team.teams.length === 0 && emails.length === 0) {
    throw invalid(label, 'fix-team', value, '`codeowners`, user logins and `org/team` slugs');
  }
  return { ...team, emails };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$/;

export function parseReleaseDateValue(value: string, label: KeyLabel = inputLabel): string {
  const match = ISO_DATE.exec(value.trim());
  const date = match ? new Date(`${value.trim()}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value.trim()) {
    throw invalid(label, 'release-date', value, 'a calendar date as YYYY-MM-DD, e.g. 2026-12-01');
  }
  return value.trim();
}

export function parseReleaseVersionValue(value: string, label: KeyLabel = inputLabel): string {
  if (!VERSION.test(value.trim())) {
    throw invalid(label, 'release-version', value, 'a version such as `1.4.2` or `v2.0.0-rc.1` (no spaces)');
  }
  return value.trim();
}

export function parseExtendValue(value: string, label: KeyLabel = inputLabel): Duration {
  const reading = readDuration(value.trim());
  if (!reading.duration) throw invalid(label, 'extend', value, `a duration such as ${DURATION_FORMS}`);
  return reading.duration;
}

function parseCvssValue(value: string, label: KeyLabel): CvssResult {
  try {
    return scoreCvss(value);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      throw new ConfigurationError(`${label('cvss-vector')}: ${error.message}.`, 'cvss-vector');
    }
    throw error;
  }
}

function parseVulnerabilitiesValue(value: string, label: KeyLabel): AdvisoryVulnerability[] {
  try {
    return parseVulnerabilities(value);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      throw new ConfigurationError(`${label('vulnerabilities')}: ${error.message}.`, 'vulnerabilities');
    }
    throw error;
  }
}

function checkCombination(request: TriageRequest, label: KeyLabel): void {
  if (request.upstream && request.decision !== 'reject') {
    throw new ConfigurationError(
      `${label('upstream')} is set with an accept decision: a report sent upstream is rejected here (drop accept, or drop upstream).`,
      'upstream',
    );
  }
  if (request.cvss && request.severity) {
    throw new ConfigurationError(
      `${label('cvss-vector')} and ${label('severity')} are both set: the severity comes from the vector, so give one of them (GitHub takes either, not both).`,
      'severity',
    );
  }
  if (request.decision === 'reject' && !request.reason) {
    throw new ConfigurationError(
      `${label('decision')} is reject but ${label('reason')} is empty: say why (the reporter is told).`,
      'reason',
    );
  }
  const decided = request.decision === 'reject' || request.extend || request.expedite || request.releaseDate;
  if (request.reason && !decided) {
    throw new ConfigurationError(
      `${label('reason')} is set but nothing it explains: give it with reject, extend, expedite or release-date.`,
      'reason',
    );
  }
  for (const key of ['extend', 'expedite'] as const) {
    if (request[key] && !request.reason) {
      throw new ConfigurationError(
        `${label(key)} needs ${label('reason')}: the decision is recorded with why (e.g. reason="disclosed publicly").`,
        'reason',
      );
    }
    if (request[key] && request.decision === 'reject') {
      throw new ConfigurationError(
        `${label(key)} is set with a reject decision: a rejected report has no timeline.`,
        key,
      );
    }
  }
  if (request.decision === 'reject' && (request.releaseDate || request.releaseVersion)) {
    throw new ConfigurationError(
      `${label('release-date')} is set with a reject decision: a rejected report has no release.`,
      'release-date',
    );
  }
  if (request.decision === 'reject' && request.requestCve) {
    throw new ConfigurationError(
      `${label('request-cve')} is true with a reject decision: a rejected report gets no CVE.`,
      'request-cve',
    );
  }
}

/** Validates every value and their combination; throws a ConfigurationError naming the key and the value. */
export function buildTriageRequest(raw: RawTriageValues, label: KeyLabel = inputLabel): TriageRequest {
  const given = (key: TriageKey): string | undefined => {
    const value = raw[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const cvss = given('cvss-vector');
  const severity = given('severity');
  const cweIds = given('cwe-ids');
  const tlp = given('tlp');
  const decision = given('decision');
  const fixTeam = given('fix-team');
  const paths = given('affected-paths');
  const requestCve = given('request-cve');
  const vulnerabilities = given('vulnerabilities');
  const reason = given('reason');
  const releaseDate = given('release-date');
  const releaseVersion = given('release-version');
  const extend = given('extend');
  const expedite = given('expedite');
  const upstream = given('upstream');
  // A report sent upstream is a rejection; its reason, when the team gives none, is the scope rule itself.
  const upstreamDecision = upstream !== undefined && decision === undefined ? 'reject' : decision;
  const upstreamReason = upstream !== undefined && reason === undefined ? UPSTREAM_REASON : reason;
  const request: TriageRequest = {
    ...(cvss === undefined ? {} : { cvss: parseCvssValue(cvss, label) }),
    ...(severity === undefined ? {} : { severity: parseSeverityValue(severity, label) }),
    ...(cweIds === undefined ? {} : { cweIds: parseCweIdsValue(cweIds, label) }),
    ...(tlp === undefined ? {} : { tlp: parseTlpValue(tlp, label) }),
    ...(upstreamDecision === undefined ? {} : { decision: parseDecisionValue(upstreamDecision, label) }),
    ...(upstreamReason === undefined ? {} : { reason: upstreamReason }),
    ...(fixTeam === undefined ? {} : { fixTeam: parseFixTeamValue(fixTeam, label) }),
    affectedPaths: paths === undefined ? ['*'] : listItems(paths),
    requestCve: requestCve === undefined ? false : parseBooleanValue('request-cve', requestCve, label),
    ...(vulnerabilities === undefined ? {} : { vulnerabilities: parseVulnerabilitiesValue(vulnerabilities, label) }),
    ...(releaseDate === undefined ? {} : { releaseDate: parseReleaseDateValue(releaseDate, label) }),
    ...(releaseVersion === undefined ? {} : { releaseVersion: parseReleaseVersionValue(releaseVersion, label) }),
    ...(extend === undefined ? {} : { extend: parseExtendValue(extend, label) }),
    ...(expedite === undefined || !parseBooleanValue('expedite', expedite, label) ? {} : { expedite: true }),
    ...(upstream === undefined ? {} : { upstream: parseUpstreamUrl(upstream, label('upstream')) }),
  };
  checkCombination(request, label);
  return request;
}

/** Short spellings a command may use for a key. */
const KEY_ALIASES: Readonly<Record<string, TriageKey>> = {
  cvss: 'cvss-vector',
  vector: 'cvss-vector',
  cwe: 'cwe-ids',
  cwes: 'cwe-ids',
  paths: 'affected-paths',
  release: 'release-date',
  version: 'release-version',
};

/** Bare words and the value they stand for. */
const FLAGS: Readonly<Record<string, readonly [TriageKey, string]>> = {
  accept: ['decision', 'accept'],
  reject: ['decision', 'reject'],
  'request-cve': ['request-cve', 'true'],
  expedite: ['expedite', 'true'],
};

interface Token {
  readonly key: string;
  readonly value: string | undefined;
}

/** Splits `a=1 b="two words" c` into tokens; stops at the first line break outside quotes. */
export function tokenizeCommand(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const atEnd = (): boolean => index >= text.length || text.charAt(index) === '\n';
  while (!atEnd()) {
    if (/[ \t\r]/.test(text.charAt(index))) {
      index += 1;
      continue;
    }
    const start = index;
    while (!atEnd() && !/[\s=]/.test(text.charAt(index))) index += 1;
    const key = text.slice(start, index);
    if (text.charAt(index) !== '=') {
      tokens.push({ key, value: undefined });
      continue;
    }
    index += 1;
    const [value, next] = readValue(text, index, key);
    tokens.push({ key, value });
    index = next;
  }
  return tokens;
}

function readValue(text: string, start: number, key: string): [string, number] {
  const quote = text.charAt(start);
  if (quote !== '"' && quote !== "'") {
    let end = start;
    while (end < text.length && !/\s/.test(text.charAt(end))) end += 1;
    return [text.slice(start, end), end];
  }
  let value = '';
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\' && quote === '"' && index + 1 < text.length) {
      index += 1;
      value += text.charAt(index);
    } else if (char === quote) {
      return [value, index + 1];
    } else {
      value += char;
    }
  }
  throw new ConfigurationError(`/triage ${key}: the quoted value has no closing ${quote}.`, key);
}

const KNOWN_WORDS = [...TRIAGE_KEYS, ...Object.keys(KEY_ALIASES), ...Object.keys(FLAGS)].join(', ');

function unknownKey(key: string): ConfigurationError {
  return new ConfigurationError(`/triage has an unknown key "${key}" (known: ${KNOWN_WORDS}).`, 'triage command');
}

function resolveToken(token: Token): [TriageKey, string] {
  const lowered = token.key.toLowerCase();
  if (token.value === undefined) {
    const flag = FLAGS[lowered];
    if (flag) return [flag[0], flag[1]];
    if ((TRIAGE_KEYS as readonly string[]).includes(lowered) || KEY_ALIASES[lowered]) {
      throw new ConfigurationError(`/triage ${lowered} needs a value: ${lowered}=...`, lowered);
    }
    throw unknownKey(token.key);
  }
  const key = KEY_ALIASES[lowered] ?? TRIAGE_KEYS.find((known) => known === lowered);
  if (!key) throw unknownKey(token.key);
  if (token.value.trim() === '') throw new ConfigurationError(`/triage ${key} has an empty value.`, key);
  return [key, token.value];
}

/** The raw key/values of a `/triage` command, or undefined when the text holds no command. */
export function parseTriageCommandValues(body: string): RawTriageValues | undefined {
  const text = triageCommandText(body);
  if (text === undefined) return undefined;
  const values: RawTriageValues = {};
  for (const token of tokenizeCommand(text)) {
    const [key, value] = resolveToken(token);
    if (values[key] !== undefined) {
      throw new ConfigurationError(`/triage gives ${key} more than once: keep one.`, key);
    }
    values[key] = value;
  }
  if (Object.keys(values).length === 0) {
    throw new ConfigurationError(
      '/triage needs at least one of: cvss=…, severity=…, cwe=…, tlp=…, accept, reject reason="…", reject upstream=… reason="…", fix-team=…, paths=…, request-cve, vulnerabilities=…, release-date=…, extend=… reason="…", expedite reason="…"',
      'triage command',
    );
  }
  return values;
}

/** The request a comment's `/triage` command makes, or undefined when the comment is not a command. */
export function parseTriageCommand(body: string): TriageRequest | undefined {
  const values = parseTriageCommandValues(body);
  return values === undefined ? undefined : buildTriageRequest(values, commandLabel);
}
