/**
 * The policy file's JSON Schema (schemas/disclosure-policy.schema.json) against the parser: both are built from one
 * table (src/domain/policy/fields.ts), and this proves they accept and refuse the same files. The corpus: every
 * preset written out in full and the README's example (accepted), the bad-input corpus's policy files (refused), and
 * a few more for the kinds that corpus does not cover. The checks a schema cannot state (CHECKS_BEYOND_THE_SCHEMA)
 * are the only difference, each shown on an example.
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError } from '../../src/domain/errors.js';
import { CHECKS_BEYOND_THE_SCHEMA, POLICY_FIELDS, type FieldTable } from '../../src/domain/policy/fields.js';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { POLICY_SCHEMA_URL, policyJsonSchema } from '../../src/domain/policy/schema.js';
import type { Duration, Policy } from '../../src/domain/policy/types.js';
import { weekdayShortName } from '../../src/domain/release-window/parse.js';
import { BAD_INPUTS } from '../reliability/bad-inputs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMA_FILE = `${ROOT}schemas/disclosure-policy.schema.json`;
const FILE = '.github/disclosure-policy.yml';

// ajv-formats is CommonJS; under ESM its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const committed = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(committed);

/** What an editor with the schema says: YAML that does not parse, or a document the schema refuses, is refused. */
function schemaAccepts(text: string): boolean {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch {
    return false;
  }
  // An empty file is no policy at all (the preset applies); editors check nothing there either.
  return document === null || document === undefined ? true : validate(document);
}

function parserAccepts(text: string): boolean {
  try {
    parsePolicyFile(text, FILE);
    return true;
  } catch (error) {
    if (error instanceof ConfigurationError) return false;
    throw error;
  }
}

function durationText(duration: Duration): string {
  const unit = { minutes: 'm', hours: 'h', days: 'd', 'business-days': ' business days' }[duration.unit];
  return `${duration.amount}${unit}`;
}

/** A preset written out in full: every setting the table has, with the preset's value. */
function presetAsFile(name: string, policy: Policy): Record<string, unknown> {
  const window = policy.releaseWindow;
  return {
    preset: name,
    'acknowledge-within': durationText(policy.acknowledgeWithin),
    'triage-within': durationText(policy.triageWithin),
    'fix-team-within': durationText(policy.fixTeamWithin),
    'advisory-and-cve-within': durationText(policy.advisoryAndCveWithin),
    'fix-release-within': durationText(policy.fixReleaseWithin),
    ...(policy.discloseWithin ? { 'disclose-within': durationText(policy.discloseWithin) } : {}),
    'retrospective-within': durationText(policy.retrospectiveWithin),
    'expedite-within': durationText(policy.expediteWithin),
    enforcement: { ...policy.enforcement },
    'business-days': policy.businessDays,
    'release-window': {
      time: window.time,
      duration: `${window.durationMinutes}m`,
      weekdays: window.weekdays.map((day) => weekdayShortName(day).toLowerCase()),
      holidays: [...window.holidays, '2026-12-25'],
      freezes: [...window.freezes, { start: '2026-12-20', end: '2027-01-04' }],
    },
    'low-severity': {
      automatic: policy.lowSeveritySlowDown.automatic,
      'cvss-below': policy.lowSeveritySlowDown.cvssBelow,
      factor: policy.lowSeveritySlowDown.factor,
    },
    'intake-label': policy.intakeLabel,
    'release-approvals': policy.releaseApprovals,
    'team-name': policy.teamName,
    ...(policy.signingKey ? { 'signing-key': policy.signingKey } : {}),
    ...(policy.requireReleaseChecklist === undefined
      ? {}
      : { 'require-release-checklist': policy.requireReleaseChecklist }),
  };
}

/** Every key path of a table, `release-window.time` for nested ones. */
function keysOf(table: FieldTable, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, spec]) => [
    `${prefix}${key}`,
    ...(spec.fields ? keysOf(spec.fields, `${prefix}${key}.`) : []),
  ]);
}

