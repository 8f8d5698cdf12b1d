import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import {
  CHAT_PLATFORMS,
  detectPlatform,
  parsePlatform,
  resolvePlatform,
  type ChatPlatform,
} from '../../src/channels/platform.js';

const detected = (url: string): ChatPlatform => detectPlatform(new URL(url));

describe('detectPlatform names the platform from the webhook URL', () => {
  it.each<[string, ChatPlatform]>([
    ['https://hooks.slack.com/services/T0000/B0000/XXXXXXXX', 'slack'],
    ['https://HOOKS.SLACK.COM./services/T0000/B0000/XXXXXXXX', 'slack'],
    ['https://discord.com/api/webhooks/123456789012345678/token-abc', 'discord'],
    ['https://discordapp.com/api/webhooks/123456789012345678/token-abc', 'discord'],
    ['https://canary.discord.com/api/v10/webhooks/123456789012345678/token-abc', 'discord'],
    ['https://acme.zulipchat.com/api/v1/external/slack_incoming?api_key=k&stream=security', 'zulip'],
    ['https://acme.zulipchat.com/api/v1/external/json?api_key=k', 'zulip'],
    ['https://zulip.acme.example/api/v1/external/slack_incoming?api_key=k', 'zulip'],
    ['https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=s', 'teams'],
    ['https://default1234.56.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/x', 'teams'],
    ['https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456', 'teams'],
    ['https://matrix.acme.example/hookshot/webhook/4b1a0f6e', 'generic'],
    ['http://127.0.0.1:8080/_webhooks/chat', 'generic'],
  ])('%s → %s', (url, platform) => {
    expect(detected(url)).toBe(platform);
  });

  it('wants the host itself, not a look-alike or a path that merely mentions it', () => {
    expect(detected('https://hooks.slack.com.evil.example/services/T/B/X')).toBe('generic');
    expect(detected('https://notdiscord.com/api/webhooks/1/t')).toBe('generic');
    expect(detected('https://relay.example/hooks.slack.com/services/T/B/X')).toBe('generic');
    expect(detected('https://evilzulipchat.com/api/v1/messages')).toBe('generic');
    expect(detected('https://logic.azure.com.evil.example/workflows/x')).toBe('generic');
  });

  it('needs the execute-webhook route on a Discord host', () => {
    expect(detected('https://discord.com/channels/1/2')).toBe('generic');
  });
});

describe('parsePlatform reads the notify-platform input', () => {
  it('takes every platform, any case, blanks around it', () => {
    for (const platform of CHAT_PLATFORMS) expect(parsePlatform(`  ${platform.toUpperCase()} `)).toBe(platform);
  });

  it('leaves the choice to the URL when empty or auto', () => {
    expect(parsePlatform(undefined)).toBeUndefined();
    expect(parsePlatform('')).toBeUndefined();
    expect(parsePlatform('Auto')).toBeUndefined();
  });

  it('names the input and the choices for anything else', () => {
    expect(() => parsePlatform('mattermost')).toThrow(ConfigurationError);
    expect(() => parsePlatform('mattermost')).toThrow(
      'Input "notify-platform" is "mattermost", but it accepts `auto` or one of `slack`, `discord`, `zulip`, `teams`, `matrix`, `generic`.',
    );
  });
});

describe('resolvePlatform', () => {
  it('prefers the platform chosen over the one the URL names', () => {
    const url = new URL('https://hooks.slack.com/services/T/B/X');
    expect(resolvePlatform(url, undefined)).toBe('slack');
    expect(resolvePlatform(url, 'generic')).toBe('generic');
    expect(resolvePlatform(new URL('https://matrix.acme.example/webhook/x'), 'matrix')).toBe('matrix');
  });
});
