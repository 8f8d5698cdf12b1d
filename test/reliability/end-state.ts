/**
 * Comparing the state two runs left (a faulted or interrupted run against an undisturbed one), and finding
 * duplicates. Ids and wall-clock fields differ between emulators and are replaced; so are the times the runs
 * happened at, which an interrupted run's follow-up may stamp later than the undisturbed run did.
 */
import { readTrackerState } from '../../src/domain/tracker-state.js';
import type { EmulatorState } from '../emulator/types.js';

/**
 * Fields that are the emulator's bookkeeping rather than what the runs left: ids, and real wall-clock times (when a
 * fork is ready, when an item became visible to the lagging listings, when a comment was deleted).
 */
const ID_KEYS = new Set(['id', 'readyAt', 'listedAt', 'deletedAt', 'commentId']);

interface Normaliser {
  readonly ids: ReadonlySet<number>;
  readonly runTimes: readonly string[];
}

/** The forms a run time takes in what the actions write: ISO with or without ms, and the `2026-01-06 10:00 UTC` form. */
function timeForms(iso: string): string[] {
  const date = new Date(iso);
  const full = date.toISOString();
  return [full, full.replace(/\.\d{3}Z$/, 'Z'), `${full.slice(0, 10)} ${full.slice(11, 16)} UTC`];
}

function normaliseText(text: string, normaliser: Normaliser): string {
  let result = text;
  for (const iso of normaliser.runTimes)
    for (const form of timeForms(iso)) result = result.split(form).join('<run-time>');
  // Numbers that are emulator ids (comment ids in state blocks, node ids) are not comparable between emulators.
  return result.replace(/\b\d{4,}\b/g, (digits) => (normaliser.ids.has(Number(digits)) ? '<id>' : digits));
}

function normaliseValue(value: unknown, normaliser: Normaliser): unknown {
  if (typeof value === 'string') return normaliseText(value, normaliser);
  if (Array.isArray(value)) return value.map((item) => normaliseValue(item, normaliser));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !ID_KEYS.has(key))
        .map(([key, item]) => [key, normaliseValue(item, normaliser)]),
    );
  }
  return value;
}

function collectIds(state: EmulatorState): Set<number> {
  const ids = new Set<number>();
  const lists: readonly { id: unknown }[][] = [
    state.issues,
    state.issueComments,
    state.labels,
    state.releases,
    state.advisoryComments,
  ];
  for (const list of lists) for (const item of list) if (typeof item.id === 'number') ids.add(item.id);
  return ids;
}

type Renumbering = ReadonlyMap<string, ReadonlyMap<number, number>>;

/**
 * Issue numbers in the order of the issues' content rather than of their creation: an action that opens several
 * issues at once gets them numbered in whatever order its (retried) requests arrived.
 */
function canonicalNumbers(state: EmulatorState): Renumbering {
  const byRepo = new Map<string, Map<number, number>>();
  const repos = [...new Set(state.issues.map((issue) => issue.repo))];
  const key = (issue: EmulatorState['issues'][number]): string =>
    `${issue.title}\n${(issue.body ?? '').replace(/\d+/g, '')}`;
  for (const repo of repos) {
    const issues = state.issues.filter((issue) => issue.repo === repo).sort((a, b) => key(a).localeCompare(key(b)));
    byRepo.set(repo, new Map(issues.map((issue, index) => [issue.number, index + 1])));
  }
  return byRepo;
}

function renumberText(text: string, numbers: Renumbering, home: string): string {
  return text
    .replace(/([\w.-]+\/[\w.-]+)\/issues\/(\d+)/g, (match, repo: string, number: string) => {
      const mapped = numbers.get(repo)?.get(Number(number));
      return mapped === undefined ? match : `${repo}/issues/${mapped}`;
    })
    .replace(/(^|[^\w&/])#(\d+)\b/g, (match, before: string, number: string) => {
      const mapped = numbers.get(home)?.get(Number(number));
      return mapped === undefined ? match : `${before}#${mapped}`;
    });
}

