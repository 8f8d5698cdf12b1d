/**
 * Release day, after the gate: publish the advisories, add the Security section to the release, announce, tell the
 * chat, thank the reporters, and close the loop in the tracker. Each step checks before it writes, so a re-run
 * finishes what a failed run left and repeats nothing.
 */
import { mailingListMessage, type RenderedAnnouncement } from '../../domain/announcement.js';
import { ExpectedFailure } from '../../domain/errors.js';
import { sanitizedReviewProblem } from '../../domain/release-checklist.js';
import { disclosable, isPublished as publishedOnGitHub, requirePublished } from '../../domain/redaction.js';
import type { GitHubClient } from '../../github/client.js';
import type { ClearSigner } from '../../signing/gpg.js';
import { fullName } from '../../github/types.js';
import type { DryRun } from '../common/dry-run.js';
import { approvalGaps, requireApprovalTeam, requireApprovalTracker, reviewApprovals } from '../common/approvals.js';
import type { ActionDependencies, RunnerIO } from '../common/runner.js';
import { announce } from './announce.js';
import type { Gate, PublishConfig } from './config.js';
import { openMailSigner } from './mail-signing.js';
import { notifyRetrospective, notifyWebhook } from './notify.js';
import { planRelease } from './plan.js';
import { Progress } from './progress.js';
import { publishAdvisories } from './publish.js';
import { appendSecuritySection } from './release-notes.js';
import { emptyOutcome, logProgress, setOutputs, writeAnnouncementFiles, writeSummary, type Outcome } from './report.js';
import { shareRetrospective } from './share-retrospective.js';
import { thankReporters } from './thanks.js';
import { closeOutTracker } from './tracker-close.js';
import type { Links, Plan } from './types.js';

/** What every step works with: the run's client, config and plan, where it reports, and what it has done so far. */
interface StepRun {
  readonly client: GitHubClient;
  readonly config: PublishConfig;
  readonly plan: Plan;
  readonly progress: Progress;
  readonly outcome: Outcome;
  readonly io: RunnerIO;
  readonly env: NodeJS.ProcessEnv;
  readonly now: Date;
  /** A dry run: nothing was published, so the announcement is never given out. */
  readonly dryRun: boolean;
  /** Clearsigns the mailing-list message (`mail-signing-key`); undefined: it goes unsigned. */
  readonly signer: ClearSigner | undefined;
}

/** Release day once the inputs are read: every step, then the outputs, log and summary of what was done. */
export async function publishRelease(
  deps: ActionDependencies,
  config: PublishConfig,
  dry: DryRun | undefined,
): Promise<void> {
  const { io, env } = deps;
  // A signing key gpg refuses (or a wrong passphrase) fails here too, before the first request.
  const signer = await openMailSigner(config.mailSigning, env.RUNNER_TEMP);
  const now = deps.now();
  const progress = new Progress();
  const outcome = emptyOutcome();
  try {
    confirmGate(config.gate, progress, io);
    const client = await deps.openClient(config.token);
    const plan = await planRelease(client, config, now, io);
    await requireApprovals(client, config, plan);
    requireSanitizedTexts(plan);
    await runSteps({ client, config, plan, progress, outcome, io, env, now, dryRun: dry !== undefined, signer });
  } catch (error) {
    throw progress.failure(error);
  } finally {
    await signer?.close();
    setOutputs(io, outcome);
    logProgress(io, progress);
    await writeSummary(io.summary, progress, outcome);
    await dry?.report();
  }
}

/** Step 1: release-gate's `open` output passed in, or an explicit `confirm: true`. */
function confirmGate(gate: Gate, progress: Progress, io: RunnerIO): void {
  progress.start(1);
  if (gate.gateOpen === true) return decide(io, progress, 1, 'done', 'release-gate passed (gate-open: true)');
  if (gate.confirmed) return decide(io, progress, 1, 'done', 'confirmed by input (confirm: true)');
  const why = gate.gateOpen === false ? 'the release gate is closed (gate-open: false)' : 'gate-open is not given';
  decide(io, progress, 1, 'refused', why);
  throw new ExpectedFailure(
    `refusing to publish: ${why} and "confirm" is not true. Pass release-gate's "open" output as "gate-open", or set "confirm: true" to publish outside the gate.`,
  );
}

/**
 * Before the first write: every draft this run publishes was approved (`/release approve` in its tracking issue, by
 * as many active members of the response team as the policy's `release-approvals` asks), checked against GitHub's
 * own record of each comment (approvals.ts). Otherwise the run fails saying who must comment what where.
 */
