/**
 * CVSS base vectors as GitHub repository advisories take them (3.1 and 4.0, base metrics only):
 * strict validation first, then scoring with ae-cvss-calculator, which returns undefined or a
 * wrong score on a malformed vector instead of throwing.
 */
import * as cvssModule from 'ae-cvss-calculator';
import { ConfigurationError } from './errors.js';
import { severityFromScore, type CvssSeverity } from './severity.js';

export type CvssVersion = '3.1' | '4.0';

export interface ParsedVector {
  version: CvssVersion;
  /** The vector rewritten with its base metrics in the specification's order. */
  vector: string;
  /** Base metric name → value, e.g. `{ AV: 'N', AC: 'L', … }`. */
  metrics: Readonly<Record<string, string>>;
}

export interface CvssResult {
  version: CvssVersion;
  vector: string;
  score: number;
  severity: CvssSeverity;
}

/** A vector that is malformed or that GitHub would not accept; the message says what to fix. */
export class CvssError extends ConfigurationError {
  constructor(message: string) {
    super(message, 'cvss');
    this.name = 'CvssError';
  }
}

interface VersionSpec {
  /** Base metrics in the order of the specification's vector string table, with their allowed values. */
  base: ReadonlyArray<readonly [metric: string, values: readonly string[]]>;
  /** Known metrics outside the base group, by group name, so the message can say what they are. */
  nonBase: Readonly<Record<string, readonly string[]>>;
  /**
   * CVSS 4.0 §7 makes the order of Table 23 mandatory; CVSS 3.1 §6 only recommends the order of
   * Table 15 and calls other orderings valid. So 4.0 is checked strictly and 3.1 is reordered.
   */
  strictOrder: boolean;
}

type CvssLibrary = typeof cvssModule;
/**
 * The package is a webpack-built CommonJS file: Node's ESM loader exposes it only as `default`,
 * while bundlers (ncc) and CommonJS interop expose its named exports directly.
 */
const cvssLibrary: CvssLibrary =
  'Cvss3P1' in cvssModule ? cvssModule : (cvssModule as unknown as { default: CvssLibrary }).default;

const IMPACT = ['H', 'L', 'N'] as const;

const SPECS: Readonly<Record<CvssVersion, VersionSpec>> = {
  '3.1': {
    base: [
      ['AV', ['N', 'A', 'L', 'P']],
      ['AC', ['L', 'H']],
      ['PR', ['N', 'L', 'H']],
      ['UI', ['N', 'R']],
      ['S', ['U', 'C']],
      ['C', IMPACT],
      ['I', IMPACT],
      ['A', IMPACT],
    ],
    nonBase: {
      temporal: ['E', 'RL', 'RC'],
      environmental: ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'],
    },
    strictOrder: false,
  },
  '4.0': {
    base: [
      ['AV', ['N', 'A', 'L', 'P']],
      ['AC', ['L', 'H']],
      ['AT', ['N', 'P']],
      ['PR', ['N', 'L', 'H']],
      ['UI', ['N', 'P', 'A']],
      ['VC', IMPACT],
      ['VI', IMPACT],
      ['VA', IMPACT],
      ['SC', IMPACT],
      ['SI', IMPACT],
      ['SA', IMPACT],
    ],
    nonBase: {
      threat: ['E'],
      environmental: ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MAT', 'MPR', 'MUI', 'MVC', 'MVI', 'MVA', 'MSC', 'MSI', 'MSA'],
      supplemental: ['S', 'AU', 'R', 'V', 'RE', 'U'],
    },
    strictOrder: true,
  },
};

const ACCEPTED = 'only CVSS 3.1 and 4.0 vectors are accepted (the versions GitHub advisories take)';

/**
 * Validates a CVSS 3.1 or 4.0 base vector and throws a CvssError naming the problem.
 * Surrounding whitespace is ignored; everything else must be exact (upper case, no empty segments).
 */
