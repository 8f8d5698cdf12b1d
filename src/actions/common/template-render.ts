/**
 * Rendering a chosen template. Imported only by the modules that render, which a run loads when it has something
 * to render: the template engine comes with them.
 */
import {
  assertTemplateFields,
  compileTemplate,
  renderTemplate,
  type CompiledTemplate,
} from '../../templates/engine.js';
import type { BuiltinTemplate } from '../../templates/builtin.js';
import type { TemplateChoice } from './templates.js';

const compiledBuiltins = new WeakMap<BuiltinTemplate, CompiledTemplate>();

/**
 * The project's template, or the built-in one, compiled on first use and kept for the rest of the run. A built-in
 * one is compiled once, at its first render: the unit tests check that it compiles and renders.
 */
export function compiledTemplate(choice: TemplateChoice): CompiledTemplate {
  if (choice.kind === 'custom') return choice.template;
  const { builtin } = choice;
  let template = compiledBuiltins.get(builtin);
  if (!template) {
    assertTemplateFields(builtin.source, builtin.name, builtin.fields);
    template = compileTemplate(builtin.source, builtin.name, { eager: false });
    compiledBuiltins.set(builtin, template);
  }
  return template;
}

export function renderChosenTemplate(choice: TemplateChoice, data: object): string {
  return renderTemplate(compiledTemplate(choice), data);
}