function renumber(state: EmulatorState, numbers: Renumbering, home: string): EmulatorState {
  const text = (value: string | null): string | null => (value === null ? null : renumberText(value, numbers, home));
  const issueNumber = (repo: string, number: number): number => numbers.get(repo)?.get(number) ?? number;
  return {
    ...state,
    issues: state.issues
      .map((issue) => ({ ...issue, number: issueNumber(issue.repo, issue.number), body: text(issue.body) }))
      .sort((a, b) => `${a.repo}#${a.number}`.localeCompare(`${b.repo}#${b.number}`)),
    issueComments: state.issueComments.map((comment) => ({
      ...comment,
      issueNumber: issueNumber(comment.repo, comment.issueNumber),
      body: renumberText(comment.body, numbers, home),
    })),
    discussions: state.discussions.map((discussion) => ({
      ...discussion,
      body: renumberText(discussion.body, numbers, home),
    })),
    advisoryComments: state.advisoryComments.map((comment) => ({
      ...comment,
      body: renumberText(comment.body, numbers, home),
    })),
    releases: state.releases.map((release) => ({ ...release, body: text(release.body) })),
    webhookDeliveries: state.webhookDeliveries.map((delivery) => ({
      ...delivery,
      body: JSON.parse(renumberText(JSON.stringify(delivery.body), numbers, home)) as unknown,
    })),
  };
}

/** Collections compared as multisets: creation order may differ when retries reorder concurrent requests. */
const UNORDERED = [
  'issueComments',
  'advisoryComments',
  'labels',
  'webhookDeliveries',
  'discussions',
  'notifications',
] as const;

export interface NormaliseOptions {
  readonly runTimes?: readonly string[];
  /** The repository a bare `#12` refers to (the private tracker). */
  readonly home?: string;
  /** Comments to leave out (e.g. ack-report's claim comments, a record an interrupted run's follow-up adds). */
  readonly ignoreComment?: (body: string) => boolean;
}

/** The state as comparable JSON: ids, wall-clock fields, run times and the emulator clock replaced. */
export function normalisedState(state: EmulatorState, options: NormaliseOptions = {}): Record<string, unknown> {
  const normaliser: Normaliser = { ids: collectIds(state), runTimes: options.runTimes ?? [] };
  const home = options.home ?? 'sample-org/security-tracker';
  const renumbered = renumber(state, canonicalNumbers(state), home);
  // The clock, the id counter and the tokens are the emulator's, not what the runs left.
  const kept: Record<string, unknown> = Object.fromEntries(
    // Deleted comments are kept only while the listings lag: what was deleted, not what the runs left.
    Object.entries(renumbered).filter(([key]) => !['now', 'nextId', 'tokens', 'deletedIssueComments'].includes(key)),
  );
  kept.issueComments = renumbered.issueComments.filter((comment) => !options.ignoreComment?.(comment.body));
  const normalised = normaliseValue(kept, normaliser) as Record<string, unknown>;
  for (const key of UNORDERED) {
    const list = normalised[key];
    if (Array.isArray(list)) normalised[key] = list.map((item) => JSON.stringify(item)).sort();
  }
  return normalised;
}

/** The machinery's marker in a text (`<!-- disclosure-actions:sla-escalation GHSA-… triage -->`), if any. */
function markerOf(text: string): string | undefined {
  return /<!-- disclosure-actions:[^>]*?-->/.exec(text)?.[0];
}

/**
 * Each thing that exists more than once where the actions promise one: `what: key (n times)`. Comments count as the
 * same when they carry the same marker (the machinery's identity for them), whatever else their text says, or, without
 * a marker, when their text is the same. Issues closed as duplicates do not count here (the live state has one): see
 * transientDuplicates.
 */
