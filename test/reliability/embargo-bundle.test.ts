/**
 * The embargo matrix's bundle layer: what only a real process shows. For each action, its main scenario (public
 * repository, the action's main stage, debug log on) runs through the built bundle (dist/<action>/index.js) in a
 * child process, once on the success path and once on the failure path, with the same assertions as the in-process
 * matrix (matrix.ts) over the process's real stdout, stderr and output files.
 *
 * The bundle runner refuses a dist/ not built from the current src/ (run-action.ts): these tests fail, saying so,
 * until `npm run build` has run on this tree.
 */
import { describe, it } from '@jest/globals';
import { runBatch } from './batch.js';
import { examine, expectHeld, type Scenario } from './matrix.js';
import { ACTIONS, MAIN_STAGE } from './scenarios.js';

const BUNDLE_SCENARIOS: readonly Scenario[] = ACTIONS.map((action) => ({
  action,
  visibility: 'public',
  stage: MAIN_STAGE[action],
  debug: true,
}));

describe('embargo matrix over the built bundles (real stdout)', () => {
  const batch = runBatch(BUNDLE_SCENARIOS, (scenario) => examine(scenario, 'bundle'), { limit: 2 });

  it.each(BUNDLE_SCENARIOS.map((scenario, index) => ({ ...scenario, index })))(
    '$action, $visibility repo, $stage advisory, debug log: success and failure paths',
    ({ index }) => expectHeld(batch.outcome(index)),
  );
});
