/**
 * The embargo matrix's scenarios and the checks of one scenario's two paths, for the in-process matrix
 * (embargo.test.ts) and its bundle layer (embargo-bundle.test.ts). Each scenario runs twice against a fresh emulator
 * seeded with sentinels:
 *
 * - the success path must exit 0 and make exactly its expected writes (expected-writes.ts, method and route), or,
 *   for a refusal scenario, exit 1 and write nothing;
 * - the failure path has GitHub refuse one named request (403) and must fail at it: exit 1 with an error annotation
 *   carrying GitHub's refusal, the refused request made, none of the requests that depend on it made afterwards, and
 *   no output claiming what did not happen.
 *
 * On both paths no sentinel, nor any 16 of its characters in any case or punctuation (leaks.ts), may reach a public
 * surface, no secret may be printed unmasked, and every exchange must match GitHub's OpenAPI description.
 */
import { expect } from '@jest/globals';
import type { RunResult } from '../harness/run-action.js';
import { runTimed, type TimedEvent } from '../harness/timed-run.js';
import { allPublicSurfaces, leaksIn, secretExposures } from './exposure.js';
import {
  EXPECTED_WRITES,
  failureAt,
  REFUSALS,
  WRITES_AFTER,
  type NamedFailure,
  type RequestPattern,
  type ScenarioKey,
} from './expected-writes.js';
import { recordFigure } from './figures.js';
import { forbidden, type SeenRequest } from './proxy.js';
import {
  ACTIONS,
  ALL_SENTINELS,
  createWorld,
  SECRET_TOKEN,
  STAGES,
  VISIBILITIES,
  WEBHOOK_SECRET_PATH,
  type ActionName,
  type Stage,
  type Visibility,
  type World,
} from './scenarios.js';
import { routeOf, writeRoutes } from './writes.js';

const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' };
const SECRETS = [SECRET_TOKEN, WEBHOOK_SECRET_PATH.split('/').pop() ?? WEBHOOK_SECRET_PATH];
/**
 * The failure annotation passes GitHub's refusal on: its words (proxy.ts `forbidden`), its status, or the
 * permission the actions name for a 403.
 */
export const REFUSAL_TEXT = /Resource not accessible by integration|\b403\b|missing permission/;

export interface Scenario {
  readonly action: ActionName;
  readonly visibility: Visibility;
  readonly stage: Stage;
  readonly debug: boolean;
}

/** What every path is checked for: leaks, exposed secrets, contract violations. */
interface Exposure {
  readonly surfaces: number;
  readonly leaks: string[];
  readonly secrets: string[];
  readonly violations: string[];
}

function exposureOf(world: World): Exposure {
  const surfaces = allPublicSurfaces(world.results, world.emulator.state);
  return {
    surfaces: surfaces.length,
    leaks: leaksIn(surfaces, ALL_SENTINELS),
    secrets: secretExposures(world.results, surfaces, SECRETS),
    violations: [...world.emulator.contractViolations],
  };
}

function matches(world: World, request: SeenRequest, pattern: RequestPattern): boolean {
  return (
    routeOf(world, request) === pattern.route && (!pattern.bodyHolds || request.body.includes(pattern.bodyHolds(world)))
  );
}

async function inWorld<T>(scenario: Scenario, work: (world: World) => Promise<T>): Promise<T> {
  const world = await createWorld(scenario.action, { visibility: scenario.visibility, stage: scenario.stage });
  try {
    return await work(world);
  } finally {
    await world.stop();
  }
}

/** `in-process`: the action's main in this process; `bundle`: dist/<action>/index.js in a child process. */
export type RunMode = 'in-process' | 'bundle';

/** The run's result and, in-process, when each output, log line and summary reached the runner (timed-run.ts). */
async function runOf(
  world: World,
  scenario: Scenario,
  mode: RunMode,
): Promise<{ result: RunResult; events: readonly TimedEvent[] | undefined }> {
  const extra = scenario.debug ? { env: DEBUG_ENV } : {};
  if (mode === 'bundle') return { result: await world.runBundle(extra), events: undefined };
  const result = await runTimed(world.action, world.runOptions(extra));
  world.results.push(result);
  return { result, events: result.events };
}

/**
 * Outputs that hold the announcement (or, `retrospective-url`, what is shared after it): set, non-empty, only once the
 * publication was accepted.
 */
const ANNOUNCEMENT_OUTPUTS = new Set([
  'subject',
  'body',
  'body-path',
  'mail',
  'mail-path',
  'blog-post-path',
  'retrospective-url',
]);

