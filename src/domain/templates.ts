/**
 * Strict, sandboxed Handlebars rendering of the Markdown we generate (tracker issues, acknowledgements, the SPEC 11
 * announcement, retrospectives) from templates we ship or a project supplies.
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
 */
import Handlebars from 'handlebars';
import { ConfigurationError } from './errors.js';
import { inertText, stripControlCharacters, truncate, INERT_TEXT_MAX_LENGTH } from './sanitize.js';

/** A template that does not parse, uses something not allowed, or references a value the data lacks. */
export class TemplateError extends ConfigurationError {
  constructor(
    readonly templateName: string,
    detail: string,
  ) {
    super(`template "${templateName}": ${detail}`, `template "${templateName}"`);
    this.name = 'TemplateError';
  }
}

export interface CompiledTemplate {
  readonly name: string;
  readonly ast: hbs.AST.Program;
  readonly render: Handlebars.TemplateDelegate;
}

/** Raised inside helpers; renderTemplate turns it into a TemplateError naming the template. */
class RenderProblem extends Error {}

interface CallOptions {
  name: string;
  ids: readonly unknown[];
  hash: Readonly<Record<string, unknown>>;
  line: number | undefined;
}

interface HelperSpec {
  arity: readonly [min: number, max: number];
  run: (values: readonly unknown[]) => unknown;
}

const VALUE_HELPERS: Readonly<Record<string, HelperSpec>> = {
  md: { arity: [1, 1], run: ([value]) => renderMarkdownText(value, 'md') },
  code: { arity: [1, 1], run: ([value]) => (value === null ? '' : codeSpan(scalarText(value, 'code'))) },
  date: { arity: [1, 1], run: ([value]) => (value === null ? '' : formatUtcMinute(value)) },
  join: { arity: [1, 2], run: ([items, separator]) => joinItems(items, separator) },
  eq: { arity: [2, 2], run: ([left, right]) => left === right },
  checkbox: { arity: [1, 1], run: ([value]) => (value ? '[x]' : '[ ]') },
  default: { arity: [2, 2], run: ([value, fallback]) => (value === null || value === '' ? fallback : value) },
};

const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;
const KNOWN_HELPERS: ReadonlySet<string> = new Set([...Object.keys(VALUE_HELPERS), ...BLOCK_HELPERS]);

const COMPILE_OPTIONS: CompileOptions & { trackIds: boolean } = {
  strict: true,
  knownHelpersOnly: true,
  noEscape: true,
  // Gives helpers the source path of each argument, so a missing value can be named in the error.
  trackIds: true,
  knownHelpers: {
    ...Object.fromEntries([...KNOWN_HELPERS].map((name) => [name, true])),
    lookup: false,
    log: false,
  },
};

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
};

const handlebars = createInstance();

function createInstance(): typeof Handlebars {
  const instance = Handlebars.create();
  instance.unregisterHelper('lookup');
  instance.unregisterHelper('log');
  for (const [name, spec] of Object.entries(VALUE_HELPERS)) {
    instance.registerHelper(name, (...args: unknown[]) => {
      const values = checkedValues(args, spec.arity);
      try {
        return spec.run(values);
      } catch (error) {
        if (!(error instanceof RenderProblem)) throw error;
        throw new RenderProblem(`${error.message}${atLine(callOptions(args[args.length - 1]).line)}`);
      }
    });
  }
  for (const name of BLOCK_HELPERS) {
    const builtin = instance.helpers[name];
    if (!builtin) throw new Error(`Handlebars has no built-in "${name}" helper`);
    instance.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      checkedValues(args, [1, 1]);
      return Reflect.apply(builtin, this, args) as unknown;
    });
  }
  instance.registerHelper('blockHelperMissing', (...args: unknown[]) => {
    const { name, line } = callOptions(args[args.length - 1]);
    throw new RenderProblem(`${sectionMessage(name)}${atLine(line)}`);
  });
  return instance;
}

