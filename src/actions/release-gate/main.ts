import { writeFileSync } from 'node:fs';
import { formatUtc } from '../../domain/checklist.js';
import { expeditedGateReason } from '../../domain/deadline-moves.js';
import { ConfigurationError, ExpectedFailure } from '../../domain/errors.js';
import { explainClosed, firstSlotOnOrAfter, nextSlot, slots, type Slot } from '../../domain/release-window.js';
import type { GitHubClient } from '../../github/client.js';
import type { Release } from '../../github/types.js';
import { lazyClient } from '../../github/connect.js';
import { inertForLog, stripControlCharacters } from '../../domain/sanitize.js';
import { ACTION_INPUTS } from '../metadata.generated.js';
import {
  approvalGaps,
  recordedApprovals,
  requireApprovalTeam,
  requireApprovalTracker,
  reviewApprovals,
  type ApprovalReview,
} from '../common/approvals.js';
import { dryRun } from '../common/dry-run.js';
import { ActionInputs } from '../common/inputs.js';
import type { ActionDependencies, RunnerIO } from '../common/runner.js';
import type { TrackedReport } from '../common/tracker.js';
import { sleep } from '../common/concurrency.js';
import { runningClock, type RunningClock } from './clock.js';
import { readConfig, type Preconditions, type ReleaseGateConfig } from './config.js';
import type { MissedRelease } from './missed.js';
import type { GatedRelease } from './preconditions.js';
import { setGateOutputs, writeGateSummary, type GateOutcome } from './report.js';

/** One run of the gate: its configuration and the runner it reports to. */
interface GateRun {
  readonly config: ReleaseGateConfig;
  readonly io: RunnerIO;
  /** The runner's environment: `RUNNER_TEMP` and `GITHUB_WORKSPACE` locate the iCalendar file. */
  readonly env: NodeJS.ProcessEnv;
}

export async function main(actionDeps: ActionDependencies): Promise<void> {
  // dry-run: the same gate, its writes (the forced-release record, a missed release's notices, a no-fix decision)
  // recorded, not made.
  const dry = dryRun(actionDeps, 'release-gate');
  const deps = dry?.deps ?? actionDeps;
  const inputs = new ActionInputs(deps.io, ACTION_INPUTS['release-gate'], 'release-gate');
  const read = await readConfig(inputs, deps.env, deps.io);
  const config = dry ? { ...read, webhook: dry.chat(read.webhook) } : read;
  try {
    await gate({ config, io: deps.io, env: deps.env }, deps);
  } finally {
    await dry?.report();
  }
}

async function gate(run: GateRun, deps: ActionDependencies): Promise<void> {
  const { config } = run;
  const clock = runningClock(deps.now());
  // One client for the preconditions and the override record, opened only when advisories are checked.
  const preconditions = config.preconditions;
  const github = preconditions ? lazyClient(() => deps.openClient(preconditions.token)) : undefined;
  const {
    unmet,
    unreviewed,
    release: checked,
    tracked,
  } = preconditions && github
    ? await checkPreconditions(preconditions, clock.now(), github, deps.io)
    : { unmet: [], unreviewed: [], release: undefined, tracked: new Map<string, TrackedReport>() };
  // A disclosure without a fix releases nothing: no asset to verify.
  if (config.signingKey && preconditions && github && !config.noFix) {
    await checkSignatures(run, preconditions, checked?.releases ?? [], github);
  }
  let release = checked;
  if (config.forceReason) {
    // What becomes public is reviewed by a person first (`/triage sanitized`): no reason overrides that.
    if (unreviewed.length > 0) {
      throw new ExpectedFailure(
        `refusing to force the gate open: ${unreviewed.length} advisory text(s) not reviewed for publication.\n- ${unreviewed.join('\n- ')}`,
      );
    }
    // A forced gate carries the approval of every advisory it lets through, checked before anything is written.
    await requireForceApproval(config, release?.ghsaIds ?? [], tracked, github);
    const forced = await forcedOutcome(run, clock.now(), unmet, release?.ghsaIds ?? [], github);
    return finish(run, { ...forced, release });
  }
  if (unmet.length > 0) {
    const { preconditionFailure } = await import('./preconditions.js');
    throw preconditionFailure(unmet);
  }
  if (release && github && config.noFix) {
    // Before the approvals: a decision recorded now shows in the tracking issue to those who approve.
    const verdict = await withoutFix(run, deps, release.ghsaIds, tracked, github, clock.now());
    if (!verdict.open)
      return closed(run, { ...evaluate(config, clock.now()), open: false, reason: verdict.reason, release });
    release = { ...release, noFix: { reason: verdict.reason, grounds: verdict.grounds } };
  }
  if (release?.agreed && release.ghsaIds.length === 0) {
    return closed(run, { ...nothingAgreed(config, clock.now()), release });
  }
  const waiting = release && preconditions?.tracker ? awaitingApproval(config, release.ghsaIds, tracked) : [];
  if (release && waiting.length > 0) {
    // Reported as waiting, not as missed: open=false, who must approve where, before any wait for the window.
    const gaps = approvalGaps(waiting, config.team);
    const outcome = evaluate(config, clock.now());
    const reason = `waiting for approval: ${gaps.join('; ')}`;
    return closed(run, { ...outcome, open: false, reason, release, waiting: waiting.map((w) => w.ghsaId) });
  }
  // An expedited report (/triage expedite, in the tracker) is released as soon as possible, in or out of the window.
  const expedited = release && config.mode !== 'next' ? expeditedGateReason(release.ghsaIds, tracked) : undefined;
  if (expedited) {
    return finish(run, { ...evaluate(config, clock.now()), release, open: true, reason: `expedited: ${expedited}` });
  }
  if (config.mode === 'wait') await waitForWindow(run, clock);
  const outcome = { ...evaluate(config, clock.now()), release };
  if (config.mode === 'next')
    return finish(run, { ...outcome, icsPath: await writeIcs(run, outcome.nextSlot, clock.now()) });
  if (outcome.open) return finish(run, outcome);
  const missed =
    release && deps.event.name === 'schedule' ? missedToday(config, release, tracked, clock.now()) : undefined;
  if (missed) return missedRelease(run, { ...outcome, open: false }, missed, tracked, github);
  return closed(run, { ...outcome, reason: `the release window is closed: ${outcome.reason}` });
}

