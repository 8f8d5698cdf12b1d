import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT } from './load.js';

/**
 * The import graph of src/, type-only imports included (ESLint's import-x/no-cycle checks the runtime ones and
 * skips types): a cycle of types still ties two modules into one unit to understand and change.
 */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(ROOT, 'src', file), 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)].map((match) =>
      normalize(join(dirname(file), `${match[1]}.ts`)),
    );
    graph.set(normalize(file), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle's members (Tarjan's strongly connected components of more than one module, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node) ?? 0, lowlinks.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node) ?? 0, indices.get(next) ?? 0));
      }
    }
    if (lowlinks.get(node) !== indices.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('the layers of src/', () => {
  const graph = importGraph();

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const looped = new Map(graph);
    looped.set('domain/a.ts', ['domain/b.ts']);
    looped.set('domain/b.ts', ['domain/a.ts']);
    expect(cycles(looped)).toContainEqual(['domain/a.ts', 'domain/b.ts']);
  });

  it('keeps the domain pure: no import from the runner, GitHub, chat, templates, actions or node', () => {
    const impure = [...graph.keys()]
      .filter((file) => file.startsWith('domain/'))
      .flatMap((file) =>
        [...readFileSync(join(ROOT, 'src', file), 'utf8').matchAll(/from '([^']+)'/g)]
          .map((match) => match[1] ?? '')
          .filter((source) => /^(node:|@actions\/|@octokit\/)|\/(github|actions|channels|templates)\//.test(source))
          .map((source) => `${file} imports ${source}`),
      );
    expect(impure).toEqual([]);
  });
});
