/**
 * Re-runs and concurrency. Every action's scenario at every stage, public and private, run twice: the second run
 * writes nothing and ends as the first did. Then the sweeps started at once, at several latencies: ack-report twice,
 * sla-check two and three times with listings lagging behind writes; one tracking issue, comment, dashboard and
 * chat message per thing, no @mention notification beyond what one sweep sends (the emulator's notification log),
 * and a further run that writes nothing.
 */
import { describe, expect } from '@jest/globals';
import { testEach } from './batch.js';
import { duplicates, transientDuplicates } from './end-state.js';
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
  testEach(
    SCENARIOS,
    ({ action, visibility, stage }) => `${action}, ${visibility} repo, ${stage} advisory`,
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
  );
});

/** How long listings lag behind writes in the concurrency tests: longer than any request takes here. */
const LISTING_LAG_MS = 150;

async function twoAtOnce(action: 'ack-report', latencyMs: number): Promise<void> {
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

/** The @mention notifications one undisturbed sla-check sweep of the scenario sends (one per breach). */
let singleSweepMentions: Promise<number> | undefined;
function mentionsOfOneSweep(): Promise<number> {
  singleSweepMentions ??= (async () => {
    const world = await createWorld('sla-check', { visibility: 'public', stage: 'triage', validate: false });
    try {
      await world.run();
      return world.emulator.state.notifications.length;
    } finally {
      await world.stop();
    }
  })();
  return singleSweepMentions;
}

/**
 * `sweeps` sla-check runs started at once, with listings lagging behind writes: GitHub notifies a mention when the
 * comment is created, so a comment a losing run created and then deleted still reached the team. The notification
 * log (the emulator's, kept when a comment is deleted) must hold exactly what one sweep sends.
 */
async function sweepsAtOnce(sweeps: number, latencyMs: number): Promise<void> {
  const expected = await mentionsOfOneSweep();
  const world = await createWorld('sla-check', {
    visibility: 'public',
    stage: 'triage',
    validate: false,
    listingLagMs: LISTING_LAG_MS,
  });
  try {
    world.emulator.setFaults({ latencyMs });
    const runs = await Promise.all(Array.from({ length: sweeps }, () => world.run()));
    world.emulator.setFaults({});
    const { notifications } = world.emulator.state;
    // Notifications sent for a comment that no longer exists: the transient duplicates the team saw.
    const transient = transientDuplicates(world.emulator.state);
    const fromDeleted = transient.mentionsFromDeleted.length;
    const perComment = new Map<number | null, number>();
    for (const n of notifications) perComment.set(n.commentId, (perComment.get(n.commentId) ?? 0) + 1);
    const notifiedTwice = [...perComment.values()].filter((count) => count > 1).length;
    const found = duplicates(world.emulator.state);
    // Once the listings caught up, a further sweep has nothing left to do.
    await new Promise((resolve) => setTimeout(resolve, LISTING_LAG_MS + 50));
    world.emulator.resetLog();
    const after = await world.run();
    const writes = writesOf(world.emulator);
    const extra = notifications.length - expected;
    const clean = runs.every((run) => run.exitCode === 0) && extra === 0 && fromDeleted === 0 && found.length === 0;
    recordFigure({
      kind: 'concurrency',
      total: 1,
      held: clean && writes.length === 0 ? 1 : 0,
      counts: {
        duplicates: found.length,
        // Summed over the three latencies; one sweep alone sends `expected` (5) each time.
        [`@mention notifications, ${sweeps} sweeps at once (3 latencies)`]: notifications.length,
        [`beyond one sweep's, ${sweeps} sweeps at once`]: extra,
        'dashboards created twice and closed as duplicates': transient.closedAsDuplicate.length,
      },
    });
    expect(runs.map((run) => run.errors.map((e) => e.message))).toEqual(runs.map(() => []));
    expect({ notifications: notifications.length, fromDeleted, notifiedTwice }).toEqual({
      notifications: expected,
      fromDeleted: 0,
      notifiedTwice: 0,
    });
    expect(found).toEqual([]);
    expect({ exit: after.exitCode, writes }).toEqual({ exit: 0, writes: [] });
  } finally {
    await world.stop();
  }
}

const SWEEPS: readonly { action: 'ack-report' | 'sla-check'; sweeps: number; latencyMs: number }[] = [
  ...[5, 20, 60].map((latencyMs) => ({ action: 'ack-report' as const, sweeps: 2, latencyMs })),
  ...[2, 3].flatMap((sweeps) => [5, 20, 60].map((latencyMs) => ({ action: 'sla-check' as const, sweeps, latencyMs }))),
];

describe('sweeps started at once', () => {
  // sla-check: the run that may lose the race posts its escalation without the @mention and mentions the team only
  // once it holds the oldest claim (escalate.ts); listings lag 150 ms behind writes, as GitHub's do.
  testEach(
    SWEEPS,
    ({ action, sweeps, latencyMs }) =>
      action === 'ack-report'
        ? `ack-report twice at once, ${latencyMs} ms per request: one tracking issue, comment and message per report`
        : `sla-check ${sweeps} times at once, ${latencyMs} ms per request, lagging listings: no extra @mention notification, one dashboard, status comment and message per breach`,
    ({ action, sweeps, latencyMs }) =>
      action === 'ack-report' ? twoAtOnce(action, latencyMs) : sweepsAtOnce(sweeps, latencyMs),
    { limit: 3 },
  );
});