/** Whether the advisories may be disclosed without a fix now (no-fix.ts); the decision recorded when made now. */
async function withoutFix(
  run: GateRun,
  deps: ActionDependencies,
  ghsaIds: readonly string[],
  tracked: ReadonlyMap<string, TrackedReport>,
  github: () => Promise<GitHubClient>,
  now: Date,
) {
  const tracker = run.config.preconditions?.tracker;
  if (!tracker) throw new ConfigurationError('"no-fix" needs "tracker".', 'tracker'); // readConfig refuses it first
  const { decideNoFix } = await import('./no-fix.js');
  const context = {
    client: github,
    tracker,
    policy: run.config.policy,
    reason: run.config.noFix?.reason,
    eventName: deps.event.name,
    actor: run.env.GITHUB_ACTOR || undefined,
    now,
    log: run.io,
  };
  const verdict = await decideNoFix(context, ghsaIds, tracked);
  if (verdict.open) for (const ground of verdict.grounds) run.io.info(`Disclosure without a fix: ${ground}`);
  return verdict;
}

/** Every asset of the releases checked, verified with the policy's key (signatures.ts); before any decision. */
async function checkSignatures(
  run: GateRun,
  preconditions: Preconditions,
  releases: readonly Release[],
  github: () => Promise<GitHubClient>,
): Promise<void> {
  if (!run.config.signingKey) return;
  if (preconditions.versions.length === 0) {
    run.io.notice(
      'The policy names a signing-key, but "versions" is empty: no release asset was verified. Name the versions released to have their assets verified.',
      { title: 'release-gate' },
    );
    return;
  }
  const { requireSignedAssets } = await import('./signatures.js');
  const { repository } = preconditions;
  await requireSignedAssets(await github(), repository, releases, run.config.signingKey, run.env.RUNNER_TEMP, run.io);
}

/**
 * The release agreed for today whose window already closed (a scheduled run started late): undefined when the window
 * has not opened yet, today is no release day at all, or the advisories were not agreed for today in the tracker.
 */
function missedToday(
  config: ReleaseGateConfig,
  release: GatedRelease,
  tracked: ReadonlyMap<string, TrackedReport>,
  now: Date,
): MissedRelease | undefined {
  const where = config.preconditions;
  if (!where?.tracker || release.ghsaIds.length === 0) return undefined;
  const day = now.toISOString().slice(0, 10);
  if (!release.ghsaIds.every((id) => tracked.get(id)?.state.agreedReleaseDate === day)) return undefined;
  if (explainClosed(config.window, now)?.reason !== 'too-late') return undefined;
  const todays = firstSlotOnOrAfter(config.window, new Date(`${day}T00:00:00Z`));
  return { repository: where.repository, day, ghsaIds: release.ghsaIds, closedAt: todays.end, ranAt: now };
}

/** Fails whatever `on-closed` says, after telling the team once (missed.ts). */
async function missedRelease(
  run: GateRun,
  outcome: GateOutcome,
  missed: MissedRelease,
  tracked: ReadonlyMap<string, TrackedReport>,
  github: (() => Promise<GitHubClient>) | undefined,
): Promise<void> {
  const { escalateMissed, missedAdvice, missedFailure } = await import('./missed.js');
  const tracker = run.config.preconditions?.tracker;
  if (tracker && github) {
    const context = { client: await github(), tracker, policy: run.config.policy, team: run.config.team };
    await escalateMissed({ ...context, webhook: run.config.webhook, log: run.io }, missed, tracked);
  }
  await finish(run, { ...outcome, reason: missedAdvice(missed), missed: true });
  throw missedFailure(missed);
}

