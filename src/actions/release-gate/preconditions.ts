import { ExpectedFailure } from '../../domain/errors.js';
import { unmetPreconditions, type AdvisoryFacts } from '../../domain/release-preconditions.js';
import { getAdvisory } from '../../github/advisories.js';
import { createClient, clientOptionsFromEnv, type GitHubClient } from '../../github/client.js';
import { getRepository } from '../../github/repos.js';
import type { Advisory } from '../../github/types.js';
import { loadTrackedReports } from '../common/tracker.js';
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

/** Every unmet precondition of every advisory, in one list. */
export async function findUnmetPreconditions(
  config: Preconditions,
  now: Date,
): Promise<{ unmet: string[]; client: GitHubClient }> {
  const client = createClient(clientOptionsFromEnv(config.token));
  const repository = await getRepository(client, config.repository);
  const tracked = config.tracker ? await loadTrackedReports(client, config.tracker) : new Map();
  const today = now.toISOString().slice(0, 10);
  const unmet: string[] = [];
  for (const ghsaId of config.ghsaIds) {
    const advisory = await getAdvisory(client, config.repository, ghsaId);
    const agreed = tracked.get(ghsaId)?.state.agreedReleaseDate;
    unmet.push(
      ...unmetPreconditions(
        factsOf(advisory, repository ? !repository.private : false, agreed),
        { requireCve: config.requireCve },
        today,
      ),
    );
  }
  return { unmet, client };
}

export function preconditionFailure(unmet: readonly string[]): ExpectedFailure {
  return new ExpectedFailure(`${unmet.length} release precondition(s) unmet:\n- ${unmet.join('\n- ')}`);
}
