/** The tracker state after a triage: each part changes only when the triage asked for it. Pure. */
import type { TriageRequest } from '../../domain/chatops.js';
import type { CvssResult } from '../../domain/cvss.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import { upstreamRecord } from '../../domain/upstream.js';
import type { FixTeamMembers } from './advisory-patch.js';

export const REJECTION_NOTIFIED = 'triage-rejection';

export interface TriageFacts {
  readonly now: Date;
  readonly request: TriageRequest;
  /** The score in force: the one given, or the advisory's own vector scored. */
  readonly score: CvssResult | undefined;
  readonly severity: string | undefined;
  /** The whole fix team now on the advisory because of this or earlier triages. */
  readonly fixTeam: FixTeamMembers | undefined;
  /** A CVE was requested in this run, or the advisory already has one. */
  readonly cveSettled: boolean;
  readonly timeline: Record<string, string>;
  readonly reporterTold: boolean;
  /** The rejection's message waits for a person to send it (`/ack sent` confirms it). */
  readonly reporterToSend?: boolean;
  /** Who decided (a command's author), recorded with an upstream rejection. */
  readonly actor?: string | undefined;
}

function mergedTeam(state: TrackerState, team: FixTeamMembers): { users: string[]; teams: string[] } {
  const merge = (a: readonly string[], b: readonly string[]): string[] => {
    const seen = new Set(a.map((x) => x.toLowerCase()));
    return [...a, ...b.filter((x) => !seen.has(x.toLowerCase()))];
  };
  return { users: merge(state.fixTeam?.users ?? [], team.users), teams: merge(state.fixTeam?.teams ?? [], team.teams) };
}

function sameTeam(a: TrackerState['fixTeam'], b: TrackerState['fixTeam']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function triagedState(state: TrackerState, facts: TriageFacts): TrackerState {
  const { request, now } = facts;
  const at = now.toISOString();
  const next: TrackerState = { ...state, timeline: facts.timeline };
  if (request.tlp) next.tlp = request.tlp;
  if (request.decision) {
    next.decision = request.decision;
    next.triagedAt = state.triagedAt ?? at;
  }
  if (facts.score) {
    next.cvss = { vector: facts.score.vector, score: facts.score.score, version: facts.score.version };
  }
  if (facts.severity) next.severity = facts.severity;
  const team = facts.fixTeam;
  if (team && (team.users.length > 0 || team.teams.length > 0)) {
    const merged = mergedTeam(state, team);
    if (!sameTeam(merged, state.fixTeam)) next.fixTeam = merged;
    next.fixTeamAt = state.fixTeamAt ?? at;
  }
  if (facts.cveSettled) next.cveRequestedAt = state.cveRequestedAt ?? at;
  if (request.releaseDate) next.agreedReleaseDate = request.releaseDate;
  if (request.releaseVersion) next.agreedVersion = request.releaseVersion;
  if (request.upstream) next.upstream = upstreamRecord(state, request.upstream, now, facts.actor);
  if (facts.reporterTold && !state.notified.includes(REJECTION_NOTIFIED)) {
    next.notified = [...state.notified, REJECTION_NOTIFIED];
    if (facts.reporterToSend) next.updatesToSend = [...(state.updatesToSend ?? []), REJECTION_NOTIFIED];
  }
  return next;
}
