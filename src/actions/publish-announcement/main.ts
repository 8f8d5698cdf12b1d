/**
 * Release day, after the gate: publish the advisories, add the Security section to the release, announce, tell the
 * chat, thank the reporters, and close the loop in the tracker. Each step checks before it writes, so a re-run
 * finishes what a failed run left and repeats nothing.
 */
import * as core from '@actions/core';
import { ExpectedFailure } from '../../domain/errors.js';
import type { GitHubClient } from '../../github/client.js';
import { openClient } from '../../github/connect.js';
import { fullName } from '../../github/types.js';
import { readNow } from '../common/clock.js';
import { announce } from './announce.js';
import { readConfig, type Gate, type PublishConfig } from './config.js';
import { notifyWebhook } from './notify.js';
import { planRelease, type Plan } from './plan.js';
import { Progress } from './progress.js';
import { publishAdvisories } from './publish.js';
import { appendSecuritySection } from './release-notes.js';
import { emptyOutcome, logProgress, setOutputs, writeBodyFile, writeSummary, type Outcome } from './report.js';
import { thankReporters, type Links } from './thanks.js';
import { closeOutTracker } from './tracker-close.js';

export async function main(): Promise<void> {
  // A mistake in the inputs fails here, before any output or summary: nothing has happened yet.
  const config = await readConfig();
  const now = readNow();
  const progress = new Progress();
  const outcome = emptyOutcome();
  try {
    confirmGate(config.gate, progress);
    const client = await openClient(config.token);
    const plan = await planRelease(client, config, now);
    await runSteps(client, config, plan, progress, outcome, now);
  } catch (error) {
    throw progress.failure(error);
  } finally {
    setOutputs(outcome);
    logProgress(progress);
    await writeSummary(progress, outcome);
  }
}

/** Step 1: release-gate's `open` output passed in, or an explicit `confirm: true`. */
function confirmGate(gate: Gate, progress: Progress): void {
  progress.start(1);
  if (gate.gateOpen === true) return progress.record(1, 'done', 'release-gate passed (gate-open: true)');
  if (gate.confirmed) return progress.record(1, 'done', 'confirmed by input (confirm: true)');
  const why = gate.gateOpen === false ? 'the release gate is closed (gate-open: false)' : 'gate-open is not given';
  progress.record(1, 'refused', why);
  throw new ExpectedFailure(
    `refusing to publish: ${why} and "confirm" is not true. Pass release-gate's "open" output as "gate-open", or set "confirm: true" to publish outside the gate.`,
  );
}

async function runSteps(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  outcome: Outcome,
  now: Date,
): Promise<void> {
  await stepPublish(client, config, plan, progress, outcome);
  await stepReleaseNotes(client, config, plan, progress, outcome);
  await stepAnnounce(client, config, plan, progress, outcome);
  const links: Links = { releaseUrl: outcome.releaseUrl ?? null, announcementUrl: outcome.announcementUrl ?? null };
  await stepNotify(client, config, plan, progress, links);
  await stepThanks(client, config, plan, progress, links);
  await stepTracker(client, config, plan, progress, outcome, links, now);
}

async function stepPublish(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  outcome: Outcome,
): Promise<void> {
  progress.start(2);
  const isPublished = (id: string): boolean => plan.advisories.get(id)?.state === 'published';
  outcome.published = [...plan.advisories.keys()].filter(isPublished);
  const { publishedNow, alreadyPublished } = await publishAdvisories(client, config, plan, (ghsaId) => {
    progress.noteWrite();
    outcome.published.push(ghsaId);
  });
  const parts = [
    ...(publishedNow.length > 0 ? [`published ${publishedNow.join(', ')}`] : []),
    ...(alreadyPublished.length > 0 ? [`already published: ${alreadyPublished.join(', ')}`] : []),
  ];
  progress.record(2, publishedNow.length > 0 ? 'done' : 'already done', parts.join('; '));
  // Everything the announcement holds is public from here on.
  outcome.published = [...plan.advisories.keys()];
  outcome.announcement = plan.announcement;
  outcome.bodyPath = writeBodyFile(plan.announcement, config.text.version);
}

async function stepReleaseNotes(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  outcome: Outcome,
): Promise<void> {
  progress.start(3);
  if (!plan.release) return progress.record(3, 'skipped', 'release-notes: false');
  const result = await appendSecuritySection(client, config.repository, plan.release, plan.data);
  outcome.releaseUrl = plan.release.html_url;
  const where = `release ${plan.release.tag_name}: ${plan.release.html_url}`;
  progress.record(3, result === 'appended' ? 'done' : 'already done', where);
}

async function stepAnnounce(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  outcome: Outcome,
): Promise<void> {
  progress.start(4);
  const announced = await announce(client, config, plan);
  if (!announced) return progress.record(4, 'skipped', 'no discussion-category and announce-issue is false');
  outcome.announcementUrl = announced.url;
  if (announced.kind === 'discussion') outcome.discussionUrl = announced.url;
  progress.record(4, announced.created ? 'done' : 'already done', `${announced.kind}: ${announced.url}`);
}

async function stepNotify(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  links: Links,
): Promise<void> {
  progress.start(5);
  if (!config.webhook) return progress.record(5, 'skipped', 'no notify-webhook');
  const link = links.announcementUrl ?? links.releaseUrl ?? plan.data.advisories[0]?.url ?? '';
  const result = await notifyWebhook(client, config, plan, config.webhook, link);
  progress.record(5, result === 'sent' ? 'done' : 'already done', `subject and link: ${link}`);
}

async function stepThanks(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  links: Links,
): Promise<void> {
  progress.start(6);
  if (!config.thankReporter) return progress.record(6, 'skipped', 'thank-reporter: false');
  const result = await thankReporters(client, config, plan, links);
  if (result.status === 'manual') core.warning(`Thank the reporter: ${result.detail}.`, { title: 'manual step' });
  progress.record(6, result.status, result.detail);
}

async function stepTracker(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  progress: Progress,
  outcome: Outcome,
  links: Links,
  now: Date,
): Promise<void> {
  progress.start(7);
  if (!config.tracker) return progress.record(7, 'skipped', 'no tracker');
  const result = await closeOutTracker(client, config, config.tracker, plan, links, now);
  outcome.retrospectiveIssue = result.retrospectiveIssue;
  const wrote =
    result.retrospectiveCreated || result.closed.length + result.updated.length + result.commented.length > 0;
  const issues = [...plan.reports.values()].map((report) => `#${report.issue.number}`).join(', ') || 'none found';
  const retrospective = `retrospective ${fullName(config.tracker)}#${result.retrospectiveIssue}${result.retrospectiveCreated ? ' opened' : ''}`;
  progress.record(7, wrote ? 'done' : 'already done', `tracking issues ${issues} closed; ${retrospective}`);
}
