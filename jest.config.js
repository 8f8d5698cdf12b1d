/** Jest 30 in ESM mode with @swc/jest; run with NODE_OPTIONS=--experimental-vm-modules. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
    // @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`, which Jest warns about.
    '/node_modules/@actions/workflow-parser/.+\\.js$': '<rootDir>/test/harness/json-import-attributes.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@actions/workflow-parser/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
  // The reliability suite's one table of figures; prints nothing when no reliability test ran.
  reporters: ['default', '<rootDir>/test/reliability/reporter.mjs'],
};
