/**
 * Step 5: the chat message, subject and link only. A webhook cannot be asked what it received, so the tracking
 * issues record that it was sent; without a tracker a re-run would post again, and the run says so.
 */
import * as core from '@actions/core';
import { postWebhook, WebhookError } from '../../channels/webhook.js';
import type { GitHubClient } from '../../github/client.js';
import { policyForState, saveTrackedReport } from '../common/tracker.js';
import type { PublishConfig } from './config.js';
import type { Plan } from './plan.js';

export const WEBHOOK_NOTIFIED = 'publish-announcement:webhook';

export function webhookText(subject: string, link: string): string {
  return `${subject}: ${link}`;
}

/**
 * Sends the message; when the hook's answer leaves it unknown whether the message was posted (a
 * 5xx, a lost connection), it is taken as sent, said so, and never posted again. A certain failure is thrown: the
 * step fails and a re-run sends it.
 */
async function postAtMostOnce(url: URL, text: string): Promise<void> {
  try {
    await postWebhook(url, { text });
  } catch (error) {
    if (!(error instanceof WebhookError) || error.delivered === 'no') throw error;
    core.warning(`The chat webhook failed (${error.message}): the message may have been posted; it is not sent again.`);
  }
}

export function alreadyNotified(plan: Plan): boolean {
  return [...plan.reports.values()].some((report) => report.state.notified.includes(WEBHOOK_NOTIFIED));
}

export async function notifyWebhook(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  url: URL,
  link: string,
): Promise<'sent' | 'already sent'> {
  if (alreadyNotified(plan)) return 'already sent';
  await postAtMostOnce(url, webhookText(plan.announcement.subject, link));
  if (!config.tracker || plan.reports.size === 0) {
    core.warning('No tracking issue records that the chat message was sent: a re-run of this job would post it again.');
    return 'sent';
  }
  for (const [ghsaId, report] of plan.reports) {
    const state = { ...report.state, notified: [...report.state.notified, WEBHOOK_NOTIFIED] };
    const saved = await saveTrackedReport(client, config.tracker, report, policyForState(config.policy, state), state);
    plan.reports.set(ghsaId, saved);
  }
  return 'sent';
}
