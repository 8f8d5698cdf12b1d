import type { ActionDependencies, RunnerIO } from '../common/runner.js';

/** What a mode's run uses besides its config: the runner, the run's one "now" and the client factory. */
export interface ForkRun {
  /** Log, outputs and step summary. */
  readonly io: RunnerIO;
  /** Read once, after the inputs: every date the run writes is this one. */
  readonly now: Date;
  readonly openClient: ActionDependencies['openClient'];
}
