/**
 * Two runs that update one tracking issue at once must not erase each other's change. GitHub's REST API has no
 * conditional update for issues, so a writer never sends the state it read at its start: it sends its own change
 * (what differs between the state it read, `base`, and the state it wants, `mine`) merged into the issue as it is
 * just before the write (`current`), and afterwards checks that no concurrent writer reverted it (`lostChanges`).
 * Pure: tracker.ts does the reading and writing.
 *
 * Merge rules, per state field a writer changed:
 * - `escalated` and `notified` only grow: the writer's additions are added to what is there.
 * - `approvals` (one record per person) only grow: records of people not there yet are added.
 * - `deadlineMoves` (a history of recorded moves) only grow: moves not there yet are added, in the writer's order.
 * - `checklist` (one record per item) is merged item by item: the items the writer set or removed, the others as now.
 * - any other field is set to the writer's value (or removed, when the writer removed it).
 * Fields the writer did not change keep the value they have now, whoever set it.
 */
import type { TrackerState } from './tracker-state.js';

type Fields = Record<string, unknown>;

/** Fields that only grow: a writer adds entries and never removes one. */
const GROWING = ['escalated', 'notified'] as const;

/** A value as text with object keys sorted, so two equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Fields)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The state fields `mine` changed relative to `base`. */
export function changedFields(base: TrackerState, mine: TrackerState): string[] {
  const keys = new Set([...Object.keys(base), ...Object.keys(mine)]);
  return [...keys].filter((key) => !same((base as unknown as Fields)[key], (mine as unknown as Fields)[key]));
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

interface Keyed {
  readonly login: string;
}

const records = (value: unknown): Keyed[] =>
  Array.isArray(value) ? value.filter((item): item is Keyed => typeof (item as Keyed | null)?.login === 'string') : [];

const loginKey = (record: Keyed): string => record.login.toLowerCase();

/** Fields of whole records that only grow, a record identified by its content. */
const GROWING_RECORDS = ['deadlineMoves'] as const;

const isGrowingRecords = (key: string): boolean => (GROWING_RECORDS as readonly string[]).includes(key);

const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The entries `mine` added to a growing field (relative to `base`). */
function added(key: string, base: unknown, mine: unknown): unknown[] {
  if (isGrowingRecords(key)) {
    const had = new Set(items(base).map(canonical));
    return items(mine).filter((record) => !had.has(canonical(record)));
  }
  if (key === 'approvals') {
    const had = new Set(records(base).map(loginKey));
    return records(mine).filter((record) => !had.has(loginKey(record)));
  }
  const had = new Set(strings(base));
  return strings(mine).filter((item) => !had.has(item));
}

/** Whether a growing field of `current` holds `entry`. */
function holds(key: string, current: unknown, entry: unknown): boolean {
  if (isGrowingRecords(key)) return items(current).some((record) => same(record, entry));
  if (key === 'approvals') return records(current).some((record) => loginKey(record) === loginKey(entry as Keyed));
  return strings(current).includes(entry as string);
}

const isGrowing = (key: string): boolean =>
  key === 'approvals' || isGrowingRecords(key) || (GROWING as readonly string[]).includes(key);

/** Fields holding one record per key (a checklist item): writers confirming different items do not erase each other. */
const isKeyed = (key: string): boolean => key === 'checklist';

const entriesOf = (value: unknown): Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};

/** The keys of a keyed field whose record differs between `base` and `mine`. */
const changedKeys = (base: unknown, mine: unknown): string[] =>
  changedFields(entriesOf(base) as unknown as TrackerState, entriesOf(mine) as unknown as TrackerState);

/** `current`'s keyed field with the keys `mine` changed (relative to `base`) set or removed; undefined when empty. */
function mergeKeyed(base: unknown, mine: unknown, current: unknown): Fields | undefined {
  const merged: Fields = { ...entriesOf(current) };
  for (const key of changedKeys(base, mine)) {
    const value = entriesOf(mine)[key];
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** `current` with the change from `base` to `mine` applied (see the rules above). */
export function mergeState(base: TrackerState, mine: TrackerState, current: TrackerState): TrackerState {
  const merged: Fields = { ...(current as unknown as Fields) };
  const baseFields = base as unknown as Fields;
  const mineFields = mine as unknown as Fields;
  for (const key of changedFields(base, mine)) {
    if (isGrowing(key)) {
      const have = Array.isArray(merged[key]) ? (merged[key] as unknown[]) : [];
      const extra = added(key, baseFields[key], mineFields[key]).filter((entry) => !holds(key, have, entry));
      merged[key] = [...have, ...extra];
    } else if (isKeyed(key)) {
      const keyed = mergeKeyed(baseFields[key], mineFields[key], merged[key]);
      if (keyed) merged[key] = keyed;
      else delete merged[key];
    } else if (mineFields[key] === undefined) {
      delete merged[key];
    } else {
      merged[key] = mineFields[key];
    }
  }
  return merged as unknown as TrackerState;
}

/**
 * The fields of the change from `base` to `mine` that `current` no longer has because a writer that had not seen it
 * wrote over it: a growing field missing an entry this writer added, or a field back at its `base` value. A field a
 * later writer set to a third value was changed on purpose after this one, and is not reported.
 */
export function lostChanges(base: TrackerState, mine: TrackerState, current: TrackerState): string[] {
  const baseFields = base as unknown as Fields;
  const mineFields = mine as unknown as Fields;
  const currentFields = current as unknown as Fields;
  return changedFields(base, mine).filter((key) => {
    if (isGrowing(key)) {
      return added(key, baseFields[key], mineFields[key]).some((entry) => !holds(key, currentFields[key], entry));
    }
    if (isKeyed(key)) {
      const [was, wanted, now] = [baseFields[key], mineFields[key], currentFields[key]].map(entriesOf);
      return changedKeys(was, wanted).some(
        (item) => same(now?.[item], was?.[item]) && !same(now?.[item], wanted?.[item]),
      );
    }
    return same(currentFields[key], baseFields[key]) && !same(currentFields[key], mineFields[key]);
  });
}

/** The text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`, trimmed; undefined without the section. */
export function readSection(body: string, name: string): string | undefined {
  const start = `<!-- section:${name} -->`;
  const end = `<!-- /section:${name} -->`;
  const from = body.indexOf(start);
  const to = body.indexOf(end);
  if (from === -1 || to === -1 || to < from) return undefined;
  return body.slice(from + start.length, to).trim();
}

/**
 * The sections this writer set (`mine`, name to content) that `current` has back as they were in `base`: written
 * over by a writer that had not seen them. A section another writer changed since is theirs, and not reported.
 */
export function lostSections(baseBody: string, mine: Readonly<Record<string, string>>, currentBody: string): string[] {
  return Object.entries(mine)
    .filter(([name, content]) => {
      const before = readSection(baseBody, name);
      const now = readSection(currentBody, name);
      return now !== content.trim() && now === before && before !== content.trim();
    })
    .map(([name]) => name);
}
