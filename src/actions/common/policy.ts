import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../domain/errors.js';
import { PRESET_NAMES, PRESETS, isPresetName } from '../../domain/policy/presets.js';
import type { Policy } from '../../domain/policy/types.js';
import { getOptionalInput } from './inputs.js';

export const DEFAULT_POLICY_FILE = '.github/disclosure-policy.yml';

/** Resolves a path input against the checked-out workspace (GITHUB_WORKSPACE). */
export function workspacePath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return isAbsolute(path) ? path : join(env.GITHUB_WORKSPACE ?? process.cwd(), path);
}

/**
 * The policy in force: the `policy` input names a preset; `policy-file` (default `.github/disclosure-policy.yml`
 * in the workspace) overrides any of its numbers. A policy file named explicitly must exist. The YAML parser is
 * loaded only when there is a file to read.
 */
export async function loadPolicy(): Promise<Policy> {
  const presetName = getOptionalInput('policy') ?? 'spec11';
  if (!isPresetName(presetName)) {
    throw new ConfigurationError(
      `Input "policy" is "${presetName}", but it accepts one of ${PRESET_NAMES.join(', ')}.`,
      'policy',
    );
  }
  const explicitFile = getOptionalInput('policy-file');
  const file = explicitFile ?? DEFAULT_POLICY_FILE;
  const path = workspacePath(file);
  if (!existsSync(path)) {
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
