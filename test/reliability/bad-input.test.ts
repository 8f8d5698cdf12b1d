/**
 * The bad-input corpus (bad-inputs.ts) run through each action's main scenario, in-process: exit 1, one failure
 * annotation naming what to fix (a mistake in a file is also annotated on its file and line, run.ts), and no write:
 * not one request that could change anything reached the proxy in front of the emulator (chat messages included,
 * and writes GitHub refused too), except, for a /triage command, its answer on the commanding issue saying nothing
 * was changed. Validation comes before the first write, including for configuration only seen after a first request.
 *
 * One exception, by necessity: a token without a permission. GitHub has no request that tells what an installation
 * token or a fine-grained PAT may do short of trying, so the one write it refuses (401/403, nothing changed) is how
 * the run learns; such a refused attempt is allowed for rows of kind `token`, an accepted write never is.
 *
 * Then the corpus's own figures: no row repeats another, and how many rows are distinct cases, per kind.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BAD_INPUT_KINDS,
  BAD_INPUTS,
  configurationOf,
  corpusFigures,
  duplicateRows,
  type BadInput,
} from './bad-inputs.js';
import { runBatch } from './batch.js';
import { recordFigure } from './figures.js';
import { addIssue } from '../emulator/state.js';
import { createWorld, MAIN_STAGE, TRACKER } from './scenarios.js';
import { routeOf } from './writes.js';

/** The run's workspace: a temporary directory holding the row's files (`{dir}` in its inputs). */
function workspace(row: BadInput): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bad-input-')));
  for (const [name, text] of Object.entries(row.files ?? {})) writeFileSync(join(dir, name), text);
  return dir;
}

interface Rejection {
  readonly exitCode: number | null;
  /** Failure annotations (not the ones pointing at a line of a file). */
  readonly failures: number;
  readonly annotation: string;
  readonly missing: string[];
  /** Every write the run asked for, as a route, whatever GitHub answered (bar a token row's refused attempt). */
  readonly writes: string[];
  /** Those the row does not allow. */
  readonly unexpectedWrites: string[];
  /** Allowed writes that do not say nothing was changed. */
  readonly misleadingAnswers: string[];
}

async function reject(row: BadInput): Promise<Rejection> {
  const dir = workspace(row);
  const inputs = Object.fromEntries(
    Object.entries(row.inputs).map(([name, value]) => [name, value.replaceAll('{dir}', dir)]),
  );
  const world = await createWorld(row.action, {
    visibility: 'public',
    stage: row.stage ?? MAIN_STAGE[row.action],
    validate: false,
  });
  try {
    // A report filed by hand with the intake form, before the run.
    if (row.trackerIssue) {
      addIssue(world.emulator.state, TRACKER, { ...row.trackerIssue, labels: [...row.trackerIssue.labels] });
    }
    const result = await world.run({
      inputs,
      env: { GITHUB_WORKSPACE: dir },
      ...(row.event ? { event: row.event } : {}),
    });
    // A token row may learn of a missing permission from GitHub's refusal of a write (nothing changed).
    const refusedForToken = (status: number | undefined): boolean =>
      row.kind === 'token' && (status === 401 || status === 403);
    const attempted = world.proxy.seen.filter((request) => request.write && !refusedForToken(request.status));
    const allowed = row.allowedWrites ?? [];
    const annotation = result.errors.map((error) => `${error.properties.title ?? ''} ${error.message}`).join('\n');
    const outcome: Rejection = {
      exitCode: result.exitCode,
      failures: result.errors.filter((error) => error.properties.file === undefined).length,
      annotation,
      missing: row.names.filter((name) => !annotation.includes(name)),
      writes: attempted.map((request) => routeOf(world, request)),
      unexpectedWrites: attempted.map((request) => routeOf(world, request)).filter((route) => !allowed.includes(route)),
      misleadingAnswers: attempted
        .filter((request) => allowed.includes(routeOf(world, request)))
        .filter((request) => !request.body.includes('Nothing was changed'))
        .map((request) => routeOf(world, request)),
    };
    const rejected =
      outcome.exitCode === 1 &&
      outcome.failures === 1 &&
      outcome.missing.length === 0 &&
      outcome.unexpectedWrites.length === 0 &&
      outcome.misleadingAnswers.length === 0;
    recordFigure({
      kind: 'bad-input',
      total: 1,
      held: rejected ? 1 : 0,
      counts: { [`rows run by ${row.action}`]: 1, 'writes before validation': outcome.unexpectedWrites.length },
    });
    return outcome;
  } finally {
    await world.stop();
  }
}

const label = (row: BadInput): string => `${row.action}: ${row.kind}: ${row.what}`;

describe(`bad-input corpus (${BAD_INPUTS.length} rows): exit 1, an annotation naming the input, nothing written`, () => {
  const batch = runBatch(BAD_INPUTS, reject, { limit: 4 });

  it.each(BAD_INPUTS.map((row, index) => [label(row), index] as const))('%s', (_label, index) => {
    const outcome = batch.outcome(index);
    expect({
      exit: outcome.exitCode,
      annotations: outcome.failures,
      writesBeforeValidation: outcome.unexpectedWrites,
      answersClaimingChanges: outcome.misleadingAnswers,
    }).toEqual({ exit: 1, annotations: 1, writesBeforeValidation: [], answersClaimingChanges: [] });
    expect({ annotation: outcome.annotation, missing: outcome.missing }).toEqual({
      annotation: outcome.annotation,
      missing: [],
    });
  });
});

describe('the corpus counts itself honestly', () => {
  it('repeats no row, and reports its rows, distinct cases and what each kind covers', () => {
    const figures = corpusFigures();
    recordFigure({
      kind: 'bad-input',
      total: 0,
      held: 0,
      counts: { 'corpus rows': figures.rows, 'distinct cases': figures.distinct },
      table: {
        title: `Bad-input corpus: ${figures.rows} rows, ${figures.distinct} distinct cases (a distinct case: one set of inputs, files and event, whichever action runs it)`,
        rows: [
          ['Kind', 'Rows', 'Distinct', 'Actions', 'Covers'],
          ...figures.kinds.map((kind) => [
            kind.kind,
            String(kind.rows),
            String(kind.distinct),
            String(kind.actions),
            kind.covers.join(', '),
          ]),
        ],
      },
    });
    expect(duplicateRows(BAD_INPUTS)).toEqual([]);
    // Every kind is exercised, and the per-kind counts add up to the whole.
    expect(figures.kinds.filter((kind) => kind.rows === 0).map((kind) => kind.kind)).toEqual([]);
    expect(figures.kinds.reduce((sum, kind) => sum + kind.rows, 0)).toBe(figures.rows);
    expect(figures.distinct).toBe(new Set(BAD_INPUTS.map(configurationOf)).size);
    expect(figures.distinct).toBeLessThan(figures.rows);
    expect(BAD_INPUT_KINDS.length).toBe(figures.kinds.length);
  });

  it('counts a configuration once however many actions run it', () => {
    const policyRows = BAD_INPUTS.filter((row) => row.files?.['policy.yml'] === 'disclose-within: 300000000d\n');
    expect(policyRows.map((row) => row.action).sort()).toEqual(
      ['ack-report', 'create-temp-fork', 'publish-announcement', 'release-gate', 'sla-check', 'triage'].sort(),
    );
    expect(new Set(policyRows.map(configurationOf)).size).toBe(1);
    expect(corpusFigures(policyRows)).toMatchObject({ rows: 6, distinct: 1 });
  });
});