function keysOfDocument(document: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(document).flatMap(([key, value]) => [
    `${prefix}${key}`,
    ...(typeof value === 'object' && value !== null && !Array.isArray(value)
      ? keysOfDocument(value as Record<string, unknown>, `${prefix}${key}.`)
      : []),
  ]);
}

/** The policy files of the bad-input corpus (read, never changed here), by what is wrong with each. */
const BAD_POLICY_FILES = new Map(
  BAD_INPUTS.flatMap((row) => {
    const yaml = row.files?.['policy.yml'];
    return yaml === undefined ? [] : [[row.what, yaml] as const];
  }),
);

/** More refused files, for the kinds the bad-input corpus does not reach. */
const MORE_REFUSED: Readonly<Record<string, string>> = {
  'an empty label': 'intake-label: ""\n',
  'a label that is a number': 'intake-label: 42\n',
  'an ISO weekday 8': 'release-window:\n  weekdays: [1, 8]\n',
  'a weekday range of three days': 'release-window:\n  weekdays: Mon-Wed-Fri\n',
  'a CVSS threshold over 10': 'low-severity:\n  cvss-below: 11\n',
  'a freeze without an end': 'release-window:\n  freezes:\n    - start: 2026-12-20\n',
  'a freeze with an unknown key': 'release-window:\n  freezes:\n    - {start: 2026-12-20, end: 2026-12-24, why: x}\n',
  'a release time as a number': 'release-window:\n  time: 1600\n',
  'a window in days': 'release-window:\n  duration: 1d\n',
  'a duration of zero': 'triage-within: 0d\n',
  'holidays that are not a list': 'release-window:\n  holidays: 2026-12-24\n',
  'a preset as a number': 'preset: 11\n',
  'a deadline as a number': 'triage-within: 7\n',
  'a day over ten years': 'disclose-within: 3654d\n',
  'ten years and a minute, in minutes': 'disclose-within: 5260321m\n',
  'half a minute': 'acknowledge-within: 0.5m\n',
  'a business day count that is not whole': 'fix-release-within: 2.5 business days\n',
  '2610 business days': 'disclose-within: 2610 business days\n',
  '522 weeks': 'disclose-within: 522w\n',
  'a window over a day': 'release-window:\n  duration: 25h\n',
  'a window of 1441 minutes': 'release-window:\n  duration: 1441m\n',
  'a window that is no whole number of minutes': 'release-window:\n  duration: 1.01h\n',
  'a window of half a minute': 'release-window:\n  duration: 0.5m\n',
};

/** Accepted files beyond the presets: the README's example and some spellings the parser reads. */
const MORE_ACCEPTED: Readonly<Record<string, string>> = {
  'spellings of durations': 'acknowledge-within: 2 Days\ntriage-within: 7D\nfix-team-within: 1 week\n',
  'business days': 'business-days: true\nfix-release-within: 15 business days\n',
  'weekdays as one string': 'release-window:\n  weekdays: "Mon - Thu, sat"\n',
  'weekdays as ISO numbers': 'release-window:\n  weekdays: [1, 2, 3]\n',
  'weekdays by full name': 'release-window:\n  weekdays: [Monday, tuesday]\n',
  'a window in hours': 'release-window:\n  duration: 1.5h\n  time: "9:30"\n',
  'an empty file': '',
  'the bounds of a duration':
    'acknowledge-within: 1m\ntriage-within: 0003653.000d\nfix-release-within: 2609 bd\ndisclose-within: 3653d\n',
  'ten years in minutes and weeks': 'disclose-within: 5260320m\nfix-release-within: 521.8w\n',
  'whole business days written with a point': 'fix-release-within: 15.0 business days\n',
  'a window of a day, and of 2.05 hours': 'release-window:\n  duration: 24h\n',
  'a window of 2.05 hours (123 minutes)': 'release-window:\n  duration: 2.05h\n',
  'a window of 1440 minutes': 'release-window:\n  duration: 1440.0 minutes\n',
};

