// The Marketplace entry (root action.yml): runs the action named by the `command` input from its own bundle.
import * as core from '@actions/core';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const COMMANDS = ['ack-report', 'sla-check', 'triage', 'create-temp-fork', 'release-gate', 'publish-announcement'];
const command = core.getInput('command').trim();
if (!COMMANDS.includes(command)) {
  core.setFailed(
    `configuration error in command: input "command" is "${command}", but it accepts one of ${COMMANDS.join(', ')}.`,
  );
} else {
  const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', command, 'index.js');
  // webpackIgnore keeps this a real runtime import of the other bundle instead of a webpack require.
  await import(/* webpackIgnore: true */ pathToFileURL(bundle).href);
}
