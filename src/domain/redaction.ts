/**
 * The one module that decides what of an advisory may be printed. Before publication only the id, state,
 * severity, dates and repository reach logs, summaries and outputs; the summary, description, reproduction and the
 * reporter's identity stay in the advisory and the private tracker.
 */
export interface AdvisoryLike {
  readonly ghsa_id: string;
  readonly state: string;
  readonly severity?: string | null;
  readonly created_at?: string | null;
  readonly updated_at?: string | null;
  readonly published_at?: string | null;
  readonly closed_at?: string | null;
  readonly cve_id?: string | null;
  readonly summary?: string;
}

export interface PublicAdvisoryView {
  readonly ghsaId: string;
  readonly repository: string;
  readonly state: string;
  readonly severity: string;
  readonly createdAt: string | null;
  readonly publishedAt: string | null;
  /** Only once published: the CVE id and summary are public then. */
  readonly cveId?: string | null;
  readonly summary?: string;
}

export function isPublished(advisory: AdvisoryLike): boolean {
  return advisory.state === 'published' && Boolean(advisory.published_at);
}

export function publicView(advisory: AdvisoryLike, repository: string): PublicAdvisoryView {
  const base = {
    ghsaId: advisory.ghsa_id,
    repository,
    state: advisory.state,
    severity: advisory.severity ?? 'unknown',
    createdAt: advisory.created_at ?? null,
    publishedAt: advisory.published_at ?? null,
  };
  if (!isPublished(advisory)) return base;
  return {
    ...base,
    cveId: advisory.cve_id ?? null,
    ...(advisory.summary === undefined ? {} : { summary: advisory.summary }),
  };
}
