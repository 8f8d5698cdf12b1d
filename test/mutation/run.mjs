#!/usr/bin/env node
/**
 * `npm run test:mutation [-- <stryker options>]`: mutation testing of src/domain and src/templates with the unit tests.
 *
 * 1. Runs the unit tests once with Jest (they must pass) and keeps the names of the tests in each file, for the
 *    sequencer that lets a mutant run load only the files holding the tests that cover the mutant (sequencer.mjs).
 * 2. Runs StrykerJS (stryker.config.mjs) with Jest in ESM mode; extra arguments go to Stryker, e.g.
 *    `npm run test:mutation -- --mutate src/domain/duration.ts` or `-- --incremental`.
 * 3. A partial run (`-- --mutate <files>`) replaces those files' results in the last full report and keeps the
 *    others (files gone from src/ are dropped), so the score stays the whole code's: re-run the files that changed.
 * 4. `-- --survivors` re-runs only the survivors of the last report and the mutants of lines changed since
 *    (test/mutation/rerun.mjs) and puts their results over it, mutant by mutant; `-- --survivors --mutate <file>,<file>`
 *    does so for those files only.
 * 5. Prints the mutation score, and the files with the lowest scores, from reports/mutation/mutation.json.
 *
 * Exits with Stryker's exit code (non-zero when the score is under the `break` threshold of stryker.config.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeRerun, planSurvivorRerun } from './rerun.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPORTS = join(ROOT, 'reports', 'mutation');
const UNIT_RESULTS = join(REPORTS, 'unit-tests.json');
const TEST_MAP = join(REPORTS, 'test-map.json');
const MUTATION_REPORT = join(REPORTS, 'mutation.json');
const SURVIVORS_CONFIG = join(REPORTS, 'survivors.config.mjs');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() };

function run(script, args) {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

mkdirSync(REPORTS, { recursive: true });
const started = Date.now();

console.log('test:mutation: running the unit tests once, to list the tests in each file');
const jestStatus = run('jest/bin/jest.js', [
  '--config',
  'test/mutation/jest.config.mjs',
  '--silent',
  '--json',
  '--outputFile',
  UNIT_RESULTS,
]);
if (jestStatus !== 0) {
  console.error('test:mutation: the unit tests fail; mutation testing needs a green suite to start from');
  process.exit(jestStatus);
}
const unit = JSON.parse(readFileSync(UNIT_RESULTS, 'utf8'));
const files = Object.fromEntries(
  unit.testResults.map((suite) => [relative(ROOT, suite.name), suite.assertionResults.map((test) => test.fullName)]),
);
writeFileSync(TEST_MAP, `${JSON.stringify({ files }, null, 1)}\n`);

const survivorsOnly = process.argv.includes('--survivors');
const { strykerArgs, survivorFiles } = survivorsOnly
  ? survivorsArguments(process.argv.slice(2))
  : { strykerArgs: process.argv.slice(2), survivorFiles: undefined };
const partial = strykerArgs.some((arg) => arg === '--mutate' || arg === '-m' || arg.startsWith('--mutate='));
const previous =
  (partial || survivorsOnly) && existsSync(MUTATION_REPORT)
    ? JSON.parse(readFileSync(MUTATION_REPORT, 'utf8'))
    : undefined;
if (survivorsOnly && !previous) {
  console.error('test:mutation: --survivors re-runs the survivors of the last report, and there is none: run it whole');
  process.exit(1);
}
const plan = survivorsOnly
  ? planSurvivorRerun(
      previous,
      (file) => (existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : undefined),
      (file) => survivorFiles === undefined || survivorFiles.includes(file),
    )
  : undefined;
if (plan) {
  writeFileSync(SURVIVORS_CONFIG, survivorsConfig(plan.ranges));
  console.log(`test:mutation: re-running ${plan.ranges.length} places (survivors, changed lines) of the last report`);
}

console.log('test:mutation: running StrykerJS (stryker.config.mjs)');
env.MUTATION_TEST_MAP = TEST_MAP;
const nothingToRerun = plan?.ranges.length === 0;
const strykerStatus = nothingToRerun
  ? 0
  : run('@stryker-mutator/core/bin/stryker.js', [
      'run',
      ...(plan ? [relative(ROOT, SURVIVORS_CONFIG)] : []),
      ...strykerArgs,
    ]);
if (plan && !nothingToRerun && strykerStatus === 0) mergeSurvivors(plan);
else if (!plan && previous) mergeIntoPrevious(previous);

/** `--survivors [--mutate <file>,<file>]`: the files whose survivors to re-run (all when none), and Stryker's own args. */
function survivorsArguments(args) {
  const rest = args.filter((arg) => arg !== '--survivors');
  const at = rest.findIndex((arg) => arg === '--mutate' || arg === '-m');
  if (at === -1) return { strykerArgs: rest, survivorFiles: undefined };
  return { strykerArgs: rest.toSpliced(at, 2), survivorFiles: (rest[at + 1] ?? '').split(',').filter(Boolean) };
}