export interface SuccessOutcome extends Exposure {
  readonly exitCode: number | null;
  readonly errors: string[];
  readonly writes: string[];
  readonly refused: string[];
  /** Writes made before the one every other must wait for was answered (WRITES_AFTER). */
  readonly tooEarly: string[];
}

/**
 * The writes made, and the announcement outputs set, before GitHub answered the request they must wait for (none when
 * the scenario has none).
 */
function tooEarly(
  world: World,
  first: RequestPattern | undefined,
  events: readonly TimedEvent[] | undefined,
): string[] {
  if (!first) return [];
  const writes = world.proxy.seen.filter((request) => request.write);
  const gate = writes.find((request) => matches(world, request, first));
  if (!gate) return [`${first.route} was never made`];
  const answeredAt = gate.answeredAt ?? Number.POSITIVE_INFINITY;
  const early = writes
    .filter((request) => request !== gate && request.at < answeredAt)
    .map((request) => `${routeOf(world, request)} before ${first.route} was answered`);
  const printed = (events ?? [])
    .filter((event) => event.kind === 'output' && ANNOUNCEMENT_OUTPUTS.has(event.name) && event.text !== '')
    .filter((event) => event.at < answeredAt)
    .map((event) => `output ${event.name} set before ${first.route} was answered`);
  return [...early, ...printed];
}

async function successPath(scenario: Scenario, mode: RunMode): Promise<SuccessOutcome> {
  return inWorld(scenario, async (world) => {
    const { result, events } = await runOf(world, scenario, mode);
    return {
      tooEarly: tooEarly(world, WRITES_AFTER[key(scenario)], events),
      exitCode: result.exitCode,
      errors: result.errors.map((error) => error.message),
      writes: writeRoutes(world),
      // A write GitHub refused is no success, whatever the exit code.
      refused: world.proxy.seen
        .filter((request) => request.write && (request.status ?? 0) >= 400)
        .map((request) => `${routeOf(world, request)} (${request.status})`),
      ...exposureOf(world),
    };
  });
}

export interface FailureOutcome extends Exposure {
  readonly exitCode: number | null;
  readonly annotation: string;
  readonly refusedRequests: number;
  readonly dependentsAfter: string[];
  readonly wrongOutputs: string[];
}

function dependentsAfter(world: World, failure: NamedFailure, refusedAt: number): string[] {
  const dependents = failure.dependents;
  if (dependents === 'every-other-write') {
    return world.proxy.seen
      .filter((request) => request.write && !matches(world, request, failure.refuse))
      .map((request) => routeOf(world, request));
  }
  const later = world.proxy.seen.slice(refusedAt + 1).filter((request) => request.write);
  const hits =
    dependents === 'every-later-write'
      ? later
      : later.filter((request) => dependents.some((pattern) => matches(world, request, pattern)));
  return hits.map((request) => routeOf(world, request));
}

function wrongOutputs(
  failure: NamedFailure,
  outputs: Record<string, string>,
  events: readonly TimedEvent[] | undefined,
): string[] {
  const forbidden = Object.entries(failure.forbiddenOutputs ?? {})
    .filter(([name, value]) => outputs[name] === value)
    .map(([name, value]) => `${name}=${value}`);
  // Set at any time during the run, even if overwritten later (in-process runs keep every value set).
  const everSet = (name: string): string | undefined =>
    (outputs[name] ?? '') !== ''
      ? outputs[name]
      : events?.find((event) => event.kind === 'output' && event.name === name && event.text !== '')?.text;
  const filled = (failure.emptyOutputs ?? [])
    .filter((name) => everSet(name) !== undefined)
    .map((name) => `${name}=${(everSet(name) ?? '').slice(0, 60)}`);
  return [...forbidden, ...filled];
}

async function failurePath(scenario: Scenario, failure: NamedFailure, mode: RunMode): Promise<FailureOutcome> {
  return inWorld(scenario, async (world) => {
    world.proxy.setRule((request) =>
      matches(world, request as SeenRequest, failure.refuse) ? forbidden() : { kind: 'forward' },
    );
    const { result, events } = await runOf(world, scenario, mode);
    const refusedAt = world.proxy.seen.findIndex((request) => matches(world, request, failure.refuse));
    return {
      exitCode: result.exitCode,
      annotation: result.errors.map((error) => error.message).join('\n'),
      refusedRequests: world.proxy.seen.filter((request) => matches(world, request, failure.refuse)).length,
      dependentsAfter: refusedAt === -1 ? [] : dependentsAfter(world, failure, refusedAt),
      wrongOutputs: wrongOutputs(failure, result.outputs, events),
      ...exposureOf(world),
    };
  });
}

