import { describe, expect, it } from '@jest/globals';
import {
  batchForRun,
  emptyInventory,
  gapsOf,
  MAX_REMEMBERED_GAPS,
  mergeInventoryBatch,
  parseInventory,
} from '../../src/domain/inventory.js';

describe('batchForRun', () => {
  it('walks through every batch on consecutive runs and repeats on a re-run', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((run) => batchForRun(run, 3))).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expect(batchForRun(42, 1)).toBe(1);
    expect(batchForRun(5, 0)).toBe(1);
  });
});

describe('mergeInventoryBatch', () => {
  it('replaces what was remembered of the batch it checks and keeps the rest', () => {
    const first = mergeInventoryBatch(emptyInventory(), 1, 2, [
      { repository: 'o/a', kinds: ['reporting-disabled'] },
      { repository: 'o/b', kinds: [] },
    ]);
    const second = mergeInventoryBatch(first, 2, 2, [{ repository: 'o/c', kinds: ['no-security-policy'] }]);
    expect(second.checked).toEqual([1, 2]);
    expect(gapsOf(second, 'reporting-disabled')).toEqual(['o/a']);
    // o/a fixed, o/d gone from the organization: re-checking batch 1 forgets both.
    const withGone = mergeInventoryBatch(second, 1, 2, [{ repository: 'o/a', kinds: [] }]);
    expect(withGone.gaps).toEqual([{ repository: 'o/c', batch: 2, kinds: ['no-security-policy'] }]);
  });

  it('moves a repository found in another batch instead of listing it twice', () => {
    const state = mergeInventoryBatch(emptyInventory(), 1, 2, [{ repository: 'o/a', kinds: ['reporting-disabled'] }]);
    const moved = mergeInventoryBatch(state, 2, 2, [{ repository: 'o/a', kinds: ['no-security-policy'] }]);
    expect(moved.gaps).toEqual([{ repository: 'o/a', batch: 2, kinds: ['no-security-policy'] }]);
  });

  it('restarts the coverage when the number of batches changes', () => {
    const state = mergeInventoryBatch(emptyInventory(), 1, 3, []);
    expect(mergeInventoryBatch({ ...state, checked: [1, 2] }, 3, 4, []).checked).toEqual([3]);
  });

  it('is unchanged (same JSON) when a batch is re-checked with the same results', () => {
    const checks = [{ repository: 'o/a', kinds: ['reporting-disabled' as const, 'no-security-policy' as const] }];
    const once = mergeInventoryBatch(emptyInventory(), 1, 1, checks);
    expect(JSON.stringify(mergeInventoryBatch(once, 1, 1, checks))).toBe(JSON.stringify(once));
  });

  it('caps what it remembers', () => {
    const checks = Array.from({ length: MAX_REMEMBERED_GAPS + 10 }, (_, i) => ({
      repository: `o/r${String(i).padStart(5, '0')}`,
      kinds: ['no-security-policy' as const],
    }));
    expect(mergeInventoryBatch(emptyInventory(), 1, 1, checks).gaps).toHaveLength(MAX_REMEMBERED_GAPS);
  });
});

describe('parseInventory', () => {
  it('reads a remembered state and drops what it does not understand', () => {
    const parsed = parseInventory({
      batches: 3,
      checked: [1, 'x'],
      gaps: [
        { repository: 'o/a', batch: 1, kinds: ['reporting-disabled'] },
        { repository: 'o/b', batch: 1, kinds: ['made-up'] },
        'junk',
      ],
    });
    expect(parsed).toEqual({
      batches: 3,
      checked: [1],
      gaps: [{ repository: 'o/a', batch: 1, kinds: ['reporting-disabled'] }],
    });
    expect(parseInventory(null)).toEqual(emptyInventory());
  });
});
