/**
 * The presets: each number is quoted from its process document (`seed`) or labelled a choice of this project
 * (`project-default`, with why), in the data itself (`provenance`), which the README's policy table (`npm run docs`)
 * and the texts a reporter reads show. The seeds are the documents as published; SEED-FACTS lists what each states.
 */
import type { Duration, Enforcement, Policy, Provenance, ReleaseWindowPolicy } from './types.js';
import type { Step } from '../steps.js';

const hours = (amount: number): Duration => ({ amount, unit: 'hours' });
const days = (amount: number): Duration => ({ amount, unit: 'days' });

const SPEC11_DOC = 'SPEC 11';
const SPEC11_DRAFT_DOC = 'SPEC 11 (earlier draft)';
const STACKLOK_DOC = "Stacklok's security process";
const CONDA_FORGE_DOC = "conda-forge's security policy";

const seed = (document: string, quote: string, note?: string): Provenance => ({
  source: 'seed',
  document,
  quote,
  ...(note ? { note } : {}),
});
const projectDefault = (why: string): Provenance => ({ source: 'project-default', why });

/**
 * SPEC 11 footnote 3 / Stacklok: "The recommended release time is 4pm UTC on a non-Friday weekday."
 * No seed gives the window's length: one hour is enough to cut a release and send the announcement.
 */
export const SIXTEEN_UTC_MON_TO_THU: ReleaseWindowPolicy = {
  time: '16:00',
  durationMinutes: 60,
  weekdays: [1, 2, 3, 4],
  holidays: [],
  freezes: [],
};

const RELEASE_WINDOW_SPEC11 = seed(
  SPEC11_DOC,
  'it is recommend to use 4PM UTC on a non-Friday weekend as the disclosure time',
  '"weekend" is read as weekday, Monday to Thursday; the 60-minute length is a project default',
);

/** Stacklok: "If the security team is dealing with a Public Disclosure all timelines become ASAP." No number. */
const EXPEDITE_DEFAULT = projectDefault(
  'no process document gives a number for "as soon as possible": 72 hours leaves room for a fix and a release window',
);

/** The low-severity threshold: Stacklok's "CVSS score is under ~4.0"; stretching is a person's decision. */
const LOW_SEVERITY_STACKLOK = seed(
  STACKLOK_DOC,
  'If the CVSS score is under ~4.0 (a low severity score) or the assessed risk is low the Fix Team can decide to slow the release process down',
);

const escalateAll = (overrides: Partial<Record<Step, Enforcement>>): Readonly<Record<Step, Enforcement>> => ({
  acknowledge: 'escalate',
  triage: 'escalate',
  'fix-team': 'escalate',
  'advisory-cve': 'escalate',
  'fix-release': 'escalate',
  disclose: 'escalate',
  retrospective: 'escalate',
  ...overrides,
});

/**
 * SPEC 11 (seeds/003), the default. It states the acknowledgement (48 h), the 16:00 UTC non-Friday release and an
 * optional retrospective ("could"): every other number is a project default, and there is no disclosure deadline.
 */
