/**
 * Rendering a compiled template, with Handlebars' runtime only: what a run needs to render a built-in template
 * (precompiled at build time) or a project's own (compiled by engine.ts when the inputs were read).
 */
import type Handlebars from 'handlebars';
import { atLine, errorMessage, RenderProblem, TemplateError } from './errors.js';
import { RUNTIME_OPTIONS } from './instance.js';
import type { TemplatePath } from './paths.js';
import { runtime } from './runtime.js';
import type { TemplateSpec } from './spec.js';

export { TemplateError } from './errors.js';

export interface CompiledTemplate {
  readonly name: string;
  /** The project's template file it was read from (errors are located there); undefined for a built-in one. */
  readonly file?: string | undefined;
  /** The field paths written in it, for naming a missing value in full (paths.ts). */
  readonly paths: readonly TemplatePath[];
  readonly render: Handlebars.TemplateDelegate;
}

/** A template precompiled by the build, made renderable by the runtime alone. */
export function precompiledTemplate(
  name: string,
  spec: TemplateSpec,
  paths: readonly TemplatePath[],
): CompiledTemplate {
  return { name, paths, render: runtime.template(spec) };
}

export function renderTemplate(compiled: CompiledTemplate, data: object): string {
  try {
    return compiled.render(data, RUNTIME_OPTIONS);
  } catch (error) {
    throw new TemplateError(compiled.name, describeRenderError(error, compiled.paths, data), compiled.file);
  }
}

const STRICT_MISSING = /^"([^"]*)" not defined in [\s\S]* - (\d+):(\d+)$/;

function describeRenderError(error: unknown, paths: readonly TemplatePath[], data: object): string {
  if (error instanceof RenderProblem) return error.message;
  const message = errorMessage(error);
  const missing = STRICT_MISSING.exec(message);
  if (!missing) return describeBrokenLookup(message, paths) ?? `could not be rendered: ${withoutValues(message, data)}`;
  const line = Number(missing[2]);
  const column = Number(missing[3]);
  const fullPath = paths.find((path) => path.line === line && path.column === column)?.original ?? missing[1];
  return `"${fullPath}" is not defined${atLine(line)}`;
}

/** Strings shorter than this are left in a message: too common to hide anything, and hiding them garbles it. */
const SHORTEST_HIDDEN = 4;

/**
 * `message` with every string value of `data` in it replaced: a JavaScript error raised inside a template can quote
 * a value (`Cannot use 'in' operator to search for 'text' in <the value>`), and the data of an announcement is
 * embargoed until the advisory is published, while the message goes to the log.
 */
function withoutValues(message: string, data: object): string {
  const values = [...stringsIn(data, new Set())].filter((value) => value.length >= SHORTEST_HIDDEN);
  values.sort((a, b) => b.length - a.length);
  return values.reduce((text, value) => text.split(value).join('[a value of the data]'), message);
}

function* stringsIn(value: unknown, seen: Set<object>): Generator<string> {
  if (typeof value === 'string') yield value;
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const item of Object.values(value)) yield* stringsIn(item, seen);
}

const BROKEN_LOOKUP = /^Cannot read properties of (?:undefined|null) \(reading '([^']*)'\)$/;

/**
 * Helper arguments are looked up without Handlebars' strict check, so `{{md a.b.c}}` with no `a.b` fails with a bare
 * TypeError naming only `c`; name the first argument path that goes through it instead.
 */
function describeBrokenLookup(message: string, paths: readonly TemplatePath[]): string | undefined {
  const property = BROKEN_LOOKUP.exec(message)?.[1];
  if (property === undefined) return undefined;
  const path = paths.find((candidate) => candidate.parts.slice(1).includes(property));
  return path ? `"${path.original}" is not defined: a part of it is missing or null` : undefined;
}
