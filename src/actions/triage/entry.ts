/**
 * The action run with the runner's collaborators. index.ts (the bundle's entry) calls `run()` at once;
 * `@github/local-action` imports this module and calls `run()` itself (README, Development: local runs).
 */
import { runOnRunner } from '../common/entry.js';
import { main } from './main.js';

export const run = (): Promise<void> => runOnRunner('triage', main);
