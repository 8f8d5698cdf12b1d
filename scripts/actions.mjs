// The actions this repository ships: one per folder actions/<name>/ holding an action.yml. Every other list of
// actions (the dispatcher, the build, the docs, the tests, the benchmark) is derived from these folders.
import { existsSync, readdirSync } from 'node:fs';

export const ACTIONS = readdirSync(new URL('../actions/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`../actions/${entry.name}/action.yml`, import.meta.url)))
  .map((entry) => entry.name)
  .sort();
