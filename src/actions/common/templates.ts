import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import type { BuiltinTemplate } from '../../templates/builtin.js';
import type { CompiledTemplate } from '../../templates/engine/render.js';
import type { ActionInputs } from './inputs.js';
import { workspaceFile } from './paths.js';

/**
 * The template a path input chose. A project's own is read, checked against the fields the action provides and
 * compiled while the inputs are read (the only time a run loads the Handlebars compiler); the built-in one is
 * precompiled at build time and made renderable only when a run renders it (template-render.ts), so a run with
 * nothing to render never loads the template engine.
 */
export type TemplateChoice =
  | { readonly kind: 'custom'; readonly template: CompiledTemplate }
  | { readonly kind: 'builtin'; readonly builtin: BuiltinTemplate };

function readTemplateFile(inputName: string, path: string, env: NodeJS.ProcessEnv): string {
  // Outside the workspace is refused first (paths.ts), with its own message.
  const file = workspaceFile(inputName, path, env);
  try {
    if (file === undefined) throw new Error('missing');
    return readFileSync(file, 'utf8');
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
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  inputName: string,
  builtin: BuiltinTemplate,
  samples: readonly object[] = [],
): Promise<TemplateChoice> {
  const path = inputs.optional(inputName);
  if (path === undefined) return { kind: 'builtin', builtin };
  const source = readTemplateFile(inputName, path, env);
  const { assertTemplateFields, compileTemplate, renderTemplate } = await import('../../templates/engine.js');
  // Errors are located in the file as the input names it (relative to the workspace): the runner annotates its lines.
  assertTemplateFields(source, path, builtin.fields, path);
  const template = compileTemplate(source, path, { file: path });
  for (const sample of samples) renderTemplate(template, sample);
  return { kind: 'custom', template };
}