async function requireApprovals(client: GitHubClient, config: PublishConfig, plan: Plan): Promise<void> {
  const drafts = [...plan.advisories.values()].filter((advisory) => advisory.state !== 'published');
  if (drafts.length === 0) return;
  const action = 'publishing a draft advisory';
  const tracker = requireApprovalTracker(config.tracker, action);
  const team = requireApprovalTeam(config.team, action);
  const ids = drafts.map((advisory) => advisory.ghsa_id);
  const reviews = await reviewApprovals(client, tracker, ids, plan.reports, team, config.policy.releaseApprovals);
  const gaps = approvalGaps(reviews, team);
  if (gaps.length === 0) return;
  throw new ExpectedFailure(
    `refusing to publish: the publication is not approved yet.\n- ${gaps.join('\n- ')}\nThen run this job again.`,
  );
}

/**
 * Before the first write: the text of every draft this run publishes was reviewed for publication (`/triage
 * sanitized` in its tracking issue, for the text as it is now). No input skips it, `confirm` included.
 */
function requireSanitizedTexts(plan: Plan): void {
  const drafts = [...plan.advisories.values()].filter((advisory) => advisory.state !== 'published');
  const problems = drafts.flatMap((advisory) => {
    const report = plan.reports.get(advisory.ghsa_id);
    const place = { ghsaId: advisory.ghsa_id, issueUrl: report?.issue.html_url };
    return sanitizedReviewProblem(place, report?.state, advisory) ?? [];
  });
  if (problems.length === 0) return;
  throw new ExpectedFailure(
    `refusing to publish: a text was not reviewed for publication.\n- ${problems.join('\n- ')}\nThen run this job again.`,
  );
}

type StepNumber = Parameters<Progress['record']>[0];
type StepStatus = Parameters<Progress['record']>[1];

/**
 * A step's decision, in the progress log (info) and, under ACTIONS_STEP_DEBUG, as a decision line: the step and
 * what it decided, with the reason only for a skip (a config setting); never a text the step writes.
 */
function decide(io: RunnerIO, progress: Progress, step: StepNumber, status: StepStatus, detail: string): void {
  io.debug(
    `decision: step ${step} ${status}${status === 'skipped' || status === 'refused' || step === 1 ? ` (${detail})` : ''}`,
  );
  progress.record(step, status, detail);
}

async function runSteps(run: StepRun): Promise<void> {
  await stepPublish(run);
  // Nothing public before GitHub answered every advisory as published (redaction.ts).
  requirePublished(run.plan.advisories.values(), 'The release notes, announcement, chat message and thank-you');
  await stepReleaseNotes(run);
  await stepAnnounce(run);
  const { outcome } = run;
  const links: Links = { releaseUrl: outcome.releaseUrl ?? null, announcementUrl: outcome.announcementUrl ?? null };
  await stepNotify(run, links);
  await stepThanks(run, links);
  await stepTracker(run, links);
  await stepShareRetrospective(run);
}

async function stepPublish(run: StepRun): Promise<void> {
  const { client, config, plan, progress, outcome, io, dryRun } = run;
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
  decide(io, progress, 2, publishedNow.length > 0 ? 'done' : 'already done', parts.join('; '));
  // Everything the announcement holds is public once GitHub answered every advisory as published (redaction.ts).
  outcome.published = [...plan.advisories.values()].filter(publishedOnGitHub).map((advisory) => advisory.ghsa_id);
  outcome.announcement = dryRun ? undefined : disclosable(plan.advisories.values(), plan.announcement);
  if (outcome.announcement) await giveOutAnnouncement(run, outcome.announcement);
}

/** The texts for the channels the action does not post to: the `mail` output and the files (published only). */
async function giveOutAnnouncement(
  { config, plan, outcome, env, io, signer }: StepRun,
  announcement: NonNullable<Outcome['announcement']>,
): Promise<void> {
  const mail = await mailMessage(announcement, signer);
  if (signer) io.info(`The mailing-list message is clearsigned with the key ${signer.fingerprint}.`);
  outcome.mail = mail;
  const files = writeAnnouncementFiles(announcement, mail, config.text.version, plan.data.day, env);
  Object.assign(outcome, files);
  if (!files)
    io.notice(
      'No announcement files written: RUNNER_TEMP is not set (this is not a runner); the "body" and "mail" outputs hold the texts.',
    );
}

async function stepReleaseNotes({ client, config, plan, progress, outcome, io }: StepRun): Promise<void> {
  progress.start(3);
  if (plan.releases.length === 0) {
    const why = config.text.noFixReason === undefined ? 'release-notes: false' : 'no fix released (no-fix-reason)';
    return decide(io, progress, 3, 'skipped', why);
  }
  const results: string[] = [];
  for (const release of plan.releases) {
    results.push(await appendSecuritySection(client, config.repository, release, plan.data));
    outcome.releaseUrl ??= release.html_url;
  }
  const where = plan.releases.map((release) => `release ${release.tag_name}: ${release.html_url}`).join('; ');
  decide(io, progress, 3, results.includes('appended') ? 'done' : 'already done', where);
}

