/**
 * Re-runs and concurrency. Every action's scenario at every stage, public and private, run twice: the second run
 * writes nothing and ends as the first did. Then the two sweeps (ack-report on its schedule, sla-check) started
 * twice at once, at several latencies: one tracking issue, comment, dashboard and chat message per thing, and a
 * third run that writes nothing.
 */
import { describe, expect, it } from '@jest/globals';
import { duplicates } from './end-state.js';
import { recordFigure } from './figures.js';
import {
  ACTIONS,
  createWorld,
  STAGES,
  VISIBILITIES,
  writesOf,
  type ActionName,
  type Stage,
  type Visibility,
} from './scenarios.js';

const SCENARIOS = ACTIONS.flatMap((action) =>
  VISIBILITIES.flatMap((visibility) => STAGES.map((stage) => ({ action, visibility, stage }))),
);

describe('every action run twice: the second run writes nothing', () => {
  it.concurrent.each(SCENARIOS)(
    '$action, $visibility repo, $stage advisory',
    async ({ action, visibility, stage }: { action: ActionName; visibility: Visibility; stage: Stage }) => {
      const world = await createWorld(action, { visibility, stage, validate: false });
      try {
        const first = await world.run();
        const wroteFirst = writesOf(world.emulator).length;
        world.emulator.resetLog();
        const second = await world.run();
        const again = writesOf(world.emulator);
        const clean = again.length === 0 && second.exitCode === first.exitCode;
        recordFigure({
          kind: 'reruns',
          total: 1,
          held: clean && duplicates(world.emulator.state).length === 0 ? 1 : 0,
          counts: { 'writes by first runs': wroteFirst, 'writes by second runs': again.length },
        });
        expect({ writes: again, exit: second.exitCode }).toEqual({ writes: [], exit: first.exitCode });
        expect(duplicates(world.emulator.state)).toEqual([]);
      } finally {
        await world.stop();
      }
    },
    60_000,
  );
});

async function twoAtOnce(action: 'ack-report' | 'sla-check', latencyMs: number): Promise<void> {
  const world = await createWorld(action, { visibility: 'public', stage: 'triage', validate: false });
  try {
    world.emulator.setFaults({ latencyMs });
    const runs = await Promise.all([world.run(), world.run()]);
    world.emulator.setFaults({});
    const found = duplicates(world.emulator.state);
    world.emulator.resetLog();
    const third = await world.run();
    const writes = writesOf(world.emulator);
    const clean = runs.every((run) => run.exitCode === 0) && found.length === 0 && writes.length === 0;
    recordFigure({ kind: 'concurrency', total: 1, held: clean ? 1 : 0, counts: { duplicates: found.length } });
    expect(runs.map((run) => run.errors.map((e) => e.message))).toEqual([[], []]);
    expect(found).toEqual([]);
    expect({ exit: third.exitCode, writes }).toEqual({ exit: 0, writes: [] });
  } finally {
    await world.stop();
  }
}

describe('two sweeps started at once', () => {
  it.concurrent.each([5, 20, 60])(
    'ack-report twice at once, %i ms per request: one tracking issue, comment and message per report',
    (latencyMs) => twoAtOnce('ack-report', latencyMs),
    60_000,
  );

  // Two sla-check sweeps at once (a manual re-run during the scheduled one) settle after each create: the oldest
  // dashboard, status comment and escalation comment are kept, and only the run that holds one sends its message.
  it.concurrent.each([5, 20, 60])(
    'sla-check twice at once, %i ms per request: one dashboard, status comment and message per breach',
    (latencyMs) => twoAtOnce('sla-check', latencyMs),
    60_000,
  );
});
