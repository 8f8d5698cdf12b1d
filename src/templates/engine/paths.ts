/**
 * The field paths written in a template, read once from its syntax tree, so a render error can name the path in
 * full without the tree: a built-in template is rendered from its precompiled code, and its paths come with it.
 */
import { isRecord } from './instance.js';

/** A path as written (`advisory.cvss.score`), its parts and where it starts. */
export interface TemplatePath {
  readonly line: number;
  readonly column: number;
  readonly original: string;
  readonly parts: readonly string[];
}

/**
 * The path expressions of `ast` whose text says more than the name a Handlebars error gives (a nested path, or one
 * written with `this.`, `./` or `../`), in the order a depth-first walk of the tree meets them. For the others, the
 * error's own name is already the path in full.
 */
export function templatePaths(ast: hbs.AST.Program): TemplatePath[] {
  const paths: TemplatePath[] = [];
  collectPaths(ast, paths);
  return paths;
}

function collectPaths(node: unknown, paths: TemplatePath[]): void {
  if (Array.isArray(node)) {
    for (const child of node) collectPaths(child, paths);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === 'PathExpression') {
    const path = pathOf(node);
    if (path && (path.parts.length !== 1 || path.original !== path.parts[0])) paths.push(path);
    return;
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') collectPaths(child, paths);
}

function pathOf(node: Record<string, unknown>): TemplatePath | undefined {
  const start = isRecord(node.loc) && isRecord(node.loc.start) ? node.loc.start : {};
  const { line, column } = start;
  if (typeof line !== 'number' || typeof column !== 'number' || typeof node.original !== 'string') return undefined;
  const parts = Array.isArray(node.parts) ? node.parts.filter((part) => typeof part === 'string') : [];
  return { line, column, original: node.original, parts };
}
