// @ts-check
/**
 * Mutation testing of the pure code (SPEC 11 domain rules and the message templates) against the unit tests:
 * `npm run test:mutation`. Mutants are chosen by glob, so a module moved between src/domain/ and src/templates/ stays
 * in scope. Jest runs in ESM mode (test/mutation/run.mjs sets NODE_OPTIONS=--experimental-vm-modules, and the forked
 * test runners get the flag through testRunnerNodeArgs) with test/mutation/jest.config.mjs: the project's configuration
 * restricted to test/unit/, with a sequencer that loads only the test files holding the tests that cover a mutant.
 * Run it through `npm run test:mutation`, which first lists those tests (plain `npx stryker run` works too, slower).
 * Survivors that are equivalent mutants are listed in test/mutation/equivalent-mutants.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'test/mutation/jest.config.mjs',
    // Each mutant run loads only the test files that import the mutated module (Jest's --findRelatedTests), not all
    // of test/unit/: the difference between minutes and hours.
    enableFindRelatedTests: true,
  },
  // The precompiled templates are generated code (scripts/precompile-templates.mjs), checked against their sources.
  mutate: ['src/domain/**/*.ts', 'src/templates/**/*.ts', '!src/templates/**/*.generated.ts'],
  // Run only the tests that cover a mutant (works with Jest's ESM mode: the coverage is read from globalThis).
  coverageAnalysis: 'perTest',
  // Static mutants (in code run once, when a module loads: the built-in templates' sources and samples, the presets,
  // tables of titles, patterns) are reported as Ignored and left out of the score: each one would rerun every test
  // file that imports its module, about 1,300 full suite runs. Their text is checked by the unit tests all the same.
  ignoreStatic: true,
  concurrency: 2,
  // Added to twice the covering tests' time and the initial run's overhead (a cold Jest start in ESM mode, tens of
  // seconds on a busy machine). Endless loops are mostly cut short sooner, by Stryker's hit limit (a mutant run that
  // executes the mutated code 100 times more than the tests did).
  timeoutMS: 10000,
  timeoutFactor: 2,
  // The initial run of the whole suite on instrumented code (the property tests of release windows above all).
  dryRunTimeoutMinutes: 30,
  // The sandbox copy needs only what the unit tests import.
  ignorePatterns: ['dist', 'coverage', 'reports', 'demo-output', 'bench-output', 'benchmarks', '.node24', 'test/tmp-*'],
  tempDirName: '.stryker-tmp',
  // `npm run test:mutation -- --incremental` re-tests only the mutants whose code or covering tests changed.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  cleanTempDir: true,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, showMutants: false },
  thresholds: { high: 90, low: 85, break: null },
};