/** Stryker's configuration with `mutate` narrowed to the planned ranges (too many for a command line). */
function survivorsConfig(ranges) {
  return `import base from '../../stryker.config.mjs';\n\nexport default { ...base, mutate: ${JSON.stringify(ranges)} };\n`;
}

/** The re-run's results over the planned report (the last one, moved to the current sources). */
function mergeSurvivors({ report: planned, files }) {
  const { report: merged, changes } = mergeRerun(planned, JSON.parse(readFileSync(MUTATION_REPORT, 'utf8')), files);
  writeFileSync(MUTATION_REPORT, JSON.stringify(merged));
  console.log(`test:mutation: merged the re-run into the last report; changed: ${JSON.stringify(changes)}`);
}

/** The partial run's files over the last full report's; files no longer in the tree are dropped. */
function mergeIntoPrevious(last) {
  const partialReport = JSON.parse(readFileSync(MUTATION_REPORT, 'utf8'));
  const kept = Object.entries(last.files).filter(([file]) => existsSync(join(ROOT, file)));
  partialReport.files = { ...Object.fromEntries(kept), ...partialReport.files };
  writeFileSync(MUTATION_REPORT, JSON.stringify(partialReport));
  console.log(`test:mutation: merged into the last full report (${Object.keys(partialReport.files).length} files)`);
}

let report;
try {
  report = JSON.parse(readFileSync(MUTATION_REPORT, 'utf8'));
} catch {
  console.error(`test:mutation: no report at ${relative(ROOT, MUTATION_REPORT)}`);
  process.exit(strykerStatus || 1);
}

const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];
const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];

function count(mutants) {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0]));
  for (const mutant of mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const detected = DETECTED.reduce((sum, status) => sum + counts[status], 0);
  const valid = detected + UNDETECTED.reduce((sum, status) => sum + counts[status], 0);
  return { counts, valid, score: valid === 0 ? 100 : (100 * detected) / valid };
}

const perFile = Object.entries(report.files).map(([file, { mutants }]) => ({ file, ...count(mutants) }));
const total = count(Object.values(report.files).flatMap(({ mutants }) => mutants));
const line = ({ counts, valid, score }) =>
  `${score.toFixed(2).padStart(6)} % of ${String(valid).padStart(4)}: ` +
  `${counts.Killed} killed, ${counts.Timeout} timeout, ${counts.Survived} survived, ${counts.NoCoverage} no coverage` +
  (counts.CompileError + counts.RuntimeError ? `, ${counts.CompileError + counts.RuntimeError} errors` : '');

console.log('\nLowest-scoring files:');
for (const file of [...perFile].sort((a, b) => a.score - b.score || b.valid - a.valid).slice(0, 10)) {
  console.log(`  ${line(file)}  ${file.file}`);
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\nMutation score: ${total.score.toFixed(2)} % (${line(total).split(': ')[1]}) in ${minutes} min`);
console.log(`Report: ${relative(ROOT, join(REPORTS, 'index.html'))}`);
process.exit(strykerStatus);