export function duplicates(state: EmulatorState): string[] {
  const found: string[] = [];
  const count = (what: string, keys: readonly string[]): void => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const [key, n] of counts) if (n > 1) found.push(`${what}: ${key.slice(0, 120)} (${n} times)`);
  };
  const live = state.issues.filter((issue) => issue.stateReason !== 'duplicate');
  count(
    'tracking issue',
    live.flatMap((issue) => {
      const key = readTrackerState(issue.body)?.key;
      return key ? [`${issue.repo} ${key}`] : [];
    }),
  );
  count(
    'issue',
    live.map((issue) => `${issue.repo} ${markerOf(issue.body ?? '') ?? issue.title}`),
  );
  count(
    'issue comment',
    state.issueComments.map(
      (comment) => `${comment.repo}#${comment.issueNumber} ${markerOf(comment.body) ?? comment.body}`,
    ),
  );
  count(
    'advisory comment',
    state.advisoryComments.map((comment) => `${comment.ghsaId} ${markerOf(comment.body) ?? comment.body}`),
  );
  count(
    'webhook delivery',
    state.webhookDeliveries.map((delivery) => JSON.stringify(delivery.body)),
  );
  count(
    'discussion',
    state.discussions.map((discussion) => `${discussion.repo} ${discussion.title}`),
  );
  return found;
}

/**
 * What existed for a while and was then undone, but was seen: issues closed as duplicates of another (their creation
 * notified the repository's watchers), and @mention notifications sent for a comment that no longer exists (GitHub
 * notifies on creation; deleting the comment does not take it back).
 */
export function transientDuplicates(state: EmulatorState): {
  closedAsDuplicate: string[];
  mentionsFromDeleted: string[];
} {
  const live = new Set(state.issueComments.map((comment) => comment.id));
  return {
    closedAsDuplicate: state.issues
      .filter((issue) => issue.stateReason === 'duplicate')
      .map((issue) => `${issue.repo}#${issue.number} ${issue.title}`),
    mentionsFromDeleted: state.notifications
      .filter((n) => n.kind === 'issue-comment' && n.commentId !== null && !live.has(n.commentId))
      .map((n) => `${n.mentioned.join(', ')} by comment ${n.commentId} on ${n.issue?.repo}#${n.issue?.number}`),
  };
}

/** `a` and `b` side by side around where they first differ. */
function textDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at += 1;
  const around = (text: string): string => JSON.stringify(text.slice(Math.max(0, at - 40), at + 60));
  return `${around(a)} where the fault-free run has ${around(b)}`;
}

function itemDifference(a: unknown, b: unknown): string {
  const parse = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  };
  const [x, y] = [parse(a), parse(b)];
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])];
    return fields
      .filter(
        (field) =>
          JSON.stringify((x as Record<string, unknown>)[field]) !==
          JSON.stringify((y as Record<string, unknown>)[field]),
      )
      .map((field) => {
        const [p, q] = [(x as Record<string, unknown>)[field], (y as Record<string, unknown>)[field]];
        return typeof p === 'string' && typeof q === 'string'
          ? `${field}: ${textDifference(p, q)}`
          : `${field}: ${JSON.stringify(p)} where the fault-free run has ${JSON.stringify(q)}`;
      })
      .join('; ');
  }
  const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 300));
  return `${show(a)} where the fault-free run has ${show(b)}`;
}

/** Where two normalised states differ: each top-level collection that does, with its first differing entry. */
export function stateDifferences(actual: Record<string, unknown>, expected: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  return keys.flatMap((key) => {
    const a = actual[key];
    const e = expected[key];
    if (JSON.stringify(a) === JSON.stringify(e)) return [];
    if (Array.isArray(a) && Array.isArray(e)) {
      const at = a.findIndex((item, index) => JSON.stringify(item) !== JSON.stringify(e[index]));
      const index = at === -1 ? Math.min(a.length, e.length) : at;
      return [`${key}[${index}]: ${itemDifference(a[index], e[index])}`];
    }
    return [`${key}: ${itemDifference(a, e)}`];
  });
}
