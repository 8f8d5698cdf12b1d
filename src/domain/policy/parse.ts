import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
} from 'yaml';
import { ConfigurationError, type LocatedProblem } from '../errors.js';
import { DURATION_BOUNDS, DURATION_FORMS, readDuration as readDurationText } from '../duration.js';
import { parseTimeOfDay, parseWeekdays } from '../release-window/parse.js';
import {
  DATE_RANGE_FIELDS,
  DEADLINE_FIELDS,
  DEADLINE_STEP,
  POLICY_FIELDS,
  type FieldSpec,
  type FieldTable,
} from './fields.js';
import { PRESET_NAMES, PRESETS, isPresetName, type PresetName } from './presets.js';
import { STEPS, type Step } from '../steps.js';
import {
  ENFORCEMENTS,
  type DateRange,
  type Duration,
  type Enforcement,
  type IsoWeekday,
  type Policy,
  type PolicyDeadlines,
  type Provenance,
  type ProvenanceKey,
} from './types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOP_LEVEL = '(top level)';

type Fields = Record<string, unknown>;
/** What a section of the file set: each key of its table the file has and that could be read, converted. */
type Values = Record<string, unknown>;

/** A key that is wrong and what it accepts, e.g. `"triage-within"` + `is "soon"; use a duration such as …`. */
interface Problem {
  readonly key: string;
  readonly detail: string;
}

/** Every problem of one file: the reading goes on past the first, so the user sees them all at once. */
class Reading {
  readonly problems: Problem[] = [];

  add(key: string, detail: string): undefined {
    this.problems.push({ key, detail });
    return undefined;
  }

  /** True when one of `keys` (or a key inside one of them) has a problem: a check across fields then waits. */
  failed(...keys: string[]): boolean {
    return this.problems.some(({ key }) => keys.some((k) => key === k || key.startsWith(`${k}.`)));
  }
}

/** `release-window.freezes[0].start` as a path into the document: `['release-window', 'freezes', 0, 'start']`. */
function keyPath(key: string): (string | number)[] {
  if (key.startsWith('(')) return [];
  return key.split('.').flatMap((part) => {
    const [name = '', ...indexes] = part.split('[');
    return [...(name === '' ? [] : [name]), ...indexes.map((index) => Number.parseInt(index, 10))];
  });
}

/** The 1-based line of `key` in the file (of its deepest part the file has), or undefined when it has none of it. */
function lineOf(document: Document, lines: LineCounter, key: string): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined = keyPath(key).length === 0 ? document.contents?.range?.[0] : undefined;
  for (const part of keyPath(key)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === part);
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** `value` as a message shows it: JSON, but YAML's `.nan` and `.inf`, which JSON writes as `null`, as YAML writes them. */
function shown(value: unknown): string {
  if (typeof value !== 'number' || Number.isFinite(value)) return JSON.stringify(value);
  return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
}

