/** The benchmark's targets (issue 12), checked against a run's results: reported, never asserted by the tests. */
import type { StartupReport } from './startup.js';
import type { Measured, ScaleResult } from './sweeps.js';

export const TARGETS = {
  /** sla-check requests at the largest scale, as a multiple of the floor (organisation list usable). */
  floorMultiple: 1.2,
  /** sla-check wall time at the largest scale with 50 ms latency, in ms. */
  sweepWallMs: 10_000,
  /** Peak RSS of the sla-check process, in kilobytes (150 MB). */
  peakRssKb: 150 * 1024,
  /** A complete minimal run against `node -e 0`. */
  startupRatio: 1.7,
  /** The JavaScript of a bundle (index.js and its lazy chunks), in bytes. */
  bundleBytes: 1_000_000,
} as const;

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

const run = (scale: ScaleResult, label: string): Measured | undefined => scale.runs.find((r) => r.label === label);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

function sweepChecks(largest: ScaleResult): TargetCheck[] {
  const fresh = run(largest, 'sla-check, fresh sweep');
  const quiet = run(largest, 'sla-check, no-change sweep');
  const where = `${largest.scale.repos} repos / ${largest.scale.advisories} advisories`;
  if (!fresh || !quiet) return [{ target: `sla-check at ${where}`, measured: 'not measured', met: undefined }];
  const ok = (r: Measured): boolean => r.exitCode === 0;
  const rssCheck = (r: Measured, which: string): TargetCheck => ({
    target: `sla-check peak RSS < ${mb(TARGETS.peakRssKb)}, ${which}`,
    measured: r.peakRssKb === undefined ? 'not measured' : mb(r.peakRssKb),
    met: r.peakRssKb === undefined ? undefined : r.peakRssKb < TARGETS.peakRssKb,
  });
  return [
    {
      target: `sla-check at ${where}, no-change sweep: requests ≤ ${TARGETS.floorMultiple}× the floor`,
      measured: `${quiet.requests} requests, floor ${largest.floor}: ${quiet.floorMultiple.toFixed(2)}×`,
      met: ok(quiet) && quiet.floorMultiple <= TARGETS.floorMultiple,
    },
    {
      target: 'sla-check no-change sweep: zero writes',
      measured: `${quiet.writes} writes`,
      met: ok(quiet) && quiet.writes === 0,
    },
    {
      target: `sla-check wall time < ${seconds(TARGETS.sweepWallMs)} (50 ms latency), no-change sweep`,
      measured: seconds(quiet.wallMs),
      met: ok(quiet) && quiet.wallMs < TARGETS.sweepWallMs,
    },
    {
      target: `sla-check wall time < ${seconds(TARGETS.sweepWallMs)} (50 ms latency), fresh sweep (first run: every report labelled and commented)`,
      measured: `${seconds(fresh.wallMs)} (${fresh.writes} writes)`,
      met: ok(fresh) && fresh.wallMs < TARGETS.sweepWallMs,
    },
    rssCheck(quiet, 'no-change sweep'),
    rssCheck(fresh, 'fresh sweep'),
  ];
}

function startupChecks(startup: StartupReport): TargetCheck[] {
  return startup.actions.flatMap((action) => [
    {
      target: `${action.name}: minimal run < ${TARGETS.startupRatio}× \`node -e 0\``,
      measured: action.ratio === undefined ? 'failed' : `${action.ratio.toFixed(2)}×`,
      met: action.ratio === undefined ? undefined : action.ratio < TARGETS.startupRatio,
    },
    {
      target: `${action.name}: bundle JavaScript < ${(TARGETS.bundleBytes / 1e6).toFixed(0)} MB`,
      measured: action.jsBytes === undefined ? 'missing' : `${(action.jsBytes / 1e6).toFixed(2)} MB`,
      met: action.jsBytes === undefined ? undefined : action.jsBytes < TARGETS.bundleBytes,
    },
  ]);
}

export function checkTargets(scales: readonly ScaleResult[], startup: StartupReport | undefined): TargetCheck[] {
  const largest = [...scales].sort((a, b) => b.scale.advisories - a.scale.advisories)[0];
  return [...(largest ? sweepChecks(largest) : []), ...(startup ? startupChecks(startup) : [])];
}
