/**
 * The parts of tracker-state-migration.ts, upgrade-commands.ts and upstream.ts that the mutation run found unguarded:
 * the full message, name and source of the error for a state block of an unknown version, the values that are no state block
 * at all (null, undefined, text, a number), the upgrade command of every package manager (the go `v` prefix
 * included), the case-blind check of a manager's name, the 300-character limit of an upstream link and how a long
 * refused link is shown, and the upstream guard's refusal of a link after a rejection decided but not yet told.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import { migrateStateBlock, TrackerStateVersionError } from '../../src/domain/tracker-state-migration.js';
import { knownManager, upgradeSteps } from '../../src/domain/upgrade-commands.js';
import { checkUpstreamChange, parseUpstreamUrl } from '../../src/domain/upstream.js';
import { thrownBy } from './thrown.js';

const URL = 'https://github.com/upstream-org/libarchive/security/advisories/new';
const fresh = (): TrackerState => newTrackerState('issue-4', 'example-org/app', 'conda-forge', '2026-01-05T09:00:00Z');

describe('a state block of a version this release does not read', () => {
  it('is refused with a message that says what wrote it and how to fix it', () => {
    const error = thrownBy(() => migrateStateBlock({ version: 3, key: 'k' }), TrackerStateVersionError);
    expect(error.message).toBe(
      'The state block of a tracking issue has version 3, which this release of disclosure-actions does not read ' +
        '(it reads versions 1 to 2). A newer release wrote it: run the same (newest) release of disclosure-actions ' +
        'in every workflow that uses this tracker, or restore the block from the issue’s edit history.',
    );
    expect(error.name).toBe('TrackerStateVersionError');
    expect(error.source).toBe('tracker');
    expect(error.version).toBe(3);
    expect(error).toBeInstanceOf(ConfigurationError);
  });
});

describe('a value that is no state block', () => {
  it.each([[null], [undefined], ['{"version":2,"key":"k"}'], [2], [true]])('%p is not taken for one', (parsed) => {
    expect(migrateStateBlock(parsed)).toBeUndefined();
  });
});

describe('the upgrade command of each package manager', () => {
  const commandFor = (manager: string, name: string, version: string): string | undefined =>
    upgradeSteps([{ ecosystem: manager, name }], [version], [])[0]?.command;

  it.each([
    ['rubygems', 'rack', '3.0.1', 'gem install rack -v 3.0.1'],
    ['nuget', 'Newtonsoft.Json', '13.0.1', 'dotnet add package Newtonsoft.Json --version 13.0.1'],
    ['composer', 'guzzlehttp/guzzle', '7.4.5', 'composer require "guzzlehttp/guzzle:7.4.5"'],
    ['go', 'golang.org/x/net', '0.17.0', 'go get golang.org/x/net@v0.17.0'],
    ['rust', 'hyper', '0.14.26', 'cargo update -p hyper --precise 0.14.26'],
    ['pub', 'http', '1.1.0', 'dart pub add http:1.1.0'],
    [
      'maven',
      'org.example:lib',
      '2.0.1',
      'set the version of org.example:lib to 2.0.1 in your pom.xml (or build.gradle)',
    ],
  ])('%s: %s %s is `%s`', (manager, name, version, command) => {
    expect(commandFor(manager, name, version)).toBe(command);
  });

  it('go: a version given with its v gets one v, and a v later in the version stays', () => {
    expect(commandFor('go', 'golang.org/x/net', 'v0.17.0')).toBe('go get golang.org/x/net@v0.17.0');
    expect(commandFor('go', 'example.com/mod', '1.0.0-dev1')).toBe('go get example.com/mod@v1.0.0-dev1');
  });
});

describe('a package manager named in the inputs', () => {
  it.each(['pip', 'conda', 'Conda', 'PIP', 'rubygems'])('%s is known, whatever its case', (manager) => {
    expect(knownManager(manager)).toBe(true);
  });

  it.each(['yarn', 'CONDA-FORGE', ''])('%j is not', (manager) => {
    expect(knownManager(manager)).toBe(false);
  });
});

describe('the upstream link’s length', () => {
  it('is accepted at 300 characters and refused at 301', () => {
    const longest = `https://example.org/${'a'.repeat(280)}`;
    expect(longest).toHaveLength(300);
    expect(parseUpstreamUrl(longest, 'Input "upstream"')).toBe(longest);
    const error = thrownBy(() => parseUpstreamUrl(`${longest}b`, 'Input "upstream"'), ConfigurationError);
    expect(error.message).toContain(`Input "upstream" is "${longest.slice(0, 77)}...", but it accepts`);
  });
});

describe('a refused upstream link in the message', () => {
  it('is shown whole up to 80 characters', () => {
    const link = `http://example.org/${'a'.repeat(61)}`;
    expect(link).toHaveLength(80);
    const error = thrownBy(() => parseUpstreamUrl(link, '/triage upstream'), ConfigurationError);
    expect(error.message).toBe(
      `/triage upstream is "${link}", but it accepts the upstream project's security page as an https:// URL ` +
        '(e.g. https://github.com/owner/project/security) or its security contact as mailto:address, up to 300 ' +
        'characters, without spaces, quotes, parentheses or angle brackets.',
    );
    expect(error.source).toBe('upstream');
  });

  it('is cut to its first 77 characters and an ellipsis beyond 80', () => {
    const link = `http://example.org/${'b'.repeat(62)}`;
    expect(link).toHaveLength(81);
    const error = thrownBy(() => parseUpstreamUrl(link, '/triage upstream'), ConfigurationError);
    expect(error.message).toMatch(new RegExp(`^/triage upstream is "http://example\\.org/b{58}\\.\\.\\.", but it`));
  });
});

describe('telling the reporter one thing', () => {
  it('refuses a link for a report already rejected, and does not say the reporter was told when not', () => {
    const rejected = { ...fresh(), decision: 'reject' as const };
    const error = thrownBy(() => checkUpstreamChange(rejected, URL, false), ConfigurationError);
    expect(error.message).toBe(
      "issue-4 was already rejected without an upstream link (the reporter not told yet): give the reporter the upstream link yourself (or in the advisory's comments).",
    );
    expect(error.source).toBe('upstream');
  });

  it('passes a first link for a report accepted, not yet rejected', () => {
    const accepted = { ...fresh(), decision: 'accept' as const };
    expect(() => checkUpstreamChange(accepted, URL, false)).not.toThrow();
  });

  it('names the upstream field when refusing another link', () => {
    const sent = { ...fresh(), decision: 'reject' as const, upstream: { url: URL, at: '2026-01-06T10:00:00.000Z' } };
    const error = thrownBy(() => checkUpstreamChange(sent, 'https://example.org', true), ConfigurationError);
    expect(error.source).toBe('upstream');
    expect(error.message).toBe(
      `issue-4 was already sent upstream, to ${URL}, and the reporter told so: give the reporter the new link yourself (or in the advisory's comments).`,
    );
  });
});
