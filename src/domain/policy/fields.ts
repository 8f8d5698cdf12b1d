/**
 * The settings of a policy file (`.github/disclosure-policy.yml`), declared once. The parser (parse.ts) reads a file
 * by this table, and the JSON Schema editors use (schema.ts, written to schemas/disclosure-policy.schema.json by
 * `npm run docs`) is generated from it: a key, a kind or a bound added here reaches both, so they cannot drift.
 */
import { STEPS, type Step } from '../steps.js';
import type { PolicyDeadlines } from './types.js';

/**
 * What a setting's value is:
 * - `preset`: one of the preset names;
 * - `duration`: a span such as `48h`, `7d`, `2w`, `90 days` or `3 business days`;
 * - `boolean`: true or false;
 * - `time-of-day`: `HH:MM`, 24 h, UTC;
 * - `window-length`: a span in minutes or hours, from 1 minute to 24 hours;
 * - `weekdays`: day names, numbers 1-7 or ranges such as `Mon-Thu`, as a list or in one string;
 * - `date`: `YYYY-MM-DD`, a date that exists;
 * - `dates`: a list of them;
 * - `date-ranges`: a list of `{ start, end }` dates, both included (the `start` and `end` of `DATE_RANGE_FIELDS`);
 * - `number`: above 0 and at most `maximum`;
 * - `count`: a whole number from 1 to `maximum`;
 * - `label`: a label name (non-empty text);
 * - `enforcement`: `escalate`, `remind` or `off`;
 * - `section`: a mapping with `fields` of its own.
 */
export type FieldKind =
  | 'preset'
  | 'duration'
  | 'boolean'
  | 'time-of-day'
  | 'window-length'
  | 'weekdays'
  | 'date'
  | 'dates'
  | 'date-ranges'
  | 'number'
  | 'count'
  | 'label'
  | 'enforcement'
  | 'section';

