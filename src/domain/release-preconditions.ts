/**
 * What must hold before a security release goes out (release-gate's preconditions). Pure: the caller fetches the
 * advisories and tracker states. Messages carry ids and field names only, never advisory text.
 */
import { packageFixedIn } from './release-lines.js';

export interface AdvisoryFacts {
  readonly ghsaId: string;
  readonly state: string;
  readonly cveId: string | null;
  readonly severity: string | null;
  readonly hasCvss: boolean;
  readonly vulnerabilities: readonly {
    readonly name: string | null;
    readonly patchedVersions: string | null;
    /** GitHub's `vulnerable_version_range`; needed only to check `versions` (release lines). */
    readonly vulnerableRange?: string | null;
  }[];
  readonly repositoryIsPublic: boolean;
  /** The release date agreed in the tracker (`YYYY-MM-DD`), if one was recorded. */
  readonly agreedReleaseDate?: string | undefined;
}

export interface PreconditionRules {
  /** Require a CVE id; undefined means "for public repositories" (GitHub assigns CVEs to public ones only). */
  readonly requireCve: boolean | undefined;
  /** The versions released, one per release line: each advisory's patched versions must cover each. */
  readonly versions?: readonly string[];
  /**
   * A disclosure without a fix (release-gate's `no-fix`): no patched version is required, and any named is refused
   * (publish-announcement publishes none); the agreed release date does not apply (the disclosure deadline or the
   * team's recorded decision does, see noFixGrounds).
   */
  readonly noFix?: boolean;
}

/**
 * Whether the advisory's patched versions cover `version`: each listed package is fixed in it (outside its vulnerable
 * range, or patched in that release line at or before it: release-lines.ts). Entries without patched versions are
 * reported on their own above.
 */
function uncovered(advisory: AdvisoryFacts, version: string): string[] {
  return advisory.vulnerabilities.flatMap((vulnerability) => {
    if (!vulnerability.patchedVersions) return [];
    const pkg = {
      name: vulnerability.name ?? 'unnamed package',
      vulnerableRange: vulnerability.vulnerableRange ?? null,
      patchedVersions: vulnerability.patchedVersions,
    };
    if (packageFixedIn(pkg, version)) return [];
    return [
      `version ${version} is not covered by ${advisory.ghsaId}: ${pkg.name} is vulnerable in "${pkg.vulnerableRange ?? 'all versions'}" and patched in "${pkg.patchedVersions}" (add ${version} to the advisory's patched versions, or correct its range)`,
    ];
  });
}

export function unmetPreconditions(advisory: AdvisoryFacts, rules: PreconditionRules, today: string): string[] {
  const unmet: string[] = [];
  const id = advisory.ghsaId;
  if (advisory.state === 'published') unmet.push(`${id} is already published`);
  if (advisory.state === 'closed' || advisory.state === 'withdrawn') unmet.push(`${id} is ${advisory.state}`);
  const requireCve = rules.requireCve ?? advisory.repositoryIsPublic;
  if (requireCve && !advisory.cveId) unmet.push(`${id} has no CVE id yet (request one with triage's request-cve)`);
  if (!advisory.severity && !advisory.hasCvss) unmet.push(`${id} has neither a severity nor a CVSS vector`);
  if (advisory.vulnerabilities.length === 0) unmet.push(`${id} lists no affected package`);
  if (rules.noFix) return [...unmet, ...patchedWithoutFix(advisory)];
  advisory.vulnerabilities.forEach((vulnerability, index) => {
    if (!vulnerability.patchedVersions) {
      unmet.push(
        `${id} vulnerability ${index + 1} (${vulnerability.name ?? 'unnamed package'}) has no patched versions`,
      );
    }
  });
  for (const version of rules.versions ?? []) unmet.push(...uncovered(advisory, version));
  if (advisory.agreedReleaseDate && advisory.agreedReleaseDate !== today) {
    unmet.push(`${id}'s agreed release date is ${advisory.agreedReleaseDate}, not today (${today})`);
  }
  return unmet;
}