export const SPEC11: Policy = {
  name: 'spec11',
  acknowledgeWithin: hours(48),
  triageWithin: days(7),
  fixTeamWithin: days(7),
  advisoryAndCveWithin: days(7),
  fixReleaseWithin: days(21),
  retrospectiveWithin: days(3),
  expediteWithin: hours(72),
  releaseWindow: SIXTEEN_UTC_MON_TO_THU,
  lowSeveritySlowDown: { cvssBelow: 4.0, factor: 2, automatic: false },
  businessDays: false,
  intakeLabel: 'security-report',
  // Project option, in every preset: one member's `/release approve` before publishing. No process document asks
  // for a number of approvals; conda-forge's roles are "covered by a minimum of two separate individuals", and a
  // project that wants two people on every publication sets `release-approvals: 2` in its policy file.
  releaseApprovals: 1,
  // "The project should ensure that a Security Incident Response Team (SIRT) exists." (the announcement's wording)
  teamName: 'Security Incident Response Team',
  // The retrospective is optional ("could"): a reminder, never a breach.
  enforcement: escalateAll({ retrospective: 'remind' }),
  provenance: {
    acknowledge: seed(SPEC11_DOC, 'The SIRT should respond to any report in at most 48 hours.'),
    triage: projectDefault(
      'SPEC 11 states no number; Stacklok\'s nearest one: triage, scoring and the advisory "within the 1-7 days of Disclosure"',
    ),
    'fix-team': projectDefault(
      'SPEC 11 states no number; the fix team is formed once triage has rated the report, so within the same 7 days',
    ),
    'advisory-cve': projectDefault(
      'SPEC 11 states no number; Stacklok\'s nearest one: the advisory, CVSS and CVE request "within the 1-7 days of Disclosure"',
    ),
    'fix-release': projectDefault(
      'SPEC 11 leaves the timeline to the SIRT; Stacklok\'s nearest number: "Fix release day (Completed within 1-21 days of Disclosure)"',
    ),
    disclose: projectDefault('SPEC 11 states no disclosure deadline: none unless the policy file sets disclose-within'),
    retrospective: seed(
      SPEC11_DOC,
      'A few days after the release, the SIRT could write a retrospective',
      '"a few days" read as 3; optional ("could"): a reminder, never a breach',
    ),
    expedite: EXPEDITE_DEFAULT,
    'release-window': RELEASE_WINDOW_SPEC11,
    'low-severity': seed(
      SPEC11_DOC,
      'If the vulnerability has a low severity, the timeline can be extended',
      "a decision recorded with /triage extend; the 4.0 threshold is Stacklok's",
    ),
  },
};

/**
 * SPEC 11's earlier draft (seeds/004, "Security Response Team"): "The SRT should respond to any report in at most 24
 * hours." Everything else is worded as in the final SPEC 11 and takes the same numbers.
 */
export const SPEC11_DRAFT: Policy = {
  ...SPEC11,
  name: 'spec11-draft',
  acknowledgeWithin: hours(24),
  // "The project should ensure that a Security Response Team (SRT) exists."
  teamName: 'Security Response Team',
  provenance: {
    ...SPEC11.provenance,
    acknowledge: seed(SPEC11_DRAFT_DOC, 'The SRT should respond to any report in at most 24 hours.'),
    retrospective: seed(
      SPEC11_DRAFT_DOC,
      'A few days after the release, the SRT could write a retrospective',
      '"a few days" read as 3; optional ("could"): a reminder, never a breach',
    ),
  },
};

/**
 * Stacklok (seeds/000 fetch, seeds/001 CodeGate: the same text). "All of the timelines below are suggestions and
 * assume a Private Disclosure": every step is a reminder, never a breach. It gives no acknowledgement time and no
 * disclosure deadline; the 24 hours are for naming the Fix Team, scoring and the advisory sit in "1-7 days".
 */
