/** The template engine's errors: the one a caller sees, and the one raised inside a helper while rendering. */
import { ConfigurationError, type LocatedProblem } from '../../domain/errors.js';

/** One thing wrong with a template, and the line it is on when the engine knows it. */
export interface TemplateProblem {
  readonly detail: string;
  readonly line?: number | undefined;
}

/** `(line 3)` at the end of a detail, or Handlebars' own `Parse error on line 3:`. */
const LINE_IN_DETAIL = /\(line (\d+)\)$|^Parse error on line (\d+):/;

function problemOf(detail: string): TemplateProblem {
  const match = LINE_IN_DETAIL.exec(detail);
  const line = match ? Number(match[1] ?? match[2]) : undefined;
  return line === undefined ? { detail } : { detail, line };
}

/**
 * A template that does not parse, uses something not allowed, or references a value the data lacks: every problem
 * found in it. `file` is set for a project's own template (the path its input names): each problem is then located
 * there, and the runner annotates it on its line. A built-in template has no file.
 */
export class TemplateError extends ConfigurationError {
  readonly details: readonly TemplateProblem[];

  constructor(
    readonly templateName: string,
    details: string | readonly (string | TemplateProblem)[],
    readonly file?: string,
  ) {
    const list = (typeof details === 'string' ? [details] : details).map((item) =>
      typeof item === 'string' ? problemOf(item) : item,
    );
    const located: LocatedProblem[] =
      file === undefined ? [] : list.map(({ detail, line }) => ({ file, line, message: detail }));
    super(`template "${templateName}": ${list.map(({ detail }) => detail).join('; ')}`, `template "${templateName}"`, [
      ...located,
    ]);
    this.name = 'TemplateError';
    this.details = list;
  }

  /** The same problems, located in the project's template file `file`. */
  inFile(file: string): TemplateError {
    return new TemplateError(this.templateName, this.details, file);
  }
}

/** Raised inside helpers; renderTemplate turns it into a TemplateError naming the template. */
export class RenderProblem extends Error {}

export function atLine(line: number | undefined): string {
  return line === undefined ? '' : ` (line ${line})`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
