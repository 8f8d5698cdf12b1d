/**
 * The JSON body each platform's incoming webhook expects for a plain-text message, each within the platform's
 * length limit (cut with a visible marker, never inside a character). The text is what the caller may make public at
 * that moment; each builder keeps the platform from reading more into it than the words (no mentions, no markup).
 */
import type { ChatPlatform } from './platform.js';

/** What a cut message ends with, so a reader knows there was more. */
export const TRUNCATION_MARKER = ' … [truncated]';

/** A JSON object, as posted. */
export type ChatPayload = Record<string, unknown>;

/** `text` without its last UTF-16 unit when that unit is the first half of a surrogate pair. */
function wholeCharacters(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/**
 * The longest prefix of `text` (plus {@link TRUNCATION_MARKER} when cut) that `fits`. `fits` must be monotonic: a
 * prefix of something that fits, fits. Binary search, so the measure (escaping, JSON encoding) is applied ~log n times.
 */
export function truncateToFit(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(wholeCharacters(text.slice(0, middle)) + TRUNCATION_MARKER)) low = middle;
    else high = middle - 1;
  }
  const cut = wholeCharacters(text.slice(0, low)) + TRUNCATION_MARKER;
  return fits(cut) ? cut : '';
}

const utf8Bytes = (value: string): number => Buffer.byteLength(value, 'utf8');
const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value));

/**
 * Slack mrkdwn treats `&`, `<` and `>` as control characters (`<!channel>`, `<url|label>`): they are sent as HTML
 * entities, and only these three. https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack: `{"text": …}` in mrkdwn. https://api.slack.com/messaging/webhooks
 * Slack cuts `text` at 40,000 characters and splits messages past 4,000 into several; kept within 4,000 (counted
 * after escaping) so it stays one message. https://api.slack.com/changelog/2018-04-truncating-really-long-messages
 */
export const SLACK_TEXT_LIMIT = 4000;
export function slackPayload(text: string): ChatPayload {
  const fitted = truncateToFit(text, (candidate) => escapeSlack(candidate).length <= SLACK_TEXT_LIMIT);
  return { text: escapeSlack(fitted) };
}

/**
 * Discord execute-webhook: `content`, "the message contents (up to 2000 characters)"; `allowed_mentions` with an
 * empty `parse` so no `@everyone`, role or user in the text pings anyone (the documented advice for strings the
 * sender does not control). https://discord.com/developers/docs/resources/webhook#execute-webhook,
 * https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
export const DISCORD_CONTENT_LIMIT = 2000;
export function discordPayload(text: string): ChatPayload {
  return {
    content: truncateToFit(text, (candidate) => candidate.length <= DISCORD_CONTENT_LIMIT),
    allowed_mentions: { parse: [] },
  };
}

/**
 * Zulip: its Slack-compatible incoming webhook (`/api/v1/external/slack_incoming`) takes Slack's `{"text": …}` as
 * application/json and converts Slack's link and emphasis syntax; Zulip has no plain-text webhook of its own (its
 * generic "JSON" integration posts the whole payload as a code block). Zulip does not decode Slack's HTML entities,
 * so the text is sent unescaped. Messages are at most 10,000 bytes.
 * https://zulip.com/integrations/doc/slack_incoming,
 * https://github.com/zulip/zulip/blob/main/zerver/webhooks/slack_incoming/view.py, https://zulip.com/api/send-message
 */
export const ZULIP_CONTENT_BYTES = 10_000;
export function zulipPayload(text: string): ChatPayload {
  return { text: truncateToFit(text, (candidate) => utf8Bytes(candidate) <= ZULIP_CONTENT_BYTES) };
}

/**
 * Microsoft Teams Workflows ("When a Teams webhook request is received", which also answers the retiring connector
 * webhooks): a `message` whose attachment is an Adaptive Card; Workflows support Adaptive Cards only. One wrapping
 * TextBlock; version 1.2 as in Microsoft's example (TextBlock and `wrap` date from 1.0). A message is at most ~28 KB:
 * the card is kept within 24,000 bytes of JSON to leave room for the envelope.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using,
 * https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
 */
export const TEAMS_TEXT_JSON_BYTES = 24_000;
export function teamsPayload(text: string): ChatPayload {
  const fitted = truncateToFit(text, (candidate) => jsonBytes(candidate) <= TEAMS_TEXT_JSON_BYTES);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.2',
          body: [{ type: 'TextBlock', text: fitted, wrap: true }],
        },
      },
    ],
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
/** An http(s) URL up to a blank or quote; trailing sentence punctuation is not part of it. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/g;

/** The text as HTML: everything escaped, its http(s) URLs made links. */
export function plainTextHtml(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const at = match.index ?? 0;
    const link = escapeHtml(match[0]);
    html += `${escapeHtml(text.slice(from, at))}<a href="${link}">${link}</a>`;
    from = at + match[0].length;
  }
  return html + escapeHtml(text.slice(from));
}

/**
 * Matrix through matrix-hookshot's generic (inbound) webhooks: `text` is the message body, converted from Markdown
 * unless `html` is given; `html` becomes the formatted body and `text` must still be there. Both are sent, the HTML
 * being the text escaped with its links, so nothing in it is read as Markdown or markup.
 * https://matrix-org.github.io/matrix-hookshot/latest/setup/webhooks.html
 * A Matrix event is at most 65,536 bytes (https://spec.matrix.org/latest/client-server-api/#size-limits): body and
 * formatted body together are kept within 60,000 bytes of JSON.
 */
export const MATRIX_JSON_BYTES = 60_000;
export function matrixPayload(text: string): ChatPayload {
  const fitted = truncateToFit(
    text,
    (candidate) => jsonBytes([candidate, plainTextHtml(candidate)]) <= MATRIX_JSON_BYTES,
  );
  return { text: fitted, html: plainTextHtml(fitted) };
}

/**
 * Any other hook: the one body every relay accepted before platforms were told apart, unchanged — Slack's `text`,
 * Discord's `content` (its 2,000 characters) and `body` for Matrix/Zulip-style relays.
 */
export function genericPayload(text: string): ChatPayload {
  const content = text.length > DISCORD_CONTENT_LIMIT ? wholeCharacters(text.slice(0, DISCORD_CONTENT_LIMIT)) : text;
  return { text, content, body: text };
}

const BUILDERS: Record<ChatPlatform, (text: string) => ChatPayload> = {
  slack: slackPayload,
  discord: discordPayload,
  zulip: zulipPayload,
  teams: teamsPayload,
  matrix: matrixPayload,
  generic: genericPayload,
};

export function payloadFor(platform: ChatPlatform, text: string): ChatPayload {
  return BUILDERS[platform](text);
}
