/**
 * Each action's main scenario under the emulator's faults (5xx at 10% and 30%, secondary rate limits with
 * retry-after, primary exhaustion with reset, latency spikes, connection resets). The end state must equal the
 * fault-free run's and the requests stay within 2x the fault-free count plus one retry per injected fault. A run
 * that gives up (a request failed past its retries) must say so, exit 1, and converge on one normal re-run.
 *
 * Then writes GitHub applies but whose answer is lost (a 502 after the write): the client's retry must not
 * duplicate them. See the report in the suite's README section; those cases are expected to fail until fixed.
 */
import { describe, expect } from '@jest/globals';
import { testEach } from './batch.js';
import type { FaultOptions } from '../emulator/index.js';
import type { LoggedRequest } from '../emulator/index.js';
import { duplicates, normalisedState, stateDifferences } from './end-state.js';
import { recordFigure } from './figures.js';
import { ACTIONS, createWorld, MAIN_STAGE, type ActionName, type World } from './scenarios.js';

const PROFILES: readonly { name: string; faults: (baselineRequests: number) => FaultOptions }[] = [
  { name: '5xx at 10%', faults: () => ({ serverErrorRate: 0.1, seed: 11 }) },
  { name: '5xx at 30%', faults: () => ({ serverErrorRate: 0.3, seed: 7 }) },
  {
    name: 'secondary rate limit (403, retry-after)',
    faults: () => ({ secondaryRateLimitEvery: 6, retryAfterSeconds: 1 }),
  },
  {
    name: 'secondary rate limit (429, retry-after)',
    faults: () => ({ secondaryRateLimitEvery: 9, secondaryStatus: 429, retryAfterSeconds: 1 }),
  },
  {
    name: 'primary rate limit exhausted halfway, reset after 2 s',
    faults: (requests) => ({ primaryRateLimitAfter: Math.max(1, Math.floor(requests / 2)), primaryResetSeconds: 2 }),
  },
  { name: 'latency spikes', faults: () => ({ latencyMs: 5, latencySpikeMs: 700, latencySpikeEvery: 7 }) },
  { name: 'connection resets', faults: () => ({ connectionResetEvery: 5 }) },
];

const isInjected = (entry: LoggedRequest): boolean =>
  entry.operationId.startsWith('fault:') || entry.operationId === 'connection-reset';

interface Baseline {
  readonly exitCode: number | null;
  readonly state: Record<string, unknown>;
  readonly requests: number;
}

const baselines = new Map<ActionName, Promise<Baseline>>();

/** The fault-free run of the action's main scenario, once per worker. */
function baselineOf(action: ActionName): Promise<Baseline> {
  const known = baselines.get(action);
  if (known) return known;
  const measured = (async () => {
    const world = await createWorld(action, { visibility: 'public', stage: MAIN_STAGE[action] });
    try {
      const result = await world.run();
      return {
        exitCode: result.exitCode,
        state: normalisedState(world.emulator.state),
        requests: world.emulator.log.length,
      };
    } finally {
      await world.stop();
    }
  })();
  baselines.set(action, measured);
  return measured;
}

interface FaultedOutcome {
  readonly firstExit: number | null;
  readonly rerun: boolean;
  readonly finalExit: number | null;
  readonly equal: boolean;
  /** Where the end state differs from the fault-free run's. */
  readonly differences: string[];
  readonly duplicates: string[];
  readonly requests: number;
  readonly injected: number;
  readonly explained: boolean;
}

async function runFaulted(world: World, baseline: Baseline, faults: FaultOptions): Promise<FaultedOutcome> {
  world.emulator.setFaults(faults);
  const first = await world.run();
  const requests = world.emulator.log.length;
  const injected = world.emulator.log.filter(isInjected).length;
  const gaveUp = first.exitCode !== baseline.exitCode;
  // A run that gave up must say why (an ::error:: annotation), and a normal re-run finishes the work.
  const explained = !gaveUp || first.errors.length > 0;
  let finalExit = first.exitCode;
  if (gaveUp) {
    world.emulator.setFaults({});
    finalExit = (await world.run()).exitCode;
  }
  return {
    firstExit: first.exitCode,
    rerun: gaveUp,
    finalExit,
    equal: JSON.stringify(normalisedState(world.emulator.state)) === JSON.stringify(baseline.state),
    differences: stateDifferences(normalisedState(world.emulator.state), baseline.state),
    duplicates: duplicates(world.emulator.state),
    requests,
    injected,
    explained,
  };
}

