/** The shape of a benchmark run's results, as written to the committed JSON file. */
import type { ProbeResult } from './breakdown.js';
import type { EndpointSpeed } from './emulator-speed.js';
import type { StartupReport } from './startup.js';
import type { ScaleResult } from './sweeps.js';
import type { TargetCheck } from './targets.js';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  /** The Node running the benchmark and the emulator. */
  readonly benchNode: string;
  /** The Node running the bundles (Node 24, as `runs.using: node24`, when available). */
  readonly actionNode: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews timings. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

export interface Breakdown {
  readonly nodeMedianMs: number;
  readonly repetitions: number;
  readonly probes: ProbeResult[];
  /** Per action, bytes per library group (webpack module sizes before minifying). */
  readonly byteShares: Record<string, Record<string, number>>;
}

/**
 * One change measured against the build without it, side by side in one sitting (the two commands in turn, several
 * rounds, the median of the paired ratios): kept with a run's results when a change was measured step by step.
 */
export interface StepMeasure {
  readonly change: string;
  readonly measure: string;
  /** After / before, e.g. "0.42× CPU, 0.42× wall". */
  readonly ratio: string;
  readonly note?: string;
}

export interface BenchResults {
  readonly date: string;
  readonly quick: boolean;
  readonly durationS: number;
  /** Of which bundling with ncc (none when src/, the probes and the lockfile are unchanged since the last run). */
  readonly buildS?: number;
  readonly commit: string;
  readonly machine: Machine;
  readonly settings: {
    readonly latencyMs: number;
    readonly validate: false;
    readonly peakRss: string;
    readonly bundles: string;
    readonly startupRepetitions: number;
    readonly world: { readonly now: string; readonly mix: Record<string, number>; readonly newReportShare: number };
  };
  readonly scales: ScaleResult[];
  readonly emulatorSpeed: EndpointSpeed[] | undefined;
  /** Milliseconds per sequential request at the injected latency, by client. */
  readonly clientOverhead: Record<string, number> | undefined;
  readonly startup: StartupReport | undefined;
  readonly breakdown: Breakdown | undefined;
  readonly targets: TargetCheck[];
  /** Parts of the run that failed (and are missing from the report). */
  readonly errors?: string[];
  /** Changes measured one by one against the build without them (added by hand, see StepMeasure). */
  readonly steps?: { readonly about: string; readonly measures: StepMeasure[] };
}