/** Reports a closed gate: passes with open=false under `on-closed: skip`, fails otherwise. */
async function closed(run: GateRun, outcome: GateOutcome): Promise<void> {
  await finish(run, outcome);
  if (run.config.onClosed === 'skip') return;
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

async function checkPreconditions(
  preconditions: Preconditions,
  now: Date,
  github: () => Promise<GitHubClient>,
  log: RunnerIO,
) {
  // Loaded only when advisories are checked: the plain window check stays free of the GitHub client.
  const { findUnmetPreconditions } = await import('./preconditions.js');
  return findUnmetPreconditions(preconditions, now, await github(), log);
}

/** The advisories of the release whose recorded approvals are fewer than the policy asks (no request made). */
function awaitingApproval(
  config: ReleaseGateConfig,
  ghsaIds: readonly string[],
  tracked: ReadonlyMap<string, TrackedReport>,
): ApprovalReview[] {
  return recordedApprovals(ghsaIds, tracked, config.releaseApprovals).filter((review) => review.status.missing > 0);
}

/**
 * `force` opens the gate outside its window: only for advisories whose publication the response team approved
 * (`/release approve`, each approval checked against GitHub's record, approvals.ts). Nothing to approve, no tracker to
 * read approvals from, or an approval missing: refused, before the override is recorded anywhere.
 */
async function requireForceApproval(
  config: ReleaseGateConfig,
  ghsaIds: readonly string[],
  tracked: ReadonlyMap<string, TrackedReport>,
  github: (() => Promise<GitHubClient>) | undefined,
): Promise<void> {
  const action = 'forcing the gate open';
  if (!config.preconditions || !github || ghsaIds.length === 0) {
    throw new ConfigurationError(
      'Input "force" is true, but the gate lets no advisory through, so there is no approved release to force: name the advisories in "ghsa-ids" (with "repository"), or set "tracker" and "repository" for the releases agreed for today; each needs a `/release approve` in its tracking issue.',
      'force',
    );
  }
  const tracker = requireApprovalTracker(config.preconditions.tracker, action);
  const team = requireApprovalTeam(config.team, action);
  const reviews = await reviewApprovals(await github(), tracker, ghsaIds, tracked, team, config.releaseApprovals);
  const gaps = approvalGaps(reviews, team);
  if (gaps.length > 0) {
    throw new ExpectedFailure(
      `refusing to force the gate open: the release is not approved yet.\n- ${gaps.join('\n- ')}`,
    );
  }
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
  { config, io }: GateRun,
  now: Date,
  unmet: readonly string[],
  ghsaIds: readonly string[],
  github: (() => Promise<GitHubClient>) | undefined,
): Promise<GateOutcome> {
  const reason = config.forceReason ?? '';
  const base = evaluate(config, now);
  io.warning(`Release gate overridden (force): ${stripControlCharacters(reason)}`, {
    title: 'release-gate forced open',
  });
  for (const item of unmet) io.warning(`Unmet precondition overridden: ${item}`);
  if (config.preconditions?.tracker && github) {
    const { recordOverride } = await import('./override.js');
    await recordOverride(config.preconditions, ghsaIds, reason, now, await github());
  }
  return { ...base, open: true, reason: `forced open: ${reason}`, forced: reason };
}

async function waitForWindow({ config, io }: GateRun, clock: RunningClock): Promise<void> {
  const upcoming: Slot = nextSlot(config.window, clock.now());
  const waitMs = upcoming.start.getTime() - clock.now().getTime();
  if (waitMs <= 0) return;
  if (waitMs > config.maxWaitMs) {
    io.info(`The window opens in ${Math.ceil(waitMs / 60_000)} min, beyond max-wait; checking instead of waiting.`);
    return;
  }
  io.info(`Waiting ${Math.ceil(waitMs / 1000)} s for the release window at ${formatUtc(upcoming.start)}.`);
  for (let left = waitMs; left > 0; left = upcoming.start.getTime() - clock.now().getTime()) {
    io.info(`Release window opens in ${Math.ceil(left / 1000)} s`);
    await sleep(Math.min(left, config.countdownEveryMs));
  }
}

/**
 * The calendar entry of the slot; the iCalendar module loads only in mode `next`. Outside a runner, with neither
 * `ics-path` nor RUNNER_TEMP, no file is written (a notice says so): never into the working directory.
 */
async function writeIcs({ config, io }: GateRun, slot: Slot, now: Date): Promise<string | undefined> {
  const path = config.icsPath;
  if (path === undefined) {
    io.notice(
      'No iCalendar file written: RUNNER_TEMP is not set (this is not a runner) and "ics-path" is empty. Set "ics-path" to a file in the workspace to get one.',
      { title: 'release-gate' },
    );
    return undefined;
  }
  const { renderReleaseIcs } = await import('../../domain/ics.js');
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

async function finish({ config, io }: GateRun, outcome: GateOutcome): Promise<void> {
  setGateOutputs(io, outcome);
  io.info(
    `Release window ${outcome.open ? 'open' : 'closed'}: ${inertForLog(outcome.reason)}. Next slot ${formatUtc(outcome.nextSlot.start)}.`,
  );
  await writeGateSummary(io.summary, outcome, config.zones);
}
