/**
 * The embargo matrix, strict, in-process (matrix.ts): every action x public/private repository x
 * triage/draft/published advisory x normal/debug log, a success path asserting its exit code and its writes and a
 * failure path failing at a named request, with no leak on any surface. The process boundary (the built bundle's real
 * stdout) is embargo-bundle.test.ts; the order of publication and announcement is publication-order.test.ts.
 */
import { describe, it } from '@jest/globals';
import { runBatch } from './batch.js';
import { examine, expectHeld, MATRIX } from './matrix.js';

describe('embargo matrix (in-process, strict)', () => {
  const batch = runBatch(MATRIX, (scenario) => examine(scenario));

  it.each(MATRIX.map((scenario, index) => ({ ...scenario, index })))(
    '$action, $visibility repo, $stage advisory, debug $debug',
    ({ index }) => expectHeld(batch.outcome(index)),
  );
});
