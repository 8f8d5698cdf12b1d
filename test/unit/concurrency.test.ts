import { describe, expect, it } from '@jest/globals';
import { inScope } from '../../src/actions/common/advisory-sweep.js';
import { mapWithConcurrency, mapWithSlots } from '../../src/actions/common/concurrency.js';

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

describe('mapWithSlots', () => {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('keeps the order of the items and never has more than the limit working at once, pauses left out', async () => {
    let working = 0;
    let peak = 0;
    let peakWithPaused = 0;
    let started = 0;
    let finished = 0;
    const work = async (): Promise<void> => {
      working += 1;
      peak = Math.max(peak, working);
      await tick();
      working -= 1;
    };
    const results = await mapWithSlots([1, 2, 3, 4, 5, 6, 7], 2, async (n, pause) => {
      started += 1;
      peakWithPaused = Math.max(peakWithPaused, started - finished);
      await work();
      await pause(20);
      await work();
      finished += 1;
      return n * 10;
    });
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(2);
    // While two wait, two others start: the slots are not held by waiting.
    expect(peakWithPaused).toBeGreaterThan(2);
  });
  it('overlaps the pauses: with one slot, four tasks all wait at once', async () => {
    let waiting = 0;
    let peakWaiting = 0;
    await mapWithSlots([1, 2, 3, 4], 1, async (_n, pause) => {
      waiting += 1;
      peakWaiting = Math.max(peakWaiting, waiting);
      await pause(10);
      waiting -= 1;
    });
    expect(peakWaiting).toBe(4);
  });
  it('gives a slot to a task resuming after its pause before a task not started yet', async () => {
    const order: string[] = [];
    await mapWithSlots(['a', 'b', 'c'], 1, async (name, pause) => {
      order.push(`${name} starts`);
      if (name === 'a') {
        await pause(0);
        order.push('a resumes');
      } else {
        // Holds the slot past a's pause, so a is waiting for a slot when b gives it back.
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    });
    expect(order).toEqual(['a starts', 'b starts', 'a resumes', 'c starts']);
  });
  it('handles no items, and rejects when a task throws', async () => {
    expect(await mapWithSlots([], 8, async () => 1)).toEqual([]);
    await expect(
      mapWithSlots([1, 2, 3], 2, async (n) => {
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
