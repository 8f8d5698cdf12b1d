import { readChatChannel, type ChatChannel } from '../common/chat.js';
import { ConfigurationError } from '../../domain/errors.js';
import type { DueSoonRule } from '../../domain/deadlines.js';
import { addDuration } from '../../domain/duration.js';
import type { Duration, Policy } from '../../domain/policy/types.js';
import type { RepoRef } from '../../github/types.js';
import { ACTION_INPUTS } from '../metadata.generated.js';
import { ActionInputs, parseRepository, parseTeam } from '../common/inputs.js';
import type { SweepScope } from '../common/advisory-sweep.js';
import { outputFile } from '../common/paths.js';
import { loadPolicy } from '../common/policy.js';
import type { RunnerIO } from '../common/runner.js';

export interface SlaConfig {
  readonly token: string;
  readonly tracker: RepoRef;
  readonly scope: SweepScope;
  readonly policy: Policy;
  /** `@org/team` to mention on a breach. */
  readonly mention: string | undefined;
  readonly dueSoon: { readonly within: Duration; readonly fraction: number };
  readonly webhook: ChatChannel | undefined;
  readonly failOnBreach: boolean;
  readonly dryRun: boolean;
  readonly inventory: { readonly enabled: boolean; readonly batchSize: number };
  /** Parallel requests in per-repository mode. */
  readonly concurrency: number;
  /** Picks the inventory batch: consecutive runs walk through them, a re-run repeats its own. */
  readonly runNumber: number | undefined;
  /** Where to write the `metrics` output as a file too (checked to be in the workspace or RUNNER_TEMP). */
  readonly metricsFile?: string | undefined;
}

function readMention(inputs: ActionInputs, tracker: RepoRef): string | undefined {
  const value = inputs.optional('team');
  if (value === undefined) return undefined;
  const team = parseTeam('team', value);
  return `@${team.org ?? tracker.owner}/${team.slug}`;
}

/** `due-soon`: action.yml gives it a default, so it is only missing when that default is. */
function readWithin(inputs: ActionInputs): Duration {
  const within = inputs.duration('due-soon');
  if (within === undefined) {
    throw new ConfigurationError('Input "due-soon" has no value and action.yml declares no default.', 'due-soon');
  }
  return within;
}

function readFraction(inputs: ActionInputs): number {
  const value = inputs.required('due-soon-fraction');
  const fraction = Number(value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : value);
  if (!/^\d+(\.\d+)?%?$/.test(value) || !Number.isFinite(fraction) || fraction < 0 || fraction >= 1) {
    throw new ConfigurationError(
      `Input "due-soon-fraction" is "${value.slice(0, 80)}", but it accepts a fraction of the step's window from 0 to below 1 (e.g. \`0.2\` or \`20%\`; \`0\` turns it off).`,
      'due-soon-fraction',
    );
  }
  return fraction;
}

function readRunNumber(env: NodeJS.ProcessEnv): number | undefined {
  const run = Number(env.GITHUB_RUN_NUMBER);
  return Number.isInteger(run) && run > 0 ? run : undefined;
}

function readMetricsFile(inputs: ActionInputs, env: NodeJS.ProcessEnv): string | undefined {
  const path = inputs.optional('metrics-file');
  return path === undefined ? undefined : outputFile('metrics-file', path, env);
}

/** Every input, checked before the first request: a mistake exits 1 with nothing read or written. */
export async function readConfig(
  io: Pick<RunnerIO, 'getInput' | 'setSecret' | 'warning'>,
  env: NodeJS.ProcessEnv,
): Promise<SlaConfig> {
  const inputs = new ActionInputs(io, ACTION_INPUTS['sla-check'], 'sla-check');
  const token = inputs.required('token');
  io.setSecret(token);
  const tracker = parseRepository('tracker', inputs.required('tracker'));
  const scope = inputs.sweepScope();
  const policy = await loadPolicy(inputs, env);
  return {
    token,
    tracker,
    scope,
    policy,
    mention: readMention(inputs, tracker),
    dueSoon: { within: readWithin(inputs), fraction: readFraction(inputs) },
    webhook: readChatChannel(inputs, env, io),
    failOnBreach: inputs.boolean('fail-on-breach'),
    dryRun: inputs.boolean('dry-run'),
    inventory: {
      enabled: inputs.boolean('inventory'),
      batchSize: inputs.integer('inventory-batch', { min: 1, max: 100 }),
    },
    concurrency: inputs.integer('concurrency', { min: 1, max: 20 }),
    runNumber: readRunNumber(env),
    metricsFile: readMetricsFile(inputs, env),
  };
}

/** The due-soon rule at `now`: the `due-soon` duration counted as the policy counts days, or the window fraction. */
export function dueSoonAt(config: SlaConfig, now: Date): DueSoonRule {
  const calendar = { businessDays: config.policy.businessDays, holidays: config.policy.releaseWindow.holidays };
  const withinMs = addDuration(now, config.dueSoon.within, calendar).getTime() - now.getTime();
  return { withinMs, fraction: config.dueSoon.fraction };
}