async function stepAnnounce({ client, config, plan, progress, outcome, io }: StepRun): Promise<void> {
  progress.start(4);
  const announced = await announce(client, config, plan);
  if (!announced) return decide(io, progress, 4, 'skipped', 'no discussion-category and announce-issue is false');
  outcome.announcementUrl = announced.url;
  if (announced.kind === 'discussion') outcome.discussionUrl = announced.url;
  decide(io, progress, 4, announced.created ? 'done' : 'already done', `${announced.kind}: ${announced.url}`);
}

async function stepNotify({ client, config, plan, progress, io }: StepRun, links: Links): Promise<void> {
  progress.start(5);
  if (!config.webhook) return decide(io, progress, 5, 'skipped', 'no notify-webhook');
  const link = links.announcementUrl ?? links.releaseUrl ?? plan.data.advisories[0]?.url ?? '';
  const result = await notifyWebhook(client, config, plan, config.webhook, link, io);
  decide(io, progress, 5, result === 'sent' ? 'done' : 'already done', `subject and link: ${link}`);
}

async function stepThanks({ client, config, plan, progress, io }: StepRun, links: Links): Promise<void> {
  progress.start(6);
  if (!config.thankReporter) return decide(io, progress, 6, 'skipped', 'thank-reporter: false');
  if (config.text.noFixReason !== undefined) {
    // The thank-you says the fix is released: a disclosure without one is thanked by a person, in their words.
    io.warning('No fix is released: thank the reporter yourself (the built-in thank-you announces a fix).', {
      title: 'manual step',
    });
    return decide(io, progress, 6, 'skipped', 'no fix released: thank the reporter yourself');
  }
  const result = await thankReporters(client, config, plan, links, io);
  if (result.status === 'manual') io.warning(`Thank the reporter: ${result.detail}.`, { title: 'manual step' });
  decide(io, progress, 6, result.status, result.detail);
}

async function stepTracker({ client, config, plan, progress, outcome, now, io }: StepRun, links: Links): Promise<void> {
  progress.start(7);
  if (!config.tracker) return decide(io, progress, 7, 'skipped', 'no tracker');
  const result = await closeOutTracker(client, config, config.tracker, plan, links, now, io);
  outcome.retrospectiveIssue = result.retrospectiveIssue;
  const wrote =
    result.retrospectiveCreated || result.closed.length + result.updated.length + result.commented.length > 0;
  const issues = [...plan.reports.values()].map((report) => `#${report.issue.number}`).join(', ') || 'none found';
  const retrospective =
    result.retrospectiveIssue === undefined
      ? 'no retrospective (the policy holds none)'
      : `retrospective ${fullName(config.tracker)}#${result.retrospectiveIssue}${result.retrospectiveCreated ? ' opened' : ''}`;
  decide(io, progress, 7, wrote ? 'done' : 'already done', `tracking issues ${issues} closed; ${retrospective}`);
}

/**
 * Step 8, once every advisory is published and the team closed the retrospective as completed: the Discussion, then
 * a short chat message with its link (never the tracker's text), once (recorded in the tracking issues).
 */
async function stepShareRetrospective({ client, config, plan, progress, outcome, io }: StepRun): Promise<void> {
  progress.start(8);
  const place = plan.retrospectivePlace;
  const issue = outcome.retrospectiveIssue;
  if (!place || !config.tracker || issue === undefined) {
    return decide(io, progress, 8, 'skipped', 'no retrospective-category');
  }
  const shared = await shareRetrospective(client, config.tracker, config.repository, issue, place);
  if (shared.kind === 'not yet') return decide(io, progress, 8, 'skipped', shared.detail);
  outcome.retrospectiveUrl = shared.url;
  const chat = config.webhook
    ? await notifyRetrospective(client, config, plan, config.webhook, shared.url, io)
    : 'no notify-webhook';
  const wrote = shared.kind === 'shared' || chat === 'sent';
  decide(io, progress, 8, wrote ? 'done' : 'already done', `discussion: ${shared.url}; chat: ${chat}`);
}

/** The ready-to-send message (To, Subject, body), its body clearsigned when a signer is given. */
export async function mailMessage(
  announcement: RenderedAnnouncement,
  signer: ClearSigner | undefined,
): Promise<string> {
  if (!signer) return mailingListMessage(announcement);
  return mailingListMessage({ ...announcement, body: await signer.clearsign(announcement.body) });
}