function isMapping(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function readDuration(value: unknown, key: string, reading: Reading): Duration | undefined {
  const text = typeof value === 'string' ? readDurationText(value) : { problem: 'is not a duration' };
  if (text.duration) return text.duration;
  const bound = text.problem.startsWith('is shorter') || text.problem.startsWith('is longer');
  return reading.add(
    key,
    bound
      ? `is ${shown(value)}, ${text.problem.replace(/^is /, '')}; use a duration ${DURATION_BOUNDS}`
      : `is ${shown(value)}; use a duration such as ${DURATION_FORMS}`,
  );
}

function readDate(value: unknown, key: string, reading: Reading): string | undefined {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  // `Date` rolls 2026-02-30 over to March 2: a date that exists reads back the same.
  const date = typeof text === 'string' ? new Date(`${text}T00:00:00Z`) : undefined;
  const exists = date !== undefined && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  if (typeof text !== 'string' || !ISO_DATE.test(text) || !exists) {
    return reading.add(key, `is ${shown(value)}; use a date as YYYY-MM-DD`);
  }
  return text;
}

function readList(value: unknown, key: string, reading: Reading): unknown[] | undefined {
  return Array.isArray(value) ? value : reading.add(key, 'must be a list');
}

function readDates(value: unknown, key: string, reading: Reading): string[] | undefined {
  const list = readList(value, key, reading);
  const dates = list?.map((item, index) => readDate(item, `${key}[${index}]`, reading));
  return dates?.every((date) => date !== undefined) ? (dates as string[]) : undefined;
}

function readDateRanges(value: unknown, key: string, reading: Reading): DateRange[] | undefined {
  const list = readList(value, key, reading);
  const ranges = list?.map((entry, index) => {
    const item = `${key}[${index}]`;
    const fields = readSection(entry, DATE_RANGE_FIELDS, item, reading);
    if (fields === undefined) return undefined;
    const { start, end } = fields as { start?: string; end?: string };
    // A date the entry has but readDate refused is reported already; only one it lacks is missing.
    for (const edge of ['start', 'end']) {
      if ((entry as Fields)[edge] === undefined) reading.add(`${item}.${edge}`, 'is missing; use a date as YYYY-MM-DD');
    }
    if (start === undefined || end === undefined) return undefined;
    if (end < start) return reading.add(item, `ends (${end}) before it starts (${start})`);
    return { start, end };
  });
  return ranges?.every((range) => range !== undefined) ? (ranges as DateRange[]) : undefined;
}

function readWeekdays(value: unknown, key: string, reading: Reading): IsoWeekday[] | undefined {
  const items = Array.isArray(value) ? value : undefined;
  if (items?.some((item) => typeof item !== 'string' && !Number.isInteger(item))) {
    return reading.add(key, 'must be a list of day names');
  }
  const text = items ? items.join(',') : value;
  if (typeof text !== 'string') return reading.add(key, 'must be a list of day names');
  try {
    return parseWeekdays(text);
  } catch (error) {
    return reading.add(key, (error as Error).message);
  }
}

function readWindowLength(value: unknown, key: string, reading: Reading): number | undefined {
  const duration = typeof value === 'string' ? readDurationText(value).duration : undefined;
  const exact =
    duration?.unit === 'hours' ? duration.amount * 60 : duration?.unit === 'minutes' ? duration.amount : NaN;
  // 2.05 h is 123 minutes, though 2.05 * 60 is 122.99999999999999 in floating point.
  const minutes = Math.abs(exact - Math.round(exact)) < 1e-9 ? Math.round(exact) : exact;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    return reading.add(key, `is ${shown(value)}; it must be between 1 minute and 24 hours, e.g. \`60m\` or \`2h\``);
  }
  return minutes;
}

function readTimeOfDay(value: unknown, key: string, reading: Reading): string | undefined {
  try {
    parseTimeOfDay(String(value));
    return String(value);
  } catch (error) {
    return reading.add(key, (error as Error).message);
  }
}

function readNumber(value: unknown, key: string, max: number, reading: Reading): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    return reading.add(key, `is ${shown(value)}; use a number above 0 and at most ${max}`);
  }
  return value;
}

function readCount(value: unknown, key: string, max: number, reading: Reading): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    return reading.add(key, `is ${shown(value)}; use a whole number from 1 to ${max}`);
  }
  return value;
}

function readPreset(value: unknown, key: string, reading: Reading): PresetName | undefined {
  const name = String(value);
  return isPresetName(name) ? name : reading.add(key, `is "${name}"; use one of ${PRESET_NAMES.join(', ')}`);
}

/** One setting's value, read as its kind in the table says; undefined (and a problem noted) when it is wrong. */
function readField(spec: FieldSpec, value: unknown, key: string, reading: Reading): unknown {
  switch (spec.kind) {
    case 'preset':
      return readPreset(value, key, reading);
    case 'duration':
      return readDuration(value, key, reading);
    case 'boolean':
      return typeof value === 'boolean' ? value : reading.add(key, 'must be true or false');
    case 'time-of-day':
      return readTimeOfDay(value, key, reading);
    case 'window-length':
      return readWindowLength(value, key, reading);
    case 'weekdays':
      return readWeekdays(value, key, reading);
    case 'date':
      return readDate(value, key, reading);
    case 'dates':
      return readDates(value, key, reading);
    case 'date-ranges':
      return readDateRanges(value, key, reading);
    case 'number':
      return readNumber(value, key, spec.maximum ?? Infinity, reading);
    case 'count':
      return readCount(value, key, spec.maximum ?? Infinity, reading);
    case 'label':
      return typeof value === 'string' && value.trim() !== ''
        ? value
        : reading.add(key, `is ${shown(value)}; use a label name`);
    case 'enforcement':
      return ENFORCEMENTS.includes(value as Enforcement)
        ? value
        : reading.add(key, `is ${shown(value)}; use one of ${ENFORCEMENTS.join(', ')}`);
    case 'section':
      return readSection(value, spec.fields ?? {}, key, reading);
  }
}

/**
 * A mapping read by its table: every key it has that the table lacks is a problem, and every key of the table it
 * has is read by its kind. Undefined when the value is no mapping at all.
 */
