import * as core from '@actions/core';
import { ConfigurationError } from '../../domain/errors.js';
import type { DueSoonRule } from '../../domain/deadlines.js';
import { addDuration } from '../../domain/duration.js';
import type { Duration, Policy } from '../../domain/policy/types.js';
import {
  getBooleanInput,
  getDurationInput,
  getIntegerInput,
  getOptionalInput,
  getRequiredInput,
  getSweepScopeInput,
  getWebhookInput,
  parseRepository,
  parseTeam,
  type RepositoryRef,
} from '../common/inputs.js';
import type { SweepScope } from '../common/advisory-sweep.js';
import { loadPolicy } from '../common/policy.js';

export interface SlaConfig {
  readonly token: string;
  readonly tracker: RepositoryRef;
  readonly scope: SweepScope;
  readonly policy: Policy;
  /** `@org/team` to mention on a breach. */
  readonly mention: string | undefined;
  readonly dueSoon: { readonly within: Duration; readonly fraction: number };
  readonly webhook: URL | undefined;
  readonly failOnBreach: boolean;
  readonly dryRun: boolean;
  readonly inventory: { readonly enabled: boolean; readonly batchSize: number };
  /** Parallel requests in per-repository mode. */
  readonly concurrency: number;
  /** Picks the inventory batch: consecutive runs walk through them, a re-run repeats its own. */
  readonly runNumber: number | undefined;
}

const DEFAULT_DUE_SOON: Duration = { amount: 24, unit: 'hours' };

function readMention(tracker: RepositoryRef): string | undefined {
  const value = getOptionalInput('team');
  if (value === undefined) return undefined;
  const team = parseTeam('team', value);
  return `@${team.org ?? tracker.owner}/${team.slug}`;
}

function readFraction(): number {
  const value = getOptionalInput('due-soon-fraction');
  if (value === undefined) return 0.2;
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

/** Every input, checked before the first request: a mistake exits 1 with nothing read or written. */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<SlaConfig> {
  const token = getRequiredInput('token');
  core.setSecret(token);
  const tracker = parseRepository('tracker', getRequiredInput('tracker'));
  const scope = getSweepScopeInput();
  const policy = await loadPolicy();
  return {
    token,
    tracker,
    scope,
    policy,
    mention: readMention(tracker),
    dueSoon: { within: getDurationInput('due-soon') ?? DEFAULT_DUE_SOON, fraction: readFraction() },
    webhook: getWebhookInput(),
    failOnBreach: getBooleanInput('fail-on-breach', false),
    dryRun: getBooleanInput('dry-run', false),
    inventory: {
      enabled: getBooleanInput('inventory', true),
      batchSize: getIntegerInput('inventory-batch', 20, { min: 1, max: 100 }),
    },
    concurrency: getIntegerInput('concurrency', 8, { min: 1, max: 20 }),
    runNumber: readRunNumber(env),
  };
}

/** The due-soon rule at `now`: the `due-soon` duration counted as the policy counts days, or the window fraction. */
export function dueSoonAt(config: SlaConfig, now: Date): DueSoonRule {
  const calendar = { businessDays: config.policy.businessDays, holidays: config.policy.releaseWindow.holidays };
  const withinMs = addDuration(now, config.dueSoon.within, calendar).getTime() - now.getTime();
  return { withinMs, fraction: config.dueSoon.fraction };
}
