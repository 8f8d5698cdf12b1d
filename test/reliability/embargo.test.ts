/**
 * The embargo matrix: every action x public/private affected repository x triage/draft/published advisory x
 * success/failure path x normal/debug logging. Sentinels sit in the embargoed advisory's summary and description
 * (reproduction steps, reporter e-mail), its author's login, an embargoed bystander advisory and the private
 * tracking issue. The failure path makes GitHub refuse (403) the last write the success path made.
 */
import { describe, expect, it } from '@jest/globals';
import type { RunResult } from '../harness/run-action.js';
import { recordFigure } from './figures.js';
import { allPublicSurfaces, leaksIn, secretExposures } from './exposure.js';
import { forbidden } from './proxy.js';
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

const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' };
const SECRETS = [SECRET_TOKEN, WEBHOOK_SECRET_PATH.split('/').pop() ?? WEBHOOK_SECRET_PATH];

type Path = 'success' | 'failure';

interface Outcome {
  readonly path: Path;
  readonly exitCode: number | null;
  readonly reported: boolean;
  readonly surfaces: number;
  readonly leaks: string[];
  readonly secrets: string[];
  readonly violations: string[];
}

function examine(world: World, path: Path, result: RunResult): Outcome {
  const surfaces = allPublicSurfaces(world.results, world.emulator.state);
  return {
    path,
    exitCode: result.exitCode,
    reported: result.exitCode === 1 || result.warnings.length > 0,
    surfaces: surfaces.length,
    leaks: leaksIn(surfaces, ALL_SENTINELS),
    secrets: secretExposures(world.results, surfaces, SECRETS),
    violations: [...world.emulator.contractViolations],
  };
}

/** The request to refuse on the failure path: the success path's last write, or its last request if it wrote nothing. */
function lastRequestOf(world: World): string | undefined {
  const writes = world.emulator.writes();
  const last = writes[writes.length - 1] ?? world.emulator.log[world.emulator.log.length - 1];
  return last ? `${last.method} ${last.path}` : undefined;
}

async function runPath(
  action: ActionName,
  scenario: { visibility: Visibility; stage: Stage; debug: boolean },
  refuse?: string,
): Promise<{ outcome: Outcome; refuse: string | undefined }> {
  const world = await createWorld(action, { visibility: scenario.visibility, stage: scenario.stage });
  try {
    if (refuse) {
      world.proxy.setRule((request) =>
        `${request.method} ${request.path}` === refuse ? forbidden() : { kind: 'forward' },
      );
    }
    const result = await world.run(scenario.debug ? { env: DEBUG_ENV } : {});
    return { outcome: examine(world, refuse ? 'failure' : 'success', result), refuse: lastRequestOf(world) };
  } finally {
    await world.stop();
  }
}

const MATRIX = ACTIONS.flatMap((action) =>
  VISIBILITIES.flatMap((visibility) =>
    STAGES.flatMap((stage) => [false, true].map((debug) => ({ action, visibility, stage, debug }))),
  ),
);

describe('embargo matrix', () => {
  it.concurrent.each(MATRIX)(
    '$action, $visibility repo, $stage advisory, debug $debug: success and failure paths leak nothing',
    async ({ action, ...scenario }) => {
      const success = await runPath(action, scenario);
      const failure = await runPath(action, scenario, success.refuse);
      const outcomes = [success.outcome, failure.outcome];
      recordFigure({
        kind: 'embargo',
        total: 2,
        held: outcomes.filter((o) => o.leaks.length + o.secrets.length + o.violations.length === 0).length,
        counts: {
          surfaces: outcomes.reduce((sum, o) => sum + o.surfaces, 0),
          leaks: outcomes.reduce((sum, o) => sum + o.leaks.length, 0),
          'secrets exposed': outcomes.reduce((sum, o) => sum + o.secrets.length, 0),
          'debug runs': scenario.debug ? 2 : 0,
        },
      });
      for (const outcome of outcomes) {
        expect({ path: outcome.path, leaks: outcome.leaks, secrets: outcome.secrets }).toEqual({
          path: outcome.path,
          leaks: [],
          secrets: [],
        });
        expect(outcome.violations).toEqual([]);
        expect([0, 1]).toContain(outcome.exitCode);
      }
      // The refused request made a difference the user is told about.
      expect({ refused: success.refuse, reported: failure.outcome.reported }).toEqual({
        refused: success.refuse,
        reported: true,
      });
    },
    90_000,
  );
});
