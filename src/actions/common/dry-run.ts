/**
 * `dry-run: true` for the actions that write: the same code runs with a client that records each write instead of
 * making it (github/dry-run.ts) and a chat channel that records the message instead of sending it. The plan (kind,
 * target, field names: nothing embargoed) goes to the log, the step summary and the `plan` output; no other output
 * is given out, since each would describe writes that were not made.
 */
import { dryRunClient, type PlannedWrite } from '../../github/dry-run.js';
import { ACTION_INPUTS, type ActionName } from '../metadata.generated.js';
import type { ChatChannel } from './chat.js';
import { ActionInputs } from './inputs.js';
import type { ActionDependencies, RunnerIO } from './runner.js';

export type { PlannedWrite } from '../../github/dry-run.js';

export interface DryRun {
  readonly plan: PlannedWrite[];
  /** The dependencies to run with: its client records writes, its io gives out only the `plan` output. */
  readonly deps: ActionDependencies;
  /** The channel to send through: records the message instead. */
  chat(channel: ChatChannel | undefined): ChatChannel | undefined;
  /** Logs the plan, adds it to the summary and sets the `plan` output. */
  report(): Promise<void>;
}

/** The `dry-run` input; undefined in a real run. */
export function dryRun(deps: ActionDependencies, action: ActionName): DryRun | undefined {
  const inputs = new ActionInputs(deps.io, ACTION_INPUTS[action], action);
  if (!inputs.boolean('dry-run')) return undefined;
  const plan: PlannedWrite[] = [];
  const real = deps.io;
  const io: RunnerIO = {
    getInput: (name) => real.getInput(name),
    setOutput: (name, value) => {
      if (name === 'plan') real.setOutput(name, value);
    },
    setSecret: (value) => real.setSecret(value),
    info: (message) => real.info(message),
    debug: (message) => real.debug(message),
    isDebug: () => real.isDebug(),
    notice: (message, properties) => real.notice(message, properties),
    warning: (message, properties) => real.warning(message, properties),
    error: (message, properties) => real.error(message, properties),
    setFailed: (message) => real.setFailed(message),
    summary: real.summary,
  };
  return {
    plan,
    deps: { ...deps, io, openClient: async (token) => dryRunClient(await deps.openClient(token), plan) },
    chat: (channel) =>
      channel && {
        platform: channel.platform,
        send: async () => {
          plan.push({ action: 'send chat message', target: 'notify-webhook', fields: ['text'] });
          return undefined;
        },
      },
    report: () => reportPlan(real, plan),
  };
}

const describe = (write: PlannedWrite): string =>
  `${write.action} ${write.target}${write.fields.length > 0 ? ` (${write.fields.join(', ')})` : ''}`;

export async function reportPlan(io: RunnerIO, plan: readonly PlannedWrite[]): Promise<void> {
  io.setOutput('plan', JSON.stringify(plan));
  io.info(`Dry run: ${plan.length} write(s) planned, none made.`);
  plan.forEach((write, index) => io.info(`  ${index + 1}. ${describe(write)}`));
  io.summary.addHeading(`Dry run: ${plan.length} write(s) planned, none made`, 3);
  if (plan.length > 0)
    io.summary.addList(
      plan.map((write) => describe(write).replace(/[<>&]/g, '')),
      true,
    );
  await io.summary.write();
}
