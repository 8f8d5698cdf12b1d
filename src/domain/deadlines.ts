import { addDuration, scaleDuration } from './duration.js';
import type { Duration, Enforcement, Policy } from './policy/types.js';
import { currentSlot, firstSlotOnOrAfter } from './release-window/slots.js';

import { STEPS, type Step } from './steps.js';

export { STEPS, type Step };

export const STEP_TITLES: Readonly<Record<Step, string>> = {
  acknowledge: 'Acknowledge the report and tell the reporter what to expect',
  triage: 'Triage: reproduce, score with CVSS, decide TLP, accept or reject',
  'fix-team': 'Assign the fix team and add them to the advisory',
  'advisory-cve': 'Draft the advisory, set CVSS, request a CVE',
  'fix-release': 'Release the fix (16:00 UTC release window)',
  disclose: 'Publish the advisory and the announcement',
  retrospective: 'Hold the blameless retrospective',
};

/**
 * A deadline moved by a recorded decision: a release day agreed beyond the target, an extension (`/triage extend`),
 * or the disclosure deadline moved with the reporter's agreement. The latest move of a step sets its due time.
 */
export interface DeadlineMove {
  readonly step: 'fix-release' | 'disclose';
  /** The new due time, ISO 8601. */
  readonly to: string;
  /** The due time it replaced, ISO 8601 (none when the step had no deadline). */
  readonly from?: string;
  readonly reason: string;
  /** What moved it: an agreed release day, or an extension decided in triage. */
  readonly kind: 'release-date' | 'extend';
  /** When it was recorded, and by whom (a login, when a command did it). */
  readonly at: string;
  readonly by?: string;
}

/** An expedited report (public disclosure, exploitation in the wild): every open step is due as soon as possible. */
export interface ExpediteRecord {
  readonly at: string;
  readonly reason: string;
  readonly by?: string;
}

export interface DeadlineInputs {
  readonly receivedAt: Date;
  /** The CVSS base score once known: below the policy's threshold the fix-release target may stretch. */
  readonly cvssScore?: number | undefined;
  /** The retrospective is due a set time after the release (publication), not after the report. */
  readonly releasedAt?: Date | undefined;
  /** Recorded moves of the fix-release and disclosure deadlines. */
  readonly moves?: readonly DeadlineMove[] | undefined;
  /** When the report was expedited: no step is due later than the policy's `expediteWithin` after it. */
  readonly expeditedAt?: Date | undefined;
}

export type Deadlines = Readonly<Record<Step, Date | undefined>>;

/** The CVSS score is known and below the policy's low-severity threshold. */
export function isLowSeverity(policy: Policy, cvssScore: number | undefined): boolean {
  return cvssScore !== undefined && cvssScore < policy.lowSeveritySlowDown.cvssBelow;
}

/** The policy stretches the fix release by itself: low severity, and the policy's `automatic` setting on. */
export function lowSeveritySlowDownApplies(policy: Policy, cvssScore: number | undefined): boolean {
  return policy.lowSeveritySlowDown.automatic && isLowSeverity(policy, cvssScore);
}

function stretched(policy: Policy, duration: Duration, cvssScore: number | undefined): Duration {
  return lowSeveritySlowDownApplies(policy, cvssScore)
    ? scaleDuration(duration, policy.lowSeveritySlowDown.factor)
    : duration;
}

const earlier = (a: Date, b: Date | undefined): Date => (b !== undefined && b < a ? b : a);

const calendarOf = (policy: Policy): { businessDays: boolean; holidays: readonly string[] } => ({
  businessDays: policy.businessDays,
  holidays: policy.releaseWindow.holidays,
});

/** The latest recorded move of `step`, if any. */
export function latestMove(
  moves: readonly DeadlineMove[] | undefined,
  step: DeadlineMove['step'],
): DeadlineMove | undefined {
  return [...(moves ?? [])].reverse().find((move) => move.step === step);
}

