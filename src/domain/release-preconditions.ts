/**
 * What must hold before a security release goes out (release-gate's preconditions). Pure: the caller fetches the
 * advisories and tracker states. Messages carry ids and field names only, never advisory text.
 */
export interface AdvisoryFacts {
  readonly ghsaId: string;
  readonly state: string;
  readonly cveId: string | null;
  readonly severity: string | null;
  readonly hasCvss: boolean;
  readonly vulnerabilities: readonly { readonly name: string | null; readonly patchedVersions: string | null }[];
  readonly repositoryIsPublic: boolean;
  /** The release date agreed in the tracker (`YYYY-MM-DD`), if one was recorded. */
  readonly agreedReleaseDate?: string | undefined;
}

export interface PreconditionRules {
  /** Require a CVE id; undefined means "for public repositories" (GitHub assigns CVEs to public ones only). */
  readonly requireCve: boolean | undefined;
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
  advisory.vulnerabilities.forEach((vulnerability, index) => {
    if (!vulnerability.patchedVersions) {
      unmet.push(
        `${id} vulnerability ${index + 1} (${vulnerability.name ?? 'unnamed package'}) has no patched versions`,
      );
    }
  });
  if (advisory.agreedReleaseDate && advisory.agreedReleaseDate !== today) {
    unmet.push(`${id}'s agreed release date is ${advisory.agreedReleaseDate}, not today (${today})`);
  }
  return unmet;
}
