/**
 * The data of SPEC 11's announcement, built from the advisories as GitHub returns them plus the release inputs.
 * Every field a template can use is present; optional ones are null (see src/templates/engine.ts). An advisory
 * without a CVE id is named by its GHSA id: nothing here ever makes up an id or a placeholder.
 */
import { scoreCvss, severityFromScore } from './cvss.js';
import { highestUpperBound } from './version-range.js';

/** The fields of a repository advisory (GitHub's REST shape) the announcement uses. */
export interface AdvisoryRecord {
  readonly ghsa_id: string;
  readonly cve_id: string | null;
  readonly html_url: string;
  readonly summary: string;
  readonly severity: string | null;
  readonly state: string;
  readonly published_at: string | null;
  readonly cvss?: { readonly vector_string: string | null; readonly score: number | null } | null;
  readonly cvss_severities?: {
    readonly cvss_v3?: CvssEntry | null;
    readonly cvss_v4?: CvssEntry | null;
  } | null;
  readonly vulnerabilities: readonly VulnerabilityRecord[] | null;
  readonly cwes?: readonly { readonly cwe_id: string; readonly name: string }[] | null;
  readonly credits_detailed?: readonly CreditRecord[] | null;
}

interface CvssEntry {
  readonly vector_string: string | null;
  readonly score: number | null;
}

export interface VulnerabilityRecord {
  readonly package: { readonly ecosystem: string; readonly name: string | null } | null;
  readonly vulnerable_version_range: string | null;
  readonly patched_versions: string | null;
}

export interface CreditRecord {
  readonly user: { readonly login: string };
  readonly type: string;
  /** `accepted`, `declined` or `pending`: a declined credit is never shown. */
  readonly state?: string;
}

export interface AnnouncedCvss {
  /** From the vector's prefix: `4.0`, `3.1` (or `3.0` for an old vector). */
  readonly version: string;
  readonly score: number;
  readonly vector: string;
}

export interface AnnouncedPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly vulnerableRange: string | null;
  readonly patchedVersions: string | null;
}

export interface Credit {
  readonly login: string;
  /** GitHub's credit type in words: `reporter`, `remediation developer`... */
  readonly type: string;
}

export interface AnnouncedAdvisory {
  readonly ghsaId: string;
  readonly cveId: string | null;
  /** What the announcement calls it: the CVE id, or the GHSA id when no CVE is assigned. */
  readonly id: string;
  readonly url: string;
  readonly summary: string;
  /** `critical`, `high`, `medium`, `low`, or `unknown`. */
  readonly severity: string;
  readonly cvss: AnnouncedCvss | null;
  readonly packages: readonly AnnouncedPackage[];
  /** `CWE-22: Improper Limitation...` */
  readonly weaknesses: readonly string[];
  readonly credits: readonly Credit[];
  /** `login (type)` per credit, for `{{join creditNames}}`. */
  readonly creditNames: readonly string[];
}

/** What the maintainers say about the release (the action's inputs); the rest comes from the advisories. */
export interface ReleaseText {
  readonly project: string;
  readonly version: string;
  readonly previousVersion: string | undefined;
  readonly upgradeCommand: string | undefined;
  readonly versionCommand: string | undefined;
  readonly mitigation: string | undefined;
}

export interface AnnouncementInputs extends ReleaseText {
  readonly repository: string;
  readonly releaseUrl: string | undefined;
}

