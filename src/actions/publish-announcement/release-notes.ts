/** Step 3: a "Security" section appended once to the GitHub release, linking the advisories. */
import type { AnnouncementData, AnnouncedAdvisory } from '../../domain/announcement.js';
import { inertText } from '../../domain/sanitize.js';
import type { GitHubClient } from '../../github/client.js';
import { updateReleaseBody } from '../../github/releases.js';
import type { Release, RepoRef } from '../../github/types.js';

export const SECURITY_SECTION_MARKER = '<!-- disclosure-actions:security-section -->';

function line(advisory: AnnouncedAdvisory): string {
  const score = advisory.cvss ? `, CVSS ${advisory.cvss.score}` : '';
  const ghsa = advisory.cveId ? ` ([${advisory.ghsaId}](${advisory.url}))` : '';
  const link = advisory.cveId ? advisory.cveId : `[${advisory.ghsaId}](${advisory.url})`;
  return `- ${link}${ghsa} (${advisory.severity}${score}): ${inertText(advisory.summary)}`;
}

export function securitySection(data: AnnouncementData): string {
  const count = data.advisories.length;
  return [
    '## Security',
    '',
    `This release fixes ${count === 1 ? 'a vulnerability' : `${count} vulnerabilities`}:`,
    '',
    ...data.advisories.map(line),
  ].join('\n');
}

export function releaseBodyWithSection(body: string | null | undefined, section: string): string {
  const current = (body ?? '').trimEnd();
  return `${current === '' ? '' : `${current}\n\n`}${SECURITY_SECTION_MARKER}\n${section}\n`;
}

/** Appends the section unless the release carries it already. */
export async function appendSecuritySection(
  client: GitHubClient,
  repository: RepoRef,
  release: Release,
  data: AnnouncementData,
): Promise<'appended' | 'exists'> {
  if ((release.body ?? '').includes(SECURITY_SECTION_MARKER)) return 'exists';
  await updateReleaseBody(client, repository, release.id, releaseBodyWithSection(release.body, securitySection(data)));
  return 'appended';
}
