/** The YAML examples of README.md and actions/<name>/README.md, as the workflow tests read them. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ACTION_NAMES } from '../../src/actions/metadata.generated.js';
import { ROOT } from './load.js';
import { readWorkflowSource, type WorkflowSource } from './workflow-model.js';

export interface YamlExample {
  /** `README.md:12`: the file and the line the block starts on. */
  readonly where: string;
  readonly text: string;
  /** A whole workflow (it has `jobs:`), or anything else (a policy file). */
  readonly kind: 'workflow' | 'other';
}

export const README_FILES = ['README.md', ...ACTION_NAMES.map((name) => `actions/${name}/README.md`)];

export function yamlExamples(file: string): YamlExample[] {
  const text = readFileSync(`${ROOT}${file}`, 'utf8');
  const examples: YamlExample[] = [];
  const fence = /^```ya?ml[^\n]*\n([\s\S]*?)^```/gm;
  for (const match of text.matchAll(fence)) {
    const body = match[1] ?? '';
    const line = text.slice(0, match.index).split('\n').length;
    const parsed = parseYaml(body) as unknown;
    const isWorkflow = typeof parsed === 'object' && parsed !== null && 'jobs' in parsed;
    examples.push({ where: `${file}:${line}`, text: body, kind: isWorkflow ? 'workflow' : 'other' });
  }
  return examples;
}

export function allYamlExamples(): YamlExample[] {
  return README_FILES.flatMap((file) => yamlExamples(file));
}

export function exampleWorkflows(): WorkflowSource[] {
  return allYamlExamples()
    .filter((example) => example.kind === 'workflow')
    .map((example) => readWorkflowSource(example.where, example.text));
}
