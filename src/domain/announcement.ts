/**
 * The data of SPEC 11's announcement, built from the advisories as GitHub returns them plus the release inputs.
 * Every field a template can use is present; optional ones are null (see src/templates/engine.ts). An advisory
 * without a CVE id is named by its GHSA id: nothing here ever makes up an id or a placeholder.
 */
import { scoreCvss } from './cvss.js';
import { lineOf } from './release-lines.js';
import { severityFromScore } from './severity.js';
import { compareTextNumeric } from './text-order.js';
import type { ReporterCredit } from './tracker-state.js';
import { upgradeSteps, type UpgradeStep } from './upgrade-commands.js';
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
  readonly description?: string | null;
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
  /**
   * `login (type)` per credit, for `{{join creditNames}}`: the advisory's credits, and the reporter as the tracker
   * records them (a name when they have no GitHub account; nobody who declined).
   */
  readonly creditNames: readonly string[];
  /** The published description without its Impact section; null when empty. */
  readonly description: string | null;
  /** The description's Impact section (`### Impact`); null when it has none. */
  readonly impact: string | null;
}

/** What the maintainers say about the release (the action's inputs); the rest comes from the advisories. */
export interface ReleaseText {
  readonly project: string;
  /** The versions released, as the text names them (`2.3.1 and 1.9.7`); `without a fix` when none is. */
  readonly version: string;
  /** Each version released (one per release line), newest first; empty for a disclosure without a fix. */
  readonly versions: readonly string[];
  readonly previousVersion: string | undefined;
  readonly upgradeCommand: string | undefined;
  readonly versionCommand: string | undefined;
  readonly mitigation: string | undefined;
  /** The features, extensions or configuration that make a system likely vulnerable (SPEC 11's template). */
  readonly vulnerableConfiguration: string | undefined;
  /** The `To:` of the announcement (the mailing lists); undefined: none configured. */
  readonly recipients: string | undefined;
  /** The response team's name; undefined: the policy's. */
  readonly teamName: string | undefined;
  /** Package managers for "How do I upgrade?" (`pip`, `conda`...); empty: the advisories' ecosystems. */
  readonly packageManagers: readonly string[];
  /** Disclosure without a fix: the reason recorded (a deadline, a decision); undefined for a fix release. */
  readonly noFixReason: string | undefined;
  /** Supported release lines that get no patch release (e.g. `1.8`): their users need the mitigation. */
  readonly unfixedLines: readonly string[];
}

/** A file of a GitHub release, as its REST API lists it. */
export interface ReleaseAssetRecord {
  readonly name: string;
  readonly browser_download_url: string;
}

export interface AnnouncementInputs extends ReleaseText {
  readonly repository: string;
  /** The release of each version, in the order of `versions` (undefined: not looked up). */
  readonly releaseUrls: readonly (string | undefined)[];
  /** The files of each version's release, in the same order (undefined or empty: none). */
  readonly releaseAssets?: readonly (readonly ReleaseAssetRecord[] | undefined)[];
  /** The policy's team name, used unless `teamName` is given. */
  readonly policyTeamName: string;
  /** The reporter's credit as each tracking issue records it, by GHSA id. */
  readonly recordedCredits: ReadonlyMap<string, ReporterCredit>;
  readonly now: Date;
}

/** A binary of a release and its detached signature (Stacklok: binaries "built, signed, publicly available"). */
export interface AnnouncedBinary {
  readonly name: string;
  readonly url: string;
  /** The `<name>.asc` or `<name>.sig` file of the same release; null when it has none. */
  readonly signatureUrl: string | null;
}

/** One release line: its patched version, that release and its binaries. */
export interface AnnouncedLine {
  /** `2.3` for 2.3.1. */
  readonly line: string;
  readonly version: string;
  readonly releaseUrl: string | null;
  readonly binaries: readonly AnnouncedBinary[];
}

