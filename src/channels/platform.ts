/**
 * Which chat platform an incoming-webhook URL belongs to: chosen by the user (`notify-platform`), or recognised from
 * the URL. Matrix has no well-known host (a hookshot bridge runs on the homeserver's own domain), so it is only ever
 * chosen; an unrecognised URL is `generic`, the body every relay accepted before platforms were told apart.
 */
import { ConfigurationError } from '../domain/errors.js';

export const CHAT_PLATFORMS = ['slack', 'discord', 'zulip', 'teams', 'matrix', 'generic'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

/** `host` is `domain` or one of its subdomains. */
function within(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Discord's execute-webhook route, with or without an API version: `/api/webhooks/…`, `/api/v10/webhooks/…`. */
const DISCORD_PATH = /^\/api\/(?:v\d+\/)?webhooks\//;
/** Zulip's Slack-compatible incoming webhook, on zulipchat.com or a self-hosted server. */
const ZULIP_SLACK_PATH = /^\/api\/v1\/external\/slack_incoming\/?$/;

/**
 * The platform a webhook URL belongs to, from its host (and path where the host alone is not enough):
 * hooks.slack.com → slack; discord.com / discordapp.com `/api/webhooks/` → discord; *.zulipchat.com or
 * `/api/v1/external/slack_incoming` → zulip; *.logic.azure.com, *.powerplatform.com, *.webhook.office.com (Teams
 * Workflows and the retiring connector webhooks) → teams; anything else → generic.
 */
export function detectPlatform(url: URL): ChatPlatform {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const path = url.pathname;
  if (host === 'hooks.slack.com') return 'slack';
  if ((within(host, 'discord.com') || within(host, 'discordapp.com')) && DISCORD_PATH.test(path)) return 'discord';
  if (within(host, 'zulipchat.com') || ZULIP_SLACK_PATH.test(path)) return 'zulip';
  if (within(host, 'logic.azure.com') || within(host, 'powerplatform.com') || within(host, 'webhook.office.com')) {
    return 'teams';
  }
  return 'generic';
}

/**
 * The `notify-platform` input: one of {@link CHAT_PLATFORMS}, or empty / `auto` (undefined: detect from the URL).
 * Case and surrounding blanks are ignored; anything else is a configuration mistake.
 */
export function parsePlatform(value: string | undefined, inputName = 'notify-platform'): ChatPlatform | undefined {
  const wanted = (value ?? '').trim().toLowerCase();
  if (wanted === '' || wanted === 'auto') return undefined;
  const platform = CHAT_PLATFORMS.find((name) => name === wanted);
  if (platform) return platform;
  throw new ConfigurationError(
    `Input "${inputName}" is "${value}", but it accepts \`auto\` or one of ${CHAT_PLATFORMS.map((name) => `\`${name}\``).join(', ')}.`,
    inputName,
  );
}

/** The platform to format for: the one chosen, else the one the URL names. */
export function resolvePlatform(url: URL, chosen: ChatPlatform | undefined): ChatPlatform {
  return chosen ?? detectPlatform(url);
}
