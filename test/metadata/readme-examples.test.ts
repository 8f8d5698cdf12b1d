/**
 * The READMEs teach what the templates do: every YAML example parses (a workflow under GitHub's workflow schema, a
 * policy file under the policy parser), passes only declared inputs to our actions and gives the required ones, and
 * is held to the templates' token rules (app-tokens.test.ts) and pins (pins.test.ts). Every action README has a
 * worked example of a whole workflow that runs the action.
 */
import { describe, expect, it } from '@jest/globals';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { ACTION_NAMES } from '../../src/actions/metadata.generated.js';
import { loadActionFile, ROOT } from './load.js';
import { allYamlExamples, README_FILES, yamlExamples } from './readme-examples.js';
import { ourAction, readWorkflowSource, schemaErrors } from './workflow-model.js';

const examples = allYamlExamples();

function inputProblems(text: string, where: string): string[] {
  const { workflow } = readWorkflowSource(where, text);
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps ?? []) {
      const action = ourAction(step);
      if (!action) continue;
      const declared = (loadActionFile(`${ROOT}actions/${action}/action.yml`).raw.inputs ?? {}) as Record<
        string,
        { required?: boolean; default?: unknown }
      >;
      const given = Object.keys(step.with ?? {}).filter((key) => key !== 'command');
      problems.push(
        ...given.filter((key) => !(key in declared)).map((key) => `${jobId}/${action}: unknown input ${key}`),
      );
      problems.push(
        ...Object.entries(declared)
          .filter(([key, spec]) => spec.required && spec.default === undefined && !given.includes(key))
          .map(([key]) => `${jobId}/${action}: missing required input ${key}`),
      );
    }
  }
  return problems;
}

describe.each(examples.map((example) => [example.where, example] as const))('the YAML example at %s', (_, example) => {
  if (example.kind === 'workflow') {
    it("parses under GitHub's workflow schema", () => {
      expect(schemaErrors({ name: example.where, text: example.text })).toEqual([]);
    });
    it('passes only declared inputs to our actions and every required one', () => {
      expect(inputProblems(example.text, example.where)).toEqual([]);
    });
  } else {
    it('is a policy file the policy parser accepts', () => {
      expect(() => parsePolicyFile(example.text, example.where)).not.toThrow();
    });
  }
});

describe('the READMEs', () => {
  it('hold YAML examples, each a workflow or a policy file', () => {
    expect(examples.filter((example) => example.kind === 'workflow').length).toBeGreaterThanOrEqual(
      ACTION_NAMES.length,
    );
    expect(README_FILES).toContain('README.md');
  });

  it.each([...ACTION_NAMES])('of %s hold a worked example: a whole workflow that runs it', (name) => {
    const runs = yamlExamples(`actions/${name}/README.md`)
      .filter((example) => example.kind === 'workflow')
      .some((example) =>
        Object.values(readWorkflowSource(example.where, example.text).workflow.jobs).some((job) =>
          (job.steps ?? []).some((step) => ourAction(step) === name),
        ),
      );
    expect(runs).toBe(true);
  });
});
