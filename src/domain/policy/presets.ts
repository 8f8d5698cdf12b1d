import type { Duration, Policy, ReleaseWindowPolicy } from './types.js';

const hours = (amount: number): Duration => ({ amount, unit: 'hours' });
const days = (amount: number): Duration => ({ amount, unit: 'days' });

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

/**
 * SPEC 11 (seeds/003), the default.
 * - acknowledgeWithin: "The SIRT should respond to any report in at most 48 hours."
 * - triage, fix team, advisory/CVE, fix release: SPEC 11 states no number. We use the Stacklok process's
 *   "within the 1-7 days of Disclosure" (triage, fix team, advisory and CVE) and "Completed within 1-21 days of
 *   Disclosure" (fix release), the nearest published numbers for the same steps.
 * - discloseWithin: SPEC 11 states no hard limit; 90 days is the common coordinated-disclosure ceiling
 *   (conda-forge: "will disclose known vulnerabilities within 90 days by default").
 * - retrospectiveWithin: "A few days after the release, the SIRT could write a retrospective" -> 3 days.
 * - lowSeveritySlowDown: "If the vulnerability has a low severity, the timeline can be extended"; no numbers:
 *   the threshold is Stacklok's "CVSS score is under ~4.0", the factor (2x) is our choice.
 * - releaseWindow: "it is recommend to use 4PM UTC on a non-Friday weekend [sic: weekday]".
 */
export const SPEC11: Policy = {
  name: 'spec11',
  acknowledgeWithin: hours(48),
  triageWithin: days(7),
  fixTeamWithin: days(7),
  advisoryAndCveWithin: days(7),
  fixReleaseWithin: days(21),
  discloseWithin: days(90),
  retrospectiveWithin: days(3),
  releaseWindow: SIXTEEN_UTC_MON_TO_THU,
  lowSeveritySlowDown: { cvssBelow: 4.0, factor: 2 },
  businessDays: false,
  intakeLabel: 'security-report',
  // Project option, in every preset: one member's `/release approve` before publishing. No process document asks
  // for a number of approvals; conda-forge's roles are "covered by a minimum of two separate individuals", and a
  // project that wants two people on every publication sets `release-approvals: 2` in its policy file.
  releaseApprovals: 1,
};

/**
 * SPEC 11's earlier draft (seeds/004, "Security Response Team").
 * - acknowledgeWithin: "The SRT should respond to any report in at most 24 hours."
 * - Everything else is worded as in the final SPEC 11 and takes the same numbers (see SPEC11).
 */
export const SPEC11_DRAFT: Policy = { ...SPEC11, name: 'spec11-draft', acknowledgeWithin: hours(24) };

/**
 * Stacklok (seeds/000 fetch, seeds/001 CodeGate: the same text).
 * - acknowledgeWithin, triageWithin, fixTeamWithin: "These steps should be completed within the first 24 hours of
 *   Disclosure." (bringing the engineers into the advisory: the Fix Team). Acknowledging is part of the first step.
 * - advisoryAndCveWithin: "These steps should be completed within the 1-7 days of Disclosure." (advisory, CVSS, CVE)
 * - fixReleaseWithin: "Fix release day (Completed within 1-21 days of Disclosure)"
 * - discloseWithin: no number (the announcement is on fix release day); 90 days as the outer limit.
 * - retrospectiveWithin: "These steps should be completed 1-3 days after the Release Date."
 * - lowSeveritySlowDown: "If the CVSS score is under ~4.0 (a low severity score) ... the Fix Team can decide to slow
 *   the release process down"; the factor is not given: 2x.
 * - releaseWindow: "The recommended release time is 4pm UTC on a non-Friday weekday."
 */
export const STACKLOK: Policy = {
  ...SPEC11,
  name: 'stacklok',
  acknowledgeWithin: hours(24),
  triageWithin: hours(24),
  fixTeamWithin: hours(24),
  advisoryAndCveWithin: days(7),
  fixReleaseWithin: days(21),
  retrospectiveWithin: days(3),
};

/**
 * conda-forge (seeds/002).
 * - acknowledgeWithin: "conda-forge will try to will respond within 7 days to all new reports."
 * - discloseWithin: "conda-forge will disclose known vulnerabilities within 90 days by default, whether a patch is
 *   available or not."
 * - triage, fix team, advisory/CVE, fix release, retrospective: no numbers in the seed. Triage and the fix team
 *   follow the acknowledgement (14 days), the advisory and CVE request within 30 days, the fix release within 60
 *   days so the 90-day disclosure can hold; a retrospective is not part of conda-forge's process: 7 days if held.
 * - releaseWindow and low severity: not in the seed; SPEC 11's 16:00 UTC Mon-Thu and the <4.0 / 2x slow-down.
 */
export const CONDA_FORGE: Policy = {
  ...SPEC11,
  name: 'conda-forge',
  acknowledgeWithin: days(7),
  triageWithin: days(14),
  fixTeamWithin: days(14),
  advisoryAndCveWithin: days(30),
  fixReleaseWithin: days(60),
  discloseWithin: days(90),
  retrospectiveWithin: days(7),
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
