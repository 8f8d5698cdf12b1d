/**
 * A negotiated timeline: the decisions that move a report's deadlines, recorded in its tracker state with their
 * reason (an agreed release day, `/triage extend`, `/triage expedite`), and what they mean for every deadline and
 * for the release gate. Pure: the clock is passed in.
 */
import {
  computeDeadlines,
  disclosureDeadline,
  releaseWindowEnd,
  type DeadlineInputs,
  type DeadlineMove,
  type Deadlines,
  type ExpediteRecord,
} from './deadlines.js';
import { addDuration, formatDuration } from './duration.js';
import { ConfigurationError } from './errors.js';
import type { Duration, Policy } from './policy/types.js';
import type { TrackerState } from './tracker-state.js';

const toDate = (iso: string | undefined): Date | undefined => (iso ? new Date(iso) : undefined);

/** The deadline inputs a tracker state holds: report time, score, release, moves, expedite, agreed release day. */
export function deadlineInputsOf(state: TrackerState): DeadlineInputs {
  return {
    receivedAt: new Date(state.receivedAt),
    cvssScore: state.cvss?.score,
    releasedAt: toDate(state.releasedAt ?? state.publishedAt),
    moves: state.deadlineMoves,
    expeditedAt: toDate(state.expedited?.at),
  };
}

/** Every deadline of the report the state describes, its recorded decisions included. */
export function stateDeadlines(policy: Policy, state: TrackerState): Deadlines {
  return computeDeadlines(policy, deadlineInputsOf(state));
}

/**
 * The expedite on record, when the report was expedited and is not published yet: the release gate may then open
 * outside the release window, its summary showing this reason.
 */
export function expeditedRelease(state: Pick<TrackerState, 'expedited' | 'publishedAt'>): ExpediteRecord | undefined {
  return state.publishedAt ? undefined : state.expedited;
}

/** Who decided and why, for a move or an expedite. */
export interface Decision {
  readonly reason: string;
  readonly at: Date;
  readonly by?: string | undefined;
}

/** The state with `expedited` recorded (the first expedite stands: a second one changes nothing). */
export function withExpedite(state: TrackerState, decision: Decision): TrackerState {
  if (state.expedited) return state;
  const record: ExpediteRecord = {
    at: decision.at.toISOString(),
    reason: decision.reason,
    ...(decision.by ? { by: decision.by } : {}),
  };
  return { ...state, expedited: record };
}

/** The fix-release deadline the policy alone gives the report (no recorded decision). */
function policyFixReleaseDue(policy: Policy, state: TrackerState): Date | undefined {
  return computeDeadlines(policy, { ...deadlineInputsOf(state), moves: undefined, expeditedAt: undefined })[
    'fix-release'
  ];
}

function move(
  step: DeadlineMove['step'],
  kind: DeadlineMove['kind'],
  from: Date | undefined,
  to: Date,
  decision: Decision,
): DeadlineMove {
  return {
    step,
    kind,
    to: to.toISOString(),
    ...(from ? { from: from.toISOString() } : {}),
    reason: decision.reason,
    at: decision.at.toISOString(),
    ...(decision.by ? { by: decision.by } : {}),
  };
}

/** The state with `moves` appended; the same state when they are empty. */
function withMoves(state: TrackerState, moves: readonly DeadlineMove[]): TrackerState {
  return moves.length === 0 ? state : { ...state, deadlineMoves: [...(state.deadlineMoves ?? []), ...moves] };
}

export interface MovePlan {
  readonly state: TrackerState;
  /** What moved, in words for the reply and the timeline (dates and reasons only). */
  readonly notes: readonly string[];
}

