/**
 * Strict, sandboxed Handlebars rendering of the Markdown we generate (tracker issues, acknowledgements, the SPEC 11
 * announcement, retrospectives) from templates we ship or a project supplies. The templates we ship are
 * precompiled at build time and rendered with Handlebars' runtime alone (engine/builtins.ts); this module, which
 * loads the full Handlebars, is imported only when a run reads a project's own template.
 *
 * Rules for template data:
 * - Every field a template references must be present. Optional fields are passed as `null`, never left out, so
 *   `{{#if mitigation}}` works and a typo (`{{#if mitigaton}}`) is an error instead of a silently missing section.
 * - Handlebars' HTML escaping is off (we produce Markdown): `{{field}}` prints the value as is. Untrusted values go
 *   through `{{md field}}` (or `{{code field}}`), or are passed through `inertText` before rendering.
 *
 * Helpers: `md` (inert Markdown text), `code` (inline code span), `date` (ISO → `2026-11-24 16:00 UTC`),
 * `join` (array, separator = ", "; items rendered like `md`), `eq`, `checkbox` (`[x]`/`[ ]`), `default` (value,
 * fallback; the fallback replaces null and ""), and the built-ins `if`, `unless`, `each`, `with`. `null` renders as
 * an empty string in `md`, `code`, `date` and `join`. `lookup`, `log`, partials, decorators and `{{#field}}` sections
 * are not available.
 *
 * The parts: engine/instance.ts (how a Handlebars instance is set up), engine/compiler.ts (the full Handlebars, for
 * a project's template), engine/runtime.ts and engine/render.ts (Handlebars' runtime alone, which renders; the
 * built-in templates are precompiled at build time, engine/builtins.ts), engine/helpers.ts (the helpers),
 * engine/analysis.ts (the fields a template references, and what it may not use), engine/paths.ts, engine/errors.ts.
 * This module loads the compiler: a run imports it only to read a project's own template.
 */
import { analyseTemplate, parseTemplate } from './engine/analysis.js';
import { handlebars } from './engine/compiler.js';
import { errorMessage, TemplateError } from './engine/errors.js';
import { COMPILE_OPTIONS } from './engine/instance.js';
import { templatePaths } from './engine/paths.js';
import type { CompiledTemplate } from './engine/render.js';

export { assertTemplateFields, templateFields } from './engine/analysis.js';
export { TemplateError } from './engine/errors.js';
export { renderTemplate, type CompiledTemplate } from './engine/render.js';

export interface TemplateCompileOptions {
  /** The project's template file `source` was read from: every error is then located in it, at its line. */
  readonly file?: string;
}

/**
 * Parses, checks against the allowed subset and compiles `source`; `name` is used in every error, which lists every
 * problem the check found (not only the first).
 */
export function compileTemplate(source: string, name: string, options: TemplateCompileOptions = {}): CompiledTemplate {
  const ast = parseTemplate(source, name, options.file);
  const { problems } = analyseTemplate(ast);
  if (problems.length > 0) throw new TemplateError(name, problems, options.file);
  // compile() is lazy: precompiling now makes a compiler error surface here rather than at the first render.
  try {
    handlebars.precompile(source, COMPILE_OPTIONS);
  } catch (error) {
    throw new TemplateError(name, errorMessage(error), options.file);
  }
  const render = handlebars.compile(source, COMPILE_OPTIONS);
  return { name, file: options.file, paths: templatePaths(ast), render };
}
