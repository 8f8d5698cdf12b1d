import * as core from '@actions/core';
import { notificationText, type NotificationFacts } from '../../domain/acknowledgement.js';
import { ACK_NOTIFIED } from '../../domain/intake.js';
import { inertForLog } from '../../domain/sanitize.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import type { IntakeContext } from './context.js';

/**
 * The team's chat notification: id, repository, severity and tracker link only, unless `before` (the state as it
 * was before this run recorded the acknowledgement) shows it went out already. Returns what went wrong, or
 * undefined. The channel module is loaded only when there is a webhook to call.
 */
export async function notifyOnce(
  context: IntakeContext,
  before: TrackerState,
  facts: NotificationFacts,
): Promise<string | undefined> {
  const url = context.config.webhook;
  if (!url || before.notified.includes(ACK_NOTIFIED)) return undefined;
  const { postWebhook } = await import('../../channels/webhook.js');
  try {
    await postWebhook(url, { text: notificationText(facts) });
    return undefined;
  } catch (error) {
    const message = `the team webhook failed (${(error as Error).message}); not retried: the tracking issue has it all`;
    core.warning(inertForLog(`${facts.key}: ${message}`));
    return message;
  }
}
