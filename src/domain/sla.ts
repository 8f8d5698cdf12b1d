/**
 * Where each report stands against its policy (SPEC 11: monitor "via automation and dashboards"): the stage it
 * reached, every step's deadline and status, and the breaches still to escalate. Pure: facts and the clock come in.
 */
import {
  computeDeadlines,
  isLowSeverity,
  STEPS,
  type DeadlineStatus,
  type DueSoonRule,
  type Step,
} from './deadlines.js';
import type { Enforcement, Policy } from './policy/types.js';
import { approvalStatus } from './release-approval.js';
import { releaseSlotOn } from './timeline.js';
import { compareText } from './text-order.js';
import type { TrackerState } from './tracker-state.js';

export const STAGES = [
  'received',
  'acknowledged',
  'triaged',
  'fix-team',
  'advisory-cve',
  'fork',
  'fix-released',
  'published',
  'retrospective',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_TITLES: Readonly<Record<Stage, string>> = {
  received: 'received',
  acknowledged: 'acknowledged',
  triaged: 'triaged',
  'fix-team': 'fix team assigned',
  'advisory-cve': 'advisory and CVE',
  fork: 'fork',
  'fix-released': 'fix released',
  published: 'published',
  retrospective: 'retrospective held',
};

/** Short names for tables, charts and chat messages. */
export const STEP_NAMES: Readonly<Record<Step, string>> = {
  acknowledge: 'Acknowledge',
  triage: 'Triage',
  'fix-team': 'Fix team',
  'advisory-cve': 'Advisory and CVE',
  'fix-release': 'Fix release',
  disclose: 'Disclose',
  retrospective: 'Retrospective',
};

export type AdvisoryPhase = 'triage' | 'draft' | 'published' | 'closed' | 'withdrawn';

/** What the advisory itself says, when the token could read it. */
export interface AdvisoryFacts {
  readonly phase: AdvisoryPhase;
  readonly createdAt: Date;
  readonly severity: string | null;
  readonly cvssScore: number | undefined;
  readonly cveId: string | null;
  readonly privateFork: string | null;
  readonly publishedAt: Date | undefined;
  /** Opened by maintainers by hand (no private report behind it): acknowledged and triaged only when recorded. */
  readonly maintainerDraft: boolean;
}

/** What is on record of one report: its advisory (when readable) and its tracking issue's state block (if any). */
export interface ReportRecords {
  readonly key: string;
  readonly repository: string | null;
  readonly advisory?: AdvisoryFacts | undefined;
  readonly state?: TrackerState | undefined;
}

/** `finished`: every step done; `closed`: rejected, closed or withdrawn. Neither has a deadline left. */
export type ReportStatus = 'breached' | 'due-soon' | 'on-time' | 'finished' | 'closed';

export interface StepAssessment {
  readonly step: Step;
  readonly windowStart: Date;
  readonly due: Date | undefined;
  readonly done: boolean;
  /** When it was done; undefined when not done, or done at a time nobody recorded (e.g. accepted by hand). */
  readonly doneAt: Date | undefined;
  readonly status: DeadlineStatus;
  /** What missing this step's deadline does under the policy. */
  readonly enforcement: Enforcement;
  /** The deadline was moved by a recorded decision (agreed release day, extension, expedite). */
  readonly moved: boolean;
}

/**
 * An agreed release day that passed without publication: `missed` (escalated once, as a breach of the fix release),
 * or `waiting-for-approval` when the publication still lacks its `/release approve` (a reminder, not a breach).
 */
export interface ReleaseDayCheck {
  readonly date: string;
  readonly status: 'missed' | 'waiting-for-approval';
  readonly missingApprovals: number;
}

export interface ReportAssessment {
  readonly key: string;
  readonly repository: string | null;
  readonly policyName: string;
  readonly receivedAt: Date;
  readonly severity: string | null;
  readonly lowSeverity: boolean;
  readonly stage: Stage;
  readonly status: ReportStatus;
  readonly steps: readonly StepAssessment[];
  /** The earliest deadline not met yet. */
  readonly next: StepAssessment | undefined;
  readonly breaches: readonly Step[];
  /** Steps past due whose policy only reminds (or a release waiting for its approval): a nudge, never a breach. */
  readonly reminders: readonly Step[];
  readonly dueSoon: readonly Step[];
  /** The agreed release day passed without publication. */
  readonly releaseDay: ReleaseDayCheck | undefined;
  /** Expedited (`/triage expedite`): when and why. */
  readonly expedited: { readonly at: string; readonly reason: string } | undefined;
  /** The temporary private fork, when one exists (as far as the sweep knows). */
  readonly fork: string | null;
}

const date = (iso: string | undefined): Date | undefined => (iso ? new Date(iso) : undefined);

/** A step's completion: `{ at }` when done (at unknown for steps done by hand), undefined when not done. */
type Completion = { readonly at: Date | undefined } | undefined;

const doneAt = (at: Date | undefined): Completion => (at ? { at } : undefined);
const doneSometime = (condition: boolean): Completion => (condition ? { at: undefined } : undefined);

export function receivedAtOf(facts: ReportRecords): Date {
  const recorded = date(facts.state?.receivedAt);
  if (recorded) return recorded;
  if (facts.advisory) return facts.advisory.createdAt;
  throw new Error(`report ${facts.key} has neither a tracker state nor an advisory`);
}

export function publishedAtOf(facts: ReportRecords): Date | undefined {
  return date(facts.state?.publishedAt) ?? facts.advisory?.publishedAt;
}

/** Rejected, closed or withdrawn: nothing is due any more. */
export function isClosed(facts: ReportRecords): boolean {
  const phase = facts.advisory?.phase;
  if (phase === 'published' || facts.state?.publishedAt) return false;
  return (
    facts.state?.decision === 'reject' || Boolean(facts.state?.closedAt) || phase === 'closed' || phase === 'withdrawn'
  );
}

/** The fork as far as the sweep knows: the advisory's own field when it was read, else the tracker's record. */
export function forkOf(facts: ReportRecords): string | null {
  if (facts.advisory) return facts.advisory.privateFork;
  const fork = facts.state?.fork;
  return fork && !facts.state?.forkDeletedAt ? fork.fullName : null;
}

function completions(facts: ReportRecords): Readonly<Record<Step, Completion>> {
  const state = facts.state;
  const advisory = facts.advisory;
  const published = publishedAtOf(facts);
  // A maintainer's draft is not acknowledged or triaged by being opened, nor is a report whose acknowledgement
  // waits for a person to send it (`/ack sent`): only what the tracker records counts, or the publication.
  const accepted = (advisory?.phase === 'draft' && !advisory.maintainerDraft) || published !== undefined;
  const acknowledgedByPhase = state?.ackToSend ? published !== undefined : accepted;
  return {
    acknowledge: doneAt(date(state?.acknowledgedAt)) ?? doneSometime(acknowledgedByPhase),
    triage: doneAt(date(state?.triagedAt)) ?? doneSometime(accepted),
    'fix-team': doneAt(date(state?.fixTeamAt)) ?? doneSometime(published !== undefined),
    'advisory-cve':
      doneAt(date(state?.cveRequestedAt)) ?? doneSometime(Boolean(advisory?.cveId) || published !== undefined),
    'fix-release': doneAt(date(state?.releasedAt) ?? published),
    disclose: doneAt(published),
    retrospective: doneAt(date(state?.retrospectiveDoneAt)),
  };
}

function stepStatus(
  due: Date | undefined,
  completion: Completion,
  now: Date,
  windowStart: Date,
  rule: DueSoonRule & { readonly enforcement: Enforcement },
): DeadlineStatus {
  if (!due) return completion ? 'met' : 'not-scheduled';
  if (completion) return !completion.at || completion.at <= due ? 'met' : 'met-late';
  const remaining = due.getTime() - now.getTime();
  if (remaining < 0) return rule.enforcement === 'escalate' ? 'breached' : 'overdue';
  const whole = due.getTime() - windowStart.getTime();
  return remaining <= rule.withinMs || remaining <= whole * rule.fraction ? 'due-soon' : 'on-time';
}

function stageOf(facts: ReportRecords, done: Readonly<Record<Step, Completion>>, fork: string | null): Stage {
  const reached: Readonly<Record<Stage, boolean>> = {
    received: true,
    acknowledged: Boolean(done.acknowledge),
    triaged: Boolean(done.triage),
    'fix-team': Boolean(done['fix-team']),
    'advisory-cve': Boolean(done['advisory-cve']),
    fork: Boolean(fork ?? facts.state?.fork),
    'fix-released': Boolean(facts.state?.releasedAt),
    published: Boolean(done.disclose),
    retrospective: Boolean(done.retrospective),
  };
  return [...STAGES].reverse().find((stage) => reached[stage]) ?? 'received';
}

/** Nothing more is expected of a step: done, not tracked, or an optional retrospective already reminded of. */
function settled(step: StepAssessment): boolean {
  if (step.done || step.enforcement === 'off') return true;
  return step.step === 'retrospective' && step.status === 'overdue';
}

function reportStatus(closed: boolean, steps: readonly StepAssessment[]): ReportStatus {
  if (closed) return 'closed';
  if (steps.some((s) => s.status === 'breached')) return 'breached';
  if (steps.every(settled)) return 'finished';
  if (steps.some((s) => s.status === 'due-soon' || s.status === 'overdue')) return 'due-soon';
  return 'on-time';
}

const endOfDay = (date: string): Date => new Date(`${date}T23:59:59.999Z`);

/** The agreed release day, when it passed (its window closed) without publication. */
export function releaseDayCheck(
  policy: Policy,
  state: TrackerState | undefined,
  published: boolean,
  now: Date,
): ReleaseDayCheck | undefined {
  const date = state?.agreedReleaseDate;
  if (!state || !date || published) return undefined;
  const end = releaseSlotOn(policy, date)?.end ?? endOfDay(date);
  if (now <= end) return undefined;
  const missing = approvalStatus(state, policy.releaseApprovals).missing;
  return { date, status: missing > 0 ? 'waiting-for-approval' : 'missed', missingApprovals: missing };
}

/** A missed release day is a breach of the fix release whatever its enforcement; one waiting for approval, a nudge. */
function withReleaseDay(step: StepAssessment, check: ReleaseDayCheck | undefined): StepAssessment {
  if (step.step !== 'fix-release' || !check || step.done) return step;
  return { ...step, status: check.status === 'missed' ? 'breached' : 'overdue' };
}

/** Where one report stands at `now` under `policy`. */
export function assessReport(policy: Policy, facts: ReportRecords, now: Date, rule: DueSoonRule): ReportAssessment {
  const receivedAt = receivedAtOf(facts);
  const state = facts.state;
  const cvssScore = state?.cvss?.score ?? facts.advisory?.cvssScore;
  const done = completions(facts);
  const releasedAt = done['fix-release']?.at;
  const expeditedAt = state?.expedited ? new Date(state.expedited.at) : undefined;
  const moves = state?.deadlineMoves;
  const deadlines = computeDeadlines(policy, { receivedAt, cvssScore, releasedAt, moves, expeditedAt });
  const unmoved = computeDeadlines(policy, { receivedAt, cvssScore, releasedAt });
  const closed = isClosed(facts);
  const releaseDay = closed ? undefined : releaseDayCheck(policy, state, Boolean(done.disclose), now);
  const steps = STEPS.map((step): StepAssessment => {
    const windowStart = step === 'retrospective' && releasedAt ? releasedAt : receivedAt;
    const completion = done[step];
    const enforcement = policy.enforcement[step];
    const due = deadlines[step];
    const status = closed ? 'not-scheduled' : stepStatus(due, completion, now, windowStart, { ...rule, enforcement });
    const moved = due?.getTime() !== unmoved[step]?.getTime();
    const assessed = {
      step,
      windowStart,
      due,
      done: Boolean(completion),
      doneAt: completion?.at,
      status,
      enforcement,
      moved,
    };
    return withReleaseDay(assessed, releaseDay);
  });
  const open = steps.filter((s) => !s.done && (s.due || s.status !== 'not-scheduled') && !closed);
  const fork = forkOf(facts);
  return {
    key: facts.key,
    repository: facts.repository,
    policyName: policy.name,
    receivedAt,
    severity: facts.advisory?.severity ?? state?.severity ?? null,
    lowSeverity: isLowSeverity(policy, cvssScore),
    stage: stageOf(facts, done, fork),
    status: reportStatus(closed, steps),
    steps,
    next: [...open].filter((s) => s.due).sort((a, b) => (a.due?.getTime() ?? 0) - (b.due?.getTime() ?? 0))[0],
    breaches: open.filter((s) => s.status === 'breached').map((s) => s.step),
    reminders: open.filter((s) => s.status === 'overdue').map((s) => s.step),
    dueSoon: open.filter((s) => s.status === 'due-soon').map((s) => s.step),
    releaseDay,
    expedited: state?.expedited ? { at: state.expedited.at, reason: state.expedited.reason } : undefined,
    fork,
  };
}

export function isActive(assessment: Pick<ReportAssessment, 'status'>): boolean {
  return assessment.status !== 'finished' && assessment.status !== 'closed';
}

/** A published or closed report whose temporary private fork is still there: it should be deleted. */
export function hasStaleFork(assessment: Pick<ReportAssessment, 'status' | 'stage' | 'fork'>): boolean {
  const over = assessment.status === 'closed' || STAGES.indexOf(assessment.stage) >= STAGES.indexOf('published');
  return over && assessment.fork !== null;
}

/**
 * Breaches and reminders not sent yet: each breach of each step is escalated once, each reminder sent once (the
 * same record: a step reminded of is not reminded again).
 */
export function newEscalations(
  assessment: Pick<ReportAssessment, 'breaches' | 'reminders'>,
  escalated: readonly string[],
): Step[] {
  return [...assessment.breaches, ...assessment.reminders].filter((step) => !escalated.includes(step));
}

export const SLA_LABELS = {
  'on-time': 'sla:on-time',
  'due-soon': 'sla:due-soon',
  breached: 'sla:breached',
} as const;

const ALL_SLA_LABELS: readonly string[] = Object.values(SLA_LABELS);

/**
 * The labels with exactly the one SLA label of `status` (none for a finished or closed report), the others
 * kept; undefined when they are already so.
 */
export function labelsWithSla(
  current: readonly string[],
  status: ReportStatus,
  keep: readonly string[] = [],
): string[] | undefined {
  const wanted = status === 'finished' || status === 'closed' ? [] : [SLA_LABELS[status]];
  const others = current.filter((name) => !ALL_SLA_LABELS.includes(name));
  const next = [...new Set([...others, ...keep.filter((name) => !others.includes(name)), ...wanted])];
  const same = next.length === current.length && next.every((name) => current.includes(name));
  return same ? undefined : next;
}

export const STATUS_ORDER: Readonly<Record<ReportStatus, number>> = {
  breached: 0,
  'due-soon': 1,
  'on-time': 2,
  finished: 3,
  closed: 4,
};

/** Worst first, then by the next deadline, then by key: a stable order for tables. */
export function compareAssessments(a: ReportAssessment, b: ReportAssessment): number {
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) return byStatus;
  const dueA = a.next?.due?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const dueB = b.next?.due?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return dueA - dueB || compareText(a.key, b.key);
}

