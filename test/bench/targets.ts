/** The benchmark's targets (issues 12 and 20), checked against a run's results: reported, never asserted by the tests. */
import type { StartupReport } from './startup.js';
import { WIDE, WIDE_FRESH_LABEL, type Measured, type ScaleResult } from './sweeps.js';

export const TARGETS = {
  /** sla-check requests at the largest scale, as a multiple of the floor (organisation list usable). */
  floorMultiple: 1.2,
  /** sla-check wall time at the largest scale with 50 ms latency, in ms. */
  sweepWallMs: 10_000,
  /** Peak RSS of the sla-check process, in kilobytes (150 MB). */
  peakRssKb: 150 * 1024,
  /** An action started with no inputs (failing on its token), and release-gate's `next`, against `node -e 0`. */
  startupRatio: 1.7,
  /** A minimal run that makes requests against its floor (a bare node:http script making the same reads). */
  floorRatio: 1.3,
  /** The JavaScript an action loads at start (index.js), in bytes. */
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
  const wide = run(largest, WIDE_FRESH_LABEL);
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
    ...(wide
      ? [
          {
            target: `sla-check wall time < ${seconds(TARGETS.sweepWallMs)} (50 ms latency), fresh sweep, ${WIDE}`,
            measured: `${seconds(wide.wallMs)} (${wide.writes} writes)`,
            met: ok(wide) && wide.wallMs < TARGETS.sweepWallMs,
          },
          rssCheck(wide, `fresh sweep, ${WIDE}`),
        ]
      : []),
    rssCheck(quiet, 'no-change sweep'),
    rssCheck(fresh, 'fresh sweep'),
  ];
}

const times = (ratio: number | undefined): string => (ratio === undefined ? 'failed' : `${ratio.toFixed(2)}×`);

function startupChecks(startup: StartupReport): TargetCheck[] {
  return startup.actions.flatMap((action) => {
    const started = action.noInputRatio ?? (action.name === 'release-gate' ? action.ratio : undefined);
    const what = action.noInputRatio === undefined ? 'mode next' : 'started with no inputs';
    const checks: TargetCheck[] = [
      {
        target: `${action.name}: ${what} ≤ ${TARGETS.startupRatio}× \`node -e 0\``,
        measured: times(started),
        met: started === undefined ? undefined : started <= TARGETS.startupRatio,
      },
    ];
    if (action.floorReads !== undefined) {
      checks.push({
        target: `${action.name}: minimal run ≤ ${TARGETS.floorRatio}× its floor (${action.floorReads} read${action.floorReads === 1 ? '' : 's'} on bare node:http)`,
        measured: times(action.floorRatio),
        met: action.floorRatio === undefined ? undefined : action.floorRatio <= TARGETS.floorRatio,
      });
    }
    checks.push({
      target: `${action.name}: JavaScript loaded at start (index.js) < ${(TARGETS.bundleBytes / 1e6).toFixed(0)} MB`,
      measured: action.indexBytes === undefined ? 'missing' : `${(action.indexBytes / 1e6).toFixed(2)} MB`,
      met: action.indexBytes === undefined ? undefined : action.indexBytes < TARGETS.bundleBytes,
    });
    return checks;
  });
}

export function checkTargets(scales: readonly ScaleResult[], startup: StartupReport | undefined): TargetCheck[] {
  const largest = [...scales].sort((a, b) => b.scale.advisories - a.scale.advisories)[0];
  return [...(largest ? sweepChecks(largest) : []), ...(startup ? startupChecks(startup) : [])];
}