export interface AnnouncementData {
  readonly project: string;
  /** The versions released as the text names them (`1.4.2`, `2.3.1 and 1.9.7`). */
  readonly version: string;
  readonly repository: string;
  /** False for a disclosure without a fix. */
  readonly fixed: boolean;
  readonly noFixReason: string | null;
  /** One per version released, newest first. */
  readonly lines: readonly AnnouncedLine[];
  /** More than one release line. */
  readonly severalLines: boolean;
  readonly unfixedLines: readonly string[];
  readonly recipients: string | null;
  readonly teamName: string;
  /** The day of the announcement, `YYYY-MM-DD` (UTC). */
  readonly day: string;
  readonly vulnerableConfiguration: string | null;
  /** Per package manager and line, used when no `upgradeCommand` is given. */
  readonly upgrades: readonly UpgradeStep[];
  /** One advisory: the text says "this issue", else "these issues". */
  readonly single: boolean;
  /** The newest vulnerable version (`previous-version`, or a `<=` bound of the ranges); null when not known. */
  readonly previousVersion: string | null;
  /** Used when previousVersion is null: versions before this one are vulnerable. */
  readonly vulnerableBelow: string;
  readonly upgradeCommand: string | null;
  readonly versionCommand: string | null;
  readonly mitigation: string | null;
  /** The release of the newest line (null: none updated). */
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

const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The credit names: the advisory's credits, with the reporter as the tracker records them. A declined credit takes
 * the reporter off (by login); a reporter without a GitHub account is named; one already credited is not repeated.
 */
export function creditNamesOf(credits: readonly Credit[], recorded: ReporterCredit | undefined): string[] {
  const login = recorded?.login;
  const kept = recorded?.declined && login ? credits.filter((credit) => !sameLogin(credit.login, login)) : credits;
  const names = kept.map((credit) => `${credit.login} (${credit.type})`);
  if (!recorded || recorded.declined) return names;
  const type = creditType(recorded.type ?? 'reporter');
  if (login) return kept.some((credit) => sameLogin(credit.login, login)) ? names : [...names, `${login} (${type})`];
  return recorded.name ? [...names, `${recorded.name} (${type})`] : names;
}

export interface DescriptionParts {
  readonly description: string | null;
  readonly impact: string | null;
}

const HEADING = /^#{1,6}[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The fence of the code block open after `line`, given the one open before it (CommonMark: a block closes at a
 * fence of the same character, at least as long).
 */
function fenceAfter(line: string, open: string | undefined): string | undefined {
  const marker = FENCE.exec(line)?.[1];
  if (marker === undefined) return open;
  if (open === undefined) return marker;
  return marker[0] === open[0] && marker.length >= open.length ? undefined : open;
}

/**
 * GitHub's advisory form starts the description with `### Impact`, `### Patches`, `### Workarounds`: the Impact
 * section apart, the rest as text (a heading becomes a `Patches:` line, since the text is rendered inert).
 */
