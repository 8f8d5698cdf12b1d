/**
 * The inventory remembered between sweeps (src/domain/inventory.ts): which batch a run checks, how a check replaces
 * what was remembered, and how leniently a damaged state block is read.
 */
import { describe, expect, it } from '@jest/globals';
import {
  batchForRun,
  emptyInventory,
  GAP_TEXT,
  gapsOf,
  mergeInventoryBatch,
  parseInventory,
} from '../../src/domain/inventory.js';

describe('batchForRun', () => {
  it('maps run numbers before the first (a re-run of run 0, odd counts) into the batches too', () => {
    expect([0, -1, -2, -3].map((run) => batchForRun(run, 3))).toEqual([3, 2, 1, 3]);
    expect(batchForRun(4, -2)).toBe(1);
    expect(batchForRun(2, 2)).toBe(2);
  });
});

describe('mergeInventoryBatch', () => {
  it('lists gaps by repository name, each one’s kinds sorted', () => {
    const state = mergeInventoryBatch(emptyInventory(), 1, 1, [
      { repository: 'o/zeta', kinds: ['reporting-unknown', 'no-security-policy'] },
      { repository: 'o/alpha', kinds: ['reporting-disabled'] },
    ]);
    expect(state).toEqual({
      batches: 1,
      checked: [1],
      gaps: [
        { repository: 'o/alpha', batch: 1, kinds: ['reporting-disabled'] },
        { repository: 'o/zeta', batch: 1, kinds: ['no-security-policy', 'reporting-unknown'] },
      ],
    });
  });

  it('matches a re-checked repository whatever the case of its name', () => {
    const first = mergeInventoryBatch(emptyInventory(), 1, 2, [
      { repository: 'Org/App', kinds: ['reporting-disabled'] },
    ]);
    const second = mergeInventoryBatch(first, 2, 2, [{ repository: 'org/app', kinds: [] }]);
    expect(second.gaps).toEqual([]);
  });

  it('keeps the batches checked in order, once each', () => {
    let state = mergeInventoryBatch(emptyInventory(), 3, 3, []);
    state = mergeInventoryBatch(state, 1, 3, []);
    state = mergeInventoryBatch(state, 3, 3, []);
    expect(state.checked).toEqual([1, 3]);
    state = mergeInventoryBatch(state, 2, 3, []);
    expect(state.checked).toEqual([1, 2, 3]);
  });

  it('keeps gaps of other batches it did not re-check', () => {
    const first = mergeInventoryBatch(emptyInventory(), 1, 2, [{ repository: 'o/a', kinds: ['reporting-disabled'] }]);
    const second = mergeInventoryBatch(first, 2, 2, []);
    expect(second.gaps).toEqual([{ repository: 'o/a', batch: 1, kinds: ['reporting-disabled'] }]);
    expect(second.checked).toEqual([1, 2]);
  });

  it('does not change the kinds it was given', () => {
    const kinds = ['reporting-unknown' as const, 'no-security-policy' as const];
    mergeInventoryBatch(emptyInventory(), 1, 1, [{ repository: 'o/a', kinds }]);
    expect(kinds).toEqual(['reporting-unknown', 'no-security-policy']);
  });
});

describe('gapsOf', () => {
  it('lists the repositories with one kind of gap', () => {
    const state = mergeInventoryBatch(emptyInventory(), 1, 1, [
      { repository: 'o/a', kinds: ['reporting-disabled', 'no-security-policy'] },
      { repository: 'o/b', kinds: ['no-security-policy'] },
    ]);
    expect(gapsOf(state, 'no-security-policy')).toEqual(['o/a', 'o/b']);
    expect(gapsOf(state, 'reporting-disabled')).toEqual(['o/a']);
    expect(gapsOf(state, 'reporting-unknown')).toEqual([]);
  });

  it('describes each kind of gap in words', () => {
    expect(GAP_TEXT).toEqual({
      'reporting-disabled': 'private vulnerability reporting is off',
      'no-security-policy': 'no SECURITY.md (repository, .github/, docs/ or the organization’s .github repository)',
      'reporting-unknown':
        'cannot tell whether private vulnerability reporting is on (the token lacks "Administration: read")',
    });
  });
});

describe('parseInventory', () => {
  it('starts afresh from anything that is not an object', () => {
    expect(parseInventory(undefined)).toEqual({ batches: 1, checked: [], gaps: [] });
    expect(parseInventory('text')).toEqual(emptyInventory());
    expect(parseInventory(7)).toEqual(emptyInventory());
  });

  it('takes a whole number of batches, at least one', () => {
    expect(parseInventory({ batches: 2.7 }).batches).toBe(2);
    expect(parseInventory({ batches: 1 }).batches).toBe(1);
    expect(parseInventory({ batches: 0.5 }).batches).toBe(1);
    expect(parseInventory({ batches: 0 }).batches).toBe(1);
    expect(parseInventory({ batches: '3' }).batches).toBe(1);
  });

  it('reads lists that are not lists as empty', () => {
    expect(parseInventory({ batches: 2, checked: 'x', gaps: { a: 1 } })).toEqual({ batches: 2, checked: [], gaps: [] });
  });

  it('drops gaps without a text repository, a number batch or a list of known kinds', () => {
    const good = { repository: 'o/a', batch: 1, kinds: ['no-security-policy', 'reporting-unknown'] };
    const parsed = parseInventory({
      gaps: [
        good,
        null,
        { repository: 5, batch: 1, kinds: [] },
        { repository: 'o/b', batch: '1', kinds: [] },
        { repository: 'o/c', batch: 1, kinds: 'reporting-disabled' },
        { repository: 'o/d', batch: 1, kinds: [3] },
        { repository: 'o/e', batch: 1, kinds: ['reporting-disabled', 'nope'] },
      ],
    });
    expect(parsed.gaps).toEqual([good]);
  });
});
