import { describe, expect, it } from '@jest/globals';
import { TRACKER_LABEL } from '../../src/actions/common/tracker.js';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import { applySeed, defaultSeed } from '../emulator/seed.js';
import { createState } from '../emulator/state.js';
import type { EmulatorState } from '../emulator/types.js';
import { median, semiInterquartileRange } from './stats.js';
import { BENCH_NOW, floorRequests, ORG, seedWorld, stateCounts, TRACKER } from './world.js';

function seeded(repos: number, advisories: number): { state: EmulatorState; counts: ReturnType<typeof seedWorld> } {
  const state = createState(BENCH_NOW);
  applySeed(state, defaultSeed());
  return { state, counts: seedWorld(state, { name: 'test', repos, advisories }) };
}

describe('the benchmark world', () => {
  it('splits advisories into the mix and the counts add up', () => {
    expect(stateCounts(10_000)).toEqual({ published: 8_500, closed: 1_000, triage: 300, draft: 200 });
    const odd = stateCounts(333);
    expect(odd.published + odd.closed + odd.triage + odd.draft).toBe(333);
  });

  it('seeds the org with exactly the scale, the states of the mix, and one tracking issue per tracked open report', () => {
    const { state, counts } = seeded(100, 200);
    expect(state.repos.filter((repo) => repo.owner === ORG)).toHaveLength(100);
    expect(state.advisories).toHaveLength(200);
    const byState = (name: string) => state.advisories.filter((advisory) => advisory.state === name).length;
    expect([byState('published'), byState('closed'), byState('triage'), byState('draft')]).toEqual([170, 20, 6, 4]);
    expect(state.advisories.every((advisory) => advisory.repo !== TRACKER)).toBe(true);

    const tracked = state.issues.filter((issue) => issue.repo === TRACKER && issue.labels.includes(TRACKER_LABEL));
    expect(tracked).toHaveLength(counts.trackerIssues);
    expect(counts.trackerIssues).toBe(counts.open - counts.newReports);
    const keys = tracked.map((issue) => readTrackerState(issue.body)?.key);
    const open = state.advisories.filter((advisory) => advisory.state === 'triage' || advisory.state === 'draft');
    const untracked = open.filter((advisory) => !keys.includes(advisory.ghsaId));
    expect(untracked).toHaveLength(counts.newReports);
    expect(untracked.every((advisory) => advisory.state === 'triage')).toBe(true);
  });

  it('is deterministic: the same scale gives the same world', () => {
    const first = seeded(100, 200).state;
    const second = seeded(100, 200).state;
    expect(second.advisories.map((a) => [a.repo, a.state, a.createdAt])).toEqual(
      first.advisories.map((a) => [a.repo, a.state, a.createdAt]),
    );
  });

  it('counts the floor as one request per 100 open advisories plus one per 100 tracking issues', () => {
    expect(floorRequests({ open: 500, trackerIssues: 485 })).toBe(10);
    expect(floorRequests({ open: 10, trackerIssues: 9 })).toBe(2);
    expect(floorRequests({ open: 101, trackerIssues: 0 })).toBe(2);
  });
});

describe('statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  it('measures the spread as half the interquartile range', () => {
    expect(semiInterquartileRange([1, 2, 3, 4, 5])).toBe(1);
    expect(semiInterquartileRange([7])).toBe(0);
  });
});
