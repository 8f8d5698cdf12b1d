/**
 * The advisory PATCH a triage needs: only the fields whose value differs from the advisory's, so a re-run of the
 * same triage sends nothing and a re-score sends only the vector. Pure.
 */
import type { TriageRequest } from '../../domain/chatops.js';
import { parseCvssVector, type CvssVersion } from '../../domain/cvss.js';
import { mergeCollaborators, type AdvisoryPatch } from '../../github/advisories.js';
import type { Advisory } from '../../github/types.js';

export interface FixTeamMembers {
  readonly users: readonly string[];
  /** Team slugs in the repository's organization. */
  readonly teams: readonly string[];
}

export interface PatchPlan {
  readonly patch: AdvisoryPatch;
  /** What changes, in words safe to print (field names and counts, never advisory text). */
  readonly changes: string[];
  /** What was asked for but is not applied, and why. */
  readonly skipped: string[];
}

type Vulnerabilities = NonNullable<AdvisoryPatch['vulnerabilities']>;

/** The advisory's current vector of that CVSS version, in canonical order when it parses. */
export function currentVector(advisory: Advisory, version: CvssVersion): string | undefined {
  const severities = advisory.cvss_severities;
  const vector =
    version === '4.0'
      ? severities?.cvss_v4?.vector_string
      : (severities?.cvss_v3?.vector_string ?? advisory.cvss?.vector_string);
  if (!vector) return undefined;
  try {
    return parseCvssVector(vector).vector;
  } catch {
    return vector;
  }
}

function planScore(advisory: Advisory, request: TriageRequest, plan: PatchPlan): void {
  const { cvss, severity } = request;
  if (cvss) {
    // GitHub takes either a vector or a severity and derives the severity from the vector.
    if (currentVector(advisory, cvss.version) !== cvss.vector) {
      plan.patch.cvss_vector_string = cvss.vector;
      plan.changes.push(`CVSS ${cvss.version} vector set (score ${cvss.score}, ${cvss.severity})`);
    } else if (cvss.severity !== 'none' && advisory.severity !== cvss.severity) {
      plan.patch.severity = cvss.severity;
      plan.changes.push(`severity ${advisory.severity ?? 'unset'} -> ${cvss.severity}`);
    }
  } else if (severity && advisory.severity !== severity) {
    plan.patch.severity = severity;
    plan.changes.push(`severity ${advisory.severity ?? 'unset'} -> ${severity}`);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sorted = (list: readonly string[]): string => JSON.stringify([...new Set(list)].sort());
  return sorted(a) === sorted(b);
}

function planCwes(advisory: Advisory, request: TriageRequest, plan: PatchPlan): void {
  if (!request.cweIds) return;
  const current = advisory.cwe_ids ?? (advisory.cwes ?? []).map((cwe) => cwe.cwe_id);
  if (sameSet(current, request.cweIds)) return;
  plan.patch.cwe_ids = [...request.cweIds];
  plan.changes.push(`CWE ids set (${request.cweIds.length})`);
}

/** Accept moves triage (or a closed report, reopened) to draft; reject closes. Throws on a published advisory. */
function planDecision(advisory: Advisory, request: TriageRequest, plan: PatchPlan): void {
  const { decision } = request;
  if (!decision) return;
  if (advisory.state === 'published' || advisory.state === 'withdrawn') {
    if (decision === 'reject') {
      throw new Error(`Advisory ${advisory.ghsa_id} is ${advisory.state}: a published advisory cannot be rejected.`);
    }
    plan.skipped.push(`accept: the advisory is already ${advisory.state}`);
    return;
  }
  const wanted = decision === 'accept' ? 'draft' : 'closed';
  if (advisory.state === wanted) return;
  plan.patch.state = wanted;
  plan.changes.push(`state ${advisory.state} -> ${wanted}`);
}

function planCollaborators(advisory: Advisory, team: FixTeamMembers | undefined, plan: PatchPlan): void {
  if (!team) return;
  const change = mergeCollaborators(advisory, team.users, team.teams);
  if (!change) return;
  plan.patch.collaborating_users = change.collaborating_users;
  plan.patch.collaborating_teams = change.collaborating_teams;
  plan.changes.push(
    `collaborators added: ${change.addedUsers.length} user(s), ${change.addedTeams.length} team(s) (existing kept)`,
  );
}

function normalizeVulnerabilities(list: readonly Vulnerabilities[number][]): string {
  return JSON.stringify(
    list.map((entry) => ({
      ecosystem: entry.package.ecosystem,
      name: entry.package.name ?? null,
      range: entry.vulnerable_version_range ?? null,
      patched: entry.patched_versions ?? null,
      functions: entry.vulnerable_functions ?? [],
    })),
  );
}

function planVulnerabilities(advisory: Advisory, request: TriageRequest, plan: PatchPlan): void {
  if (!request.vulnerabilities) return;
  const wanted: Vulnerabilities = request.vulnerabilities.map((entry) => ({
    package: { ecosystem: entry.package.ecosystem, name: entry.package.name },
    vulnerable_version_range: entry.vulnerable_version_range,
    patched_versions: entry.patched_versions,
    vulnerable_functions: entry.vulnerable_functions,
  }));
  const current: Vulnerabilities = (advisory.vulnerabilities ?? []).map((entry) => ({
    package: { ecosystem: entry.package?.ecosystem ?? 'other', name: entry.package?.name ?? null },
    vulnerable_version_range: entry.vulnerable_version_range,
    patched_versions: entry.patched_versions,
    vulnerable_functions: entry.vulnerable_functions,
  }));
  if (normalizeVulnerabilities(current) === normalizeVulnerabilities(wanted)) return;
  plan.patch.vulnerabilities = wanted;
  plan.changes.push(`affected packages set (${wanted.length})`);
}

export function planAdvisoryPatch(
  advisory: Advisory,
  request: TriageRequest,
  team: FixTeamMembers | undefined,
): PatchPlan {
  const plan: PatchPlan = { patch: {}, changes: [], skipped: [] };
  planDecision(advisory, request, plan);
  planScore(advisory, request, plan);
  planCwes(advisory, request, plan);
  planCollaborators(advisory, team, plan);
  planVulnerabilities(advisory, request, plan);
  return plan;
}

export function isEmptyPatch(patch: AdvisoryPatch): boolean {
  return Object.keys(patch).length === 0;
}
