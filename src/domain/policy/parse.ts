import { parse as parseYaml } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { DURATION_FORMS, parseDuration } from '../duration.js';
import { parseTimeOfDay, parseWeekdays } from '../release-window/parse.js';
import { PRESET_NAMES, PRESETS, isPresetName } from './presets.js';
import type { DateRange, Duration, IsoWeekday, Policy, PolicyDeadlines, ReleaseWindowPolicy } from './types.js';

const DEADLINE_KEYS: Readonly<Record<string, keyof PolicyDeadlines>> = {
  'acknowledge-within': 'acknowledgeWithin',
  'triage-within': 'triageWithin',
  'fix-team-within': 'fixTeamWithin',
  'advisory-and-cve-within': 'advisoryAndCveWithin',
  'fix-release-within': 'fixReleaseWithin',
  'disclose-within': 'discloseWithin',
  'retrospective-within': 'retrospectiveWithin',
};
const TOP_LEVEL_KEYS = [
  'preset',
  ...Object.keys(DEADLINE_KEYS),
  'business-days',
  'release-window',
  'low-severity',
  'intake-label',
];
const WINDOW_KEYS = ['time', 'duration', 'weekdays', 'holidays', 'freezes'];
const LOW_SEVERITY_KEYS = ['cvss-below', 'factor'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Fields = Record<string, unknown>;

/** Errors name the file, the key and what the key accepts. */
class PolicyFieldError extends ConfigurationError {
  constructor(file: string, key: string, message: string) {
    super(`${file}: "${key}" ${message}`, file);
  }
}

function asFields(value: unknown, file: string, key: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolicyFieldError(file, key, 'must be a mapping of keys to values');
  }
  return value as Fields;
}

function rejectUnknownKeys(fields: Fields, allowed: readonly string[], file: string, where: string): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      const place = where === '' ? key : `${where}.${key}`;
      throw new PolicyFieldError(file, place, `is not a policy setting; known settings here: ${allowed.join(', ')}`);
    }
  }
}

function readDuration(value: unknown, file: string, key: string): Duration {
  const duration = typeof value === 'string' ? parseDuration(value) : undefined;
  if (!duration)
    throw new PolicyFieldError(file, key, `is ${JSON.stringify(value)}; use a duration such as ${DURATION_FORMS}`);
  return duration;
}

function readDate(value: unknown, file: string, key: string): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  // `Date` rolls 2026-02-30 over to March 2: a date that exists reads back the same.
  const date = typeof text === 'string' ? new Date(`${text}T00:00:00Z`) : undefined;
  const exists = date !== undefined && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  if (typeof text !== 'string' || !ISO_DATE.test(text) || !exists) {
    throw new PolicyFieldError(file, key, `is ${JSON.stringify(value)}; use a date as YYYY-MM-DD`);
  }
  return text;
}

function readList(value: unknown, file: string, key: string): unknown[] {
  if (!Array.isArray(value)) throw new PolicyFieldError(file, key, 'must be a list');
  return value;
}

function readFreezes(value: unknown, file: string): DateRange[] {
  return readList(value, file, 'release-window.freezes').map((entry, index) => {
    const key = `release-window.freezes[${index}]`;
    const fields = asFields(entry, file, key);
    rejectUnknownKeys(fields, ['start', 'end'], file, key);
    const range = {
      start: readDate(fields.start, file, `${key}.start`),
      end: readDate(fields.end, file, `${key}.end`),
    };
    if (range.end < range.start)
      throw new PolicyFieldError(file, key, `ends (${range.end}) before it starts (${range.start})`);
    return range;
  });
}

function readWeekdays(value: unknown, file: string): IsoWeekday[] {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (typeof text !== 'string')
    throw new PolicyFieldError(file, 'release-window.weekdays', 'must be a list of day names');
  try {
    return parseWeekdays(text);
  } catch (error) {
    throw new PolicyFieldError(file, 'release-window.weekdays', (error as Error).message);
  }
}

function readWindowDuration(value: unknown, file: string): number {
  const duration = readDuration(value, file, 'release-window.duration');
  const minutes =
    duration.unit === 'hours' ? duration.amount * 60 : duration.unit === 'minutes' ? duration.amount : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw new PolicyFieldError(
      file,
      'release-window.duration',
      'must be between 1 minute and 24 hours, e.g. `60m` or `2h`',
    );
  }
  return minutes;
}

