import { ConfigurationError } from '../../domain/errors.js';
import { isActionName } from '../action-name.js';
import { ACTION_INPUTS, ACTION_NAMES, type ActionName } from '../metadata.generated.js';
import type { RunnerIO } from './runner.js';

/** The input names the runner passed with a value (`INPUT_POLICY-FILE` is `policy-file`). */
function givenInputs(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([key, value]) => key.startsWith('INPUT_') && (value ?? '').trim() !== '')
    .map(([key]) => key.slice('INPUT_'.length).toLowerCase());
}

/**
 * The root action.yml's `command`: which action to run. The root action.yml declares no defaults (they differ by
 * command); each action applies its own action.yml's defaults when it reads its inputs. An input the chosen command
 * does not take is warned about, by name, rather than silently ignored.
 */
export function chooseCommand(io: Pick<RunnerIO, 'getInput' | 'warning'>, env: NodeJS.ProcessEnv): ActionName {
  const command = io.getInput('command').trim();
  if (!isActionName(command)) {
    throw new ConfigurationError(
      `Input "command" is "${command}", but it accepts one of ${ACTION_NAMES.join(', ')}.`,
      'command',
    );
  }
  const accepted = ACTION_INPUTS[command];
  for (const name of givenInputs(env)) {
    if (name === 'command' || name in accepted) continue;
    io.warning(
      `Input "${name}" is not an input of ${command}, which ignores it: remove it from \`with:\`, or check the command (see actions/${command}/README.md).`,
      { title: `${command}: unknown input` },
    );
  }
  return command;
}
