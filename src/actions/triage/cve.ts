import type { TrackerState } from '../../domain/tracker-state.js';
import type { Advisory } from '../../github/types.js';

export type CvePlan =
  | { readonly request: true }
  | { readonly request: false; readonly note: string | undefined; readonly warning?: string };

export const PRIVATE_REPOSITORY_CVE =
  'GitHub assigns CVEs only to advisories of public repositories, and this repository is private, so no CVE was requested. ' +
  'Either make the repository public before the advisory is published and run triage with request-cve again, ' +
  "or request a CVE from MITRE's CVE request form (https://cveform.mitre.org/) or another CNA and enter the id in the advisory.";

/** Whether to ask GitHub for a CVE: once, for a public repository, when the advisory has none yet. */
export function planCveRequest(
  requested: boolean,
  advisory: Advisory,
  repositoryIsPublic: boolean,
  state: TrackerState | undefined,
): CvePlan {
  if (!requested) return { request: false, note: undefined };
  if (advisory.cve_id) return { request: false, note: 'the advisory already has a CVE id' };
  if (state?.cveRequestedAt) return { request: false, note: `a CVE was already requested (${state.cveRequestedAt})` };
  if (!repositoryIsPublic) {
    return { request: false, note: 'not requested: the repository is private', warning: PRIVATE_REPOSITORY_CVE };
  }
  return { request: true };
}
