import { afterEach, describe, expect, it } from '@jest/globals';
import {
  getBooleanInput,
  getChoiceInput,
  getDateInput,
  getDurationInput,
  getGhsaListInput,
  getIntegerInput,
  getListInput,
  getRequiredInput,
  getSweepScopeInput,
  getWebhookInput,
  parseOrganization,
  parseRepository,
  parseTeam,
  parseWebhookUrl,
} from '../../src/actions/common/inputs.js';
import { ConfigurationError } from '../../src/domain/errors.js';

const setInput = (name: string, value: string): void => {
  process.env[`INPUT_${name.toUpperCase()}`] = value;
};

afterEach(() => {
  for (const key of Object.keys(process.env).filter((k) => k.startsWith('INPUT_'))) delete process.env[key];
});

function messageOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('inputs', () => {
  it('names a missing required input', () => {
    expect(messageOf(() => getRequiredInput('tracker'))).toMatch(/Input required and not supplied: tracker/);
  });
  it('reads booleans and names a bad one', () => {
    setInput('dry-run', 'yes');
    expect(getBooleanInput('dry-run', false)).toBe(true);
    expect(getBooleanInput('absent', true)).toBe(true);
    setInput('dry-run', 'maybe');
    expect(messageOf(() => getBooleanInput('dry-run', false))).toBe(
      'Input "dry-run" is "maybe", but it accepts `true` or `false`.',
    );
  });
  it('reads durations and names a bad one', () => {
    setInput('due-soon', '3 business days');
    expect(getDurationInput('due-soon')).toEqual({ amount: 3, unit: 'business-days' });
    setInput('due-soon', 'a while');
    expect(messageOf(() => getDurationInput('due-soon'))).toMatch(
      /"due-soon" is "a while", but it accepts a positive duration/,
    );
  });
  it('reads integers within range', () => {
    setInput('count', '5');
    expect(getIntegerInput('count', 3, { min: 1, max: 50 })).toBe(5);
    setInput('count', '0');
    expect(messageOf(() => getIntegerInput('count', 3, { min: 1, max: 50 }))).toMatch(/from 1 to 50/);
  });
  it('reads dates and refuses others', () => {
    setInput('date', '2026-11-24');
    expect(getDateInput('date')?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    setInput('date', '24/11/2026');
    expect(messageOf(() => getDateInput('date'))).toMatch(/ISO 8601/);
  });
  it('reads lists from lines and commas', () => {
    setInput('repositories', 'org/a, org/b\norg/c\n\n');
    expect(getListInput('repositories')).toEqual(['org/a', 'org/b', 'org/c']);
  });
  it('reads choices case-insensitively', () => {
    setInput('mode', 'Cleanup');
    expect(getChoiceInput('mode', ['create', 'cleanup'] as const, 'create')).toBe('cleanup');
    setInput('mode', 'destroy');
    expect(messageOf(() => getChoiceInput('mode', ['create', 'cleanup'] as const, 'create'))).toMatch(
      /`create`, `cleanup`/,
    );
  });
  it('parses repositories and refuses malformed ones', () => {
    expect(parseRepository('repository', 'sample-org/sample-project')).toEqual({
      owner: 'sample-org',
      repo: 'sample-project',
    });
    for (const bad of ['sample-project', 'a/b/c', '/repo', 'org/', 'org/..', 'org name/repo', '-org/repo']) {
      expect(messageOf(() => parseRepository('repository', bad))).toMatch(/owner\/name/);
    }
  });
  it('parses GHSA ids and refuses malformed ones', () => {
    setInput('ghsa-ids', 'GHSA-2c3v-4xw5-j6pq, GHSA-wx7p-mpqr-cfgh');
    expect(getGhsaListInput('ghsa-ids')).toHaveLength(2);
    setInput('ghsa-ids', 'GHSA-abcd-efgh-ijkl');
    expect(messageOf(() => getGhsaListInput('ghsa-ids'))).toMatch(/GHSA-abcd-efgh-ijkl.*GitHub advisory id/);
  });
  it('accepts https webhooks and loopback http only, without echoing the secret URL', () => {
    expect(parseWebhookUrl('notify-webhook', 'https://hooks.slack.com/services/T/B/X').hostname).toBe(
      'hooks.slack.com',
    );
    expect(parseWebhookUrl('notify-webhook', 'http://127.0.0.1:8080/hook').port).toBe('8080');
    expect(messageOf(() => parseWebhookUrl('notify-webhook', 'http://hooks.example.com/x'))).toMatch(
      /must be an https:\/\/ URL/,
    );
    const message = messageOf(() => parseWebhookUrl('notify-webhook', 'not a url secret-part'));
    expect(message).not.toContain('secret-part');
  });
});

describe('organizations, teams and sweep scopes', () => {
  it('takes a team as slug or org/slug, with or without @', () => {
    expect(parseTeam('team', 'security-team')).toEqual({ org: undefined, slug: 'security-team' });
    expect(parseTeam('team', '@my-org/security.team_1')).toEqual({ org: 'my-org', slug: 'security.team_1' });
    expect(messageOf(() => parseTeam('team', 'a/b/c'))).toBe(
      'Input "team" is "a/b/c", but it accepts a team slug such as `security-team` or `my-org/security-team`.',
    );
  });

  it('refuses an organization login GitHub would not allow', () => {
    expect(parseOrganization('organization', 'sample-org')).toBe('sample-org');
    expect(messageOf(() => parseOrganization('organization', '-org'))).toBe(
      'Input "organization" is "-org", but it accepts an organization login such as `my-org`.',
    );
  });

  it('needs an organization or repositories, and says what else the action takes', () => {
    setInput('repositories', 'a/b, c/d');
    expect(getSweepScopeInput()).toEqual({
      organization: undefined,
      repositories: [
        { owner: 'a', repo: 'b' },
        { owner: 'c', repo: 'd' },
      ],
    });
    delete process.env.INPUT_REPOSITORIES;
    expect(messageOf(() => getSweepScopeInput(', or "ghsa-id"'))).toMatch(
      /^A sweep needs a scope: .* separated\), or "ghsa-id"\.$/,
    );
  });
});

describe('webhook inputs', () => {
  it('masks the URL before parsing it: the URL is the credential', () => {
    const writes: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      setInput('notify-webhook', 'https://hooks.slack.com/services/T000/B000/XXXX');
      expect(getWebhookInput()?.hostname).toBe('hooks.slack.com');
      setInput('notify-webhook', 'http://hooks.example.com/secret-path');
      expect(messageOf(() => getWebhookInput())).toContain('must be an https:// URL');
    } finally {
      process.stdout.write = write;
    }
    expect(writes.filter((line) => line.startsWith('::add-mask::'))).toEqual([
      '::add-mask::https://hooks.slack.com/services/T000/B000/XXXX\n',
      '::add-mask::http://hooks.example.com/secret-path\n',
    ]);
  });
});
