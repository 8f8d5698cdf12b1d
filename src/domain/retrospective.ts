/**
 * The retrospective's facts: what happened to each report and when, against the policy's deadlines, from the
 * tracker state the actions kept along the way. Pure; the clock comes in.
 */
import { announcedAdvisory, type AdvisoryRecord } from './announcement.js';
import { deadlinesFor, stepCompletion } from './checklist.js';
import type { Step } from './deadlines.js';
import { addDuration, formatDuration } from './duration.js';
import { firstOfEachIgnoringCase } from './first-of-each.js';
import type { Policy } from './policy/types.js';
import { compareText } from './text-order.js';
import type { TrackerState } from './tracker-state.js';

export interface TimelineRow {
  readonly event: string;
  /** ISO date-time, or null when nothing recorded when it happened. */
  readonly at: string | null;
  /** Time from the report to this event (`1 d 2 h`), or null. */
  readonly took: string | null;
  /** The policy's deadline for it (ISO), or null when it has none. */
  readonly due: string | null;
  /** `met`, `late by 5 h`, `not recorded`, `not recorded (deadline passed)`, `no deadline`. */
  readonly verdict: string;
}

const MINUTE = 60_000;

/** `26 min`, `5 h 10 min`, `3 d 4 h`: days from 48 h on, minutes dropped then. */
export function formatElapsed(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

interface Event {
  readonly event: string;
  readonly at: Date | undefined;
  readonly step: Step | undefined;
  /** It happened, but when is not known (a CVE assigned before any action saw it). */
  readonly untimed?: boolean;
}

const dateOf = (iso: string | undefined): Date | undefined => (iso ? new Date(iso) : undefined);

/** The CVE's row: assigned (when an action first saw it: GitHub gives no assignment time), or none. */
function cveEvent(state: TrackerState, cveId: string | null): Event {
  const id = cveId ?? state.cveId;
  if (!id) return { event: 'CVE assigned (none)', at: undefined, step: undefined };
  const seen = state.cveId === id ? dateOf(state.cveSeenAt) : undefined;
  const event = seen ? `CVE assigned (${id}; first seen then)` : `CVE assigned (${id})`;
  return { event, at: seen, step: undefined, untimed: !seen };
}

/** Recorded decisions that changed the timeline: an expedite, deadlines moved. */
function decisionEvents(state: TrackerState): Event[] {
  const events: Event[] = [];
  if (state.expedited) events.push({ event: 'Expedited', at: dateOf(state.expedited.at), step: undefined });
  for (const move of state.deadlineMoves ?? []) {
    const what = move.step === 'disclose' ? 'Disclosure deadline moved' : 'Fix-release deadline moved';
    events.push({ event: what, at: dateOf(move.at), step: undefined });
  }
  return events;
}

/** Every milestone the tracker state records, in the order of the process. */
function events(state: TrackerState, cveId: string | null): Event[] {
  const done = stepCompletion(state);
  const optional = (event: string, iso: string | undefined): Event[] =>
    iso ? [{ event, at: new Date(iso), step: undefined }] : [];
  return [
    { event: 'Report received', at: new Date(state.receivedAt), step: undefined },
    { event: 'Acknowledged', at: done.acknowledge, step: 'acknowledge' },
    { event: 'Triaged', at: done.triage, step: 'triage' },
    { event: 'Fix team assigned', at: done['fix-team'], step: 'fix-team' },
    { event: 'CVE requested', at: done['advisory-cve'], step: 'advisory-cve' },
    cveEvent(state, cveId),
    { event: 'Temporary private fork created', at: dateOf(state.forkCreatedAt), step: undefined },
    ...decisionEvents(state),
    ...(state.approvals ?? []).map((approval) => ({
      event: `Release approved by ${approval.login}`,
      at: dateOf(approval.at),
      step: undefined,
    })),
    { event: 'Fix released', at: done['fix-release'], step: 'fix-release' },
    { event: 'Advisory published', at: done.disclose, step: 'disclose' },
    ...optional('Temporary private fork deleted', state.forkDeletedAt),
  ];
}

/** An event without a deadline that happened is `no deadline` even when its time is unknown (the CVE's). */
function verdict(event: Event, due: Date | undefined, now: Date): string {
  const { at } = event;
  if (!due) return at || event.untimed ? 'no deadline' : 'not recorded';
  if (!at) return now > due ? 'not recorded (deadline passed)' : 'not recorded';
  return at <= due ? 'met' : `late by ${formatElapsed(at.getTime() - due.getTime())}`;
}

/** Each step of the report: when it happened, how long after the report, and whether it met its deadline. */
export function retrospectiveTimeline(
  policy: Policy,
  state: TrackerState,
  cveId: string | null,
  now: Date,
): TimelineRow[] {
  const deadlines = deadlinesFor(policy, state);
  const received = new Date(state.receivedAt).getTime();
  return events(state, cveId).map((entry) => {
    const { event, at, step } = entry;
    const due = step ? deadlines[step] : undefined;
    return {
      event,
      at: at ? at.toISOString() : null,
      took: at ? formatElapsed(at.getTime() - received) : null,
      due: due ? due.toISOString() : null,
      verdict: verdict(entry, due, now),
    };
  });
}

/** When the retrospective is due: the policy's `retrospective-within` after the release. */
export function retrospectiveDue(policy: Policy, releasedAt: Date): Date {
  const calendar = { businessDays: policy.businessDays, holidays: policy.releaseWindow.holidays };
  return addDuration(releasedAt, policy.retrospectiveWithin, calendar);
}

export interface RetrospectiveAdvisoryRecord extends AdvisoryRecord {
  readonly collaborating_users?: readonly { readonly login: string }[] | null;
  readonly collaborating_teams?: readonly { readonly slug: string }[] | null;
}

/** One report of the release, as the retrospective looks back at it: its advisory, tracker state and policy. */
export interface ReleasedReport {
  readonly advisory: RetrospectiveAdvisoryRecord;
  readonly state: TrackerState;
  readonly policy: Policy;
  readonly trackingIssue: number | null;
}

export interface RetrospectiveAdvisory {
  readonly ghsaId: string;
  readonly cveId: string | null;
  readonly id: string;
  readonly url: string;
  readonly summary: string;
  readonly severity: string;
  readonly score: number | null;
  readonly tlp: string | null;
  readonly trackingIssue: number | null;
  readonly policy: string;
  readonly timeline: readonly TimelineRow[];
  readonly deadlinesMet: number;
  readonly deadlinesLate: number;
  /** Steps with a deadline whose completion the tracker has no record of. */
  readonly deadlinesUnrecorded: number;
}

export interface People {
  readonly collaborators: readonly string[];
  readonly teams: readonly string[];
  readonly fixTeam: readonly string[];
  readonly credits: readonly string[];
}

export interface RetrospectiveInputs {
  readonly project: string;
  readonly version: string;
  readonly repository: string;
  readonly policy: Policy;
  readonly releasedAt: Date;
  readonly releaseTag: string | null;
  readonly releaseUrl: string | null;
  readonly announcementUrl: string | null;
  readonly now: Date;
}

export interface RetrospectiveData {
  readonly title: string;
  readonly project: string;
  readonly version: string;
  readonly repository: string;
  readonly policy: string;
  readonly retrospectiveWithin: string;
  readonly releasedAt: string;
  readonly dueAt: string;
  readonly releaseTag: string | null;
  readonly releaseUrl: string | null;
  readonly announcementUrl: string | null;
  readonly advisories: readonly RetrospectiveAdvisory[];
  readonly people: People;
}

function retrospectiveAdvisory(facts: ReleasedReport, now: Date): RetrospectiveAdvisory {
  const announced = announcedAdvisory(facts.advisory);
  const timeline = retrospectiveTimeline(facts.policy, facts.state, announced.cveId, now);
  return {
    ghsaId: announced.ghsaId,
    cveId: announced.cveId,
    id: announced.id,
    url: announced.url,
    summary: announced.summary,
    severity: announced.severity,
    score: announced.cvss?.score ?? facts.state.cvss?.score ?? null,
    tlp: facts.state.tlp ?? null,
    trackingIssue: facts.trackingIssue,
    policy: facts.policy.name,
    timeline,
    deadlinesMet: timeline.filter((row) => row.verdict === 'met').length,
    deadlinesLate: timeline.filter((row) => row.verdict.startsWith('late')).length,
    deadlinesUnrecorded: timeline.filter((row) => row.due !== null && row.at === null).length,
  };
}

const unique = (items: readonly string[]): string[] => [...new Set(items)].sort(compareText);

/** `Amir` typed in one /triage and `amir` in another are one person: listed once, as first spelled. */
const uniqueIgnoringCase = (items: readonly string[]): string[] => firstOfEachIgnoringCase(items).sort(compareText);

export function peopleInvolved(reports: readonly ReleasedReport[]): People {
  return {
    collaborators: uniqueIgnoringCase(
      reports.flatMap((r) => (r.advisory.collaborating_users ?? []).map((u) => u.login)),
    ),
    teams: uniqueIgnoringCase(reports.flatMap((r) => (r.advisory.collaborating_teams ?? []).map((t) => t.slug))),
    fixTeam: uniqueIgnoringCase(
      reports.flatMap((r) => [...(r.state.fixTeam?.users ?? []), ...(r.state.fixTeam?.teams ?? [])]),
    ),
    credits: unique(reports.flatMap((r) => announcedAdvisory(r.advisory).creditNames)),
  };
}

export function retrospectiveTitle(project: string, version: string): string {
  return `Retrospective: security release ${project} ${version}`;
}

export function buildRetrospectiveData(
  reports: readonly ReleasedReport[],
  inputs: RetrospectiveInputs,
): RetrospectiveData {
  return {
    title: retrospectiveTitle(inputs.project, inputs.version),
    project: inputs.project,
    version: inputs.version,
    repository: inputs.repository,
    policy: inputs.policy.name,
    retrospectiveWithin: formatDuration(inputs.policy.retrospectiveWithin),
    releasedAt: inputs.releasedAt.toISOString(),
    dueAt: retrospectiveDue(inputs.policy, inputs.releasedAt).toISOString(),
    releaseTag: inputs.releaseTag,
    releaseUrl: inputs.releaseUrl,
    announcementUrl: inputs.announcementUrl,
    advisories: reports.map((facts) => retrospectiveAdvisory(facts, inputs.now)),
    people: peopleInvolved(reports),
  };
}