/** The positional arguments of a helper call, after checking their count and that none is undefined. */
function checkedValues(args: readonly unknown[], [min, max]: readonly [number, number]): unknown[] {
  const options = callOptions(args[args.length - 1]);
  const values = args.slice(0, -1);
  if (values.length < min || values.length > max) {
    const expected = min === max ? `${min}` : `${min} or ${max}`;
    throw new RenderProblem(
      `"${options.name}" takes ${expected} argument(s), got ${values.length}${atLine(options.line)}`,
    );
  }
  if (Object.keys(options.hash).length > 0) {
    throw new RenderProblem(`"${options.name}" takes no named arguments${atLine(options.line)}`);
  }
  values.forEach((value, index) => {
    if (value !== undefined) return;
    const id = options.ids[index];
    const what = typeof id === 'string' ? `"${id}"` : `argument ${index + 1} of "${options.name}"`;
    throw new RenderProblem(`${what} is not defined${atLine(options.line)}`);
  });
  return values;
}

function callOptions(value: unknown): CallOptions {
  const options = isRecord(value) ? value : {};
  const loc = isRecord(options.loc) && isRecord(options.loc.start) ? options.loc.start : {};
  return {
    name: typeof options.name === 'string' ? options.name : 'helper',
    ids: Array.isArray(options.ids) ? options.ids : [],
    hash: isRecord(options.hash) ? options.hash : {},
    line: typeof loc.line === 'number' ? loc.line : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function atLine(line: number | undefined): string {
  return line === undefined ? '' : ` (line ${line})`;
}

function scalarText(value: unknown, helper: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const kind = Array.isArray(value) ? 'a list (use join)' : typeof value;
  throw new RenderProblem(`"${helper}" expects text, got ${kind}`);
}

function renderMarkdownText(value: unknown, helper: string): string {
  return value === null ? '' : inertText(scalarText(value, helper));
}

function joinItems(items: unknown, separator: unknown = ', '): string {
  if (items === null) return '';
  if (!Array.isArray(items)) throw new RenderProblem(`"join" expects a list, got ${typeof items}`);
  if (typeof separator !== 'string') throw new RenderProblem('"join" expects a text separator');
  return items.map((item: unknown) => renderMarkdownText(item, 'join')).join(separator);
}

/** An inline code span that holds any text: the fence is longer than the longest run of backticks inside. */
function codeSpan(text: string): string {
  const content = truncate(stripControlCharacters(text), INERT_TEXT_MAX_LENGTH).replace(/\n/g, ' ');
  if (content === '') return '';
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each side when both are present, and needs one next to an inner backtick.
  const needsPadding =
    content.trim() !== '' && (/^`|`$/.test(content) || (content.startsWith(' ') && content.endsWith(' ')));
  const padding = needsPadding ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** `2026-11-24T17:00:00+01:00` → `2026-11-24 16:00 UTC`. Times need an offset: local time depends on the runner. */
function formatUtcMinute(value: unknown): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' && ISO_DATE_TIME.test(value)
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new RenderProblem(`"date" expects an ISO 8601 date-time with an offset, got ${JSON.stringify(value)}`);
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

function sectionMessage(name: string): string {
  return `{{#${name}}} is not a helper: use {{#if ${name}}}, {{#each ${name}}} or {{#with ${name}}}`;
}

export interface TemplateCompileOptions {
  /**
   * compile() is lazy: by default the template is also precompiled now, so a compiler error surfaces here rather
   * than at the first render. `eager: false` skips that second compilation, for the templates we ship (the unit
   * tests compile and render each of them).
   */
  readonly eager?: boolean;
}

/** Parses, checks against the allowed subset and compiles `source`; `name` is used in every error. */
export function compileTemplate(source: string, name: string, options: TemplateCompileOptions = {}): CompiledTemplate {
  const ast = parseTemplate(source, name);
  const [problem] = analyseTemplate(ast).problems;
  if (problem !== undefined) throw new TemplateError(name, problem);
  if (options.eager ?? true) {
    try {
      handlebars.precompile(source, COMPILE_OPTIONS);
    } catch (error) {
      throw new TemplateError(name, errorMessage(error));
    }
  }
  return { name, ast, render: handlebars.compile(source, COMPILE_OPTIONS) };
}

export function renderTemplate(compiled: CompiledTemplate, data: object): string {
  try {
    return compiled.render(data, RUNTIME_OPTIONS);
  } catch (error) {
    throw new TemplateError(compiled.name, describeRenderError(error, compiled.ast));
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseTemplate(source: string, name: string): hbs.AST.Program {
  try {
    return handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(name, errorMessage(error));
  }
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

/**
 * The field paths `source` references, relative to the data's root, in order of first use. Nested paths are joined
 * with `.`; a list's items are `list[]` (`{{#each cves}}{{id}}{{/each}}` → `cves`, `cves[].id`). `@root.x` is `x`;
 * `@index` and other data variables are not fields.
 */
export function templateFields(source: string, name = 'template'): string[] {
  return analyseTemplate(parseTemplate(source, name)).fields;
}

/**
 * Throws a TemplateError naming the first field of `source` that `available` does not provide. A field is provided
 * when listed, when it contains a listed field (`advisory` for `advisory.severity`) or is an item of a listed list
 * (`cves[]` for `cves`).
 */
export function assertTemplateFields(source: string, name: string, available: readonly string[]): void {
  const analysis = analyseTemplate(parseTemplate(source, name));
  const [problem] = analysis.problems;
  if (problem !== undefined) throw new TemplateError(name, problem);
  const unknown = analysis.fields.find((field) => !isProvided(field, available));
  if (unknown !== undefined) {
    throw new TemplateError(name, `"${unknown}" is not an available field (available: ${available.join(', ')})`);
  }
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

interface Analysis {
  fields: string[];
  problems: string[];
}

function analyseTemplate(ast: hbs.AST.Program): Analysis {
  const analysis: Analysis = { fields: [], problems: [] };
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

const isBlockHelper = (name: string): boolean => (BLOCK_HELPERS as readonly string[]).includes(name);

function isHelperCall(call: Call, path: hbs.AST.PathExpression): boolean {
  const hasArguments = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
  return hasArguments || (!path.data && path.parts.length === 1 && KNOWN_HELPERS.has(path.original));
}

/** A mustache or sub-expression: either a known (non-block) helper with its arguments, or a field. */
function walkCall(call: Call, scope: Scope, analysis: Analysis): void {
  const line = atLine(call.loc?.start.line);
  if (call.path.type !== 'PathExpression') {
    analysis.problems.push(`a literal in place of a field or helper name is not supported${line}`);
    return;
  }
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

function walkArguments(call: Call, scope: Scope, analysis: Analysis): void {
  for (const param of call.params) walkExpression(param, scope, analysis);
  for (const pair of call.hash?.pairs ?? []) walkExpression(pair.value, scope, analysis);
}

function walkExpression(expression: hbs.AST.Expression, scope: Scope, analysis: Analysis): void {
  if (expression.type === 'PathExpression') recordField(expression as hbs.AST.PathExpression, scope, analysis);
  if (expression.type === 'SubExpression') walkCall(expression as hbs.AST.SubExpression, scope, analysis);
}

function walkBlock(block: hbs.AST.BlockStatement, scope: Scope, analysis: Analysis): void {
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
  walkProgram(block.program, innerScope(block, scope), analysis);
  walkProgram(block.inverse, scope, analysis);
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
  if (field !== undefined) analysis.fields.push(field);
}

function resolvePath(path: hbs.AST.PathExpression, scope: Scope): string | undefined {
  if (path.data) return path.parts[0] === 'root' ? joinPath('', path.parts.slice(1)) : undefined;
  const [head, ...rest] = path.parts;
  const explicitContext = /^(?:this\b|\.\/)/.test(path.original);
  if (path.depth === 0 && !explicitContext && head !== undefined && scope.blockParams.has(head)) {
    const base = scope.blockParams.get(head);
    return base === undefined ? undefined : joinPath(base, rest);
  }
  const index = Math.max(0, scope.contexts.length - 1 - path.depth);
  const base = scope.contexts[index];
  return base === undefined ? undefined : joinPath(base, path.parts);
}

function joinPath(base: string, parts: readonly string[]): string | undefined {
  const joined = [base, ...parts].filter((part) => part !== '').join('.');
  return joined === '' ? undefined : joined;
}
