/**
 * The Jest configuration StrykerJS runs (`npm run test:mutation`): the project's own (ESM, @swc/jest), restricted to
 * the unit tests, which are the ones that exercise the pure code under mutation (src/domain, src/templates), without
 * the reliability suite's reporter, and with a sequencer that loads only the files holding the tests that cover the
 * mutant (see sequencer.mjs).
 *
 * Without the property tests (`*.property.test.ts`): on code instrumented by Stryker their thousands of generated
 * cases take longer than ten minutes a file, for every mutant they cover. The example-based tests of the same modules
 * stay.
 */
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.property\\.test\\.ts$'],
  testSequencer: '<rootDir>/test/mutation/sequencer.mjs',
  reporters: ['default'],
};
