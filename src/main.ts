// The Marketplace entry (root action.yml): runs the action named by the `command` input from its own bundle.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { coreRunner, runnerDependencies } from './actions/common/core-runner.js';
import { chooseCommand } from './actions/common/dispatch.js';
import { runAction } from './actions/common/run.js';

const io = coreRunner();
await runAction(
  'disclosure-actions',
  async ({ env }) => {
    const command = chooseCommand(io, env);
    const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', command, 'index.js');
    // webpackIgnore keeps this a real runtime import of the other bundle instead of a webpack require.
    await import(/* webpackIgnore: true */ pathToFileURL(bundle).href);
  },
  io,
  () => runnerDependencies(io),
);
