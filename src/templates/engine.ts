/**
 * Strict, sandboxed Handlebars rendering of the Markdown we generate (tracker issues, acknowledgements, the SPEC 11
 * announcement, retrospectives) from templates we ship or a project supplies. Heavy (it loads Handlebars): the
 * actions import it only when a run reads a project's template or renders one.
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
 * The parts: engine/instance.ts (the Handlebars instance), engine/helpers.ts (the helpers), engine/analysis.ts (the
 * fields a template references, and what it may not use), engine/errors.ts.
 */
import type Handlebars from 'handlebars';
import { analyseTemplate, parseTemplate } from './engine/analysis.js';
import { atLine, errorMessage, RenderProblem, TemplateError } from './engine/errors.js';
import { COMPILE_OPTIONS, handlebars, isRecord, RUNTIME_OPTIONS } from './engine/instance.js';

export { assertTemplateFields, templateFields } from './engine/analysis.js';
export { TemplateError } from './engine/errors.js';

export interface CompiledTemplate {
  readonly name: string;
  /** The project's template file it was read from (errors are located there); undefined for a built-in one. */
  readonly file?: string | undefined;
  readonly ast: hbs.AST.Program;
  readonly render: Handlebars.TemplateDelegate;
}

export interface TemplateCompileOptions {
  /**
   * compile() is lazy: by default the template is also precompiled now, so a compiler error surfaces here rather
   * than at the first render. `eager: false` skips that second compilation, for the templates we ship (the unit
   * tests compile and render each of them).
   */
  readonly eager?: boolean;
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
  if (options.eager ?? true) {
    try {
      handlebars.precompile(source, COMPILE_OPTIONS);
    } catch (error) {
      throw new TemplateError(name, errorMessage(error), options.file);
    }
  }
  return { name, file: options.file, ast, render: handlebars.compile(source, COMPILE_OPTIONS) };
}

export function renderTemplate(compiled: CompiledTemplate, data: object): string {
  try {
    return compiled.render(data, RUNTIME_OPTIONS);
  } catch (error) {
    throw new TemplateError(compiled.name, describeRenderError(error, compiled.ast), compiled.file);
  }
}

const STRICT_MISSING = /^"([^"]*)" not defined in [\s\S]* - (\d+):(\d+)$/;

function describeRenderError(error: unknown, ast: hbs.AST.Program): string {
  if (error instanceof RenderProblem) return error.message;
  const message = errorMessage(error);
  const missing = STRICT_MISSING.exec(message);
  if (!missing) return describeBrokenLookup(message, ast) ?? `could not be rendered: ${message}`;
  const line = Number(missing[2]);
  const original = findPathAt(ast, line, Number(missing[3]))?.original;
  const fullPath = typeof original === 'string' ? original : missing[1];
  return `"${fullPath}" is not defined${atLine(line)}`;
}

const BROKEN_LOOKUP = /^Cannot read properties of (?:undefined|null) \(reading '([^']*)'\)$/;

/**
 * Helper arguments are looked up without Handlebars' strict check, so `{{md a.b.c}}` with no `a.b` fails with a bare
 * TypeError naming only `c`; name the first argument path that goes through it instead.
 */
function describeBrokenLookup(message: string, ast: hbs.AST.Program): string | undefined {
  const property = BROKEN_LOOKUP.exec(message)?.[1];
  if (property === undefined) return undefined;
  const path = findNode(ast, (node) => node.type === 'PathExpression' && pathGoesThrough(node, property));
  return path ? `"${String(path.original)}" is not defined: a part of it is missing or null` : undefined;
}

function pathGoesThrough(node: Record<string, unknown>, property: string): boolean {
  return Array.isArray(node.parts) && node.parts.slice(1).includes(property);
}

/** Handlebars reports a missing value by the path's start; the path's own text names it in full (`a.b.c`). */
function findPathAt(ast: hbs.AST.Program, line: number, column: number): Record<string, unknown> | undefined {
  return findNode(ast, (node) => node.type === 'PathExpression' && isAt(node, line, column));
}

function findNode(
  node: unknown,
  matches: (node: Record<string, unknown>) => boolean,
): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findNode(child, matches);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  if (matches(node)) return node;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'loc') continue;
    const found = findNode(child, matches);
    if (found) return found;
  }
  return undefined;
}

function isAt(node: Record<string, unknown>, line: number, column: number): boolean {
  const start = isRecord(node.loc) && isRecord(node.loc.start) ? node.loc.start : {};
  return start.line === line && start.column === column;
}