const key = (scenario: Scenario): ScenarioKey => `${scenario.action} ${scenario.visibility} ${scenario.stage}`;

export const MATRIX: readonly Scenario[] = ACTIONS.flatMap((action) =>
  VISIBILITIES.flatMap((visibility) =>
    STAGES.flatMap((stage) => [false, true].map((debug) => ({ action, visibility, stage, debug }))),
  ),
);

const clean = (exposure: Exposure): boolean =>
  exposure.leaks.length + exposure.secrets.length + exposure.violations.length === 0;

export interface Examined {
  readonly refusal: boolean;
  readonly expectedWrites: string[];
  readonly failure: NamedFailure;
  readonly success: SuccessOutcome;
  readonly failed: FailureOutcome;
}

export async function examine(scenario: Scenario, mode: RunMode = 'in-process'): Promise<Examined> {
  const refusal = REFUSALS.has(key(scenario));
  const expectedWrites = [...EXPECTED_WRITES[key(scenario)]].sort();
  const failure = failureAt(scenario.action, scenario.visibility, scenario.stage);
  const success = await successPath(scenario, mode);
  const failed = await failurePath(scenario, failure, mode);
  const succeeded = refusal
    ? success.exitCode === 1 && success.errors.length > 0 && success.writes.length === 0
    : success.exitCode === 0 &&
      JSON.stringify(success.writes) === JSON.stringify(expectedWrites) &&
      success.tooEarly.length === 0;
  const failedAtNamed =
    failed.exitCode === 1 &&
    failed.refusedRequests > 0 &&
    REFUSAL_TEXT.test(failed.annotation) &&
    failed.dependentsAfter.length === 0 &&
    failed.wrongOutputs.length === 0;
  recordFigure({
    kind: mode === 'bundle' ? 'embargo-bundle' : 'embargo',
    total: 2,
    held: (succeeded && clean(success) ? 1 : 0) + (failedAtNamed && clean(failed) ? 1 : 0),
    counts: {
      scenarios: 1,
      'surfaces scanned': success.surfaces + failed.surfaces,
      leaks: success.leaks.length + failed.leaks.length,
      'secrets exposed': success.secrets.length + failed.secrets.length,
      'successes with their writes asserted': !refusal && succeeded ? 1 : 0,
      'writes asserted': !refusal && succeeded ? expectedWrites.length : 0,
      'refusals with nothing written': refusal && succeeded ? 1 : 0,
      'failures at the named request': failedAtNamed ? 1 : 0,
      'debug runs': scenario.debug ? 2 : 0,
    },
  });
  return { refusal, expectedWrites, failure, success, failed };
}

/** Every assertion of one scenario's two paths. */
export function expectHeld({ refusal, expectedWrites, failure, success, failed }: Examined): void {
  for (const [path, outcome] of [
    ['success', success],
    ['failure', failed],
  ] as const) {
    expect({ path, leaks: outcome.leaks, secrets: outcome.secrets, violations: outcome.violations }).toEqual({
      path,
      leaks: [],
      secrets: [],
      violations: [],
    });
  }
  if (refusal) {
    expect({ exit: success.exitCode, writes: success.writes }).toEqual({ exit: 1, writes: [] });
    expect(success.errors).not.toEqual([]);
  } else {
    expect({ exit: success.exitCode, errors: success.errors, refused: success.refused }).toEqual({
      exit: 0,
      errors: [],
      refused: [],
    });
    expect(success.writes).toEqual(expectedWrites);
    expect({ writesTooEarly: success.tooEarly }).toEqual({ writesTooEarly: [] });
  }
  // The failure path failed at the named request, said so with GitHub's refusal, and went no further with it.
  expect({ refused: failure.what, made: failed.refusedRequests > 0, exit: failed.exitCode }).toEqual({
    refused: failure.what,
    made: true,
    exit: 1,
  });
  expect(failed.annotation).toMatch(REFUSAL_TEXT);
  expect({ dependentsAfterRefusal: failed.dependentsAfter, wrongOutputs: failed.wrongOutputs }).toEqual({
    dependentsAfterRefusal: [],
    wrongOutputs: [],
  });
}
