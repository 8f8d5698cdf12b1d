import { describe, expect, it } from '@jest/globals';
import {
  DISCORD_CONTENT_LIMIT,
  SLACK_TEXT_LIMIT,
  TRUNCATION_MARKER,
  ZULIP_CONTENT_BYTES,
  discordPayload,
  escapeSlack,
  genericPayload,
  matrixPayload,
  payloadFor,
  plainTextHtml,
  slackPayload,
  teamsPayload,
  truncateToFit,
  zulipPayload,
} from '../../src/channels/payloads.js';
import { CHAT_PLATFORMS } from '../../src/channels/platform.js';

const MESSAGE =
  'New security report GHSA-abcd-efgh-ijkl in acme/widget (severity: high) acknowledged. ' +
  'Tracking issue: https://github.com/acme/security/issues/7';
const bytes = (value: unknown): number => Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
/** A high surrogate not followed by its low half: a character cut in two. */
const LONE_HIGH_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])/;
const unescapeSlack = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('truncateToFit', () => {
  it('leaves what fits alone', () => {
    expect(truncateToFit('short', (s) => s.length <= 10)).toBe('short');
  });

  it('keeps the longest prefix that fits with the marker', () => {
    const text = 'x'.repeat(100);
    const cut = truncateToFit(text, (s) => s.length <= 50);
    expect(cut).toBe(`${'x'.repeat(50 - TRUNCATION_MARKER.length)}${TRUNCATION_MARKER}`);
  });

  it('never cuts a character in two', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(20)}`;
    for (let limit = TRUNCATION_MARKER.length; limit < 30; limit += 1) {
      const cut = truncateToFit(text, (s) => s.length <= limit);
      expect(cut).not.toMatch(LONE_HIGH_SURROGATE);
      expect(cut.length).toBeLessThanOrEqual(limit);
    }
  });
});

// https://api.slack.com/messaging/webhooks: {"text": "Hello, World!"}, mrkdwn;
// https://api.slack.com/reference/surfaces/formatting#escaping: &, <, > as &amp; &lt; &gt; — only those three.
describe('Slack incoming webhook', () => {
  it('is {"text": …} and nothing else', () => {
    expect(slackPayload(MESSAGE)).toEqual({ text: MESSAGE });
  });

  it('escapes the three control characters so a subject cannot mention @channel or forge a link', () => {
    expect(slackPayload('Fix <!channel> & <https://evil.example|docs> "quoted" \'x\'')).toEqual({
      text: 'Fix &lt;!channel&gt; &amp; &lt;https://evil.example|docs&gt; "quoted" \'x\'',
    });
    expect(escapeSlack('a&b')).toBe('a&amp;b');
  });

  it('stays one message: within 4,000 characters after escaping, cut with a marker, no entity cut in half', () => {
    const { text } = slackPayload('&'.repeat(5000)) as { text: string };
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_LIMIT);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(text.slice(0, -TRUNCATION_MARKER.length)).toMatch(/^(&amp;)+$/);
    expect('&'.repeat(5000).startsWith(unescapeSlack(text).slice(0, -TRUNCATION_MARKER.length))).toBe(true);
  });
});

// https://discord.com/developers/docs/resources/webhook#execute-webhook: content "up to 2000 characters";
// https://discord.com/developers/docs/resources/message#allowed-mentions-object: {"parse": []} suppresses all mentions.
describe('Discord execute webhook', () => {
  it('is content plus allowed_mentions that pings nobody', () => {
    expect(discordPayload('@everyone look')).toEqual({ content: '@everyone look', allowed_mentions: { parse: [] } });
  });

  it('cuts content to 2,000 characters with a marker, whole characters only', () => {
    const { content } = discordPayload(`${'a'.repeat(1990)}${'😀'.repeat(20)}`) as { content: string };
    expect(content.length).toBeLessThanOrEqual(DISCORD_CONTENT_LIMIT);
    expect(content.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(content).not.toMatch(LONE_HIGH_SURROGATE);
  });
});

// https://zulip.com/integrations/doc/slack_incoming and zerver/webhooks/slack_incoming/view.py: Slack's {"text": …}
// as application/json, entities not decoded; https://zulip.com/api/send-message: at most 10,000 bytes.
describe('Zulip Slack-compatible incoming webhook', () => {
  it('is {"text": …}, unescaped (Zulip does not decode Slack entities)', () => {
    expect(zulipPayload('a < b & c')).toEqual({ text: 'a < b & c' });
  });

  it('stays within 10,000 bytes of UTF-8', () => {
    const { text } = zulipPayload('é'.repeat(8000)) as { text: string };
    expect(bytes(text)).toBeLessThanOrEqual(ZULIP_CONTENT_BYTES);
    expect(bytes(text)).toBeGreaterThan(ZULIP_CONTENT_BYTES - 20);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});

// https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using:
// "type" must be "message", attachments hold the card, contentType is the adaptive card type, content is the card;
// Workflows support Adaptive Cards only. Message size limit 28 KB (…/how-to/add-incoming-webhook).
describe('Microsoft Teams Workflows webhook', () => {
  it('is a message carrying one Adaptive Card with a wrapping TextBlock', () => {
    expect(teamsPayload(MESSAGE)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.2',
            body: [{ type: 'TextBlock', text: MESSAGE, wrap: true }],
          },
        },
      ],
    });
  });

  it('stays under 28 KB even when every character needs escaping in JSON', () => {
    for (const filler of ['"', '\u0001', '€', '😀']) {
      const payload = teamsPayload(filler.repeat(30_000));
      expect(bytes(payload)).toBeLessThan(28 * 1024);
      const card = (payload.attachments as { content: { body: { text: string }[] } }[])[0]!.content;
      expect(card.body[0]!.text.endsWith(TRUNCATION_MARKER)).toBe(true);
    }
  });
});

// https://matrix-org.github.io/matrix-hookshot/latest/setup/webhooks.html: `text` is the body (Markdown unless `html`
// is given), `html` the formatted body, `text` must still be provided. Events ≤ 65,536 bytes (Matrix spec).
describe('Matrix through a hookshot generic webhook', () => {
  it('sends text and the same text as escaped HTML, links kept', () => {
    expect(matrixPayload('Fix <b>*now*</b> & see https://example.com/a?b=1&c=2.')).toEqual({
      text: 'Fix <b>*now*</b> & see https://example.com/a?b=1&c=2.',
      html:
        'Fix &lt;b&gt;*now*&lt;/b&gt; &amp; see ' +
        '<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>.',
    });
  });

  it('links every URL and nothing else', () => {
    expect(plainTextHtml('no link here')).toBe('no link here');
    expect(plainTextHtml('(https://a.example/x) and http://b.example')).toBe(
      '(<a href="https://a.example/x">https://a.example/x</a>) and <a href="http://b.example">http://b.example</a>',
    );
  });

  it('keeps body and formatted body together well inside a Matrix event', () => {
    const payload = matrixPayload('&'.repeat(70_000));
    expect(bytes(payload)).toBeLessThan(65_536 - 1024);
    expect((payload.text as string).endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(payload.html).toBe(plainTextHtml(payload.text as string));
  });
});

describe('generic: the body every relay accepted before platforms were told apart', () => {
  it('is unchanged: text, content, body', () => {
    expect(genericPayload(MESSAGE)).toEqual({ text: MESSAGE, content: MESSAGE, body: MESSAGE });
  });

  it('cuts only content, to 2,000 characters, as before', () => {
    const long = 'y'.repeat(2500);
    expect(genericPayload(long)).toEqual({ text: long, content: 'y'.repeat(2000), body: long });
  });
});

describe('payloadFor', () => {
  it('builds each platform with its own builder', () => {
    const builders = {
      slack: slackPayload,
      discord: discordPayload,
      zulip: zulipPayload,
      teams: teamsPayload,
      matrix: matrixPayload,
      generic: genericPayload,
    };
    for (const platform of CHAT_PLATFORMS) expect(payloadFor(platform, 'a<b')).toEqual(builders[platform]('a<b'));
  });
});
