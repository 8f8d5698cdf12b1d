/**
 * The suite's figures: each test appends what it ran and what held to a JSON-lines file that reporter.mjs reads at
 * the end of the Jest run and prints as one table. Recorded before the test's assertions, so a failing property
 * shows up in the table as well as in Jest's output.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The rows of the table, in order (reporter.mjs knows the same names). */
export type FigureKind =
  | 'embargo'
  | 'embargo-bundle'
  | 'publication-order'
  | 'injection'
  | 'actionlint'
  | 'faults'
  | 'ambiguous'
  | 'kills'
  | 'reruns'
  | 'concurrency'
  | 'bad-input';

export interface FigureRecord {
  readonly kind: FigureKind;
  /** Runs or cases of this kind. */
  readonly total: number;
  /** Of those, the ones where every property held. */
  readonly held: number;
  /** Further counts summed per kind, e.g. `{ leaks: 0, surfaces: 31 }`. */
  readonly counts?: Readonly<Record<string, number>>;
  /** A table printed under the figures as given (the bad-input corpus per kind), its first row the header. */
  readonly table?: { readonly title: string; readonly rows: readonly (readonly string[])[] };
}

/** Where the figures of this Jest run go: set by reporter.mjs before the workers start. */
export function figuresFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.RELIABILITY_FIGURES_DIR ?? join(tmpdir(), 'disclosure-actions-reliability');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'figures.jsonl');
}

export function recordFigure(record: FigureRecord): void {
  appendFileSync(figuresFile(), `${JSON.stringify(record)}\n`);
}