export type BlindSpotReason =
  | 'advisories-unreadable'
  | 'published-only'
  | 'repository-not-visible'
  | 'tracked-advisory-unreadable'
  | 'reporting-status-unreadable';

/** A repository in scope whose unpublished advisories the token may not see: a sweep with one is never all clear. */
export interface BlindSpot {
  readonly repository: string;
  readonly reason: BlindSpotReason;
}

export const BLIND_SPOT_TEXT: Readonly<Record<BlindSpotReason, string>> = {
  'advisories-unreadable': 'the token cannot list its security advisories',
  'published-only': 'the token sees only its published advisories (no admin or security manager of it)',
  'repository-not-visible': 'the token cannot see the repository',
  'tracked-advisory-unreadable': 'the token cannot read an advisory the tracker follows',
  'reporting-status-unreadable': 'the token cannot read its private vulnerability reporting setting',
};

/** One entry per repository (the first reason found), sorted by repository. */
export function uniqueBlindSpots(spots: readonly BlindSpot[]): BlindSpot[] {
  const seen = new Map<string, BlindSpot>();
  for (const spot of spots) if (!seen.has(spot.repository.toLowerCase())) seen.set(spot.repository.toLowerCase(), spot);
  return [...seen.values()].sort((a, b) => compareText(a.repository, b.repository));
}
