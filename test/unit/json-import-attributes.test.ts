/** The Jest transform that gives @actions/workflow-parser's JSON imports their attribute (jest.config.js). */
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const transform = require('../harness/json-import-attributes.cjs') as { process(source: string): { code: string } };

describe('json-import-attributes', () => {
  it('adds `with { type: "json" }` to a static JSON import', () => {
    expect(transform.process('import WorkflowSchema from "../workflow-v1.0.min.json";\nexport {};\n').code).toBe(
      'import WorkflowSchema from "../workflow-v1.0.min.json" with { type: "json" };\nexport {};\n',
    );
  });

  it('leaves every other import as it is', () => {
    const source = "import { x } from './x.js';\nimport data from './data.json' with { type: 'json' };\n";
    expect(transform.process(source).code).toBe(source);
  });
});
