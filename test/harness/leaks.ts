import type { EmulatorState } from '../emulator/types.js';
import type { RunResult } from './run-action.js';

/** Where a planted sentinel string was found, for a readable failure. */
export interface Leak {
  readonly sentinel: string;
  readonly where: string;
}

interface LeakScope {
  readonly results: readonly RunResult[];
  readonly state: EmulatorState;
  readonly sentinels: readonly string[];
}

function publicRepoNames(state: EmulatorState): Set<string> {
  return new Set(state.repos.filter((repo) => !repo.private).map((repo) => `${repo.owner}/${repo.name}`.toLowerCase()));
}

function isPublic(publicRepos: Set<string>, repo: string): boolean {
  return publicRepos.has(repo.toLowerCase());
}

/** Every place a reader outside the response team can see: action output and the public parts of the emulator. */
export function publicSurfaces(scope: Omit<LeakScope, 'sentinels'>): { where: string; text: string }[] {
  const { results, state } = scope;
  const open = publicRepoNames(state);
  const surfaces: { where: string; text: string }[] = [];
  results.forEach((result, index) => {
    surfaces.push({ where: `run ${index} stdout`, text: result.stdout });
    surfaces.push({ where: `run ${index} stderr`, text: result.stderr });
    surfaces.push({ where: `run ${index} summary`, text: result.summary });
    surfaces.push({ where: `run ${index} outputs`, text: JSON.stringify(result.outputs) });
  });
  for (const issue of state.issues.filter((i) => isPublic(open, i.repo))) {
    surfaces.push({ where: `public issue ${issue.repo}#${issue.number}`, text: `${issue.title}\n${issue.body ?? ''}` });
  }
  for (const comment of state.issueComments.filter((c) => isPublic(open, c.repo))) {
    surfaces.push({ where: `public comment ${comment.repo}#${comment.issueNumber}`, text: comment.body });
  }
  for (const release of state.releases.filter((r) => isPublic(open, r.repo))) {
    surfaces.push({
      where: `release ${release.repo}@${release.tagName}`,
      text: `${release.name ?? ''}\n${release.body ?? ''}`,
    });
  }
  for (const discussion of state.discussions.filter((d) => isPublic(open, d.repo))) {
    surfaces.push({
      where: `discussion ${discussion.repo}#${discussion.number}`,
      text: `${discussion.title}\n${discussion.body}`,
    });
  }
  state.webhookDeliveries.forEach((delivery, index) => {
    surfaces.push({ where: `webhook delivery ${index} (${delivery.path})`, text: JSON.stringify(delivery.body) });
  });
  return surfaces;
}

export function findLeaks(scope: LeakScope): Leak[] {
  const leaks: Leak[] = [];
  for (const surface of publicSurfaces(scope)) {
    for (const sentinel of scope.sentinels) {
      if (surface.text.includes(sentinel)) leaks.push({ sentinel, where: surface.where });
    }
  }
  return leaks;
}

/** Fails with every place an embargoed sentinel reached. */
export function expectNoLeaks(scope: LeakScope): void {
  const leaks = findLeaks(scope);
  if (leaks.length > 0) {
    throw new Error(`Embargoed text leaked:\n${leaks.map((l) => `  "${l.sentinel}" in ${l.where}`).join('\n')}`);
  }
}

/** Sentinels to plant in an embargoed advisory: distinct strings a test can search for everywhere. */
export const SENTINELS = {
  description: 'SENTINEL-DESCRIPTION-7f3a9c',
  reproduction: 'SENTINEL-REPRO-STEPS-2b8e41',
  reporterEmail: 'sentinel-reporter-5d1c@example.org',
  summary: 'SENTINEL-SUMMARY-9a4f07',
} as const;

export function embargoedDescription(): string {
  return [
    `Details: ${SENTINELS.description}`,
    `Steps to reproduce: ${SENTINELS.reproduction}`,
    `Contact me at ${SENTINELS.reporterEmail}`,
  ].join('\n\n');
}

/** The text of a private report as its reporter files it, sentinels planted: for an advisory a test seeds. */
export function embargoedReportText(): { summary: string; description: string; author: string } {
  return { summary: SENTINELS.summary, description: embargoedDescription(), author: 'reporter-rita' };
}
