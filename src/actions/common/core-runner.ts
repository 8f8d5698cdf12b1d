import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import { openClient } from '../../github/connect.js';
import { clockOverride, readNow } from './clock.js';
import type { ActionDependencies, ActionEvent, RunnerIO, StepSummary } from './runner.js';

/** The runner's I/O as `@actions/core` provides it: the one module of an action that imports it. */
export function coreRunner(): RunnerIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (value) => core.setSecret(value),
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    isDebug: () => core.isDebug(),
    notice: (message, properties) => core.notice(message, properties),
    warning: (message, properties) => core.warning(message, properties),
    error: (message, properties) => core.error(message, properties),
    setFailed: (message) => core.setFailed(message),
    summary: core.summary as StepSummary,
  };
}

/** The event the runner wrote to `GITHUB_EVENT_PATH` (none outside a workflow run). */
export function readEvent(env: NodeJS.ProcessEnv): ActionEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return { name, payload: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigurationError(`The event payload at ${path} cannot be read as JSON.`, 'GITHUB_EVENT_PATH');
  }
  const payload = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  return { name, payload: payload as Record<string, unknown> };
}

/**
 * The real collaborators of a run on a runner: `@actions/core`, the process environment, the wall clock (a
 * `DISCLOSURE_NOW` override is refused on a runner, see clock.ts).
 */
export function runnerDependencies(io: RunnerIO, env: NodeJS.ProcessEnv = process.env): ActionDependencies {
  // Checked before main runs, so a refused clock override fails the run before its first request.
  clockOverride(env);
  return {
    io,
    env,
    event: readEvent(env),
    now: () => readNow(env, io),
    openClient: (token) => openClient(token, { env, log: io }),
  };
}
