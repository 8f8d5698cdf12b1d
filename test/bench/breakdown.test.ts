import { describe, expect, it } from '@jest/globals';
import { groupOf, OUR_CODE } from './breakdown.js';
import { WIDE, WIDE_FRESH_LABEL, type Measured, type ScaleResult } from './sweeps.js';
import { checkTargets } from './targets.js';

describe('grouping bundled files by library', () => {
  it('reads webpack stats names and source-map names alike', () => {
    expect(groupOf('./node_modules/undici/lib/web/fetch/index.js')).toMatch(/^undici/);
    expect(groupOf('../node_modules/undici/lib/core/tree.js')).toMatch(/^undici/);
    expect(groupOf('./node_modules/@actions/github/node_modules/@actions/http-client/lib/index.js')).toMatch(/^undici/);
    expect(groupOf('../node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js')).toBe(
      '@actions/github + octokit',
    );
    expect(groupOf('../node_modules/bottleneck/light.js')).toBe('retry/throttling + bottleneck');
    expect(groupOf('./src/actions/sla-check/main.ts')).toBe(OUR_CODE);
    expect(groupOf('../src/domain/deadlines.ts')).toBe(OUR_CODE);
    expect(groupOf('webpack/runtime/define property getters')).toBe('other');
  });
});

interface RunFigures {
  readonly requests: number;
  readonly writes: number;
  readonly wallMs: number;
  readonly peakRssKb?: number;
}

const run = (label: string, measured: RunFigures): Measured => ({
  label,
  peakRssKb: 100 * 1024,
  ...measured,
  reads: measured.requests - measured.writes,
  exitCode: 0,
  floorMultiple: measured.requests / 10,
});

function scale(noChange: RunFigures): ScaleResult {
  return {
    scale: { name: 'large', repos: 5000, advisories: 10000 },
    world: {
      repos: 5000,
      advisories: 10000,
      byState: { published: 8500, closed: 1000, triage: 300, draft: 200, withdrawn: 0 },
      open: 500,
      trackerIssues: 485,
      newReports: 15,
    },
    floor: 10,
    seedMs: 1,
    runs: [
      run('sla-check, fresh sweep', { requests: 1500, writes: 1490, wallMs: 20_000 }),
      run('sla-check, no-change sweep', noChange),
    ],
    naive: [],
  };
}

describe('the targets', () => {
  it('holds the no-change sweep to 1.2x the floor, zero writes and 10 s', () => {
    const met = checkTargets([scale({ requests: 12, writes: 0, wallMs: 1_000 })], undefined);
    expect(met.slice(0, 3).map((check) => check.met)).toEqual([true, true, true]);
    const missed = checkTargets([scale({ requests: 13, writes: 1, wallMs: 11_000 })], undefined);
    expect(missed.slice(0, 3).map((check) => check.met)).toEqual([false, false, false]);
  });

  it('reports the fresh sweep against the wall-time target too', () => {
    const fresh = checkTargets([scale({ requests: 12, writes: 0, wallMs: 1_000 })], undefined)[3];
    expect(fresh).toMatchObject({ met: false, measured: '20.00 s (1490 writes)' });
  });

  it('reports the fresh sweep at the largest concurrency when it was measured', () => {
    const measured = scale({ requests: 12, writes: 0, wallMs: 1_000 });
    measured.runs.push(run(WIDE_FRESH_LABEL, { requests: 1500, writes: 1490, wallMs: 9_000, peakRssKb: 120 * 1024 }));
    const checks = checkTargets([measured], undefined).filter((check) => check.target.includes(WIDE));
    expect(checks.map((check) => [check.measured, check.met])).toEqual([
      ['9.00 s (1490 writes)', true],
      ['120 MB', true],
    ]);
  });
});
