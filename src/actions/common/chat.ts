import { parsePlatform, resolvePlatform, type ChatPlatform } from '../../channels/platform.js';
import type { ActionInputs } from './inputs.js';
import type { RunnerLog } from './runner.js';

/**
 * The team's chat channel as the inputs configure it: the incoming webhook (`notify-webhook`, masked as soon as it
 * is read) and its platform (`notify-platform`, else recognised from the URL). Every action sends through it and
 * treats the outcome alike: a message goes out at most once; one that may have been posted (a 5xx, a connection
 * lost after sending) counts as sent, with a warning; one that certainly did not go out is a failure of the run,
 * returned to the caller to list. The channel module (and its HTTP client) loads only when a message is sent.
 */
export interface ChatChannel {
  readonly platform: ChatPlatform;
  /** Sends `text`; undefined when it went out (or may have), else what went wrong, already warned about. */
  send(text: string, what: string): Promise<string | undefined>;
}

export function readChatChannel(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Pick<RunnerLog, 'warning'>,
): ChatChannel | undefined {
  const url = inputs.webhook('notify-webhook');
  if (url === undefined) return undefined;
  const platform = resolvePlatform(url, parsePlatform(inputs.optional('notify-platform')));
  return {
    platform,
    async send(text, what) {
      const { createNotifier } = await import('../../channels/notifier.js');
      const delivery = await createNotifier({ url, platform, env }).send(text);
      if (delivery.delivered === 'yes') return undefined;
      if (delivery.delivered === 'unknown') {
        log.warning(
          `${what}: the ${platform} webhook ${delivery.detail}; the message counts as sent, never sent twice.`,
        );
        return undefined;
      }
      const problem = `the ${platform} webhook ${delivery.detail}: the message was not delivered`;
      log.warning(`${what}: ${problem}.`);
      return problem;
    },
  };
}
