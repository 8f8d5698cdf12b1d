/**
 * The JSON Schema (draft-07) of a policy file, generated from the table the parser reads (fields.ts): editors that
 * speak the YAML language server complete and check `.github/disclosure-policy.yml` with it. `npm run docs` writes it
 * to schemas/disclosure-policy.schema.json, and its `--check` fails when the committed file is stale.
 *
 * The schema states every setting's shape and bounds (keys, kinds, names, formats, the span of a duration); the
 * checks it cannot state (one setting against another) are listed in its description and made by the parser alone.
 */
import { DURATION_UNITS, MAX_DURATION_DAYS, MIN_DURATION_MINUTES, UNIT_MINUTES } from '../duration.js';
import { TIME_OF_DAY, WEEKDAY_NAMES } from '../release-window/parse.js';
import {
  CHECKS_BEYOND_THE_SCHEMA,
  DATE_RANGE_FIELDS,
  POLICY_FIELDS,
  type FieldSpec,
  type FieldTable,
} from './fields.js';
import { between, decimalOf, WHOLE } from './number-patterns.js';
import { PRESET_NAMES } from './presets.js';
import { ENFORCEMENTS } from './types.js';

/** Where editors fetch the schema from: the file as committed on the major version's tag. */
export const POLICY_SCHEMA_URL =
  'https://raw.githubusercontent.com/disclosure-actions/disclosure-actions/v1/schemas/disclosure-policy.schema.json';

/** A JSON Schema node; only what this generator writes. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const LETTER_RANGE = /^[a-z]-[a-z]$/i;

/**
 * `source` matching letters in either case: JSON Schema patterns take no flags, and the parser reads durations and
 * day names case-insensitively.
 */
export function caseInsensitive(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index] ?? '';
    // In a class, `a-c` written `aA-cC` would hold `A-c`, which spans `[ \ ] ^ _` and a backtick: `a-cA-C` instead.
    const range = inClass ? LETTER_RANGE.exec(source.slice(index, index + 3)) : null;
    if (character === '\\') {
      out += character + (source[index + 1] ?? '');
      index += 1;
    } else if (range) {
      out += `${range[0].toLowerCase()}${range[0].toUpperCase()}`;
      index += 2;
    } else if (/[a-z]/i.test(character)) {
      const both = `${character.toLowerCase()}${character.toUpperCase()}`;
      out += inClass ? both : `[${both}]`;
    } else {
      if (character === '[') inClass = true;
      if (character === ']') inClass = false;
      out += character;
    }
  }
  return out;
}

/** Fraction digits of a bound that has no finite decimal expansion (duration.ts's bounds in weeks, say). */
const BOUND_DIGITS = 15;

/** An amount of `unit` from 1 minute to 10 years, as the duration parser bounds it; business days are whole. */
function durationAmount(unit: keyof typeof DURATION_UNITS): string {
  const minutes = BigInt(UNIT_MINUTES[unit] * 5); // business days: 7/5 of a day; times 5, all are whole
  const low = decimalOf(BigInt(MIN_DURATION_MINUTES * 5), minutes, BOUND_DIGITS, 'up');
  const high = decimalOf(BigInt(MAX_DURATION_DAYS * 1440 * 5), minutes, BOUND_DIGITS, 'down');
  return `${unit === 'businessDays' ? WHOLE : ''}${between(low, high)}\\s*(?:${caseInsensitive(DURATION_UNITS[unit])})`;
}

/** A duration as the policy takes it: `48h`, `7d`, `2w`, `90 days`, `3 business days`, within the bounds. */
function durationPattern(): string {
  const units = Object.keys(DURATION_UNITS) as (keyof typeof DURATION_UNITS)[];
  return `^\\s*(?:${units.map(durationAmount).join('|')})\\s*$`;
}

/**
 * A release window's length: a whole number of minutes from 1 to 1440, in minutes or in hours (a multiple of 0.05 h,
 * three minutes, the hours that are whole minutes and written with a finite decimal).
 */