function readSection(value: unknown, table: FieldTable, where: string, reading: Reading): Values | undefined {
  if (!isMapping(value)) return reading.add(where, 'must be a mapping of keys to values');
  const prefix = where === TOP_LEVEL ? '' : `${where}.`;
  const known = Object.keys(table);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      reading.add(`${prefix}${key}`, `is not a policy setting; known settings here: ${known.join(', ')}`);
    }
  }
  const values: Values = {};
  for (const [key, spec] of Object.entries(table)) {
    if (value[key] === undefined) continue;
    const read = readField(spec, value[key], `${prefix}${key}`, reading);
    if (read !== undefined) values[key] = read;
  }
  return values;
}

/** Each step's enforcement: the preset's, with what the file's `enforcement` section sets. */
function enforcementOf(values: Values, base: Policy): Policy['enforcement'] {
  const set = (values.enforcement ?? {}) as Partial<Record<Step, Enforcement>>;
  return Object.fromEntries(STEPS.map((step) => [step, set[step] ?? base.enforcement[step]])) as Record<
    Step,
    Enforcement
  >;
}

/** The preset's provenance, with every number the file set labelled as the file's. */
function provenanceOf(values: Values, file: string, base: Policy): Policy['provenance'] {
  const fromFile: Provenance = { source: 'policy-file', file };
  const provenance: Record<ProvenanceKey, Provenance> = { ...base.provenance };
  for (const [key, property] of Object.entries(DEADLINE_FIELDS)) {
    if (values[key] !== undefined) provenance[DEADLINE_STEP[property]] = fromFile;
  }
  if (values['expedite-within'] !== undefined) provenance.expedite = fromFile;
  if (values['release-window'] !== undefined) provenance['release-window'] = fromFile;
  if (values['low-severity'] !== undefined) provenance['low-severity'] = fromFile;
  return provenance;
}

/** The policy the values make: the preset they name (or `fallback`), with every value the file set. */
function policyOf(values: Values, file: string, fallback: Policy): Policy {
  const base = values.preset === undefined ? fallback : PRESETS[values.preset as PresetName];
  const deadlines: Partial<Record<keyof PolicyDeadlines, Duration>> = {};
  for (const [key, property] of Object.entries(DEADLINE_FIELDS)) {
    if (values[key] !== undefined) deadlines[property] = values[key] as Duration;
  }
  const window = (values['release-window'] ?? {}) as Values;
  const lowSeverity = (values['low-severity'] ?? {}) as Values;
  const factor = lowSeverity.factor as number | undefined;
  return {
    ...base,
    ...deadlines,
    name: `${base.name} (${file})`,
    expediteWithin: (values['expedite-within'] as Duration | undefined) ?? base.expediteWithin,
    enforcement: enforcementOf(values, base),
    provenance: provenanceOf(values, file, base),
    businessDays: (values['business-days'] as boolean | undefined) ?? base.businessDays,
    releaseWindow: {
      time: (window.time as string | undefined) ?? base.releaseWindow.time,
      durationMinutes: (window.duration as number | undefined) ?? base.releaseWindow.durationMinutes,
      weekdays: (window.weekdays as IsoWeekday[] | undefined) ?? base.releaseWindow.weekdays,
      holidays: (window.holidays as string[] | undefined) ?? base.releaseWindow.holidays,
      freezes: (window.freezes as DateRange[] | undefined) ?? base.releaseWindow.freezes,
    },
    lowSeveritySlowDown: {
      cvssBelow: (lowSeverity['cvss-below'] as number | undefined) ?? base.lowSeveritySlowDown.cvssBelow,
      factor: factor ?? base.lowSeveritySlowDown.factor,
      // A file that sets a factor means to stretch; `automatic: false` next to it keeps the factor unused.
      automatic:
        (lowSeverity.automatic as boolean | undefined) ??
        (factor === undefined ? base.lowSeveritySlowDown.automatic : true),
    },
    intakeLabel: (values['intake-label'] as string | undefined) ?? base.intakeLabel,
    releaseApprovals: (values['release-approvals'] as number | undefined) ?? base.releaseApprovals,
    teamName: (values['team-name'] as string | undefined)?.trim() ?? base.teamName,
    ...(values['signing-key'] === undefined ? {} : { signingKey: String(values['signing-key']).trim() }),
    ...(values['require-release-checklist'] === undefined
      ? {}
      : { requireReleaseChecklist: values['require-release-checklist'] as boolean }),
  };
}

const roughDays = (d: Duration): number =>
  d.unit === 'days' || d.unit === 'business-days' ? d.amount : d.unit === 'hours' ? d.amount / 24 : d.amount / 1440;

/**
 * Checks that hold across fields: a fix released after the disclosure deadline cannot be planned. A check waits
 * while one of its fields has a problem of its own, so it never blames a value the file did not manage to set.
 */
