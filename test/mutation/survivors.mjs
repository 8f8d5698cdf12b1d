#!/usr/bin/env node
/**
 * `node test/mutation/survivors.mjs [path-part ...]`: the mutants the unit tests let live (Survived, NoCoverage) in the
 * last report (reports/mutation/mutation.json), one line each: file:line:column, the mutator, the code as mutated.
 * Review each: a test that kills it, or a line in test/mutation/equivalent-mutants.md saying why nothing can.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const report = JSON.parse(readFileSync(join(ROOT, 'reports', 'mutation', 'mutation.json'), 'utf8'));
const filters = process.argv.slice(2);
const oneLine = (text) => text.replace(/\s+/g, ' ').slice(0, 100);

for (const [file, { mutants }] of Object.entries(report.files)) {
  if (filters.length > 0 && !filters.some((part) => file.includes(part))) continue;
  for (const mutant of mutants) {
    if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
    const { line, column } = mutant.location.start;
    const status = mutant.status === 'NoCoverage' ? ' (no test covers it)' : '';
    console.log(`${file}:${line}:${column} ${mutant.mutatorName}${status}: ${oneLine(mutant.replacement ?? '')}`);
  }
}
