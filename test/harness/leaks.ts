import type { EmulatorState } from '../emulator/types.js';
import type { RunResult } from './run-action.js';

/** Where a planted sentinel string was found, for a readable failure. */
export interface Leak {
  readonly sentinel: string;
  /** The normalised run of the sentinel's characters that was found. */
  readonly fragment?: string;
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

/** Any this many consecutive characters of a sentinel count as a leak of it (fewer when the sentinel is shorter). */
export const FRAGMENT_LENGTH = 16;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Undoes the encodings text goes through on its way to a surface: percent-encoding (URLs, workflow commands),
 * HTML character references (`&#45;`, `&amp;`) and JSON/JavaScript `\uXXXX` escapes.
 */
function decoded(text: string): string {
  return text
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, digits: string) => String.fromCodePoint(Number(digits)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? entity)
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Text as the detector compares it: decoded, compatibility-normalised (full-width and styled letters become plain
 * ones), lower case, and nothing but letters and digits, so case, punctuation, white space, Markdown escapes and
 * zero-width characters make no difference.
 */
export function normaliseForLeaks(text: string): string {
  return decoded(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * What counts as a leak of `sentinel`: each run of FRAGMENT_LENGTH consecutive characters of it (the whole sentinel
 * when it is shorter), normalised. A surface holding any of them, in any case or punctuation, holds the leak.
 */
export function sentinelFragments(sentinel: string): string[] {
  const length = Math.min(FRAGMENT_LENGTH, sentinel.length);
  const fragments = new Set<string>();
  for (let start = 0; start + length <= sentinel.length; start += 1) {
    const fragment = normaliseForLeaks(sentinel.slice(start, start + length));
    if (fragment.length > 0) fragments.add(fragment);
  }
  return [...fragments];
}

/** The first fragment of `sentinel` that `text` holds, or undefined. */
export function leakedFragment(text: string, sentinel: string): string | undefined {
  const haystack = normaliseForLeaks(text);
  return sentinelFragments(sentinel).find((fragment) => haystack.includes(fragment));
}

/** A detector for many surfaces and sentinels: each sentinel's fragments computed once. */
export function leakDetector(sentinels: readonly string[]): (text: string) => { sentinel: string; fragment: string }[] {
  const prepared = sentinels.map((sentinel) => ({ sentinel, fragments: sentinelFragments(sentinel) }));
  return (text) => {
    const haystack = normaliseForLeaks(text);
    return prepared.flatMap(({ sentinel, fragments }) => {
      const fragment = fragments.find((candidate) => haystack.includes(candidate));
      return fragment === undefined ? [] : [{ sentinel, fragment }];
    });
  };
}

/** Every sentinel (or a fragment of one, in any case or punctuation) found on a public surface. */
export function findLeaks(scope: LeakScope): Leak[] {
  const detect = leakDetector(scope.sentinels);
  return publicSurfaces(scope).flatMap((surface) =>
    detect(surface.text).map(({ sentinel, fragment }) => ({ sentinel, fragment, where: surface.where })),
  );
}

/** Fails with every place an embargoed sentinel, or a fragment of one, reached. */
export function expectNoLeaks(scope: LeakScope): void {
  const leaks = findLeaks(scope);
  if (leaks.length > 0) {
    const lines = leaks.map((l) => `  "${l.sentinel}" (as "${l.fragment ?? l.sentinel}") in ${l.where}`);
    throw new Error(`Embargoed text leaked:\n${lines.join('\n')}`);
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
