import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  ActionInputs,
  parseOrganization,
  parseRepository,
  parseTeam,
  parseWebhookUrl,
} from '../../src/actions/common/inputs.js';
import { ConfigurationError } from '../../src/domain/errors.js';

const given = new Map<string, string>();
const masked: string[] = [];
const io = { getInput: (name: string) => given.get(name) ?? '', setSecret: (value: string) => void masked.push(value) };
const setInput = (name: string, value: string): void => void given.set(name, value);

/** Inputs as an action.yml could declare them: `absent` has a default, `tracker` none. */
const DECLARED = {
  tracker: { required: true },
  'dry-run': { required: false },
  absent: { required: false, default: 'true' },
  'due-soon': { required: false },
  count: { required: false, default: '3' },
  date: { required: false },
  repositories: { required: false },
  organization: { required: false },
  mode: { required: false, default: 'create' },
  'ghsa-ids': { required: false },
  'notify-webhook': { required: false },
};
const inputs = new ActionInputs(io, DECLARED, 'sample-action');

beforeEach(() => {
  given.clear();
  masked.length = 0;
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
    expect(messageOf(() => inputs.required('tracker'))).toMatch(/Input required and not supplied: tracker/);
  });
  it('reads booleans and names a bad one', () => {
    setInput('dry-run', 'yes');
    expect(inputs.boolean('dry-run')).toBe(true);
    expect(inputs.boolean('absent')).toBe(true);
    setInput('dry-run', 'maybe');
    expect(messageOf(() => inputs.boolean('dry-run'))).toBe(
      'Input "dry-run" is "maybe", but it accepts `true` or `false`.',
    );
  });
  it('reads durations and names a bad one', () => {
    setInput('due-soon', '3 business days');
    expect(inputs.duration('due-soon')).toEqual({ amount: 3, unit: 'business-days' });
    setInput('due-soon', 'a while');
    expect(messageOf(() => inputs.duration('due-soon'))).toMatch(
      /"due-soon" is "a while", which is not a duration; it accepts a duration such as/,
    );
    setInput('due-soon', '300000000d');
    expect(messageOf(() => inputs.duration('due-soon'))).toBe(
      'Input "due-soon" is "300000000d", which is longer than 10 years (3653 days); it accepts a duration such as `30m`, `48h`, `7d`, `2w`, `90 days` or `3 business days`, from 1 minute to 10 years.',
    );
    setInput('due-soon', '0.0001m');
    expect(messageOf(() => inputs.duration('due-soon'))).toMatch(/which is shorter than 1 minute/);
  });
  it('reads integers within range', () => {
    setInput('count', '5');
    expect(inputs.integer('count', { min: 1, max: 50 })).toBe(5);
    setInput('count', '0');
    expect(messageOf(() => inputs.integer('count', { min: 1, max: 50 }))).toMatch(/from 1 to 50/);
  });
  it('reads dates and refuses others', () => {
    setInput('date', '2026-11-24');
    expect(inputs.date('date')?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    setInput('date', '24/11/2026');
    expect(messageOf(() => inputs.date('date'))).toMatch(/ISO 8601/);
  });
  it('reads lists from lines and commas', () => {
    setInput('repositories', 'org/a, org/b\norg/c\n\n');
    expect(inputs.list('repositories')).toEqual(['org/a', 'org/b', 'org/c']);
  });
  it('reads choices case-insensitively', () => {
    setInput('mode', 'Cleanup');
    expect(inputs.choice('mode', ['create', 'cleanup'] as const)).toBe('cleanup');
    setInput('mode', 'destroy');
    expect(messageOf(() => inputs.choice('mode', ['create', 'cleanup'] as const))).toMatch(/`create`, `cleanup`/);
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
    expect(inputs.ghsaList('ghsa-ids')).toHaveLength(2);
    setInput('ghsa-ids', 'GHSA-abcd-efgh-ijkl');
    expect(messageOf(() => inputs.ghsaList('ghsa-ids'))).toMatch(/GHSA-abcd-efgh-ijkl.*GitHub advisory id/);
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
    expect(inputs.sweepScope()).toEqual({
      organization: undefined,
      repositories: [
        { owner: 'a', repo: 'b' },
        { owner: 'c', repo: 'd' },
      ],
    });
    given.delete('repositories');
    expect(messageOf(() => inputs.sweepScope(', or "ghsa-id"'))).toMatch(
      /^A sweep needs a scope: .* separated\), or "ghsa-id"\.$/,
    );
  });
});

describe('webhook inputs', () => {
  it('masks the URL before parsing it: the URL is the credential', () => {
    setInput('notify-webhook', 'https://hooks.slack.com/services/T000/B000/XXXX');
    expect(inputs.webhook()?.hostname).toBe('hooks.slack.com');
    setInput('notify-webhook', 'http://hooks.example.com/secret-path');
    expect(messageOf(() => inputs.webhook())).toContain('must be an https:// URL');
    expect(masked).toEqual(['https://hooks.slack.com/services/T000/B000/XXXX', 'http://hooks.example.com/secret-path']);
  });
});

describe('defaults come from the action.yml, once', () => {
  it('gives the declared default for an empty input, and the given value over it', () => {
    expect(inputs.integer('count', { min: 1, max: 50 })).toBe(3);
    expect(inputs.choice('mode', ['create', 'cleanup'] as const)).toBe('create');
    setInput('count', '  7 ');
    expect(inputs.integer('count', { min: 1, max: 50 })).toBe(7);
  });
  it('needs a value when the action.yml declares no default', () => {
    expect(messageOf(() => inputs.boolean('dry-run'))).toMatch(/Input required and not supplied: dry-run/);
    expect(inputs.optionalBoolean('dry-run')).toBeUndefined();
  });
  it('refuses to read an input the action.yml does not declare', () => {
    expect(() => inputs.optional('undeclared')).toThrow(
      'sample-action reads input "undeclared", which actions/sample-action/action.yml does not declare.',
    );
  });
});