export function parseCvssVector(vector: string): ParsedVector {
  const text = vector.trim();
  if (text === '') throw new CvssError('CVSS vector is empty');
  const [prefix = '', ...segments] = text.split('/');
  const version = parseVersion(prefix);
  const spec = SPECS[version];
  const metrics: Record<string, string> = {};
  segments.forEach((segment, index) => {
    const [metric, value] = splitSegment(segment, index + 1);
    checkMetric(spec, version, metric, value, metrics);
    metrics[metric] = value;
  });
  const order = spec.base.map(([metric]) => metric);
  const missing = order.filter((metric) => metrics[metric] === undefined);
  if (missing.length > 0) {
    throw new CvssError(`CVSS ${version} vector is missing base metric(s) ${missing.join(', ')}`);
  }
  if (spec.strictOrder) checkOrder(version, Object.keys(metrics), order);
  const canonical = [`CVSS:${version}`, ...order.map((metric) => `${metric}:${metrics[metric]}`)].join('/');
  return { version, vector: canonical, metrics };
}

function parseVersion(prefix: string): CvssVersion {
  if (prefix === 'CVSS:3.1' || prefix === 'CVSS:4.0') return prefix === 'CVSS:3.1' ? '3.1' : '4.0';
  if (prefix.toUpperCase() === 'CVSS:3.1' || prefix.toUpperCase() === 'CVSS:4.0') {
    throw new CvssError(`CVSS vector prefix "${prefix}" must be upper case: ${prefix.toUpperCase()}`);
  }
  const match = /^CVSS:(\d+\.\d+)$/i.exec(prefix);
  if (match) throw new CvssError(`CVSS version ${match[1]} is not supported: ${ACCEPTED}`);
  throw new CvssError(`CVSS vector must start with "CVSS:3.1/" or "CVSS:4.0/", got "${prefix}": ${ACCEPTED}`);
}

function splitSegment(segment: string, position: number): [string, string] {
  if (segment === '') {
    throw new CvssError(`CVSS vector has an empty segment at position ${position} (a doubled or trailing "/")`);
  }
  const match = /^([A-Za-z]+):([A-Za-z]+)$/.exec(segment);
  if (!match?.[1] || !match[2]) {
    throw new CvssError(`CVSS vector segment "${segment}" is not of the form METRIC:VALUE`);
  }
  if (segment !== segment.toUpperCase()) {
    throw new CvssError(`CVSS vector segment "${segment}" must be upper case: ${segment.toUpperCase()}`);
  }
  return [match[1], match[2]];
}

function checkMetric(
  spec: VersionSpec,
  version: CvssVersion,
  metric: string,
  value: string,
  seen: Record<string, string>,
): void {
  const group = Object.keys(spec.nonBase).find((name) => spec.nonBase[name]?.includes(metric));
  if (group) {
    throw new CvssError(
      `GitHub accepts only base metrics in a CVSS ${version} vector: remove the ${group} metric ${metric}:${value}`,
    );
  }
  const allowed = spec.base.find(([name]) => name === metric)?.[1];
  if (!allowed) {
    const names = spec.base.map(([name]) => name).join(', ');
    throw new CvssError(`CVSS ${version} vector has unknown metric "${metric}" (base metrics: ${names})`);
  }
  if (seen[metric] !== undefined) {
    throw new CvssError(`CVSS ${version} vector has metric ${metric} more than once`);
  }
  if (!allowed.includes(value)) {
    throw new CvssError(
      `CVSS ${version} metric ${metric} has unknown value "${value}" (allowed: ${allowed.join(', ')})`,
    );
  }
}

function checkOrder(version: CvssVersion, given: readonly string[], order: readonly string[]): void {
  const outOfPlace = given.findIndex((metric, index) => metric !== order[index]);
  if (outOfPlace >= 0) {
    throw new CvssError(
      `CVSS ${version} metrics must be in the specification's order ${order.join('/')}: ` +
        `found ${given[outOfPlace]} where ${order[outOfPlace]} belongs`,
    );
  }
}

/** Validates then scores a base vector; the returned vector is in canonical order. */
export function scoreCvss(vector: string): CvssResult {
  const parsed = parseCvssVector(vector);
  const score = roundToTenth(calculateBaseScore(parsed));
  return { version: parsed.version, vector: parsed.vector, score, severity: severityFromScore(score) };
}

function calculateBaseScore(parsed: ParsedVector): number {
  const scores =
    parsed.version === '3.1'
      ? new cvssLibrary.Cvss3P1(parsed.vector).calculateScores()
      : new cvssLibrary.Cvss4P0(parsed.vector).calculateScores();
  const base = scores.base;
  if (typeof base !== 'number' || !Number.isFinite(base)) {
    throw new CvssError(`could not compute a base score for ${parsed.vector}`);
  }
  return base;
}

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