const CASES = ACTIONS.flatMap((action) => PROFILES.map((profile) => ({ action, profile: profile.name })));

describe('faults: the end state equals the fault-free run', () => {
  testEach(
    CASES,
    ({ action, profile }) => `${action} under ${profile}`,
    async ({ action, profile }) => {
      const baseline = await baselineOf(action);
      const faults = PROFILES.find((p) => p.name === profile)?.faults(baseline.requests) ?? {};
      const world = await createWorld(action, { visibility: 'public', stage: MAIN_STAGE[action] });
      let outcome: FaultedOutcome;
      try {
        outcome = await runFaulted(world, baseline, faults);
      } finally {
        await world.stop();
      }
      const bound = 2 * baseline.requests + outcome.injected;
      const survived = !outcome.rerun && outcome.equal && outcome.duplicates.length === 0;
      recordFigure({
        kind: 'faults',
        total: 1,
        held: survived && outcome.requests <= bound ? 1 : 0,
        counts: {
          'converged after one re-run': outcome.rerun && outcome.equal && outcome.explained ? 1 : 0,
          'faults injected': outcome.injected,
          requests: outcome.requests,
          'fault-free requests': baseline.requests,
        },
      });
      expect(outcome.explained).toBe(true);
      expect({
        finalExit: outcome.finalExit,
        differences: outcome.differences,
        duplicates: outcome.duplicates,
      }).toEqual({
        finalExit: baseline.exitCode,
        differences: [],
        duplicates: [],
      });
      expect(outcome.requests).toBeLessThanOrEqual(bound);
    },
  );
});

/**
 * Reported (shared layer, not one action): octokit's retry (src/github/client.ts) and postWebhook
 * (src/channels/webhook.ts) send a POST again after a 5xx, so a create GitHub applied before its answer was lost is
 * made twice: two announcement Discussions, two retrospectives, two SLA dashboards, repeated comments and chat
 * messages. These cases are expected to fail until that is fixed.
 */
const DUPLICATES_ON_AMBIGUOUS_WRITES: readonly ActionName[] = [];

async function ambiguousWrites(action: ActionName): Promise<void> {
  const baseline = await baselineOf(action);
  const world = await createWorld(action, { visibility: 'public', stage: MAIN_STAGE[action] });
  try {
    // Every third write is applied, then answered 502 (GitHub timed out behind its load balancer).
    world.proxy.setRule((request) =>
      request.write && request.writeIndex % 3 === 1 ? { kind: 'apply-then-fail', status: 502 } : { kind: 'forward' },
    );
    const first = await world.run();
    world.proxy.setRule(() => ({ kind: 'forward' }));
    const final = first.exitCode === baseline.exitCode ? first : await world.run();
    const found = duplicates(world.emulator.state);
    const equal = JSON.stringify(normalisedState(world.emulator.state)) === JSON.stringify(baseline.state);
    recordFigure({
      kind: 'ambiguous',
      total: 1,
      held: found.length === 0 && equal && final.exitCode === baseline.exitCode ? 1 : 0,
      counts: { duplicates: found.length },
    });
    expect(found).toEqual([]);
    expect({ exit: final.exitCode, equal }).toEqual({ exit: baseline.exitCode, equal: true });
  } finally {
    await world.stop();
  }
}

describe('writes GitHub applied but answered 502: nothing made twice', () => {
  testEach(
    ACTIONS.filter((action) => !DUPLICATES_ON_AMBIGUOUS_WRITES.includes(action)),
    (action) => action,
    (action) => ambiguousWrites(action),
  );
});
