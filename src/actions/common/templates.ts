import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import type { CompiledTemplate } from '../../domain/templates.js';
import { getOptionalInput } from './inputs.js';
import { workspacePath } from './policy.js';

export interface BuiltinTemplate {
  readonly name: string;
  readonly source: string;
  readonly fields: readonly string[];
}

/**
 * The template a path input chose. A project's own is read, checked against the fields the action provides and
 * compiled while the inputs are read; the built-in one (checked by the unit tests) is compiled only when a run
 * renders it (template-render.ts), so a run with nothing to render never loads the template engine.
 */
export type TemplateChoice =
  | { readonly kind: 'custom'; readonly template: CompiledTemplate }
  | { readonly kind: 'builtin'; readonly builtin: BuiltinTemplate };

function readTemplateFile(inputName: string, path: string): string {
  try {
    return readFileSync(workspacePath(path), 'utf8');
  } catch {
    throw new ConfigurationError(
      `Input "${inputName}" names ${path}, which cannot be read from the workspace (did the job check out the repository?).`,
      inputName,
    );
  }
}

/**
 * The built-in template, or the Handlebars file in the workspace a path input names: checked, compiled and rendered
 * with `samples` (so one that only breaks on some values fails too). Every problem is a ConfigurationError naming
 * the input, before any request.
 */
export async function readTemplateInput(
  inputName: string,
  builtin: BuiltinTemplate,
  samples: readonly object[] = [],
): Promise<TemplateChoice> {
  const path = getOptionalInput(inputName);
  if (path === undefined) return { kind: 'builtin', builtin };
  const source = readTemplateFile(inputName, path);
  const { assertTemplateFields, compileTemplate, renderTemplate } = await import('../../domain/templates.js');
  assertTemplateFields(source, path, builtin.fields);
  const template = compileTemplate(source, path);
  for (const sample of samples) renderTemplate(template, sample);
  return { kind: 'custom', template };
}
