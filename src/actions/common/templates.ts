import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import { assertTemplateFields, compileTemplate, type CompiledTemplate } from '../../domain/templates.js';
import { getOptionalInput } from './inputs.js';
import { workspacePath } from './policy.js';

export interface BuiltinTemplate {
  readonly name: string;
  readonly source: string;
  readonly fields: readonly string[];
}

/**
 * The template a path input names (a Handlebars file in the workspace), checked against the fields the action
 * provides, or the built-in one. Every problem is a ConfigurationError naming the input, before any request.
 */
export function loadTemplateInput(inputName: string, builtin: BuiltinTemplate): CompiledTemplate {
  const path = getOptionalInput(inputName);
  if (path === undefined) {
    assertTemplateFields(builtin.source, builtin.name, builtin.fields);
    return compileTemplate(builtin.source, builtin.name);
  }
  let source: string;
  try {
    source = readFileSync(workspacePath(path), 'utf8');
  } catch {
    throw new ConfigurationError(
      `Input "${inputName}" names ${path}, which cannot be read from the workspace (did the job check out the repository?).`,
      inputName,
    );
  }
  assertTemplateFields(source, path, builtin.fields);
  return compileTemplate(source, path);
}
