/**
 * The shape of a template precompiled by Handlebars (`Handlebars.precompile`), as the generated module
 * src/templates/precompiled.generated.ts holds it, typed as far as that code uses it. Handlebars joins what each
 * mustache and helper yields with `+`: the generated code is typed as building text.
 */
import type { TemplatePath } from './paths.js';

type HelperFunction = (this: unknown, ...args: unknown[]) => string;

/** Helpers, as the generated code looks them up by name. */
export type SpecHelpers = Readonly<Record<string, HelperFunction>>;

/** What Handlebars' runtime passes each program of a template (its `container`). */
export interface SpecContainer {
  lookupProperty(parent: SpecHelpers, name: string): HelperFunction;
  lookupProperty(parent: unknown, name: string): unknown;
  strict(parent: unknown, name: string, loc: unknown): unknown;
  lambda(value: unknown, context: unknown): string;
  program(index: number, data: unknown, declaredBlockParams?: number, blockParams?: unknown, depths?: unknown): unknown;
  data(value: unknown, depth: number): unknown;
  readonly noop: unknown;
  readonly nullContext: object;
}

type SpecProgram = (
  container: SpecContainer,
  depth0: unknown,
  helpers: SpecHelpers,
  partials: unknown,
  data: unknown,
  blockParams?: readonly (readonly unknown[])[],
  depths?: readonly unknown[],
) => string;

export interface TemplateSpec {
  readonly compiler: readonly [number, string];
  readonly main: SpecProgram;
  readonly useData?: boolean;
  readonly useDepths?: boolean;
  readonly useBlockParams?: boolean;
  readonly [program: number]: SpecProgram;
}

/** A built-in template as the build precompiled it. */
export interface PrecompiledTemplate {
  /** The SHA-256 of the source it was precompiled from: a changed source without regenerating is refused. */
  readonly sourceSha256: string;
  readonly paths: readonly TemplatePath[];
  readonly spec: TemplateSpec;
}