function checkConsistency(policy: Policy, reading: Reading): void {
  if (
    !reading.failed('fix-release-within', 'disclose-within') &&
    policy.discloseWithin !== undefined &&
    roughDays(policy.fixReleaseWithin) > roughDays(policy.discloseWithin)
  ) {
    reading.add(
      'fix-release-within',
      'is longer than disclose-within; the fix must be planned before the disclosure deadline',
    );
  }
  if (
    !reading.failed('acknowledge-within', 'triage-within') &&
    roughDays(policy.acknowledgeWithin) > roughDays(policy.triageWithin)
  ) {
    reading.add('acknowledge-within', 'is longer than triage-within; a report is acknowledged before it is triaged');
  }
}

/**
 * The policy a project's YAML file describes: a preset with any number of settings overridden. `fallback` is the
 * preset it overrides when the file names none (the `policy` input). A file with mistakes fails with every one of
 * them, each on its line (a ConfigurationError whose `problems` the runner annotates in the file).
 */
export function parsePolicyFile(text: string, file: string, fallback: Policy = PRESETS.spec11): Policy {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines });
  if (parsed.errors.length > 0) {
    throw ConfigurationError.inFile(
      file,
      parsed.errors.map((error) => ({
        file,
        line: error.linePos?.[0]?.line,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const aliases = aliasProblems(parsed, lines, file);
  if (aliases.length > 0) throw ConfigurationError.inFile(file, aliases);
  const document = valuesOf(parsed, file);
  if (document === null || document === undefined) return fallback;
  const reading = new Reading();
  const values = readSection(document, POLICY_FIELDS, TOP_LEVEL, reading);
  const policy = values === undefined ? undefined : policyOf(values, file, fallback);
  if (policy) checkConsistency(policy, reading);
  if (reading.problems.length === 0 && policy) return policy;
  const problems: LocatedProblem[] = reading.problems.map(({ key, detail }) => ({
    file,
    line: lineOf(parsed, lines, key),
    message: `"${key}" ${detail}`,
  }));
  throw ConfigurationError.inFile(file, inDocumentOrder(problems));
}

/** The key a node in the document is the value of, e.g. `release-window.holidays[1]`, from its ancestors `path`. */
function keyNameOf(path: readonly unknown[], node: unknown): string {
  const chain = [...path, node];
  let name = '';
  chain.forEach((step, index) => {
    const next = chain[index + 1];
    if (isPair(step) && next === step.value && isScalar(step.key)) {
      name += `${name === '' ? '' : '.'}${String(step.key.value)}`;
    } else if (isSeq(step)) {
      name += `[${step.items.indexOf(next)}]`;
    }
  });
  return name === '' ? TOP_LEVEL : name;
}

/** What is wrong with an alias, given the nodes the anchors before it name; undefined when it reads a value. */
function aliasProblem(
  alias: Alias,
  path: readonly unknown[],
  anchored: ReadonlyMap<string, unknown>,
): string | undefined {
  const name = alias.source;
  const target = anchored.get(name);
  if (target === undefined) {
    return (
      `is the alias *${name}, but no anchor &${name} is set before it; ` +
      `write \`&${name}\` before a value above it to reuse that value, or write the value in place of *${name}`
    );
  }
  if (path.includes(target)) return `is the alias *${name} inside the value &${name} names; write a value in its place`;
  return undefined;
}

/**
 * Each alias (`*a`) naming no anchor (`&a`) set before it, or the value it is in. yaml counts neither as a parse
 * error: it throws a ReferenceError when converting or makes a value that holds itself, so they are looked for first.
 */
function aliasProblems(document: Document, lines: LineCounter, file: string): LocatedProblem[] {
  const anchored = new Map<string, unknown>();
  const problems: LocatedProblem[] = [];
  visit(document, {
    Node(_key, node, path) {
      if (!isAlias(node)) {
        if (node.anchor !== undefined) anchored.set(node.anchor, node);
        return;
      }
      const detail = aliasProblem(node, path, anchored);
      if (detail === undefined) return;
      const line = node.range ? lines.linePos(node.range[0]).line : undefined;
      problems.push({ file, line, message: `"${keyNameOf(path, node)}" ${detail}` });
    },
  });
  return problems;
}

/** The document as plain values; yaml throws a ReferenceError for one whose aliases expand too far. */
function valuesOf(document: Document, file: string): unknown {
  try {
    return document.toJS();
  } catch (error) {
    const reason = (error as Error).message;
    const message = `its aliases cannot be expanded: ${reason}; write the values out instead of through aliases`;
    throw ConfigurationError.inFile(file, [{ file, message }]);
  }
}

/** Problems sorted by line (those without one last), keeping the reading order within a line. */
function inDocumentOrder(problems: LocatedProblem[]): LocatedProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) || a.index - b.index)
    .map(({ problem }) => problem);
}
