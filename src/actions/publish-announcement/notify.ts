/**
 * Step 5: the chat message, subject and link only. A webhook cannot be asked what it received, so the tracking
 * issues record that it was sent; without a tracker a re-run would post again, and the run says so.
 */
import type { ChatChannel } from '../common/chat.js';
import type { GitHubClient } from '../../github/client.js';
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
async function postAtMostOnce(chat: ChatChannel, text: string): Promise<void> {
  const problem = await chat.send(text, 'The release announcement');
  if (problem) throw new Error(problem);
}

export function alreadyNotified(plan: Plan): boolean {
  return [...plan.reports.values()].some((report) => report.state.notified.includes(WEBHOOK_NOTIFIED));
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
  await postAtMostOnce(chat, webhookText(plan.announcement.subject, link));
  if (!config.tracker || plan.reports.size === 0) {
    log.warning('No tracking issue records that the chat message was sent: a re-run of this job would post it again.');
    return 'sent';
  }
  for (const [ghsaId, report] of plan.reports) {
    const state = { ...report.state, notified: [...report.state.notified, WEBHOOK_NOTIFIED] };
    const saved = await updateTracker(client, config.tracker, report, { state, policy: config.policy }, log);
    plan.reports.set(ghsaId, saved);
  }
  return 'sent';
}
