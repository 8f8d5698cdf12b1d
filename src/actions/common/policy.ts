import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import { PRESET_NAMES, PRESETS, isPresetName } from '../../domain/policy/presets.js';
import type { Policy } from '../../domain/policy/types.js';
import type { ActionInputs } from './inputs.js';
import { workspaceFile } from './paths.js';

export const DEFAULT_POLICY_FILE = '.github/disclosure-policy.yml';

/**
 * The policy in force: the `policy` input names a preset; `policy-file` (default `.github/disclosure-policy.yml`
 * in the workspace) overrides any of its numbers. A policy file named explicitly must exist. The YAML parser is
 * loaded only when there is a file to read.
 */
export async function loadPolicy(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<Policy> {
  const presetName = inputs.required('policy');
  if (!isPresetName(presetName)) {
    throw new ConfigurationError(
      `Input "policy" is "${presetName}", but it accepts one of ${PRESET_NAMES.join(', ')}.`,
      'policy',
    );
  }
  const explicitFile = inputs.optional('policy-file');
  const file = explicitFile ?? DEFAULT_POLICY_FILE;
  // Inside the workspace, links followed (paths.ts): the default file too, so a link out of the checkout is refused.
  const path = workspaceFile('policy-file', file, env);
  if (path === undefined) {
    if (explicitFile) {
      throw new ConfigurationError(
        `Input "policy-file" names ${file}, which does not exist in the workspace (did the job check out the repository?).`,
        'policy-file',
      );
    }
    return PRESETS[presetName];
  }
  const text = readFileSync(path, 'utf8');
  const { parsePolicyFile } = await import('../../domain/policy/parse.js');
  return parsePolicyFile(text, file, PRESETS[presetName]);
}