const utc = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * An agreed release day (its window's end, `windowEnd`) as the fix-release deadline, recorded with its reason when
 * it differs from the deadline in force. Past the disclosure deadline only with a reason given by a person
 * (`reasonGiven`): the disclosure deadline then moves with it, recorded and shown as moved; without one, refused.
 */
export function agreeReleaseDay(
  policy: Policy,
  state: TrackerState,
  date: string,
  windowEnd: Date,
  decision: Decision & { readonly reasonGiven: boolean },
): MovePlan {
  const current = stateDeadlines(policy, state);
  const disclose = current.disclose;
  const moves: DeadlineMove[] = [];
  const notes: string[] = [];
  if (disclose && windowEnd > disclose) {
    if (!decision.reasonGiven) {
      throw new ConfigurationError(
        `release-date ${date} is after the disclosure deadline ${utc(disclose)}: agree a day before it, or give reason="…" (agreed with the reporter) to move the disclosure deadline too.`,
        'release-date',
      );
    }
    moves.push(move('disclose', 'release-date', disclose, windowEnd, decision));
    notes.push(`Disclosure deadline moved from ${utc(disclose)} to ${utc(windowEnd)} (reason recorded in the tracker)`);
  }
  const due = current['fix-release'];
  if (!due || due.getTime() !== windowEnd.getTime()) {
    moves.push(move('fix-release', 'release-date', due, windowEnd, decision));
    const later = due && windowEnd > due;
    if (later) notes.push(`Fix release moved from ${utc(due)} to ${utc(windowEnd)} (reason recorded in the tracker)`);
  }
  return { state: withMoves(state, moves), notes };
}

/**
 * `/triage extend=<duration>`: the fix-release deadline becomes the policy's plus `by` (a re-run of the same
 * decision changes nothing), never past the disclosure deadline, which an extension does not move.
 */
export function extendTimeline(policy: Policy, state: TrackerState, by: Duration, decision: Decision): MovePlan {
  const base = policyFixReleaseDue(policy, state);
  if (!base) return { state, notes: ['Nothing to extend: the policy does not track the fix release.'] };
  const calendar = { businessDays: policy.businessDays, holidays: policy.releaseWindow.holidays };
  const disclose = disclosureDeadline(policy, deadlineInputsOf(state));
  const wanted = releaseWindowEnd(policy, addDuration(base, by, calendar));
  const capped = disclose && wanted > disclose;
  const to = capped ? disclose : wanted;
  const current = stateDeadlines(policy, { ...state, expedited: undefined })['fix-release'];
  const notes = capped
    ? [
        `The extension stops at the disclosure deadline ${utc(disclose)}: to go past it, agree a release-date with reason="…".`,
      ]
    : [];
  if (current && current.getTime() === to.getTime()) return { state, notes };
  notes.unshift(`Fix release extended by ${formatDuration(by)} to ${utc(to)} (reason recorded in the tracker)`);
  return { state: withMoves(state, [move('fix-release', 'extend', current, to, decision)]), notes };
}

/** The moves on record, for the tracker and the reply: `Fix release moved to … (reason)`. */
export function movedLines(state: Pick<TrackerState, 'deadlineMoves'>): string[] {
  return (state.deadlineMoves ?? []).map((recorded) => {
    const what = recorded.step === 'disclose' ? 'Disclosure deadline' : 'Fix release';
    const from = recorded.from ? ` from ${utc(new Date(recorded.from))}` : '';
    return `${what} moved${from} to ${utc(new Date(recorded.to))} (${recorded.kind}): ${recorded.reason}`;
  });
}

/** The timeline decisions of one triage: an agreed release day, an extension, an expedite; each with its reason. */
export interface TimelineDecisions {
  /** The agreed day and the end of its release window. */
  readonly releaseDay?: { readonly date: string; readonly windowEnd: Date } | undefined;
  readonly extend?: Duration | undefined;
  readonly expedite?: boolean | undefined;
  /** The person's reason, when given (required for extend and expedite by the request's checks). */
  readonly reason?: string | undefined;
  readonly at: Date;
  readonly by?: string | undefined;
}

/** The state with every decision recorded, and what moved in words. */
export function applyTimelineDecisions(policy: Policy, state: TrackerState, decisions: TimelineDecisions): MovePlan {
  const notes: string[] = [];
  let next = state;
  const base = { at: decisions.at, by: decisions.by };
  if (decisions.extend) {
    const reason = decisions.reason ?? 'extended in triage';
    const plan = extendTimeline(policy, next, decisions.extend, { ...base, reason });
    next = plan.state;
    notes.push(...plan.notes);
  }
  if (decisions.releaseDay) {
    const { date, windowEnd } = decisions.releaseDay;
    const reason = decisions.reason ?? `release day ${date} agreed in triage`;
    const plan = agreeReleaseDay(policy, next, date, windowEnd, {
      ...base,
      reason,
      reasonGiven: decisions.reason !== undefined,
    });
    next = plan.state;
    notes.push(...plan.notes);
  }
  if (decisions.expedite) {
    const expedited = withExpedite(next, { ...base, reason: decisions.reason ?? 'expedited in triage' });
    if (expedited !== next) {
      const due = addDuration(decisions.at, policy.expediteWithin, {
        businessDays: policy.businessDays,
        holidays: policy.releaseWindow.holidays,
      });
      notes.push(`Expedited: every open step is due by ${utc(due)} at the latest (reason recorded in the tracker)`);
    }
    next = expedited;
  }
  return { state: next, notes };
}

/** Marker of the one comment that tells the team a report was expedited. */
export function expediteMarker(key: string): string {
  return `<!-- disclosure-actions:expedited ${key} -->`;
}

/** The comment that tells the team, once, that a report was expedited: dates and the reason, nothing embargoed. */
export function expediteNotice(state: TrackerState, mention: string | undefined, policy: Policy): string {
  const record = state.expedited;
  const due = record
    ? addDuration(new Date(record.at), policy.expediteWithin, {
        businessDays: policy.businessDays,
        holidays: policy.releaseWindow.holidays,
      })
    : undefined;
  const who = mention ? `${mention} ` : '';
  return [
    `${who}**${state.key} is expedited**${record?.by ? ` by \`${record.by}\`` : ''}: every open step is due${due ? ` by ${utc(due)}` : ''} (policy \`expedite-within\`: ${formatDuration(policy.expediteWithin)}).`,
    '',
    `Reason: ${record?.reason ?? 'not recorded'}`,
    '',
    'release-gate may open outside the release window for it; the reason is shown in its summary.',
  ].join('\n');
}

/**
 * Why the release gate may open outside its window for these reports: every one of them is expedited and not
 * published (`GHSA-…: reason; …`); undefined when any is not (or there are none).
 */
export function expeditedGateReason(
  ghsaIds: readonly string[],
  states: ReadonlyMap<string, { readonly state: TrackerState }>,
): string | undefined {
  const records = ghsaIds.map((id) => {
    const state = states.get(id)?.state;
    const record = state ? expeditedRelease(state) : undefined;
    return record ? `${id}: ${record.reason}` : undefined;
  });
  if (records.length === 0 || records.some((record) => record === undefined)) return undefined;
  return records.join('; ');
}
