/**
 * What a template references, read from its syntax tree without rendering it: the field paths it uses (so a
 * project's template can be checked against the fields an action provides) and what it uses that is not allowed.
 */
import { atLine, errorMessage, TemplateError } from './errors.js';
import { isBlockHelper, KNOWN_HELPERS, sectionMessage } from './helpers.js';
import { handlebars } from './compiler.js';

export function parseTemplate(source: string, name: string, file?: string): hbs.AST.Program {
  try {
    return handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(name, errorMessage(error), file);
  }
}

/**
 * The field paths `source` references, relative to the data's root, in order of first use. Nested paths are joined
 * with `.`; a list's items are `list[]` (`{{#each cves}}{{id}}{{/each}}` → `cves`, `cves[].id`). `@root.x` is `x`;
 * `@index` and other data variables are not fields.
 */
export function templateFields(source: string, name = 'template'): string[] {
  return analyseTemplate(parseTemplate(source, name)).fields;
}

/**
 * Throws a TemplateError naming every field of `source` that `available` does not provide (each with the line it is
 * first used on), and anything else the template may not use. A field is provided when listed, when it contains a
 * listed field (`advisory` for `advisory.severity`) or is an item of a listed list (`cves[]` for `cves`). `file`
 * locates the errors in the project's template file.
 */
export function assertTemplateFields(source: string, name: string, available: readonly string[], file?: string): void {
  const analysis = analyseTemplate(parseTemplate(source, name, file));
  const unknown = analysis.fields
    .filter((field) => !isProvided(field, available))
    .map((field) => ({
      detail: `"${field}" is not an available field (available: ${available.join(', ')})${atLine(analysis.lines.get(field))}`,
      line: analysis.lines.get(field),
    }));
  const problems = [...analysis.problems, ...unknown];
  if (problems.length > 0) throw new TemplateError(name, problems, file);
}

function isProvided(field: string, available: readonly string[]): boolean {
  return available.some(
    (known) =>
      known === field || known.startsWith(`${field}.`) || known.startsWith(`${field}[]`) || field === `${known}[]`,
  );
}

interface Scope {
  /** Context prefixes, innermost last; `''` is the root, undefined a context that cannot be resolved statically. */
  readonly contexts: readonly (string | undefined)[];
  /** Block parameter → the path it stands for, or undefined for an index/key parameter. */
  readonly blockParams: ReadonlyMap<string, string | undefined>;
}

export interface Analysis {
  fields: string[];
  problems: string[];
  /** The line each field is first used on. */
  lines: Map<string, number>;
}

export function analyseTemplate(ast: hbs.AST.Program): Analysis {
  const analysis: Analysis = { fields: [], problems: [], lines: new Map() };
  walkProgram(ast, { contexts: [''], blockParams: new Map() }, analysis);
  analysis.fields = [...new Set(analysis.fields)];
  return analysis;
}

function walkProgram(program: hbs.AST.Program | undefined, scope: Scope, analysis: Analysis): void {
  for (const statement of program?.body ?? []) walkStatement(statement, scope, analysis);
}

function walkStatement(statement: hbs.AST.Statement, scope: Scope, analysis: Analysis): void {
  const line = statement.loc?.start.line;
  switch (statement.type) {
    case 'MustacheStatement':
      return walkCall(statement as hbs.AST.MustacheStatement, scope, analysis);
    case 'BlockStatement':
      return walkBlock(statement as hbs.AST.BlockStatement, scope, analysis);
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'PartialStatement':
    case 'PartialBlockStatement':
      analysis.problems.push(`partials are not supported${atLine(line)}`);
      return;
    default:
      analysis.problems.push(`${statement.type} is not supported${atLine(line)}`);
  }
}

type Call = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement;

function isHelperCall(call: Call, path: hbs.AST.PathExpression): boolean {
  const hasArguments = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
  return hasArguments || (!path.data && path.parts.length === 1 && KNOWN_HELPERS.has(path.original));
}

/** A mustache or sub-expression: either a known (non-block) helper with its arguments, or a field. */
function walkCall(call: Call, scope: Scope, analysis: Analysis): void {
  const line = atLine(call.loc?.start.line);
  if (isNamedByLiteral(call, analysis)) return;
  const path = call.path as hbs.AST.PathExpression;
  if (!isHelperCall(call, path)) {
    recordField(path, scope, analysis);
    return;
  }
  if (!KNOWN_HELPERS.has(path.original)) {
    analysis.problems.push(`"${path.original}" is not a helper (known: ${[...KNOWN_HELPERS].join(', ')})${line}`);
  } else if (call.type !== 'BlockStatement' && isBlockHelper(path.original)) {
    analysis.problems.push(`"${path.original}" needs a block: {{#${path.original} …}}…{{/${path.original}}}${line}`);
  }
  walkArguments(call, scope, analysis);
}

/**
 * Handlebars lets a literal name a helper or field (`{{"md" x}}`, `{{#"if" x}}…{{/"if"}}`, `{{#1}}…{{/1}}`); its typings
 * say a block's name is always a path, but the parser says otherwise. Records the problem when `call` is so named.
 */
