/**
 * The retrospective's facts: what happened to each report and when, against the policy's deadlines, from the
 * tracker state the actions kept along the way. Pure; the clock comes in.
 */
import { announcedAdvisory, type AdvisoryRecord } from './announcement.js';
import { deadlinesFor, stepCompletion } from './checklist.js';
import type { Step } from './deadlines.js';
import { addDuration, formatDuration } from './duration.js';
import type { Policy } from './policy/types.js';
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
}

function events(state: TrackerState, cveId: string | null): Event[] {
  const done = stepCompletion(state);
  const at = (iso: string | undefined): Date | undefined => (iso ? new Date(iso) : undefined);
  return [
    { event: 'Report received', at: new Date(state.receivedAt), step: undefined },
    { event: 'Acknowledged', at: done.acknowledge, step: 'acknowledge' },
    { event: 'Triaged', at: done.triage, step: 'triage' },
    { event: 'Fix team assigned', at: done['fix-team'], step: 'fix-team' },
    { event: 'CVE requested', at: done['advisory-cve'], step: 'advisory-cve' },
    { event: cveId ? `CVE assigned (${cveId})` : 'CVE assigned (none)', at: undefined, step: undefined },
    { event: 'Temporary private fork created', at: at(state.forkCreatedAt), step: undefined },
    { event: 'Fix released', at: done['fix-release'], step: 'fix-release' },
    { event: 'Advisory published', at: done.disclose, step: 'disclose' },
  ];
}

function verdict(at: Date | undefined, due: Date | undefined, now: Date): string {
  if (!due) return at ? 'no deadline' : 'not recorded';
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
  return events(state, cveId).map(({ event, at, step }) => {
    const due = step ? deadlines[step] : undefined;
    return {
      event,
      at: at ? at.toISOString() : null,
      took: at ? formatElapsed(at.getTime() - received) : null,
      due: due ? due.toISOString() : null,
      verdict: verdict(at, due, now),
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

const unique = (items: readonly string[]): string[] => [...new Set(items)].sort((a, b) => a.localeCompare(b));

export function peopleInvolved(reports: readonly ReleasedReport[]): People {
  return {
    collaborators: unique(reports.flatMap((r) => (r.advisory.collaborating_users ?? []).map((u) => u.login))),
    teams: unique(reports.flatMap((r) => (r.advisory.collaborating_teams ?? []).map((t) => t.slug))),
    fixTeam: unique(reports.flatMap((r) => [...(r.state.fixTeam?.users ?? []), ...(r.state.fixTeam?.teams ?? [])])),
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
