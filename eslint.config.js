import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** What a layer may not import, with the reason the linter prints. */
const restricted = (groups) => ['error', { patterns: groups }];

const NO_RUNNER = { group: ['@actions/core'], message: 'Only src/actions/common/core-runner.ts talks to the runner.' };
const NO_IO = {
  group: ['node:*', 'fs', 'path', 'http', 'https', 'child_process', 'os'],
  message: 'The domain does no I/O: take the data (and the clock) as parameters.',
};
const NO_UPPER_LAYERS = {
  group: ['**/github/**', '**/actions/**', '**/channels/**', '**/templates/**'],
  message: 'The domain imports nothing from the layers above it.',
};
const NO_TEMPLATE_ENGINE = {
  group: ['handlebars', 'handlebars/*'],
  message: 'The template engine lives in src/templates; the domain hands it data.',
};
const NO_OCTOKIT = {
  group: ['@octokit/*', '@actions/github'],
  message: 'GitHub is reached only through src/github, which returns typed results.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'demo-output/**', 'bench-output/**', 'reports/**', '.stryker-tmp/**'] },
  // Handlebars' precompiled code (scripts/precompile-templates.mjs): type-checked, but written as Handlebars writes it.
  { ignores: ['src/templates/precompiled.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The three layers of src/, enforced: the pure domain, the GitHub layer, the actions (see README, "Code layout").
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': restricted([NO_RUNNER, NO_IO, NO_UPPER_LAYERS, NO_OCTOKIT, NO_TEMPLATE_ENGINE]) },
  },
  {
    files: ['src/github/**/*.ts', 'src/channels/**/*.ts', 'src/templates/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted([
        NO_RUNNER,
        { group: ['**/actions/**'], message: 'A lower layer does not import the actions.' },
      ]),
    },
  },
  {
    files: ['src/actions/**/*.ts'],
    ignores: ['src/actions/common/core-runner.ts'],
    rules: {
      'no-restricted-imports': restricted([NO_RUNNER, NO_OCTOKIT]),
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='rest']",
          message: 'Call src/github instead of octokit (`client.rest`) from an action.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(request|graphql|paginate)$/][callee.object.name='client']",
          message: 'Call src/github instead of octokit (`client.request`, `client.graphql`, `client.paginate`).',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment from the injected `deps.env`.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'test/**/*.cjs', '*.js', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