function isNamedByLiteral(call: Call, analysis: Analysis): boolean {
  if (call.path.type === 'PathExpression') return false;
  analysis.problems.push(
    `a literal in place of a field or helper name is not supported${atLine(call.loc?.start.line)}`,
  );
  return true;
}

function walkArguments(call: Call, scope: Scope, analysis: Analysis): void {
  for (const param of call.params) walkExpression(param, scope, analysis);
  for (const pair of call.hash?.pairs ?? []) walkExpression(pair.value, scope, analysis);
}

function walkExpression(expression: hbs.AST.Expression, scope: Scope, analysis: Analysis): void {
  if (expression.type === 'PathExpression') recordField(expression as hbs.AST.PathExpression, scope, analysis);
  if (expression.type === 'SubExpression') walkCall(expression as hbs.AST.SubExpression, scope, analysis);
}

function walkBlock(block: hbs.AST.BlockStatement, scope: Scope, analysis: Analysis): void {
  if (isNamedByLiteral(block, analysis)) return;
  const path = block.path;
  const line = atLine(block.loc?.start.line);
  if (!isBlockHelper(path.original) || path.parts.length !== 1) {
    const problem = KNOWN_HELPERS.has(path.original)
      ? `"${path.original}" is not a block helper: use {{${path.original} …}}`
      : sectionMessage(path.original);
    analysis.problems.push(`${problem}${line}`);
    recordField(path, scope, analysis);
    walkArguments(block, scope, analysis);
    return;
  }
  walkArguments(block, scope, analysis);
  refuseHelperNamedParams(block, analysis);
  walkProgram(block.program, innerScope(block, scope), analysis);
  walkProgram(block.inverse, scope, analysis);
}

/**
 * A block parameter named like a helper hides the helper inside the block (`as |date|` makes `{{date}}` the item,
 * `as |if|` breaks `{{#if}}`), so the template would not do what it reads as.
 */
function refuseHelperNamedParams(block: hbs.AST.BlockStatement, analysis: Analysis): void {
  for (const name of block.program.blockParams ?? []) {
    if (!KNOWN_HELPERS.has(name)) continue;
    analysis.problems.push(
      `the block parameter "${name}" has the name of a helper, which it would hide inside the block: rename it` +
        atLine(block.loc?.start.line),
    );
  }
}

/** `each` and `with` change the context (and `../` counts them); `if` and `unless` do not. */
function innerScope(block: hbs.AST.BlockStatement, scope: Scope): Scope {
  const helper = block.path.original;
  const [subject] = block.params;
  if ((helper !== 'each' && helper !== 'with') || subject === undefined) return scope;
  const subjectPath =
    subject.type === 'PathExpression' ? resolvePath(subject as hbs.AST.PathExpression, scope) : undefined;
  const context = subjectPath === undefined ? undefined : helper === 'each' ? `${subjectPath}[]` : subjectPath;
  const blockParams = new Map(scope.blockParams);
  const [valueParam, indexParam] = block.program.blockParams ?? [];
  if (valueParam !== undefined) blockParams.set(valueParam, context);
  if (indexParam !== undefined) blockParams.set(indexParam, undefined);
  // An unresolvable context (a sub-expression) still counts for `../`; fields inside it are not reported.
  return { contexts: [...scope.contexts, context], blockParams };
}

function recordField(path: hbs.AST.PathExpression, scope: Scope, analysis: Analysis): void {
  const field = resolvePath(path, scope);
  if (field === undefined) return;
  analysis.fields.push(field);
  const line = path.loc?.start.line;
  if (line !== undefined && !analysis.lines.has(field)) analysis.lines.set(field, line);
}

function resolvePath(path: hbs.AST.PathExpression, scope: Scope): string | undefined {
  const blockParam = blockParamOf(path, scope);
  if (blockParam !== undefined) {
    const base = scope.blockParams.get(blockParam);
    return base === undefined ? undefined : joinPath(base, path.parts.slice(1));
  }
  if (path.data) return path.parts[0] === 'root' ? joinPath('', path.parts.slice(1)) : undefined;
  const index = Math.max(0, scope.contexts.length - 1 - path.depth);
  const base = scope.contexts[index];
  return base === undefined ? undefined : joinPath(base, path.parts);
}

/**
 * The block parameter Handlebars looks `path` up on, if any, as its compiler decides (PathExpression in
 * handlebars/compiler/compiler.js): the first part names one, there is no `../`, and the path is not scoped, where
 * scoped is AST.helpers.scopedId (handlebars/compiler/ast.js), `/^\.|this\b/` on the path as written (brackets
 * removed). `this` counts anywhere: `{{cve.is-this}}` is the context's `cve`. A data variable is checked after, so
 * `@root.id` under `as |root|` is the block parameter's `id`.
 */
function blockParamOf(path: hbs.AST.PathExpression, scope: Scope): string | undefined {
  const [head] = path.parts;
  const scoped = /^\.|this\b/.test(path.original);
  return path.depth === 0 && !scoped && head !== undefined && scope.blockParams.has(head) ? head : undefined;
}

function joinPath(base: string, parts: readonly string[]): string | undefined {
  const joined = [base, ...parts].filter((part) => part !== '').join('.');
  return joined === '' ? undefined : joined;
}
