/**
 * The disclosure timeline a triage sets: when the fix should ship, when the advisory and CVE are due, the hard
 * disclosure deadline, the release slot to aim for and the retrospective after it. Pure: the clock is passed in.
 */
import { formatUtc } from './checklist.js';
import {
  computeDeadlines,
  isLowSeverity,
  lowSeveritySlowDownApplies,
  fixReleaseTarget as policyFixReleaseTarget,
  type DeadlineMove,
} from './deadlines.js';
import { addDuration, formatDuration } from './duration.js';
import { ConfigurationError } from './errors.js';
import type { Policy } from './policy/types.js';
import { explainClosed } from './release-window/explain.js';
import { firstSlotOnOrAfter } from './release-window/slots.js';
import type { Slot } from './release-window/types.js';

export interface TimelineInputs {
  readonly policy: Policy;
  /** When the report came in: every deadline of the policy counts from it. */
  readonly receivedAt: Date;
  readonly now: Date;
  /** The CVSS base score; below the policy's threshold the fix release may take longer. */
  readonly cvssScore?: number | undefined;
  /** The severity when no score is known (it does not stretch the timeline: the policy's threshold is a score). */
  readonly severity?: string | undefined;
  /** The release day the teams agreed on (`YYYY-MM-DD`): its window replaces the proposed slot. */
  readonly agreedReleaseDate?: string | undefined;
  readonly agreedVersion?: string | undefined;
  /** Recorded moves of the fix-release and disclosure deadlines (tracker state). */
  readonly moves?: readonly DeadlineMove[] | undefined;
  /** When the report was expedited: every open step due within the policy's `expediteWithin`. */
  readonly expeditedAt?: Date | undefined;
}

export interface Timeline {
  readonly policyName: string;
  readonly receivedAt: Date;
  readonly lowSeverity: boolean;
  /** The policy's fix-release target (stretched for low severity only when the policy says so). */
  readonly fixReleaseTarget: Date;
  /** The fix-release deadline in force: the target's window, or where a recorded decision moved it. */
  readonly fixReleaseDue: Date;
  readonly fixReleaseMoved: boolean;
  readonly advisoryCveDue: Date;
  /**
   * A hard limit, only where the policy has one (conda-forge, or `disclose-within` in the policy file): disclosure
   * happens by then whether or not a fix exists. Undefined: no disclosure deadline.
   */
  readonly disclosureDeadline: Date | undefined;
  readonly disclosureMoved: boolean;
  readonly expedited: boolean;
  /** The release window to aim for (the agreed one, when agreed); undefined only when the policy never opens one. */
  readonly releaseSlot: Slot | undefined;
  readonly agreedRelease: { readonly date: string; readonly version: string | undefined } | undefined;
  /** Counted from the proposed release slot. */
  readonly retrospectiveDue: Date | undefined;
  /** Why the slot or the dates are not what the policy alone would give, in plain words. */
  readonly notes: readonly string[];
}

/** The last release slot that starts at or after `from` and no later than `until`. */
function lastSlotUntil(policy: Policy, from: Date, until: Date): Slot | undefined {
  let last: Slot | undefined;
  let cursor = from;
  for (;;) {
    const slot = firstSlotOnOrAfter(policy.releaseWindow, cursor);
    if (slot.start > until) return last;
    last = slot;
    cursor = new Date(slot.start.getTime() + 1);
  }
}

