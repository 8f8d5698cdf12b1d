/** Types of rerun.mjs, for its unit test: the parts of Stryker's JSON report (mutation-testing-report-schema) it reads. */
export interface Position {
  line: number;
  column: number;
}
export interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: Position; end: Position };
  [other: string]: unknown;
}
export interface FileResult {
  source: string;
  mutants: Mutant[];
  [other: string]: unknown;
}
export interface Report {
  files: Record<string, FileResult>;
  [other: string]: unknown;
}
export function unchangedLines(before: readonly string[], after: readonly string[]): Map<number, number>;
export function planSurvivorRerun(
  report: Report,
  sourceOf: (file: string) => string | undefined,
  chosen?: (file: string) => boolean,
): { ranges: string[]; report: Report; files: string[] };
export function mergeRerun(
  planned: Report,
  rerun: Report,
  rerunFiles?: readonly string[],
): { report: Report; changes: Record<string, number> };