/** The policy's disclosure deadline (none when it has no `discloseWithin`), or where a recorded move put it. */
export function disclosureDeadline(
  policy: Policy,
  inputs: Pick<DeadlineInputs, 'receivedAt' | 'moves'>,
): Date | undefined {
  const moved = latestMove(inputs.moves, 'disclose');
  if (moved) return new Date(moved.to);
  return policy.discloseWithin ? addDuration(inputs.receivedAt, policy.discloseWithin, calendarOf(policy)) : undefined;
}

/**
 * When the fix should ship by the policy's numbers alone: the fix-release span (stretched for low severity when
 * the policy says so) from the report, never past the disclosure deadline. Triage proposes the first release window
 * from here.
 */
export function fixReleaseTarget(policy: Policy, inputs: Pick<DeadlineInputs, 'receivedAt' | 'cvssScore'>): Date {
  const target = addDuration(
    inputs.receivedAt,
    stretched(policy, policy.fixReleaseWithin, inputs.cvssScore),
    calendarOf(policy),
  );
  return earlier(target, disclosureDeadline(policy, { receivedAt: inputs.receivedAt }));
}

/**
 * The end of the release window open at `target`, or of the first one after it. A release can only go out in a
 * window, so a team that ships in the window the policy points it to is on time, not hours late.
 */
export function releaseWindowEnd(policy: Policy, target: Date): Date {
  try {
    return (currentSlot(policy.releaseWindow, target) ?? firstSlotOnOrAfter(policy.releaseWindow, target)).end;
  } catch (error) {
    if (error instanceof RangeError) return target; // a policy whose window never opens
    throw error;
  }
}

/** The fix-release deadline before any expedite: a recorded move, else the policy's, never past the disclosure. */
function fixReleaseDue(policy: Policy, inputs: DeadlineInputs, disclose: Date | undefined): Date {
  const moved = latestMove(inputs.moves, 'fix-release');
  const due = moved ? new Date(moved.to) : releaseWindowEnd(policy, fixReleaseTarget(policy, inputs));
  return earlier(due, disclose);
}

/**
 * Every step's due date under the policy; undefined for a step the policy does not track (`off`), the disclosure
 * when the policy has no disclosure deadline, and the retrospective before the release. The fix release is due by
 * the end of the release window at or after its target, or where a recorded move put it, never past the disclosure
 * deadline. An expedited report has every step due within the policy's `expediteWithin` of the decision, at most.
 */
export function computeDeadlines(policy: Policy, inputs: DeadlineInputs): Deadlines {
  const calendar = calendarOf(policy);
  const from = (duration: Duration): Date => addDuration(inputs.receivedAt, duration, calendar);
  const disclose = disclosureDeadline(policy, inputs);
  const asap = inputs.expeditedAt ? addDuration(inputs.expeditedAt, policy.expediteWithin, calendar) : undefined;
  const due: Record<Step, Date | undefined> = {
    acknowledge: from(policy.acknowledgeWithin),
    triage: from(policy.triageWithin),
    'fix-team': from(policy.fixTeamWithin),
    'advisory-cve': from(policy.advisoryAndCveWithin),
    'fix-release': fixReleaseDue(policy, inputs, disclose),
    disclose,
    retrospective: inputs.releasedAt ? addDuration(inputs.releasedAt, policy.retrospectiveWithin, calendar) : undefined,
  };
  for (const step of STEPS) {
    const date = due[step];
    if (policy.enforcement[step] === 'off') due[step] = undefined;
    else if (date && asap && step !== 'retrospective') due[step] = earlier(date, asap);
  }
  return due;
}

/** What a missed deadline of `step` does under `policy`. */
export function enforcementOf(policy: Policy, step: Step): Enforcement {
  return policy.enforcement[step];
}

/** `overdue`: past due on a step whose policy only reminds (never a breach). */
export type DeadlineStatus = 'met' | 'met-late' | 'on-time' | 'due-soon' | 'overdue' | 'breached' | 'not-scheduled';

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
