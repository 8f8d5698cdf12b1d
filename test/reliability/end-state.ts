/**
 * Comparing the state two runs left (a faulted or interrupted run against an undisturbed one), and finding
 * duplicates. Ids and wall-clock fields differ between emulators and are replaced; so are the times the runs
 * happened at, which an interrupted run's follow-up may stamp later than the undisturbed run did.
 */
import { readTrackerState } from '../../src/domain/tracker-state.js';
import type { EmulatorState } from '../emulator/types.js';

const ID_KEYS = new Set(['id', 'readyAt']);

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
const UNORDERED = ['issueComments', 'advisoryComments', 'labels', 'webhookDeliveries', 'discussions'] as const;

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
    Object.entries(renumbered).filter(([key]) => !['now', 'nextId', 'tokens'].includes(key)),
  );
  kept.issueComments = renumbered.issueComments.filter((comment) => !options.ignoreComment?.(comment.body));
  const normalised = normaliseValue(kept, normaliser) as Record<string, unknown>;
  for (const key of UNORDERED) {
    const list = normalised[key];
    if (Array.isArray(list)) normalised[key] = list.map((item) => JSON.stringify(item)).sort();
  }
  return normalised;
}

/** Each thing that exists more than once where the actions promise one: `what: key (n times)`. */
export function duplicates(state: EmulatorState): string[] {
  const found: string[] = [];
  const count = (what: string, keys: readonly string[]): void => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const [key, n] of counts) if (n > 1) found.push(`${what}: ${key.slice(0, 120)} (${n} times)`);
  };
  const openIssues = state.issues.filter((issue) => issue.state === 'open' || issue.stateReason !== 'duplicate');
  count(
    'tracking issue',
    openIssues.flatMap((issue) => {
      const key = readTrackerState(issue.body)?.key;
      return key ? [`${issue.repo} ${key}`] : [];
    }),
  );
  count(
    'issue',
    openIssues.map((issue) => `${issue.repo} ${issue.title}`),
  );
  count(
    'issue comment',
    state.issueComments.map((comment) => `${comment.repo}#${comment.issueNumber} ${comment.body}`),
  );
  count(
    'advisory comment',
    state.advisoryComments.map((comment) => `${comment.ghsaId} ${comment.body}`),
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
