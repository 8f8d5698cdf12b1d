/**
 * SPEC 11's inventory: every repository in scope should take private vulnerability reports and say how to report
 * (a SECURITY.md in the repository, its `.github/` or `docs/`, or the organization's `.github` repository).
 * Checking costs requests per repository, so each sweep checks one batch and the results are remembered between
 * sweeps (in the dashboard's state block); the batch is chosen from the run number, so a re-run checks the same one.
 * Pure.
 */

import { compareText } from './text-order.js';

export type InventoryGapKind = 'reporting-disabled' | 'no-security-policy' | 'reporting-unknown';

export const GAP_TEXT: Readonly<Record<InventoryGapKind, string>> = {
  'reporting-disabled': 'private vulnerability reporting is off',
  'no-security-policy': 'no SECURITY.md (repository, .github/, docs/ or the organization’s .github repository)',
  'reporting-unknown':
    'cannot tell whether private vulnerability reporting is on (the token lacks "Administration: read")',
};

export interface InventoryGap {
  readonly repository: string;
  /** The batch it was found in: checking that batch again replaces it. */
  readonly batch: number;
  readonly kinds: readonly InventoryGapKind[];
}

export interface InventoryState {
  /** How many batches the scope splits into, as of the last check. */
  readonly batches: number;
  /** Batches checked since the split last changed. */
  readonly checked: readonly number[];
  readonly gaps: readonly InventoryGap[];
}

export interface RepositoryCheck {
  readonly repository: string;
  readonly kinds: readonly InventoryGapKind[];
}

/** Past this many remembered gaps the state block would outgrow an issue body (65,536 characters). */
export const MAX_REMEMBERED_GAPS = 1500;

export function emptyInventory(): InventoryState {
  return { batches: 1, checked: [], gaps: [] };
}

/** The 1-based batch a run checks: consecutive runs walk through all of them, a re-run repeats its own. */
export function batchForRun(runNumber: number, batches: number): number {
  const count = Math.max(1, batches);
  return ((((runNumber - 1) % count) + count) % count) + 1;
}

/**
 * The state after checking `batch` (of `batches`): gaps remembered from that batch are replaced by what the check
 * found, so fixed repositories and removed ones drop out.
 */
export function mergeInventoryBatch(
  state: InventoryState,
  batch: number,
  batches: number,
  checks: readonly RepositoryCheck[],
): InventoryState {
  const checkedNames = new Set(checks.map((check) => check.repository.toLowerCase()));
  const kept = state.gaps.filter((gap) => gap.batch !== batch && !checkedNames.has(gap.repository.toLowerCase()));
  const found = checks
    .filter((check) => check.kinds.length > 0)
    .map((check) => ({ repository: check.repository, batch, kinds: [...check.kinds].sort() }));
  const gaps = [...kept, ...found]
    .sort((a, b) => compareText(a.repository, b.repository))
    .slice(0, MAX_REMEMBERED_GAPS);
  const checked = batches === state.batches ? [...new Set([...state.checked, batch])].sort((a, b) => a - b) : [batch];
  return { batches, checked, gaps };
}

export function gapsOf(state: InventoryState, kind: InventoryGapKind): string[] {
  return state.gaps.filter((gap) => gap.kinds.includes(kind)).map((gap) => gap.repository);
}

/** Reads the remembered state leniently: anything malformed starts the inventory afresh. */
export function parseInventory(value: unknown): InventoryState {
  if (typeof value !== 'object' || value === null) return emptyInventory();
  const record = value as Record<string, unknown>;
  const batches = typeof record.batches === 'number' && record.batches >= 1 ? Math.floor(record.batches) : 1;
  const checked = Array.isArray(record.checked) ? record.checked.filter((n): n is number => typeof n === 'number') : [];
  const gaps = Array.isArray(record.gaps) ? record.gaps.filter(isGap) : [];
  return { batches, checked, gaps };
}

const KINDS: readonly string[] = Object.keys(GAP_TEXT);

function isGap(value: unknown): value is InventoryGap {
  if (typeof value !== 'object' || value === null) return false;
  const gap = value as Record<string, unknown>;
  return (
    typeof gap.repository === 'string' &&
    typeof gap.batch === 'number' &&
    Array.isArray(gap.kinds) &&
    gap.kinds.every((kind) => typeof kind === 'string' && KINDS.includes(kind))
  );
}
