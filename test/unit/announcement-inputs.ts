/** A draft advisory, and the release text and announcement inputs of a one-version fix release, for the announcement's unit tests. */
import type { AdvisoryRecord, AnnouncementInputs, ReleaseText } from '../../src/domain/announcement.js';

export const RELEASE_TEXT: ReleaseText = {
  project: 'proj',
  version: '2.0.1',
  versions: ['2.0.1'],
  previousVersion: undefined,
  upgradeCommand: undefined,
  versionCommand: undefined,
  mitigation: undefined,
  vulnerableConfiguration: undefined,
  recipients: undefined,
  teamName: undefined,
  packageManagers: [],
  noFixReason: undefined,
  unfixedLines: [],
};

export const ANNOUNCEMENT_INPUTS: AnnouncementInputs = {
  ...RELEASE_TEXT,
  repository: 'o/r',
  releaseUrls: [],
  policyTeamName: 'Security Incident Response Team',
  recordedCredits: new Map(),
  now: new Date('2026-01-26T16:05:00Z'),
};

export function draftAdvisory(partial: Partial<AdvisoryRecord> = {}): AdvisoryRecord {
  return {
    ghsa_id: 'GHSA-2222-3333-4444',
    cve_id: null,
    html_url: 'https://github.com/o/r/security/advisories/GHSA-2222-3333-4444',
    summary: 'A summary',
    severity: null,
    state: 'draft',
    published_at: null,
    vulnerabilities: [],
    ...partial,
  };
}