export const STACKLOK: Policy = {
  ...SPEC11,
  name: 'stacklok',
  acknowledgeWithin: hours(48),
  // "the StacklokLabs security team will coordinate to create the fix and release"
  teamName: 'Security Team',
  triageWithin: days(7),
  fixTeamWithin: hours(24),
  advisoryAndCveWithin: days(7),
  fixReleaseWithin: days(21),
  retrospectiveWithin: days(3),
  enforcement: {
    acknowledge: 'remind',
    triage: 'remind',
    'fix-team': 'remind',
    'advisory-cve': 'remind',
    'fix-release': 'remind',
    disclose: 'remind',
    retrospective: 'remind',
  },
  provenance: {
    acknowledge: projectDefault(
      'the Stacklok process gives no time to answer the reporter; SPEC 11\'s "in at most 48 hours" is used',
    ),
    triage: seed(
      STACKLOK_DOC,
      'These steps should be completed within the 1-7 days of Disclosure. … Use the CVSS calculator to score a severity level.',
      'the upper end, 7 days; "All of the timelines below are suggestions": a reminder',
    ),
    'fix-team': seed(
      STACKLOK_DOC,
      'These steps should be completed within the first 24 hours of Disclosure. … These selected developers become the "Fix Team"',
    ),
    'advisory-cve': seed(
      STACKLOK_DOC,
      "These steps should be completed within the 1-7 days of Disclosure. - Create a new security advisory … Select 'Request CVE'",
      'the upper end, 7 days',
    ),
    'fix-release': seed(
      STACKLOK_DOC,
      'Fix release day (Completed within 1-21 days of Disclosure)',
      'the upper end, 21 days',
    ),
    disclose: projectDefault(
      'the Stacklok process states no disclosure deadline (it announces on fix release day): none unless the policy file sets disclose-within',
    ),
    retrospective: seed(
      STACKLOK_DOC,
      'These steps should be completed 1-3 days after the Release Date.',
      'the upper end, 3 days',
    ),
    expedite: seed(
      STACKLOK_DOC,
      'If the security team is dealing with a Public Disclosure all timelines become ASAP.',
      'ASAP as 72 hours is a project default',
    ),
    'release-window': seed(
      STACKLOK_DOC,
      'The recommended release time is 4pm UTC on a non-Friday weekday.',
      'Monday to Thursday; the 60-minute length is a project default',
    ),
    'low-severity': LOW_SEVERITY_STACKLOK,
  },
};

/**
 * conda-forge (seeds/002): "respond within 7 days to all new reports" and "disclose known vulnerabilities within 90
 * days by default, whether a patch is available or not". No other number, and no retrospective (off).
 */
export const CONDA_FORGE: Policy = {
  ...SPEC11,
  name: 'conda-forge',
  acknowledgeWithin: days(7),
  // Project default: the seed names roles (Reporter, Coordinator, Developer), no team.
  teamName: 'Security Team',
  triageWithin: days(14),
  fixTeamWithin: days(14),
  advisoryAndCveWithin: days(30),
  fixReleaseWithin: days(60),
  discloseWithin: days(90),
  retrospectiveWithin: days(7),
  enforcement: escalateAll({ retrospective: 'off' }),
  provenance: {
    acknowledge: seed(CONDA_FORGE_DOC, 'conda-forge will try to will respond within 7 days to all new reports.'),
    triage: projectDefault('conda-forge states no number: a week after the acknowledgement (14 days)'),
    'fix-team': projectDefault('conda-forge states no number: with triage (14 days)'),
    'advisory-cve': projectDefault('conda-forge states no number: 30 days, well before the 90-day disclosure'),
    'fix-release': projectDefault('conda-forge states no number: 60 days, so the 90-day disclosure can hold'),
    disclose: seed(
      CONDA_FORGE_DOC,
      'conda-forge will disclose known vulnerabilities within 90 days by default, whether a patch is available or not.',
    ),
    retrospective: projectDefault('conda-forge describes no retrospective: not tracked (7 days if one is held)'),
    expedite: EXPEDITE_DEFAULT,
    'release-window': projectDefault(
      'conda-forge states no release time: SPEC 11\'s "4PM UTC on a non-Friday" and a 60-minute window',
    ),
    'low-severity': projectDefault(
      'conda-forge says nothing of low severity: Stacklok\'s "under ~4.0" as the threshold',
    ),
  },
};

/** The presets by name, the first the default: adding one here (and `npm run docs`) is all a new preset takes. */
export const PRESETS = {
  spec11: SPEC11,
  'spec11-draft': SPEC11_DRAFT,
  stacklok: STACKLOK,
  'conda-forge': CONDA_FORGE,
} as const satisfies Readonly<Record<string, Policy>>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as string[]).includes(name);
}