export interface FieldSpec {
  readonly kind: FieldKind;
  /** One sentence for the schema (editors show it on hover). */
  readonly description: string;
  /** `number`, `count`: the largest value accepted (values must be above 0). */
  readonly maximum?: number;
  /** `section`: its own settings. */
  readonly fields?: FieldTable;
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

/** The deadline settings and the Policy property each one sets, in the order of the process. */
export const DEADLINE_FIELDS: Readonly<Record<string, keyof PolicyDeadlines>> = {
  'acknowledge-within': 'acknowledgeWithin',
  'triage-within': 'triageWithin',
  'fix-team-within': 'fixTeamWithin',
  'advisory-and-cve-within': 'advisoryAndCveWithin',
  'fix-release-within': 'fixReleaseWithin',
  'disclose-within': 'discloseWithin',
  'retrospective-within': 'retrospectiveWithin',
};

/** The step each deadline setting is the deadline of. */
export const DEADLINE_STEP: Readonly<Record<keyof PolicyDeadlines, Step>> = {
  acknowledgeWithin: 'acknowledge',
  triageWithin: 'triage',
  fixTeamWithin: 'fix-team',
  advisoryAndCveWithin: 'advisory-cve',
  fixReleaseWithin: 'fix-release',
  discloseWithin: 'disclose',
  retrospectiveWithin: 'retrospective',
};

const DEADLINE_DESCRIPTIONS: Readonly<Record<keyof PolicyDeadlines, string>> = {
  acknowledgeWithin: 'Acknowledge a report within this span of its arrival.',
  triageWithin: 'Triage a report (severity, accept or reject) within this span of its arrival.',
  fixTeamWithin: 'Staff the fix team within this span of the report.',
  advisoryAndCveWithin: 'Have the advisory drafted and a CVE requested within this span of the report.',
  fixReleaseWithin: 'Release the fix within this span of the report (never after disclose-within).',
  discloseWithin:
    'A hard limit: disclosure happens by then, fixed or not (no preset but conda-forge has one; absent: no disclosure deadline).',
  retrospectiveWithin: 'Write the retrospective within this span of the release.',
};

export const POLICY_FIELDS: FieldTable = {
  preset: { kind: 'preset', description: 'The preset whose numbers this file overrides (default: the policy input).' },
  ...Object.fromEntries(
    Object.entries(DEADLINE_FIELDS).map(([key, property]) => [
      key,
      { kind: 'duration', description: DEADLINE_DESCRIPTIONS[property] } satisfies FieldSpec,
    ]),
  ),
  'expedite-within': {
    kind: 'duration',
    description:
      'When a report is expedited (/triage expedite: public disclosure, exploitation), every step still open is due within this span (default 72h, a project default).',
  },
  enforcement: {
    kind: 'section',
    description:
      'What a missed deadline of each step does: escalate (a breach), remind (one reminder, never a breach) or off (not tracked).',
    fields: Object.fromEntries(
      STEPS.map((step) => [
        step,
        { kind: 'enforcement', description: `escalate, remind or off for the ${step} step.` } satisfies FieldSpec,
      ]),
    ),
  },
  'business-days': {
    kind: 'boolean',
    description: 'Count every "d" of the policy as business days (Monday to Friday, holidays skipped).',
  },
  'release-window': {
    kind: 'section',
    description: 'When a security release may happen.',
    fields: {
      time: { kind: 'time-of-day', description: 'When the window opens, HH:MM in UTC.' },
      duration: { kind: 'window-length', description: 'How long the window stays open, e.g. 60m or 2h.' },
      weekdays: { kind: 'weekdays', description: 'The days a window may open on, e.g. [mon, tue, wed, thu].' },
      holidays: { kind: 'dates', description: 'Dates (YYYY-MM-DD, UTC) on which no window opens.' },
      freezes: { kind: 'date-ranges', description: 'Ranges of dates during which no window opens.' },
    },
  },
  'low-severity': {
    kind: 'section',
    description:
      'Low severity: a CVSS base score below the threshold; with automatic: true it stretches the fix release by the factor (never past disclose-within).',
    fields: {
      automatic: {
        kind: 'boolean',
        description:
          'Stretch the fix release of a low-severity report by itself (default false: a person decides with /triage extend; setting factor turns it on).',
      },
      'cvss-below': {
        kind: 'number',
        maximum: 10,
        description: 'A CVSS base score strictly below this counts as low severity.',
      },
      factor: {
        kind: 'number',
        maximum: 10,
        description: 'The fix-release span of a low-severity report is multiplied by this.',
      },
    },
  },
  'intake-label': {
    kind: 'label',
    description: 'Tracker issues with this label are reports filed by hand (e-mail, an issue form).',
  },
  'release-approvals': {
    kind: 'count',
    maximum: 5,
    description:
      'How many different members of the response team must approve a publication with /release approve in its tracking issue (a project option; default 1).',
  },
  'require-release-checklist': {
    kind: 'boolean',
    description:
      'Whether release-gate opens only once every release-day step is confirmed with /release done <item> in the tracking issue: fork-merged, patch-releases, binaries-signed (a project option; default false).',
  },
  'signing-key': {
    kind: 'label',
    description:
      "Path (in the workspace) of the project's ASCII-armored public OpenPGP key: release-gate then verifies every asset of the releases it checks against its detached signature (<asset>.asc or <asset>.sig) before opening.",
  },
  'team-name': {
    kind: 'label',
    description:
      'The response team\'s name in the announcement, e.g. "Security Team" (default: the process document\'s, such as "Security Incident Response Team").',
  },
};

/** The settings of one item of a `date-ranges` list; both are required. */
export const DATE_RANGE_FIELDS: FieldTable = {
  start: { kind: 'date', description: 'The first day of the range, YYYY-MM-DD.' },
  end: { kind: 'date', description: 'The last day of the range, YYYY-MM-DD (included).' },
};

/**
 * The checks the parser makes that a JSON Schema cannot state (each compares two values), for the schema's
 * description: the editor accepts a file that breaks one of them, and the actions refuse it naming the key.
 */
export const CHECKS_BEYOND_THE_SCHEMA: readonly string[] = [
  'fix-release-within is not longer than disclose-within (when a disclosure deadline is set)',
  'acknowledge-within is not longer than triage-within',
  'a freeze does not end before it starts',
];