/** A disclosure without a fix publishes no patched version: each one the advisory names is a problem. */
function patchedWithoutFix(advisory: AdvisoryFacts): string[] {
  return advisory.vulnerabilities.flatMap((vulnerability, index) =>
    vulnerability.patchedVersions
      ? [
          `${advisory.ghsaId} vulnerability ${index + 1} (${vulnerability.name ?? 'unnamed package'}) names patched versions "${vulnerability.patchedVersions}", but a disclosure without a fix publishes none: remove them from the advisory, or release the fix with "versions" instead of "no-fix"`,
        ]
      : [],
  );
}

/** The team's recorded decision to disclose a report without a fix (release-gate's `no-fix-reason`). */
export interface NoFixDecision {
  readonly reason: string;
  /** When it was recorded (ISO 8601), and who started the run that recorded it (`GITHUB_ACTOR`). */
  readonly at: string;
  readonly by?: string;
}

/** What release-gate knows of one advisory for a disclosure without a fix. */
export interface NoFixFacts {
  readonly ghsaId: string;
  /** The report's disclosure deadline (policy and recorded moves); undefined: the policy sets none. */
  readonly deadline: Date | undefined;
  /** The decision already recorded in its tracking issue, if any. */
  readonly decision: NoFixDecision | undefined;
}

/**
 * Why an advisory may be disclosed without a fix now: its disclosure deadline has arrived, or the team decided
 * (`decided`: recorded earlier; `decide`: this run may record `NoFixDecision` for it); `undecided`: neither.
 */
export type NoFixGround =
  | { readonly kind: 'deadline'; readonly ghsaId: string; readonly deadline: Date }
  | { readonly kind: 'decided'; readonly ghsaId: string; readonly decision: NoFixDecision }
  | { readonly kind: 'decide'; readonly ghsaId: string; readonly deadline: Date | undefined }
  | { readonly kind: 'undecided'; readonly ghsaId: string; readonly deadline: Date | undefined };

/**
 * The ground of each advisory: the deadline first (nothing to record), then a recorded decision, then this run's
 * decision when it may record one (`canDecide`: a reason given in a run a person started).
 */
export function noFixGrounds(facts: readonly NoFixFacts[], now: Date, canDecide: boolean): NoFixGround[] {
  return facts.map(({ ghsaId, deadline, decision }): NoFixGround => {
    if (deadline && deadline <= now) return { kind: 'deadline', ghsaId, deadline };
    if (decision) return { kind: 'decided', ghsaId, decision };
    return { kind: canDecide ? 'decide' : 'undecided', ghsaId, deadline };
  });
}

const utc = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Why an undecided advisory may not be disclosed without a fix yet (ids and dates only). */
export function undecidedText(ground: { readonly ghsaId: string; readonly deadline: Date | undefined }): string {
  const deadline = ground.deadline
    ? `its disclosure deadline (${utc(ground.deadline)}) has not arrived`
    : 'its policy sets no disclosure deadline ("disclose-within")';
  return `${ground.ghsaId}: ${deadline} and no decision to disclose it without a fix is recorded`;
}

/** One ground in words, for the summary and the log: the deadline reached, or who decided when (not the reason). */
export function groundText(ground: NoFixGround, by: string | undefined): string {
  switch (ground.kind) {
    case 'deadline':
      return `${ground.ghsaId}: disclosure deadline reached (${utc(ground.deadline)})`;
    case 'decided':
      return `${ground.ghsaId}: disclosure without a fix decided${ground.decision.by ? ` by ${ground.decision.by}` : ''} at ${utc(new Date(ground.decision.at))}`;
    case 'decide':
      return `${ground.ghsaId}: disclosure without a fix decided now${by ? ` by ${by}` : ''}`;
    case 'undecided':
      return undecidedText(ground);
  }
}

/**
 * The reason publish-announcement's `no-fix-reason` takes (it is published in the announcement): the reason given,
 * else the recorded decisions', else that each disclosure deadline was reached.
 */
export function noFixAnnouncementReason(grounds: readonly NoFixGround[], given: string | undefined): string {
  if (given) return given;
  const decided = [
    ...new Set(grounds.flatMap((ground) => (ground.kind === 'decided' ? [ground.decision.reason] : []))),
  ];
  if (decided.length > 0) return decided.join(' ');
  const deadlines = [
    ...new Set(
      grounds.flatMap((ground) => (ground.kind === 'deadline' ? [ground.deadline.toISOString().slice(0, 10)] : [])),
    ),
  ];
  return `The disclosure deadline (${deadlines.join(', ')}) was reached without a fix.`;
}
