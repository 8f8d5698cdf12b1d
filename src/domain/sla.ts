/**
 * Where each report stands against its policy (SPEC 11: monitor "via automation and dashboards"): the stage it
 * reached, every step's deadline and status, and the breaches still to escalate. Pure: facts and the clock come in.
 */
import {
  computeDeadlines,
  lowSeveritySlowDownApplies,
  STEPS,
  type DeadlineStatus,
  type DueSoonRule,
  type Step,
} from './deadlines.js';
import type { Policy } from './policy/types.js';
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
  /** Opened by maintainers by hand (no private report behind it): acknowledged and triaged when created. */
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
  readonly dueSoon: readonly Step[];
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

function completions(facts: ReportRecords, receivedAt: Date): Readonly<Record<Step, Completion>> {
  const state = facts.state;
  const advisory = facts.advisory;
  const published = publishedAtOf(facts);
  const accepted = advisory?.phase === 'draft' || published !== undefined;
  const byHand = advisory?.maintainerDraft ? doneAt(receivedAt) : undefined;
  return {
    acknowledge: doneAt(date(state?.acknowledgedAt)) ?? byHand ?? doneSometime(accepted),
    triage: doneAt(date(state?.triagedAt)) ?? byHand ?? doneSometime(accepted),
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
  rule: DueSoonRule,
): DeadlineStatus {
  if (!due) return completion ? 'met' : 'not-scheduled';
  if (completion) return !completion.at || completion.at <= due ? 'met' : 'met-late';
  const remaining = due.getTime() - now.getTime();
  if (remaining < 0) return 'breached';
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

function reportStatus(closed: boolean, steps: readonly StepAssessment[]): ReportStatus {
  if (closed) return 'closed';
  if (steps.some((s) => s.status === 'breached')) return 'breached';
  if (steps.some((s) => s.status === 'due-soon')) return 'due-soon';
  return steps.every((s) => s.done) ? 'finished' : 'on-time';
}

/** Where one report stands at `now` under `policy`. */
export function assessReport(policy: Policy, facts: ReportRecords, now: Date, rule: DueSoonRule): ReportAssessment {
  const receivedAt = receivedAtOf(facts);
  const cvssScore = facts.state?.cvss?.score ?? facts.advisory?.cvssScore;
  const done = completions(facts, receivedAt);
  const releasedAt = done['fix-release']?.at;
  const deadlines = computeDeadlines(policy, { receivedAt, cvssScore, releasedAt });
  const closed = isClosed(facts);
  const steps = STEPS.map((step): StepAssessment => {
    const windowStart = step === 'retrospective' && releasedAt ? releasedAt : receivedAt;
    const completion = done[step];
    const status = closed ? 'not-scheduled' : stepStatus(deadlines[step], completion, now, windowStart, rule);
    return { step, windowStart, due: deadlines[step], done: Boolean(completion), doneAt: completion?.at, status };
  });
  const open = steps.filter((s) => !s.done && s.due && !closed);
  const fork = forkOf(facts);
  return {
    key: facts.key,
    repository: facts.repository,
    policyName: policy.name,
    receivedAt,
    severity: facts.advisory?.severity ?? facts.state?.severity ?? null,
    lowSeverity: lowSeveritySlowDownApplies(policy, cvssScore),
    stage: stageOf(facts, done, fork),
    status: reportStatus(closed, steps),
    steps,
    next: [...open].sort((a, b) => (a.due?.getTime() ?? 0) - (b.due?.getTime() ?? 0))[0],
    breaches: open.filter((s) => s.status === 'breached').map((s) => s.step),
    dueSoon: open.filter((s) => s.status === 'due-soon').map((s) => s.step),
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

/** Breaches not escalated yet: each breach of each step is escalated once. */
export function newEscalations(assessment: ReportAssessment, escalated: readonly string[]): Step[] {
  return assessment.breaches.filter((step) => !escalated.includes(step));
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
  return dueA - dueB || a.key.localeCompare(b.key);
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
  return [...seen.values()].sort((a, b) => a.repository.localeCompare(b.repository));
}