/** Refused by the parser and accepted by the schema: one example of each check a schema cannot state. */
const BEYOND_THE_SCHEMA: Readonly<Record<string, string>> = {
  [CHECKS_BEYOND_THE_SCHEMA[0] ?? '']:
    BAD_POLICY_FILES.get('a policy file with a fix release due after the disclosure') ?? '',
  [CHECKS_BEYOND_THE_SCHEMA[1] ?? '']: 'acknowledge-within: 10d\n',
  [CHECKS_BEYOND_THE_SCHEMA[2] ?? '']:
    BAD_POLICY_FILES.get('a policy file with a freeze that ends before it starts') ?? '',
};

describe('the policy schema', () => {
  it('is the one generated from the parser table (`npm run docs` writes it)', () => {
    expect(committed).toEqual(policyJsonSchema());
    expect(committed.$id).toBe(POLICY_SCHEMA_URL);
  });

  it("is what the README's policy example names for editors", () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme).toContain(`# yaml-language-server: $schema=${POLICY_SCHEMA_URL}`);
    expect(POLICY_SCHEMA_URL.endsWith('/schemas/disclosure-policy.schema.json')).toBe(true);
  });
});

describe('schema and parser accept the same files', () => {
  it.each(Object.entries(PRESETS))('preset %s written out in full, every setting of the table', (name, policy) => {
    const document = presetAsFile(name, policy);
    // A preset without a disclosure deadline (all but conda-forge), or an optional setting, cannot write it out.
    const absent = [
      ...(policy.discloseWithin ? [] : ['disclose-within']),
      ...(policy.signingKey ? [] : ['signing-key']),
      ...(policy.requireReleaseChecklist === undefined ? ['require-release-checklist'] : []),
    ];
    const expected = keysOf(POLICY_FIELDS).filter((key) => !absent.includes(key));
    expect(keysOfDocument(document).sort()).toEqual(expected.sort());
    const text = JSON.stringify(document);
    expect(validate(document)).toBe(true);
    const parsed = parsePolicyFile(text, FILE);
    // Every number now comes from the file, which the provenance says.
    const fromFile = Object.entries(parsed.provenance).filter(([step]) => step !== 'disclose' || policy.discloseWithin);
    expect(new Set(fromFile.map(([, p]) => p.source))).toEqual(new Set(['policy-file']));
    expect({ ...parsed, name: policy.name, provenance: policy.provenance }).toEqual({
      ...policy,
      releaseWindow: {
        ...policy.releaseWindow,
        holidays: [...policy.releaseWindow.holidays, '2026-12-25'],
        freezes: [...policy.releaseWindow.freezes, { start: '2026-12-20', end: '2027-01-04' }],
      },
    });
  });

  it("the README's example", () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const example = /```yaml\n(# yaml-language-server[^\n]*\npreset: [\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect({ schema: schemaAccepts(example ?? ''), parser: parserAccepts(example ?? '') }).toEqual({
      schema: true,
      parser: true,
    });
  });

  it.each(Object.entries(MORE_ACCEPTED))('%s', (_what, text) => {
    expect({ schema: schemaAccepts(text), parser: parserAccepts(text) }).toEqual({ schema: true, parser: true });
  });
});

describe('schema and parser refuse the same files', () => {
  const beyond = new Set(Object.values(BEYOND_THE_SCHEMA));
  const corpus = [...BAD_POLICY_FILES].filter(([, text]) => !beyond.has(text));

  it('the bad-input corpus has policy files, and only the checks beyond the schema are left out', () => {
    expect(BAD_POLICY_FILES.size).toBeGreaterThanOrEqual(10);
    expect(BAD_POLICY_FILES.size - corpus.length).toBe(2);
  });

  it.each([...corpus, ...Object.entries(MORE_REFUSED)])('%s', (_what, text) => {
    expect({ schema: schemaAccepts(text), parser: parserAccepts(text) }).toEqual({ schema: false, parser: false });
  });
});

describe('what only the parser checks (listed in the schema description)', () => {
  it('lists each check in the schema', () => {
    for (const check of CHECKS_BEYOND_THE_SCHEMA) expect(String(committed.description)).toContain(check);
  });

  it.each(Object.entries(BEYOND_THE_SCHEMA))('%s', (_check, text) => {
    expect(text).not.toBe('');
    expect({ schema: schemaAccepts(text), parser: parserAccepts(text) }).toEqual({ schema: true, parser: false });
  });
});
