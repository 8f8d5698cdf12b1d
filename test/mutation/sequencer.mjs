/**
 * Jest's default test sequencer, plus one thing for mutation runs: when a run asks only for some tests by name
 * (StrykerJS's per-test coverage passes the tests that cover a mutant as `testNamePattern`), load only the test files
 * that hold at least one test of that name. Jest would otherwise import every file in the run (each one re-linking
 * date-fns, yaml, ... in ESM mode) to run none of its tests: the difference between hours and minutes.
 *
 * The names of the tests in each file come from the JSON that test/mutation/run.mjs writes before Stryker starts,
 * named by MUTATION_TEST_MAP. A file the map does not know is always kept, and without a name pattern (the initial run,
 * a static mutant) nothing is left out, so the filter never drops a file that has a test Jest would run.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import Sequencer from '@jest/test-sequencer';

const DefaultSequencer = Sequencer.default ?? Sequencer;

/** Test names per test file (relative to the root), or undefined when no map was given. */
function readMap() {
  const file = process.env.MUTATION_TEST_MAP;
  if (!file) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return new Map(Object.entries(report.files));
}

export default class MutationSequencer extends DefaultSequencer {
  #pattern;
  #map;

  constructor(options) {
    super(options);
    const pattern = options.globalConfig?.testNamePattern;
    this.#pattern = pattern ? new RegExp(pattern, 'i') : undefined; // the flags Jest matches names with
    this.#map = this.#pattern ? readMap() : undefined;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    if (!this.#pattern || !this.#map) return sorted;
    return sorted.filter((test) => {
      const names = this.#map.get(relative(test.context.config.rootDir, test.path));
      return names === undefined || names.some((name) => this.#pattern.test(name));
    });
  }
}
