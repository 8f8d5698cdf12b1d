/**
 * The affected packages of an advisory, written by a maintainer as YAML or JSON (YAML is a superset
 * of JSON), turned into the `vulnerabilities` array of GitHub's repository advisory API.
 *
 * Each entry: `ecosystem`, `package` (or `name`), `vulnerable-version-range`, `patched-versions`,
 * `vulnerable-functions` (snake_case spellings are accepted too). GitHub's own shape, with
 * `package: { ecosystem, name }`, is accepted as well.
 *
 * Ecosystems are GitHub's names; these aliases are also accepted, case-insensitively:
 * PyPI/python → pip, crates.io/cargo → rust, Packagist → composer, Hex → erlang, gem → rubygems,
 * golang → go, GitHub Actions → actions, pub.dev → pub, SwiftURL/swiftpm → swift.
 */
import { parse as parseYaml } from 'yaml';
import { ADVISORY_ECOSYSTEMS, normalizeEcosystem, type AdvisoryEcosystem } from './ecosystems.js';
import { ConfigurationError } from './errors.js';

export interface AdvisoryVulnerability {
  package: { ecosystem: AdvisoryEcosystem; name: string };
  vulnerable_version_range: string | null;
  patched_versions: string | null;
  vulnerable_functions: string[];
}

/** A mistake in the vulnerabilities list; the message names the entry and the field. */
export class VulnerabilitiesError extends ConfigurationError {
  constructor(message: string) {
    super(message, 'vulnerabilities');
    this.name = 'VulnerabilitiesError';
  }
}

/** Field → the keys that may spell it. */
const FIELD_KEYS = {
  ecosystem: ['ecosystem'],
  name: ['package', 'name'],
  range: ['vulnerable-version-range', 'vulnerable_version_range'],
  patched: ['patched-versions', 'patched_versions'],
  functions: ['vulnerable-functions', 'vulnerable_functions'],
} as const;

const KNOWN_KEYS: readonly string[] = Object.values(FIELD_KEYS).flat();

/** Parses the list; blank text means no vulnerabilities. Throws VulnerabilitiesError. */
export function parseVulnerabilities(text: string): AdvisoryVulnerability[] {
  if (text.trim() === '') return [];
  const data = parseDocument(text);
  if (!Array.isArray(data)) {
    throw new VulnerabilitiesError(`vulnerabilities must be a list of entries, got ${describe(data)}`);
  }
  return data.map((entry: unknown, index) => parseEntry(entry, `vulnerabilities[${index}]`));
}

function parseDocument(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new VulnerabilitiesError(`vulnerabilities are not valid YAML or JSON: ${detail}`);
  }
}

function parseEntry(entry: unknown, where: string): AdvisoryVulnerability {
  if (!isRecord(entry)) throw new VulnerabilitiesError(`${where} must be a mapping, got ${describe(entry)}`);
  const fields = isRecord(entry.package) ? flattenGitHubShape(entry.package, entry, where) : entry;
  const unknown = Object.keys(fields).filter((key) => !KNOWN_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new VulnerabilitiesError(
      `${where} has unknown field(s) ${unknown.join(', ')} (accepted: ${KNOWN_KEYS.join(', ')})`,
    );
  }
  return {
    package: { ecosystem: readEcosystem(fields, where), name: readName(fields, where) },
    vulnerable_version_range: readOptionalString(fields, FIELD_KEYS.range, where),
    patched_versions: readOptionalString(fields, FIELD_KEYS.patched, where),
    vulnerable_functions: readFunctions(fields, where),
  };
}

/** `{ package: { ecosystem, name }, ... }` as GitHub returns it, flattened into this file's fields. */
function flattenGitHubShape(
  pkg: Record<string, unknown>,
  entry: Record<string, unknown>,
  where: string,
): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'package'));
  const extra = Object.keys(pkg).filter((key) => key !== 'ecosystem' && key !== 'name');
  if (extra.length > 0) throw new VulnerabilitiesError(`${where}.package has unknown field(s) ${extra.join(', ')}`);
  if ('ecosystem' in rest || 'name' in rest) {
    throw new VulnerabilitiesError(`${where} gives the package both as a mapping and as separate fields`);
  }
  if (pkg.name === undefined || pkg.name === null) throw new VulnerabilitiesError(`${where}.package.name is missing`);
  return { ...rest, ecosystem: pkg.ecosystem, name: pkg.name };
}

function pick(fields: Record<string, unknown>, keys: readonly string[], where: string): [string, unknown] | undefined {
  const present = keys.filter((key) => fields[key] !== undefined);
  if (present.length > 1) throw new VulnerabilitiesError(`${where} gives both ${present.join(' and ')}: keep one`);
  const key = present[0];
  return key === undefined ? undefined : [key, fields[key]];
}

function readEcosystem(fields: Record<string, unknown>, where: string): AdvisoryEcosystem {
  const value = pick(fields, FIELD_KEYS.ecosystem, where)?.[1];
  if (value === undefined || value === null) throw new VulnerabilitiesError(`${where}.ecosystem is missing`);
  const ecosystem = typeof value === 'string' ? normalizeEcosystem(value) : undefined;
  if (!ecosystem) {
    throw new VulnerabilitiesError(
      `${where}.ecosystem: unknown ecosystem ${shown(value)} (accepted: ${ADVISORY_ECOSYSTEMS.join(', ')}; ` +
        `aliases: PyPI, crates.io, cargo, Packagist, Hex and others)`,
    );
  }
  return ecosystem;
}

function readName(fields: Record<string, unknown>, where: string): string {
  const found = pick(fields, FIELD_KEYS.name, where);
  const name = found?.[1];
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  const field = found?.[0] ?? 'package';
  if (name === undefined || name === null || name === '') {
    throw new VulnerabilitiesError(`${where}.${field} is missing: give the package name`);
  }
  throw new VulnerabilitiesError(`${where}.${field} must be a non-empty string, got ${describe(name)}`);
}

function readOptionalString(fields: Record<string, unknown>, keys: readonly string[], where: string): string | null {
  const found = pick(fields, keys, where);
  if (!found || found[1] === null) return null;
  const [key, value] = found;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  // YAML reads `patched-versions: 1.10` as the number 1.1: refuse rather than guess.
  throw new VulnerabilitiesError(`${where}.${key} must be a string (quote it in YAML), got ${describe(value)}`);
}

function readFunctions(fields: Record<string, unknown>, where: string): string[] {
  const found = pick(fields, FIELD_KEYS.functions, where);
  if (!found || found[1] === null) return [];
  const [key, value] = found;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    throw new VulnerabilitiesError(`${where}.${key} must be a list of function names, got ${describe(value)}`);
  }
  return value.map((item: string) => item.trim());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as JSON, or its kind when it has no JSON form (a YAML alias can make a value that holds itself). */
function shown(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'a list that holds itself' : 'a mapping that holds itself';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