function windowLengthPattern(): string {
  const minutes = `${WHOLE}${between('1', '1440')}\\s*(?:${caseInsensitive(DURATION_UNITS.minutes)})`;
  const wholeMinutesOfHours = '(?=\\d+(?:\\.\\d[05]?0*)?(?![\\d.]))';
  const hours = `${wholeMinutesOfHours}${between('0.05', '24')}\\s*(?:${caseInsensitive(DURATION_UNITS.hours)})`;
  return `^\\s*(?:${minutes}|${hours})\\s*$`;
}

/** `mon` or `monday` (any case), or an ISO day number 1-7. */
function dayPattern(): string {
  const names = WEEKDAY_NAMES.filter((name) => name !== '').map((name) => {
    const lower = name.toLowerCase();
    return `${caseInsensitive(lower.slice(0, 3))}(?:${caseInsensitive(lower.slice(3))})?`;
  });
  return `(?:${names.join('|')}|[1-7])`;
}

/** Days and ranges (`Mon-Thu`) separated by commas or blanks, as the parser splits them. */
function weekdaysPattern(): string {
  const range = `${dayPattern()}(?:\\s*-\\s*${dayPattern()})?`;
  return `^[\\s,]*${range}(?:[\\s,]+${range})*[\\s,]*$`;
}

function describe(spec: FieldSpec, node: JsonSchema): JsonSchema {
  return { description: spec.description, ...node };
}

function fieldSchema(spec: FieldSpec): JsonSchema {
  switch (spec.kind) {
    case 'preset':
      return describe(spec, { type: 'string', enum: [...PRESET_NAMES] });
    case 'duration':
      return describe(spec, {
        type: 'string',
        pattern: durationPattern(),
        examples: ['48h', '7d', '2w', '90 days', '3 business days'],
      });
    case 'boolean':
      return describe(spec, { type: 'boolean' });
    case 'time-of-day':
      return describe(spec, {
        type: 'string',
        pattern: `^\\s*${TIME_OF_DAY.source.replace(/^\^|\$$/g, '')}\\s*$`,
        examples: ['16:00'],
      });
    case 'window-length':
      return describe(spec, {
        type: 'string',
        pattern: windowLengthPattern(),
        examples: ['60m', '2h'],
      });
    case 'weekdays': {
      const days = { type: 'string', pattern: weekdaysPattern() };
      return describe(spec, {
        oneOf: [
          { type: 'array', minItems: 1, items: { oneOf: [days, { type: 'integer', minimum: 1, maximum: 7 }] } },
          days,
        ],
        examples: [['mon', 'tue', 'wed', 'thu'], 'Mon-Thu'],
      });
    }
    case 'date':
      return describe(spec, { type: 'string', format: 'date' });
    case 'dates':
      return describe(spec, { type: 'array', items: { type: 'string', format: 'date' } });
    case 'date-ranges':
      return describe(spec, { type: 'array', items: sectionSchema(DATE_RANGE_FIELDS, true) });
    case 'number':
      return describe(spec, { type: 'number', exclusiveMinimum: 0, maximum: spec.maximum });
    case 'count':
      return describe(spec, { type: 'integer', minimum: 1, maximum: spec.maximum });
    case 'label':
      return describe(spec, { type: 'string', pattern: '\\S' });
    case 'enforcement':
      return describe(spec, { type: 'string', enum: [...ENFORCEMENTS] });
    case 'section':
      return describe(spec, sectionSchema(spec.fields ?? {}, false));
  }
}

function sectionSchema(table: FieldTable, required: boolean): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(table).map(([key, spec]) => [key, fieldSchema(spec)])),
    ...(required ? { required: Object.keys(table) } : {}),
  };
}

/** The schema of `.github/disclosure-policy.yml`, from the parser's table. */
export function policyJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: POLICY_SCHEMA_URL,
    title: 'disclosure-actions policy file (.github/disclosure-policy.yml)',
    description:
      `A preset (${PRESET_NAMES.join(', ')}) with any of its settings overridden. Generated from ` +
      'the table the actions parse the file by (src/domain/policy/fields.ts); do not edit. The actions also ' +
      `check what a schema cannot state: ${CHECKS_BEYOND_THE_SCHEMA.join('; ')}.`,
    ...sectionSchema(POLICY_FIELDS, false),
  };
}
