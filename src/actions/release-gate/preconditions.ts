import { ExpectedFailure } from '../../domain/errors.js';
import { checklistProblems, sanitizedReviewProblem } from '../../domain/release-checklist.js';
import { unmetPreconditions, type AdvisoryFacts } from '../../domain/release-preconditions.js';
import { getAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { getRepository, type PrivacyLog } from '../../github/repos.js';
import { getReleaseByTag } from '../../github/releases.js';
import type { Advisory, Release, RepoRef } from '../../github/types.js';
import { fullName } from '../../github/types.js';
import { inOrder, startedEarly } from '../common/concurrency.js';
import { loadPrivateTracker, type TrackedReport } from '../common/tracker.js';
import type { Preconditions } from './config.js';

function factsOf(
  advisory: Advisory,
  repositoryIsPublic: boolean,
  agreedReleaseDate: string | undefined,
): AdvisoryFacts {
  const severities = advisory.cvss_severities;
  return {
    ghsaId: advisory.ghsa_id,
    state: advisory.state,
    cveId: advisory.cve_id,
    severity: advisory.severity,
    hasCvss: Boolean(
      severities?.cvss_v3?.vector_string || severities?.cvss_v4?.vector_string || advisory.cvss?.vector_string,
    ),
    vulnerabilities: (advisory.vulnerabilities ?? []).map((v) => ({
      name: v.package?.name ?? null,
      patchedVersions: v.patched_versions,
      vulnerableRange: v.vulnerable_version_range,
    })),
    repositoryIsPublic,
    agreedReleaseDate,
  };
}

/** The release this gate lets through: the advisories and, when the tracker recorded one, the agreed version. */
export interface GatedRelease {
  readonly ghsaIds: readonly string[];
  readonly version: string | undefined;
  /** One per release line: `versions`, else those agreed in the tracker (`agreedVersion`, comma separated). */
  readonly versions: readonly string[];
  /** The GitHub release of each version, in the order of `versions` (those found). */
  readonly releases: readonly Release[];
  /** True when the advisories came from the tracker's agreed release dates rather than `ghsa-ids`. */
  readonly agreed: boolean;
  /** A disclosure without a fix let through (no-fix.ts): the reason handed on, and each advisory's ground. */
  readonly noFix?: NoFixRelease | undefined;
}

export interface NoFixRelease {
  /** For publish-announcement's `no-fix-reason` (published in the announcement). */
  readonly reason: string;
  /** Each advisory's ground in words: its deadline reached, or who decided when (ids, dates, logins). */
  readonly grounds: readonly string[];
}

/** The reports of `repository` whose agreed release date is today and that are not published yet. */
function agreedToday(tracked: Map<string, TrackedReport>, repository: string, today: string): TrackedReport[] {
  return [...tracked.values()].filter(
    ({ state }) =>
      state.repository?.toLowerCase() === repository.toLowerCase() &&
      state.agreedReleaseDate === today &&
      !state.publishedAt,
  );
}

function agreedVersion(reports: readonly TrackedReport[], unmet: string[]): string | undefined {
  const versions = [...new Set(reports.flatMap(({ state }) => (state.agreedVersion ? [state.agreedVersion] : [])))];
  if (versions.length > 1) unmet.push(`the releases agreed for today name different versions: ${versions.join(', ')}`);
  return versions[0];
}

/** An agreed version may name several release lines (`2.3.1, 1.9.7`). */
const splitVersions = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** The release of `version`: tag `v<version>` as publish-announcement names it, else the bare version. */
async function releaseOf(client: GitHubClient, repository: RepoRef, version: string): Promise<Release | undefined> {
  const tags = version.startsWith('v') ? [version] : [`v${version}`, version];
  for (const tag of tags) {
    const release = await getReleaseByTag(client, repository, tag);
    if (release) return release;
  }
  return undefined;
}

/** Each version's published release; an unmet precondition naming the version for each missing one. */
async function releasesOf(
  client: GitHubClient,
  repository: RepoRef,
  versions: readonly string[],
  unmet: string[],
): Promise<Release[]> {
  const found: Release[] = [];
  for (const version of versions) {
    const release = await releaseOf(client, repository, version);
    if (release) found.push(release);
    else
      unmet.push(
        `version ${version} has no published GitHub release in ${fullName(repository)} (tag v${version.replace(/^v/, '')} or ${version}): publish it first`,
      );
  }
  return found;
}

/**
 * What people must have confirmed in the advisory's tracking issue: its text reviewed for publication (always; the
 * problem is also put in `unreviewed`, which `force` does not override), and each release-day step when the policy
 * requires the checklist.
 */
function unconfirmed(
  config: Preconditions,
  advisory: Advisory,
  report: TrackedReport | undefined,
  unreviewed: string[],
): string[] {
  // Published, closed or withdrawn: reported as such above, nothing left to confirm.
  if (['published', 'closed', 'withdrawn'].includes(advisory.state)) return [];
  const place = { ghsaId: advisory.ghsa_id, issueUrl: report?.issue.html_url };
  const text = { summary: advisory.summary, description: advisory.description };
  const review = sanitizedReviewProblem(place, report?.state, text);
  if (review) unreviewed.push(review);
  // A disclosure without a fix has no release day: its steps (merge, patch releases, binaries) do not apply.
  const steps = config.requireChecklist && !config.noFix ? checklistProblems(place, report?.state) : [];
  return [...(review ? [review] : []), ...steps];
}

/** Every unmet precondition of every advisory, in one list, and the release they make up. */
export async function findUnmetPreconditions(
  config: Preconditions,
  now: Date,
  client: GitHubClient,
  log?: PrivacyLog,
): Promise<{
  unmet: string[];
  /** The advisories whose text was not reviewed for publication (`/triage sanitized`): never forced through. */
  unreviewed: string[];
  release: GatedRelease;
  tracked: ReadonlyMap<string, TrackedReport>;
}> {
  const [repository, tracked] = await inOrder(
    getRepository(client, config.repository),
    config.tracker
      ? loadPrivateTracker(client, config.tracker, 'tracker', log)
      : Promise.resolve(new Map<string, TrackedReport>()),
  );
  const today = now.toISOString().slice(0, 10);
  const unmet: string[] = [];
  const unreviewed: string[] = [];
  // Without `ghsa-ids`, the tracker says what is released today (with `versions` only and no tracker: nothing).
  const agreed = config.ghsaIds.length === 0 && config.tracker !== undefined;
  const reports = agreed
    ? agreedToday(tracked, fullName(config.repository), today)
    : config.ghsaIds.flatMap((id) => tracked.get(id) ?? []);
  const ghsaIds = agreed ? reports.map(({ state }) => state.key) : config.ghsaIds;
  // A disclosure without a fix hands on no version, whatever the tracker agreed for a fix.
  const agreedOne = config.noFix ? undefined : agreedVersion(reports, unmet);
  // The versions given are checked (each release published, each advisory covering it); a version agreed in the
  // tracker is handed on as it was recorded, since its release may be made in the window.
  const checked = config.versions;
  const versions = checked.length > 0 ? checked : splitVersions(agreedOne);
  const releases = await releasesOf(client, config.repository, checked, unmet);
  const release = { ghsaIds, version: versions[0] ?? agreedOne, versions, releases, agreed };
  // Every advisory requested at once, checked in order.
  const reads = ghsaIds.map((ghsaId) => ({
    ghsaId,
    advisory: startedEarly(getAdvisory(client, config.repository, ghsaId)),
  }));
  for (const { ghsaId, advisory: read } of reads) {
    const advisory = await read;
    const agreed = tracked.get(ghsaId)?.state.agreedReleaseDate;
    unmet.push(
      ...unmetPreconditions(
        factsOf(advisory, repository ? !repository.private : false, agreed),
        { requireCve: config.requireCve, versions: checked, noFix: config.noFix ?? false },
        today,
      ),
    );
    unmet.push(...unconfirmed(config, advisory, tracked.get(ghsaId), unreviewed));
  }
  return { unmet, unreviewed, release, tracked };
}

export function preconditionFailure(unmet: readonly string[]): ExpectedFailure {
  return new ExpectedFailure(`${unmet.length} release precondition(s) unmet:\n- ${unmet.join('\n- ')}`);
}
