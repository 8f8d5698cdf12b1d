import { parseAction, convertActionTemplate, type ActionTemplate } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export { ACTION_NAMES } from '../../src/actions/metadata.generated.js';

export interface ParsedActionFile {
  readonly errors: string[];
  readonly template: ActionTemplate | undefined;
  /** The raw YAML, for the checks the parser's model does not keep (descriptions, branding). */
  readonly raw: Record<string, unknown>;
}

export function loadActionFile(path: string): ParsedActionFile {
  const content = readFileSync(path, 'utf8');
  const result = parseAction({ name: path, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  const template = result.value ? convertActionTemplate(result.context, result.value) : undefined;
  return { errors, template, raw: parseYaml(content) as Record<string, unknown> };
}
