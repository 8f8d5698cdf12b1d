import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatUtc } from '../../domain/checklist.js';
import { ExpectedFailure } from '../../domain/errors.js';
import { explainClosed, nextSlot, slots, type Slot } from '../../domain/release-window.js';
import type { GitHubClient } from '../../github/client.js';
import { lazyClient } from '../../github/connect.js';
import { inertForLog, stripControlCharacters } from '../../domain/sanitize.js';
import { readNow } from '../common/clock.js';
import { workspacePath } from '../common/policy.js';
import { runningClock, sleep, type RunningClock } from './clock.js';
import { readConfig, type Preconditions, type ReleaseGateConfig } from './config.js';
import { setGateOutputs, writeGateSummary, type GateOutcome } from './report.js';

export async function main(): Promise<void> {
  const config = await readConfig();
  const clock = runningClock(readNow());
  // One client for the preconditions and the override record, opened only when advisories are checked.
  const github = config.preconditions ? lazyClient(config.preconditions.token) : undefined;
  const { unmet, release } =
    config.preconditions && github
      ? await checkPreconditions(config.preconditions, clock.now(), github)
      : { unmet: [], release: undefined };
  if (config.forceReason) {
    const forced = await forcedOutcome(config, clock.now(), unmet, release?.ghsaIds ?? [], github);
    return finish(config, { ...forced, release });
  }
  if (unmet.length > 0) {
    const { preconditionFailure } = await import('./preconditions.js');
    throw preconditionFailure(unmet);
  }
  if (release?.agreed && release.ghsaIds.length === 0) {
    return closed(config, { ...nothingAgreed(config, clock.now()), release });
  }
  if (config.mode === 'wait') await waitForWindow(config, clock);
  const outcome = { ...evaluate(config, clock.now()), release };
  if (config.mode === 'next')
    return finish(config, { ...outcome, icsPath: await writeIcs(config, outcome.nextSlot, clock.now()) });
  if (outcome.open) return finish(config, outcome);
  return closed(config, { ...outcome, reason: `the release window is closed: ${outcome.reason}` });
}

/** Reports a closed gate: passes with open=false under `on-closed: skip`, fails otherwise. */
async function closed(config: ReleaseGateConfig, outcome: GateOutcome): Promise<void> {
  await finish(config, outcome);
  if (config.onClosed === 'skip') return;
  throw new ExpectedFailure(`${outcome.reason}. Next slot: ${formatUtc(outcome.nextSlot.start)}.`);
}

function nothingAgreed(config: ReleaseGateConfig, now: Date): GateOutcome {
  const where = config.preconditions;
  const repository = where ? `${where.repository.owner}/${where.repository.repo}` : 'the repository';
  const tracker = where?.tracker ? ` in ${where.tracker.owner}/${where.tracker.repo}` : '';
  const today = now.toISOString().slice(0, 10);
  return {
    ...evaluate(config, now),
    open: false,
    reason: `no security release of ${repository} is agreed for today (${today})${tracker}`,
  };
}

async function checkPreconditions(preconditions: Preconditions, now: Date, github: () => Promise<GitHubClient>) {
  // Loaded only when advisories are checked: the plain window check stays free of the GitHub client.
  const { findUnmetPreconditions } = await import('./preconditions.js');
  return findUnmetPreconditions(preconditions, now, await github());
}

function evaluate(config: ReleaseGateConfig, now: Date): GateOutcome {
  const closed = explainClosed(config.window, now);
  const next = nextSlot(config.window, now);
  return {
    open: closed === undefined,
    reason: closed ? closed.message : `open until ${formatUtc(next.end)}`,
    nextSlot: next,
    upcoming: slots(config.window, now, config.count),
  };
}

async function forcedOutcome(
  config: ReleaseGateConfig,
  now: Date,
  unmet: readonly string[],
  ghsaIds: readonly string[],
  github: (() => Promise<GitHubClient>) | undefined,
): Promise<GateOutcome> {
  const reason = config.forceReason ?? '';
  const base = evaluate(config, now);
  core.warning(`Release gate overridden (force): ${stripControlCharacters(reason)}`, {
    title: 'release-gate forced open',
  });
  for (const item of unmet) core.warning(`Unmet precondition overridden: ${item}`);
  if (config.preconditions?.tracker && github) {
    const { recordOverride } = await import('./override.js');
    await recordOverride(config.preconditions, ghsaIds, reason, now, await github());
  }
  return { ...base, open: true, reason: `forced open: ${reason}`, forced: reason };
}

async function waitForWindow(config: ReleaseGateConfig, clock: RunningClock): Promise<void> {
  const upcoming: Slot = nextSlot(config.window, clock.now());
  const waitMs = upcoming.start.getTime() - clock.now().getTime();
  if (waitMs <= 0) return;
  if (waitMs > config.maxWaitMs) {
    core.info(`The window opens in ${Math.ceil(waitMs / 60_000)} min, beyond max-wait; checking instead of waiting.`);
    return;
  }
  core.info(`Waiting ${Math.ceil(waitMs / 1000)} s for the release window at ${formatUtc(upcoming.start)}.`);
  for (let left = waitMs; left > 0; left = upcoming.start.getTime() - clock.now().getTime()) {
    core.info(`Release window opens in ${Math.ceil(left / 1000)} s`);
    await sleep(Math.min(left, config.countdownEveryMs));
  }
}

/** The calendar entry of the slot; the iCalendar module loads only in mode `next`. */
async function writeIcs(config: ReleaseGateConfig, slot: Slot, now: Date): Promise<string> {
  const { renderReleaseIcs } = await import('../../domain/ics.js');
  const path = config.icsPath
    ? workspacePath(config.icsPath)
    : join(process.env.RUNNER_TEMP ?? '.', 'release-window.ics');
  const text = renderReleaseIcs({
    uid: `release-${slot.start.toISOString()}@disclosure-actions`,
    summary: 'Security release window',
    description: `Release window agreed for the security release: ${formatUtc(slot.start)} to ${formatUtc(slot.end)}.`,
    slot,
    now,
  });
  writeFileSync(path, text);
  return path;
}

async function finish(config: ReleaseGateConfig, outcome: GateOutcome): Promise<void> {
  setGateOutputs(outcome);
  core.info(
    `Release window ${outcome.open ? 'open' : 'closed'}: ${inertForLog(outcome.reason)}. Next slot ${formatUtc(outcome.nextSlot.start)}.`,
  );
  await writeGateSummary(outcome, config.zones);
}
