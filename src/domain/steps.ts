/** The steps of the process that carry a deadline, in the order they happen. Pure data, imported by the policy. */
export const STEPS = [
  'acknowledge',
  'triage',
  'fix-team',
  'advisory-cve',
  'fix-release',
  'disclose',
  'retrospective',
] as const;
export type Step = (typeof STEPS)[number];
