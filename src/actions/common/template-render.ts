/**
 * Rendering a chosen template. Imported only by the modules that render, which a run loads when it has something
 * to render: Handlebars' runtime comes with them (a built-in template is precompiled at build time; a project's own
 * was compiled when the inputs were read).
 */
import { compiledBuiltin } from '../../templates/engine/builtins.js';
import { renderTemplate, type CompiledTemplate } from '../../templates/engine/render.js';
import type { BuiltinTemplate } from '../../templates/builtin.js';
import type { TemplateChoice } from './templates.js';

const compiledBuiltins = new WeakMap<BuiltinTemplate, CompiledTemplate>();

/**
 * The project's template, or the built-in one made renderable from its precompiled code on first use and kept for
 * the rest of the run (the docs check and the unit tests check that code against the template's source).
 */
export function compiledTemplate(choice: TemplateChoice): CompiledTemplate {
  if (choice.kind === 'custom') return choice.template;
  const { builtin } = choice;
  let template = compiledBuiltins.get(builtin);
  if (!template) {
    template = compiledBuiltin(builtin);
    compiledBuiltins.set(builtin, template);
  }
  return template;
}

export function renderChosenTemplate(choice: TemplateChoice, data: object): string {
  return renderTemplate(compiledTemplate(choice), data);
}
