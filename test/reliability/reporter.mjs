// Prints the reliability suite's figures as one table at the end of a Jest run. The test files append JSON lines
// (test/reliability/figures.ts) to a file in a directory this reporter creates before the workers start and hands
// to them through RELIABILITY_FIGURES_DIR. Runs without reliability tests record nothing and print nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const ROWS = [
  [
    'embargo',
    'Embargo matrix, in-process: paths that held (action x public/private x triage/draft/published x normal/debug log x success with its writes asserted / failure at a named request), no leak of any 16 characters of a sentinel',
  ],
  ['embargo-bundle', 'Embargo matrix over the built bundles (real stdout): paths that held, one scenario per action'],
  ['publication-order', 'Publication refused or delayed: nothing public before GitHub accepted it'],
  ['injection', 'Hostile-content cases rendered inert'],
  ['actionlint', 'actionlint expression-injection checks (templates pass, unsafe copy fails)'],
  ['faults', 'Fault runs survived in one run, end state equal, requests <= 2x fault-free + 1 per fault'],
  ['ambiguous', 'Writes GitHub applied but answered 502, with nothing made twice'],
  ['kills', 'Runs killed at a write (SIGTERM) that converged after one normal run'],
  ['reruns', 'Re-runs clean (second run writes nothing)'],
  ['concurrency', 'Concurrent sweeps without a duplicate'],
  ['bad-input', 'Bad inputs rejected (exit 1, annotation naming the input, nothing written)'],
];

function markdownTable(rows) {
  const [header = [], ...body] = rows;
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function readRecords(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function aggregate(records) {
  const byKind = new Map();
  for (const record of records) {
    const entry = byKind.get(record.kind) ?? { total: 0, held: 0, counts: {}, tables: [] };
    if (record.table) entry.tables.push(record.table);
    entry.total += record.total;
    entry.held += record.held;
    for (const [name, value] of Object.entries(record.counts ?? {}))
      entry.counts[name] = (entry.counts[name] ?? 0) + value;
    byKind.set(record.kind, entry);
  }
  return byKind;
}

function table(byKind, seconds) {
  const lines = [
    '',
    'Reliability and security figures',
    '',
    '| Property | Held | Of | Detail |',
    '|---|---:|---:|---|',
  ];
  for (const [kind, label] of ROWS) {
    const entry = byKind.get(kind);
    if (!entry) continue;
    const detail = Object.entries(entry.counts)
      .map(([name, value]) => `${name}: ${value}`)
      .join('; ');
    lines.push(`| ${label} | ${entry.held} | ${entry.total} | ${detail} |`);
  }
  for (const [kind] of ROWS) {
    for (const extra of byKind.get(kind)?.tables ?? []) lines.push('', extra.title, '', ...markdownTable(extra.rows));
  }
  lines.push('', `Wall time of the Jest run: ${seconds.toFixed(1)} s.`, '');
  return lines.join('\n');
}

export default class ReliabilityReporter {
  constructor() {
    const dir = process.env.RELIABILITY_FIGURES_DIR ?? mkdtempSync(join(tmpdir(), 'reliability-figures-'));
    // Jest starts its workers after the reporters: they inherit the directory.
    process.env.RELIABILITY_FIGURES_DIR = dir;
    this.file = join(dir, 'figures.jsonl');
    rmSync(this.file, { force: true });
    this.started = Date.now();
  }

  onRunStart() {
    this.started = Date.now();
  }

  onRunComplete() {
    const byKind = aggregate(readRecords(this.file));
    if (byKind.size === 0) return;
    process.stdout.write(table(byKind, (Date.now() - this.started) / 1000));
  }
}