export interface AnnouncementData {
  readonly project: string;
  readonly version: string;
  readonly repository: string;
  /** The newest vulnerable version (`previous-version`, or a `<=` bound of the ranges); null when not known. */
  readonly previousVersion: string | null;
  /** Used when previousVersion is null: versions before this one are vulnerable. */
  readonly vulnerableBelow: string;
  readonly upgradeCommand: string | null;
  readonly versionCommand: string | null;
  readonly mitigation: string | null;
  readonly releaseUrl: string | null;
  readonly advisories: readonly AnnouncedAdvisory[];
  /** True when every advisory has a CVE id (the list can be called "CVE(s)"). */
  readonly allHaveCve: boolean;
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** A CVE id as GitHub holds it, or null for none (or anything that is not one). */
export function validCveId(value: string | null | undefined): string | null {
  return value && CVE_ID.test(value) ? value : null;
}

function vectorVersion(vector: string): string {
  return /^CVSS:(\d+\.\d+)\//.exec(vector)?.[1] ?? 'unknown';
}

function scored(entry: CvssEntry | null | undefined): AnnouncedCvss | null {
  const vector = entry?.vector_string;
  if (!vector) return null;
  const score = typeof entry.score === 'number' ? entry.score : computedScore(vector);
  return score === undefined ? null : { version: vectorVersion(vector), score, vector };
}

function computedScore(vector: string): number | undefined {
  try {
    return scoreCvss(vector).score;
  } catch {
    return undefined;
  }
}

/** CVSS 4.0 when the advisory has it, else 3.x (`cvss_severities`, then the deprecated `cvss`). */
export function chooseCvss(advisory: AdvisoryRecord): AnnouncedCvss | null {
  const severities = advisory.cvss_severities;
  return scored(severities?.cvss_v4) ?? scored(severities?.cvss_v3) ?? scored(advisory.cvss);
}

const CREDIT_WORDS: Readonly<Record<string, string>> = { remediation_developer: 'remediation developer' };

export function creditType(type: string): string {
  return CREDIT_WORDS[type] ?? type.replace(/_/g, ' ');
}

/** Credits the advisory shows: everyone except those who declined. */
export function shownCredits(advisory: Pick<AdvisoryRecord, 'credits_detailed'>): Credit[] {
  return (advisory.credits_detailed ?? [])
    .filter((credit) => credit.state !== 'declined')
    .map((credit) => ({ login: credit.user.login, type: creditType(credit.type) }));
}

function packagesOf(advisory: AdvisoryRecord): AnnouncedPackage[] {
  return (advisory.vulnerabilities ?? []).map((vulnerability) => ({
    ecosystem: vulnerability.package?.ecosystem ?? 'other',
    name: vulnerability.package?.name ?? 'unnamed package',
    vulnerableRange: vulnerability.vulnerable_version_range || null,
    patchedVersions: vulnerability.patched_versions || null,
  }));
}

function severityOf(advisory: AdvisoryRecord, cvss: AnnouncedCvss | null): string {
  if (advisory.severity) return advisory.severity;
  return cvss ? severityFromScore(cvss.score) : 'unknown';
}

export function announcedAdvisory(advisory: AdvisoryRecord): AnnouncedAdvisory {
  const cveId = validCveId(advisory.cve_id);
  const cvss = chooseCvss(advisory);
  const credits = shownCredits(advisory);
  return {
    ghsaId: advisory.ghsa_id,
    cveId,
    id: cveId ?? advisory.ghsa_id,
    url: advisory.html_url,
    summary: advisory.summary,
    severity: severityOf(advisory, cvss),
    cvss,
    packages: packagesOf(advisory),
    weaknesses: (advisory.cwes ?? []).map((cwe) => `${cwe.cwe_id}: ${cwe.name}`),
    credits,
    creditNames: credits.map((credit) => `${credit.login} (${credit.type})`),
  };
}

export interface VulnerableVersions {
  readonly previousVersion: string | null;
  readonly vulnerableBelow: string;
}

/**
 * Which versions to call vulnerable: `previous-version` when given; else the highest upper bound of the advisories'
 * ranges (`<= 1.4.1` gives previous version 1.4.1, `< 1.4.2` gives "older than 1.4.2"); else older than `version`.
 */
export function vulnerableVersions(
  advisories: readonly AnnouncedAdvisory[],
  version: string,
  previousVersion: string | undefined,
): VulnerableVersions {
  if (previousVersion) return { previousVersion, vulnerableBelow: version };
  const ranges = advisories.flatMap((advisory) => advisory.packages.map((pkg) => pkg.vulnerableRange ?? ''));
  const bound = highestUpperBound(ranges);
  if (!bound) return { previousVersion: null, vulnerableBelow: version };
  return bound.inclusive
    ? { previousVersion: bound.version, vulnerableBelow: version }
    : { previousVersion: null, vulnerableBelow: bound.version };
}

/** CVEs first (in id order), then advisories without one: the order readers scan for their CVE. */
function byId(a: AnnouncedAdvisory, b: AnnouncedAdvisory): number {
  if ((a.cveId === null) !== (b.cveId === null)) return a.cveId === null ? 1 : -1;
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}

export function buildAnnouncementData(
  advisories: readonly AdvisoryRecord[],
  inputs: AnnouncementInputs,
): AnnouncementData {
  const announced = advisories.map(announcedAdvisory).sort(byId);
  return {
    project: inputs.project,
    version: inputs.version,
    repository: inputs.repository,
    ...vulnerableVersions(announced, inputs.version, inputs.previousVersion),
    upgradeCommand: inputs.upgradeCommand ?? null,
    versionCommand: inputs.versionCommand ?? null,
    mitigation: inputs.mitigation ?? null,
    releaseUrl: inputs.releaseUrl ?? null,
    advisories: announced,
    allHaveCve: announced.every((advisory) => advisory.cveId !== null),
  };
}

/** SPEC 11's placeholders: a rendered announcement that still holds one was copied, not filled in. */
const PLACEHOLDERS = /CVE-YEAR-[A-Z]+|\$(?:PROJECT|VERSION|OLDVERSION|CVSS|CVESUMMARY)\b/;

export function findPlaceholder(text: string): string | undefined {
  return PLACEHOLDERS.exec(text)?.[0];
}

export interface RenderedAnnouncement {
  readonly subject: string;
  readonly body: string;
}

/**
 * A rendered template starts with `Subject: ...` (as SPEC 11's does); the rest is the body. A template without that
 * line gets `fallbackSubject`.
 */
export function splitSubject(rendered: string, fallbackSubject: string): RenderedAnnouncement {
  const match = /^\s*Subject:[ \t]*(.*)\r?\n/.exec(rendered);
  if (!match) return { subject: fallbackSubject, body: tidy(rendered) };
  return { subject: (match[1] ?? '').trim() || fallbackSubject, body: tidy(rendered.slice(match[0].length)) };
}

/** Trims the ends and keeps at most one blank line in a row (template sections that rendered empty). */
function tidy(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export function defaultSubject(project: string, version: string): string {
  return `Security release of ${project} ${version} is now available`;
}
