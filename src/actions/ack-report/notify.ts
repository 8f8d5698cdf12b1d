import { notificationText, type NotificationFacts } from '../../domain/acknowledgement.js';
import { ACK_NOTIFIED } from '../../domain/intake.js';
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
  const chat = context.config.webhook;
  if (!chat || before.notified.includes(ACK_NOTIFIED)) return undefined;
  const problem = await chat.send(notificationText(facts), `${facts.key}: team notification`);
  return problem && `${problem}; not retried: the tracking issue has it all`;
}