export function splitDescription(text: string | null | undefined): DescriptionParts {
  const rest: string[] = [];
  const impact: string[] = [];
  let inImpact = false;
  let fence: string | undefined;
  for (const line of (text ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    fence = fenceAfter(line, fence);
    // A `#` line inside a fenced code block (a shell comment) is code, not a heading.
    const heading = fence === undefined ? HEADING.exec(line) : null;
    if (heading) {
      const title = (heading[1] ?? '').trim();
      inImpact = /^impact$/i.test(title);
      if (!inImpact && title !== '') rest.push(`${title.replace(/:$/, '')}:`);
      continue;
    }
    (inImpact ? impact : rest).push(line);
  }
  const tidyText = (lines: string[]): string | null =>
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() || null;
  return { description: tidyText(rest), impact: tidyText(impact) };
}

export function announcedAdvisory(advisory: AdvisoryRecord, recorded?: ReporterCredit): AnnouncedAdvisory {
  const cveId = validCveId(advisory.cve_id);
  const cvss = chooseCvss(advisory);
  const credits = shownCredits(advisory);
  const recordedDeclined = recorded?.declined && recorded.login;
  const shown = recordedDeclined ? credits.filter((credit) => !sameLogin(credit.login, recorded.login ?? '')) : credits;
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
    credits: shown,
    creditNames: creditNamesOf(credits, recorded),
    ...splitDescription(advisory.description),
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
  return compareTextNumeric(a.id, b.id);
}

function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const SIGNATURE = /\.(asc|sig)$/;

/** The release's files other than signatures, each with its signature file when the release has one. */
export function binariesOf(assets: readonly ReleaseAssetRecord[]): AnnouncedBinary[] {
  const byName = new Map(assets.map((asset) => [asset.name, asset.browser_download_url]));
  return assets
    .filter((asset) => !(SIGNATURE.test(asset.name) && byName.has(asset.name.replace(SIGNATURE, ''))))
    .map((asset) => ({
      name: asset.name,
      url: asset.browser_download_url,
      signatureUrl: byName.get(`${asset.name}.asc`) ?? byName.get(`${asset.name}.sig`) ?? null,
    }));
}

function linesOf(inputs: AnnouncementInputs): AnnouncedLine[] {
  return inputs.versions.map((version, index) => ({
    line: lineOf(version),
    version,
    releaseUrl: inputs.releaseUrls[index] ?? null,
    binaries: binariesOf(inputs.releaseAssets?.[index] ?? []),
  }));
}

export function buildAnnouncementData(
  advisories: readonly AdvisoryRecord[],
  inputs: AnnouncementInputs,
): AnnouncementData {
  const announced = advisories
    .map((advisory) => announcedAdvisory(advisory, inputs.recordedCredits.get(advisory.ghsa_id)))
    .sort(byId);
  const lines = linesOf(inputs);
  const oldest = inputs.versions[inputs.versions.length - 1] ?? inputs.version;
  const packages = announced.flatMap((advisory) => advisory.packages);
  return {
    project: inputs.project,
    version: inputs.version,
    repository: inputs.repository,
    fixed: inputs.noFixReason === undefined,
    noFixReason: inputs.noFixReason ?? null,
    lines,
    severalLines: lines.length > 1,
    unfixedLines: inputs.unfixedLines,
    recipients: inputs.recipients ?? null,
    teamName: inputs.teamName ?? inputs.policyTeamName,
    day: dayOf(inputs.now),
    vulnerableConfiguration: inputs.vulnerableConfiguration ?? null,
    upgrades: upgradeSteps(packages, inputs.versions, inputs.packageManagers),
    single: announced.length === 1,
    ...vulnerableVersions(announced, oldest, inputs.previousVersion),
    upgradeCommand: inputs.upgradeCommand ?? null,
    versionCommand: inputs.versionCommand ?? null,
    mitigation: inputs.mitigation ?? null,
    releaseUrl: lines[0]?.releaseUrl ?? null,
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
  /** The `To:` line of the template (the mailing lists); null when it has none. */
  readonly to: string | null;
  readonly body: string;
}

const HEADER = /^[ \t]*(Subject|To):[ \t]*(.*)\r?\n/i;

/**
 * A rendered template starts with `Subject: ...` (as SPEC 11's does), optionally followed by `To: ...`; the rest is
 * the body. A template without a subject line gets `fallbackSubject`.
 */
export function splitSubject(rendered: string, fallbackSubject: string): RenderedAnnouncement {
  let rest = rendered.replace(/^\s*(?=(?:Subject|To):)/i, '');
  const headers: Record<string, string> = {};
  for (let match = HEADER.exec(rest); match; match = HEADER.exec(rest)) {
    headers[(match[1] ?? '').toLowerCase()] = (match[2] ?? '').trim();
    rest = rest.slice(match[0].length);
  }
  if (headers.subject === undefined) return { subject: fallbackSubject, to: null, body: tidy(rendered) };
  return { subject: headers.subject || fallbackSubject, to: headers.to || null, body: tidy(rest) };
}

/** Trims the ends and keeps at most one blank line in a row (template sections that rendered empty). */
function tidy(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export function defaultSubject(project: string, version: string): string {
  return `Security release of ${project} ${version} is now available`;
}

/**
 * The mailing-list message, ready to send: `To:` (when recipients are configured), `Subject:`, then the body. The
 * header values are single lines already (the subject is one line of the template, the recipients checked addresses).
 */
export function mailingListMessage(announcement: RenderedAnnouncement): string {
  const headers = [
    ...(announcement.to ? [`To: ${announcement.to}`] : []),
    `Subject: ${announcement.subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return `${headers.join('\n')}\n\n${announcement.body}`;
}

/** A blog post (Jekyll / Hugo front matter): the subject as title, the day, the body. */
export function blogPost(announcement: RenderedAnnouncement, date: string): string {
  return ['---', `title: ${JSON.stringify(announcement.subject)}`, `date: ${date}`, '---', '', announcement.body].join(
    '\n',
  );
}
