/**
 * The bad-input corpus (bad-inputs.ts) run through each action's main scenario: exit 1, one ::error:: annotation
 * naming what to fix, and nothing written. Rows marked `reported` reproduce defects reported to the owner of the
 * action and are expected to fail until fixed.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_INPUTS, type BadInput } from './bad-inputs.js';
import { recordFigure } from './figures.js';
import { createWorld, MAIN_STAGE, writesOf } from './scenarios.js';

function workspace(row: BadInput): string {
  const dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
  for (const [name, text] of Object.entries(row.files ?? {})) writeFileSync(join(dir, name), text);
  return dir;
}

async function reject(row: BadInput): Promise<void> {
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
    const result = await world.run({ inputs, ...(row.event ? { event: row.event } : {}) });
    const writes = writesOf(world.emulator);
    const annotation = result.errors.map((error) => `${error.properties.title ?? ''} ${error.message}`).join('\n');
    const named = row.names.filter((name) => !annotation.includes(name));
    const rejected = result.exitCode === 1 && result.errors.length === 1 && named.length === 0 && writes.length === 0;
    recordFigure({ kind: 'bad-input', total: 1, held: rejected ? 1 : 0, counts: { [`${row.action}`]: 1 } });
    expect({ exit: result.exitCode, annotations: result.errors.length, writes }).toEqual({
      exit: 1,
      annotations: 1,
      writes: [],
    });
    expect({ annotation, missing: named }).toEqual({ annotation, missing: [] });
  } finally {
    await world.stop();
  }
}

const label = (row: BadInput): string => `${row.action}: ${row.what}`;

describe(`bad-input corpus (${BAD_INPUTS.length} rows): exit 1, an annotation naming the input, nothing written`, () => {
  it.concurrent.each(BAD_INPUTS.filter((row) => !row.reported).map((row) => [label(row), row] as const))(
    '%s',
    (_label, row) => reject(row),
    60_000,
  );

  it.failing.each(BAD_INPUTS.filter((row) => row.reported).map((row) => [label(row), row] as const))(
    'reported: %s',
    (_label, row) => reject(row),
    60_000,
  );
});
