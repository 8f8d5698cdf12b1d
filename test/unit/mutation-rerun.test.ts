/**
 * `npm run test:mutation -- --survivors` (test/mutation/rerun.mjs): what it re-runs of the last report, and how the
 * re-run's results replace the old ones, mutant by mutant, on sources changed since.
 */
import { describe, expect, it } from '@jest/globals';
import { mergeRerun, planSurvivorRerun, unchangedLines, type Mutant, type Report } from '../mutation/rerun.mjs';

const SOURCE = ['const a = 1;', 'if (a > 0) run();', 'done();'].join('\n');

function mutant(id: string, status: string, line: number, column: number, endColumn: number): Mutant {
  return {
    id,
    mutatorName: 'ConditionalExpression',
    replacement: 'true',
    status,
    location: { start: { line, column }, end: { line, column: endColumn } },
  };
}

function reportOf(files: Report['files']): Report {
  return { schemaVersion: '1', files };
}

const LAST = reportOf({
  'src/a.ts': { source: SOURCE, mutants: [mutant('1', 'Killed', 1, 11, 12), mutant('2', 'Survived', 2, 5, 10)] },
  'src/gone.ts': { source: 'x', mutants: [mutant('3', 'Survived', 1, 1, 2)] },
});

describe('the lines a change kept', () => {
  it('maps each unchanged line to its line after an insertion and a deletion', () => {
    expect([...unchangedLines(['a', 'b', 'c', 'd'], ['a', 'new', 'b', 'd'])]).toEqual([
      [1, 1],
      [2, 3],
      [4, 4],
    ]);
  });
});

describe('what a survivors run re-runs', () => {
  it('re-runs each survivor at its place, one column wider each side, and nothing killed or gone', () => {
    const plan = planSurvivorRerun(LAST, (file) => (file === 'src/a.ts' ? SOURCE : undefined));
    expect(plan.ranges).toEqual(['src/a.ts:2:3-2:10']);
    expect(Object.keys(plan.report.files)).toEqual(['src/a.ts']);
  });

  it('keeps the files not chosen as they are, survivors and stale lines included', () => {
    const sources: Record<string, string> = { 'src/a.ts': `// a new first line\n${SOURCE}`, 'src/gone.ts': 'x\ny' };
    const plan = planSurvivorRerun(
      LAST,
      (file) => sources[file],
      (file) => file === 'src/gone.ts',
    );
    expect(plan.ranges).toEqual(['src/gone.ts:2-2', 'src/gone.ts:1:0-1:2']);
    expect(plan.report.files['src/a.ts']).toBe(LAST.files['src/a.ts']);
  });

  it('moves the mutants of a changed file to their new lines and re-runs the lines that changed', () => {
    const changed = ['// a new first line', 'const a = 1;', 'if (a >= 0) run();', 'done();'].join('\n');
    const plan = planSurvivorRerun(LAST, (file) => (file === 'src/a.ts' ? changed : undefined));
    expect(plan.ranges).toEqual(['src/a.ts:1-1', 'src/a.ts:3-3', 'src/a.ts:2-4']);
    const moved = plan.report.files['src/a.ts'];
    expect(moved?.source).toBe(changed);
    expect(moved?.mutants.map(({ id, location }) => [id, location.start.line])).toEqual([['1', 2]]);
  });
});

describe('merging a survivors run', () => {
  const plan = planSurvivorRerun(LAST, (file) => (file === 'src/a.ts' ? SOURCE : undefined));

  it('puts each re-run result over the mutant at the same place, keeping its id, and adds new ones', () => {
    const rerun = reportOf({
      'src/a.ts': {
        source: SOURCE,
        mutants: [mutant('90', 'Killed', 2, 5, 10), { ...mutant('91', 'Survived', 2, 5, 10), replacement: 'false' }],
      },
    });
    const { report, changes } = mergeRerun(plan.report, rerun);
    expect(report.files['src/a.ts']?.mutants.map(({ id, status }) => [id, status])).toEqual([
      ['1', 'Killed'],
      ['2', 'Killed'],
      ['91', 'Survived'],
    ]);
    expect(changes).toEqual({ 'Survived → Killed': 1, 'new, Survived': 1 });
  });

  it('says when a survivor was not re-run, instead of keeping its old status unseen', () => {
    const { report, changes } = mergeRerun(plan.report, reportOf({}));
    expect(report.files['src/a.ts']?.mutants.map(({ status }) => status)).toEqual(['Killed', 'Survived']);
    expect(changes).toEqual({ 'Survived, not re-run': 1 });
  });

  it('does not count the survivors of files not chosen as missed', () => {
    const chosenNone = planSurvivorRerun(
      LAST,
      (file) => (file === 'src/a.ts' ? SOURCE : undefined),
      () => false,
    );
    expect(mergeRerun(chosenNone.report, reportOf({}), chosenNone.files).changes).toEqual({});
  });
});
