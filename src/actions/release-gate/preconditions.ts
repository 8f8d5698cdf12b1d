import { ExpectedFailure } from '../../domain/errors.js';
import { unmetPreconditions, type AdvisoryFacts } from '../../domain/release-preconditions.js';
import { getAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { getRepository, type PrivacyLog } from '../../github/repos.js';
import type { Advisory } from '../../github/types.js';
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
    })),
    repositoryIsPublic,
    agreedReleaseDate,
  };
}

/** The release this gate lets through: the advisories and, when the tracker recorded one, the agreed version. */
export interface GatedRelease {
  readonly ghsaIds: readonly string[];
  readonly version: string | undefined;
  /** True when the advisories came from the tracker's agreed release dates rather than `ghsa-ids`. */
  readonly agreed: boolean;
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

/** Every unmet precondition of every advisory, in one list, and the release they make up. */
export async function findUnmetPreconditions(
  config: Preconditions,
  now: Date,
  client: GitHubClient,
  log?: PrivacyLog,
): Promise<{ unmet: string[]; release: GatedRelease; tracked: ReadonlyMap<string, TrackedReport> }> {
  const [repository, tracked] = await inOrder(
    getRepository(client, config.repository),
    config.tracker
      ? loadPrivateTracker(client, config.tracker, 'tracker', log)
      : Promise.resolve(new Map<string, TrackedReport>()),
  );
  const today = now.toISOString().slice(0, 10);
  const unmet: string[] = [];
  const agreed = config.ghsaIds.length === 0;
  const reports = agreed
    ? agreedToday(tracked, fullName(config.repository), today)
    : config.ghsaIds.flatMap((id) => tracked.get(id) ?? []);
  const ghsaIds = agreed ? reports.map(({ state }) => state.key) : config.ghsaIds;
  const release = { ghsaIds, version: agreedVersion(reports, unmet), agreed };
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
        { requireCve: config.requireCve },
        today,
      ),
    );
  }
  return { unmet, release, tracked };
}

export function preconditionFailure(unmet: readonly string[]): ExpectedFailure {
  return new ExpectedFailure(`${unmet.length} release precondition(s) unmet:\n- ${unmet.join('\n- ')}`);
}
