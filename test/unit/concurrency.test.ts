import { describe, expect, it } from '@jest/globals';
import { inScope } from '../../src/actions/common/advisory-sweep.js';
import { mapWithConcurrency } from '../../src/actions/common/concurrency.js';

describe('mapWithConcurrency', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 5, 20, 1, 10, 2, 15], 3, async (ms, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2', '6:15']);
    expect(peak).toBe(3);
  });
  it('handles no items and a limit larger than the list', async () => {
    expect(await mapWithConcurrency([], 8, async () => 1)).toEqual([]);
    expect(await mapWithConcurrency([1, 2], 8, async (n) => n * 2)).toEqual([2, 4]);
  });
  it('rejects when a task throws', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
  });
});

describe('inScope', () => {
  const scope = { organization: 'Org', repositories: [{ owner: 'other', repo: 'Tool' }] };
  it('holds the organization and the listed repositories, whatever the case', () => {
    expect(inScope(scope, 'org/anything')).toBe(true);
    expect(inScope(scope, 'Other/tool')).toBe(true);
    expect(inScope(scope, 'other/else')).toBe(false);
    expect(inScope({ organization: undefined, repositories: [] }, 'org/x')).toBe(false);
  });
});