function firstSlotOrUndefined(policy: Policy, from: Date): Slot | undefined {
  try {
    return firstSlotOnOrAfter(policy.releaseWindow, from);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The release window that opens on `date` (`YYYY-MM-DD`, UTC), if the policy opens one that day. */
export function releaseSlotOn(policy: Policy, date: string): Slot | undefined {
  const slot = firstSlotOrUndefined(policy, new Date(`${date}T00:00:00Z`));
  return slot && slot.start.toISOString().slice(0, 10) === date ? slot : undefined;
}

/** A release date the teams want to agree on: a day the policy opens a window, whose window has not closed. */
export function checkReleaseDate(policy: Policy, date: string, now: Date): Slot {
  const slot = releaseSlotOn(policy, date);
  if (!slot) {
    const why = explainClosed(policy.releaseWindow, new Date(`${date}T00:00:00Z`))?.message ?? 'no window opens';
    const next = firstSlotOrUndefined(policy, new Date(`${date}T00:00:00Z`));
    const hint = next ? `; the next release day is ${next.start.toISOString().slice(0, 10)}` : '';
    throw new ConfigurationError(
      `release-date ${date} has no release window under policy ${policy.name} (${why})${hint}.`,
      'release-date',
    );
  }
  if (slot.end <= now) {
    throw new ConfigurationError(
      `release-date ${date} is in the past: its window closed at ${formatUtc(slot.end)}.`,
      'release-date',
    );
  }
  return slot;
}

interface SlotChoice {
  readonly slot: Slot | undefined;
  readonly notes: string[];
}

/**
 * The first slot on or after the fix-release target (or now, when the target has passed). When that slot opens
 * after the disclosure deadline, the last slot before the deadline is proposed instead, and the note says so.
 */
function chooseSlot(policy: Policy, target: Date, deadline: Date | undefined, now: Date): SlotChoice {
  const notes: string[] = [];
  const earliest = target < now ? now : target;
  if (target < now) notes.push(`The fix-release target ${formatUtc(target)} has passed: the next slot is proposed.`);
  const first = firstSlotOrUndefined(policy, earliest);
  if (!first) return { slot: undefined, notes: [...notes, 'The release window policy never opens a window.'] };
  if (deadline === undefined || first.start <= deadline) return { slot: first, notes };
  const before = now <= deadline ? lastSlotUntil(policy, now, deadline) : undefined;
  if (before) {
    notes.push(
      `The first slot after the fix-release target (${formatUtc(first.start)}) is after the disclosure deadline ` +
        `${formatUtc(deadline)}: the last slot before the deadline is proposed instead.`,
    );
    return { slot: before, notes };
  }
  notes.push(
    `No release window opens between now and the disclosure deadline ${formatUtc(deadline)}: ` +
      `the first slot after it is proposed, past the deadline.`,
  );
  return { slot: first, notes };
}

function agreedChoice(policy: Policy, date: string, deadline: Date | undefined): SlotChoice {
  const slot = releaseSlotOn(policy, date);
  if (!slot) return { slot: undefined, notes: [`The agreed release date ${date} no longer has a release window.`] };
  const late = deadline !== undefined && slot.start > deadline;
  return {
    slot,
    notes: late ? [`The agreed release is after the disclosure deadline ${formatUtc(deadline)}.`] : [],
  };
}

function lowSeverityNote(inputs: TimelineInputs): string | undefined {
  const { policy, cvssScore } = inputs;
  const slowDown = policy.lowSeveritySlowDown;
  if (lowSeveritySlowDownApplies(policy, cvssScore)) {
    return (
      `CVSS ${cvssScore} is below ${slowDown.cvssBelow}: the policy stretches the fix release to ` +
      `${slowDown.factor}x its ${formatDuration(policy.fixReleaseWithin)}, never past the disclosure deadline.`
    );
  }
  if (isLowSeverity(policy, cvssScore)) {
    return `CVSS ${cvssScore} is below ${slowDown.cvssBelow}: the team can decide to extend the timeline (/triage extend=… reason="…").`;
  }
  if (cvssScore === undefined && (inputs.severity === 'low' || inputs.severity === 'none')) {
    return 'Severity is low but no CVSS score is known: the low-severity threshold needs a score.';
  }
  return undefined;
}

export function computeTimeline(inputs: TimelineInputs): Timeline {
  const { policy, receivedAt, now } = inputs;
  const cvssScore = inputs.cvssScore;
  const deadlines = computeDeadlines(policy, {
    receivedAt,
    cvssScore,
    moves: inputs.moves,
    expeditedAt: inputs.expeditedAt,
  });
  const unmoved = computeDeadlines(policy, { receivedAt, cvssScore });
  const fixReleaseTarget = policyFixReleaseTarget(policy, { receivedAt, cvssScore });
  const fixReleaseDue = deadlines['fix-release'] ?? fixReleaseTarget;
  const disclosureDeadline = deadlines.disclose;
  const notes: string[] = [];
  const lowNote = lowSeverityNote(inputs);
  if (lowNote) notes.push(lowNote);
  if (inputs.expeditedAt) notes.push('Expedited: every open step is due as soon as possible.');
  const choice = inputs.agreedReleaseDate
    ? agreedChoice(policy, inputs.agreedReleaseDate, disclosureDeadline)
    : chooseSlot(policy, inputs.expeditedAt ? fixReleaseDue : fixReleaseTarget, disclosureDeadline, now);
  const calendar = { businessDays: policy.businessDays, holidays: policy.releaseWindow.holidays };
  if (disclosureDeadline && now > disclosureDeadline) {
    notes.push(`The disclosure deadline ${formatUtc(disclosureDeadline)} has passed.`);
  }
  return {
    policyName: policy.name,
    receivedAt,
    lowSeverity: lowSeveritySlowDownApplies(policy, cvssScore),
    fixReleaseTarget,
    fixReleaseDue,
    fixReleaseMoved: fixReleaseDue.getTime() !== (unmoved['fix-release'] ?? fixReleaseTarget).getTime(),
    advisoryCveDue: deadlines['advisory-cve'] ?? fixReleaseTarget,
    disclosureDeadline,
    disclosureMoved: disclosureDeadline?.getTime() !== unmoved.disclose?.getTime(),
    expedited: inputs.expeditedAt !== undefined,
    releaseSlot: choice.slot,
    agreedRelease: inputs.agreedReleaseDate
      ? { date: inputs.agreedReleaseDate, version: inputs.agreedVersion }
      : undefined,
    retrospectiveDue: choice.slot ? addDuration(choice.slot.start, policy.retrospectiveWithin, calendar) : undefined,
    notes: [...notes, ...choice.notes],
  };
}

/** The timeline as ISO strings, for the `timeline` output and the tracker state. */
export function timelineRecord(timeline: Timeline): Record<string, string> {
  const record: Record<string, string> = {
    receivedAt: timeline.receivedAt.toISOString(),
    fixReleaseTarget: timeline.fixReleaseTarget.toISOString(),
    advisoryCveDue: timeline.advisoryCveDue.toISOString(),
  };
  if (timeline.fixReleaseMoved) record.fixReleaseDue = timeline.fixReleaseDue.toISOString();
  if (timeline.disclosureDeadline) record.disclosureDeadline = timeline.disclosureDeadline.toISOString();
  if (timeline.releaseSlot) {
    record.releaseSlot = timeline.releaseSlot.start.toISOString();
    record.releaseSlotEnd = timeline.releaseSlot.end.toISOString();
  }
  if (timeline.retrospectiveDue) record.retrospectiveDue = timeline.retrospectiveDue.toISOString();
  if (timeline.agreedRelease) record.agreedReleaseDate = timeline.agreedRelease.date;
  if (timeline.agreedRelease?.version) record.agreedVersion = timeline.agreedRelease.version;
  return record;
}

function releaseLine(timeline: Timeline, slot: Slot | undefined): string {
  const window = slot ? `${formatUtc(slot.start)} to ${formatUtc(slot.end)}` : 'none';
  const agreed = timeline.agreedRelease;
  if (!agreed) return `- Proposed release slot: ${window}`;
  return `- Agreed release: ${window}${agreed.version ? ` (version ${agreed.version})` : ''}`;
}

/** The disclosure deadline, or that the policy has none. */
export function disclosureText(timeline: Pick<Timeline, 'disclosureDeadline' | 'disclosureMoved'>): string {
  const deadline = timeline.disclosureDeadline;
  if (!deadline) return 'none (the policy states no disclosure deadline)';
  return `${formatUtc(deadline)}${timeline.disclosureMoved ? ' (moved)' : ''}`;
}

function disclosureLine(timeline: Timeline): string {
  const hard = timeline.disclosureDeadline ? ' (hard limit)' : '';
  return `- Disclosure deadline${hard}: ${disclosureText(timeline)}`;
}

/** Markdown lines of the timeline (dates and notes only: nothing from the advisory). */
export function timelineLines(timeline: Timeline): string[] {
  const slot = timeline.releaseSlot;
  const lines = [
    `- Fix release target: ${formatUtc(timeline.fixReleaseTarget)}${timeline.lowSeverity ? ' (low severity: stretched)' : ''}`,
    ...(timeline.fixReleaseMoved ? [`- Fix release due: ${formatUtc(timeline.fixReleaseDue)} (moved)`] : []),
    releaseLine(timeline, slot),
    `- Advisory and CVE due: ${formatUtc(timeline.advisoryCveDue)}`,
    disclosureLine(timeline),
    '- Retrospective: due after the release (the checklist gives its time once the fix is released)',
  ];
  return [...lines, ...timeline.notes.map((note) => `- Note: ${note}`)];
}

/** The content of the tracker issue's `timeline` section. */
export function renderTimelineSection(timeline: Timeline): string {
  return [`### Disclosure timeline (policy: ${timeline.policyName})`, '', ...timelineLines(timeline)].join('\n');
}
