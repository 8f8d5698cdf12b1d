import { addDuration, scaleDuration } from './duration.js';
import type { Duration, Policy } from './policy/types.js';
import { currentSlot, firstSlotOnOrAfter } from './release-window/slots.js';

/** The steps of the process that carry a deadline, in the order they happen. */
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

export const STEP_TITLES: Readonly<Record<Step, string>> = {
  acknowledge: 'Acknowledge the report and tell the reporter what to expect',
  triage: 'Triage: reproduce, score with CVSS, decide TLP, accept or reject',
  'fix-team': 'Assign the fix team and add them to the advisory',
  'advisory-cve': 'Draft the advisory, set CVSS, request a CVE',
  'fix-release': 'Release the fix (16:00 UTC release window)',
  disclose: 'Publish the advisory and the announcement',
  retrospective: 'Hold the blameless retrospective',
};

export interface DeadlineInputs {
  readonly receivedAt: Date;
  /** The CVSS base score once known: below the policy's threshold the fix-release target stretches. */
  readonly cvssScore?: number | undefined;
  /** The retrospective is due a set time after the release (publication), not after the report. */
  readonly releasedAt?: Date | undefined;
}

export type Deadlines = Readonly<Record<Step, Date | undefined>>;

/** The policy's low-severity slow-down applies: the CVSS score is known and below the policy's threshold. */
export function lowSeveritySlowDownApplies(policy: Policy, cvssScore: number | undefined): boolean {
  return cvssScore !== undefined && cvssScore < policy.lowSeveritySlowDown.cvssBelow;
}

function stretched(policy: Policy, duration: Duration, cvssScore: number | undefined): Duration {
  return lowSeveritySlowDownApplies(policy, cvssScore)
    ? scaleDuration(duration, policy.lowSeveritySlowDown.factor)
    : duration;
}

const earlier = (a: Date, b: Date): Date => (a < b ? a : b);

/**
 * When the fix should ship by the policy's numbers alone: the fix-release span (stretched for low severity) from
 * the report, never past the disclosure deadline. Triage proposes the first release window from here.
 */
export function fixReleaseTarget(policy: Policy, inputs: Pick<DeadlineInputs, 'receivedAt' | 'cvssScore'>): Date {
  const calendar = { businessDays: policy.businessDays, holidays: policy.releaseWindow.holidays };
  const from = (duration: Duration): Date => addDuration(inputs.receivedAt, duration, calendar);
  return earlier(from(stretched(policy, policy.fixReleaseWithin, inputs.cvssScore)), from(policy.discloseWithin));
}

/**
 * The end of the release window open at `target`, or of the first one after it. A release can only go out in a
 * window, so a team that ships in the window the policy points it to is on time, not hours late.
 */
function releaseWindowEnd(policy: Policy, target: Date): Date {
  try {
    return (currentSlot(policy.releaseWindow, target) ?? firstSlotOnOrAfter(policy.releaseWindow, target)).end;
  } catch (error) {
    if (error instanceof RangeError) return target; // a policy whose window never opens
    throw error;
  }
}

/**
 * Every step's due date under the policy. Low severity stretches the fix release, which is due by the end of the
 * release window at or after its target, never past the disclosure deadline: the policy's hard limit, whether or
 * not a fix exists.
 */
export function computeDeadlines(policy: Policy, inputs: DeadlineInputs): Deadlines {
  const calendar = { businessDays: policy.businessDays, holidays: policy.releaseWindow.holidays };
  const from = (duration: Duration): Date => addDuration(inputs.receivedAt, duration, calendar);
  const disclose = from(policy.discloseWithin);
  return {
    acknowledge: from(policy.acknowledgeWithin),
    triage: from(policy.triageWithin),
    'fix-team': from(policy.fixTeamWithin),
    'advisory-cve': from(policy.advisoryAndCveWithin),
    'fix-release': earlier(releaseWindowEnd(policy, fixReleaseTarget(policy, inputs)), disclose),
    disclose,
    retrospective: inputs.releasedAt ? addDuration(inputs.releasedAt, policy.retrospectiveWithin, calendar) : undefined,
  };
}

export type DeadlineStatus = 'met' | 'met-late' | 'on-time' | 'due-soon' | 'breached' | 'not-scheduled';

export interface DueSoonRule {
  /** Due soon when at most this many milliseconds remain... */
  readonly withinMs: number;
  /** ...or when at most this fraction of the step's whole window remains. */
  readonly fraction: number;
}

export function deadlineStatus(
  due: Date | undefined,
  doneAt: Date | undefined,
  now: Date,
  windowStart: Date,
  dueSoon: DueSoonRule,
): DeadlineStatus {
  if (!due) return 'not-scheduled';
  if (doneAt) return doneAt <= due ? 'met' : 'met-late';
  const remaining = due.getTime() - now.getTime();
  if (remaining < 0) return 'breached';
  const whole = due.getTime() - windowStart.getTime();
  return remaining <= dueSoon.withinMs || remaining <= whole * dueSoon.fraction ? 'due-soon' : 'on-time';
}
