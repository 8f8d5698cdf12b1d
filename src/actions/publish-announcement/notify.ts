/**
 * The chat messages: the announcement's (step 5: subject and link only) and the shared retrospective's (step 8: its
 * link). A webhook cannot be asked what it received, so the tracking issues record that each was sent (`notified`).
 */
import type { ChatChannel } from '../common/chat.js';
import type { ReleaseText } from '../../domain/announcement.js';
import type { GitHubClient } from '../../github/client.js';
import type { RepoRef } from '../../github/types.js';
import type { RunnerLog } from '../common/runner.js';
import { updateTracker } from '../common/tracker.js';
import type { PublishConfig } from './config.js';
import type { Plan } from './types.js';

export const WEBHOOK_NOTIFIED = 'publish-announcement:webhook';

export function webhookText(subject: string, link: string): string {
  return `${subject}: ${link}`;
}

/**
 * Sends the message through the channel (at most once; a message that may have been posted counts as sent). A
 * certain failure is thrown: the step fails, nothing records the message as sent, and a re-run sends it.
 */
async function postAtMostOnce(chat: ChatChannel, text: string, what: string): Promise<void> {
  const problem = await chat.send(text, what);
  if (problem) throw new Error(problem);
}

export function alreadyNotified(plan: Plan, key = WEBHOOK_NOTIFIED): boolean {
  return [...plan.reports.values()].some((report) => report.state.notified.includes(key));
}

/** Records in every tracking issue of the release that the message `key` was sent (its state's `notified`). */
async function recordNotified(
  client: GitHubClient,
  config: PublishConfig,
  tracker: RepoRef,
  plan: Plan,
  key: string,
  log: Pick<RunnerLog, 'warning' | 'info'>,
): Promise<void> {
  for (const [ghsaId, report] of plan.reports) {
    const state = { ...report.state, notified: [...report.state.notified, key] };
    const saved = await updateTracker(client, tracker, report, { state, policy: config.policy }, log);
    plan.reports.set(ghsaId, saved);
  }
}

export async function notifyWebhook(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  chat: ChatChannel,
  link: string,
  log: Pick<RunnerLog, 'warning' | 'info'>,
): Promise<'sent' | 'already sent'> {
  if (alreadyNotified(plan)) return 'already sent';
  await postAtMostOnce(chat, webhookText(plan.announcement.subject, link), 'The release announcement');
  if (!config.tracker || plan.reports.size === 0) {
    log.warning('No tracking issue records that the chat message was sent: a re-run of this job would post it again.');
    return 'sent';
  }
  await recordNotified(client, config, config.tracker, plan, WEBHOOK_NOTIFIED, log);
  return 'sent';
}

export const RETROSPECTIVE_NOTIFIED = 'publish-announcement:retrospective';

/** The retrospective's chat message: which release, and the public Discussion; nothing of the tracker's text. */
export function retrospectiveChatText(
  text: Pick<ReleaseText, 'project' | 'version' | 'versions'>,
  link: string,
): string {
  const what = text.versions.length === 0 ? 'security disclosure' : `${text.version} security release`;
  return `The retrospective of the ${text.project} ${what} is public: ${link}`;
}

/**
 * The shared retrospective's link to the chat channel, once. Every run of the workflow passes here after the
 * retrospective is shared, so without a tracking issue to record it in, nothing is sent (it would go out each run).
 */
export async function notifyRetrospective(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  chat: ChatChannel,
  link: string,
  log: Pick<RunnerLog, 'warning' | 'info'>,
): Promise<'sent' | 'already sent' | 'not sent: no tracking issue to record it'> {
  if (alreadyNotified(plan, RETROSPECTIVE_NOTIFIED)) return 'already sent';
  if (!config.tracker || plan.reports.size === 0) {
    log.warning(
      'The retrospective is not sent to chat: no tracking issue can record that it was, and each later run would send it again. Post its link yourself.',
    );
    return 'not sent: no tracking issue to record it';
  }
  const text = retrospectiveChatText(config.text, link);
  await postAtMostOnce(chat, text, 'The retrospective');
  await recordNotified(client, config, config.tracker, plan, RETROSPECTIVE_NOTIFIED, log);
  return 'sent';
}