function readWindow(value: unknown, base: ReleaseWindowPolicy, file: string): ReleaseWindowPolicy {
  const fields = asFields(value, file, 'release-window');
  rejectUnknownKeys(fields, WINDOW_KEYS, file, 'release-window');
  let time = base.time;
  if (fields.time !== undefined) {
    try {
      parseTimeOfDay(String(fields.time));
      time = String(fields.time);
    } catch (error) {
      throw new PolicyFieldError(file, 'release-window.time', (error as Error).message);
    }
  }
  return {
    time,
    durationMinutes: fields.duration === undefined ? base.durationMinutes : readWindowDuration(fields.duration, file),
    weekdays: fields.weekdays === undefined ? base.weekdays : readWeekdays(fields.weekdays, file),
    holidays:
      fields.holidays === undefined
        ? base.holidays
        : readList(fields.holidays, file, 'release-window.holidays').map((d, i) =>
            readDate(d, file, `release-window.holidays[${i}]`),
          ),
    freezes: fields.freezes === undefined ? base.freezes : readFreezes(fields.freezes, file),
  };
}

function readPositiveNumber(value: unknown, file: string, key: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new PolicyFieldError(file, key, `is ${JSON.stringify(value)}; use a number above 0 and at most ${max}`);
  }
  return value;
}

function readBase(fields: Fields, file: string, fallback: Policy): Policy {
  if (fields.preset === undefined) return fallback;
  const name = String(fields.preset);
  if (!isPresetName(name))
    throw new PolicyFieldError(file, 'preset', `is "${name}"; use one of ${PRESET_NAMES.join(', ')}`);
  return PRESETS[name];
}

/** Checks that hold across fields: a fix released after the disclosure deadline cannot be planned. */
function checkConsistency(policy: Policy, file: string): void {
  if (policy.releaseWindow.weekdays.length === 0) {
    throw new PolicyFieldError(file, 'release-window.weekdays', 'is empty: no release could ever happen');
  }
  const roughDays = (d: Duration): number =>
    d.unit === 'days' || d.unit === 'business-days' ? d.amount : d.unit === 'hours' ? d.amount / 24 : d.amount / 1440;
  if (roughDays(policy.fixReleaseWithin) > roughDays(policy.discloseWithin)) {
    throw new PolicyFieldError(
      file,
      'fix-release-within',
      'is longer than disclose-within; the fix must be planned before the disclosure deadline',
    );
  }
  if (roughDays(policy.acknowledgeWithin) > roughDays(policy.triageWithin)) {
    throw new PolicyFieldError(
      file,
      'acknowledge-within',
      'is longer than triage-within; a report is acknowledged before it is triaged',
    );
  }
}

/** The policy a project's YAML file describes: a preset with any number of settings overridden. */
/** The file's policy; `fallback` is the preset it overrides when the file names none (the `policy` input). */
export function parsePolicyFile(text: string, file: string, fallback: Policy = PRESETS.spec11): Policy {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, file);
  }
  if (document === null || document === undefined) return fallback;
  const fields = asFields(document, file, '(top level)');
  rejectUnknownKeys(fields, TOP_LEVEL_KEYS, file, '');
  const base = readBase(fields, file, fallback);
  const deadlines: Partial<Record<keyof PolicyDeadlines, Duration>> = {};
  for (const [key, property] of Object.entries(DEADLINE_KEYS)) {
    if (fields[key] !== undefined) deadlines[property] = readDuration(fields[key], file, key);
  }
  if (fields['business-days'] !== undefined && typeof fields['business-days'] !== 'boolean') {
    throw new PolicyFieldError(file, 'business-days', 'must be true or false');
  }
  const lowSeverity =
    fields['low-severity'] === undefined ? undefined : asFields(fields['low-severity'], file, 'low-severity');
  if (lowSeverity) rejectUnknownKeys(lowSeverity, LOW_SEVERITY_KEYS, file, 'low-severity');
  const policy: Policy = {
    ...base,
    ...deadlines,
    name: `${base.name} (${file})`,
    businessDays: (fields['business-days'] as boolean | undefined) ?? base.businessDays,
    releaseWindow:
      fields['release-window'] === undefined
        ? base.releaseWindow
        : readWindow(fields['release-window'], base.releaseWindow, file),
    lowSeveritySlowDown: {
      cvssBelow:
        lowSeverity?.['cvss-below'] === undefined
          ? base.lowSeveritySlowDown.cvssBelow
          : readPositiveNumber(lowSeverity['cvss-below'], file, 'low-severity.cvss-below', 10),
      factor:
        lowSeverity?.factor === undefined
          ? base.lowSeveritySlowDown.factor
          : readPositiveNumber(lowSeverity.factor, file, 'low-severity.factor', 10),
    },
    intakeLabel: fields['intake-label'] === undefined ? base.intakeLabel : String(fields['intake-label']),
  };
  checkConsistency(policy, file);
  return policy;
}
