/**
 * The parts of src/domain/release-checklist.ts that the mutation run found unguarded: the error an invalid step
 * command becomes, how the replies name a step command (valid or not), the lookup of a step by key, withdrawing one
 * confirmation among several, the open steps of a state without a checklist, the message for an advisory without a
 * tracking issue URL, the exact fingerprint of a public text (pinned: recorded reviews must keep matching), the
 * fingerprint read back from a comment, the marker of that comment, and the exact text of the "What will become
 * public" comment and of the "Release day" section.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import {
  checklistItem,
  checklistProblems,
  openChecklistItems,
  parseReleaseStepCommand,
  publicTextComment,
  publicTextDigest,
  publicTextMarker,
  releaseDaySection,
  releaseStepCommandName,
  releaseStepName,
  releaseStepOf,
  shownDigest,
  withChecklistItem,
  withoutChecklistItem,
  withSanitizedReview,
  type ReleaseChecklistKey,
  type ReleaseStepCommand,
} from '../../src/domain/release-checklist.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const GHSA = 'GHSA-abcd-efgh-ijkl';
const base = (): TrackerState => newTrackerState(GHSA, 'o/project', 'spec11', '2026-11-02T09:00:00Z');
const by = (login: string, comment = 1) => ({ login, at: '2026-11-19T15:00:00Z', comment });

/** The command a comment holds; fails the test when it holds none. */
function parsed(body: string): ReleaseStepCommand {
  const command = parseReleaseStepCommand(body);
  if (!command) throw new Error(`no step command in ${JSON.stringify(body)}`);
  return command;
}

describe('the command triage runs for a step comment', () => {
  it('runs a valid command as it was read', () => {
    expect(releaseStepOf(parsed('/release undo binaries'))).toEqual({
      step: { kind: 'undo', item: 'binaries-signed' },
    });
    expect(releaseStepOf(parsed('/triage sanitized'))).toEqual({ step: { kind: 'sanitized' } });
  });

  it('turns an invalid one into a ConfigurationError of the release step command, with the problem as message', () => {
    const outcome = releaseStepOf(parsed('/release done everything'));
    if (!('error' in outcome)) throw new Error('expected an error');
    expect(outcome.error).toBeInstanceOf(ConfigurationError);
    expect(outcome.error.message).toBe(
      '`/release done` takes one release-day step, one of: fork-merged, patch-releases, binaries-signed (e.g. `/release done fork-merged`).',
    );
    expect(outcome.error.source).toBe('release step command');
  });
});

describe('how the replies name a step command', () => {
  it.each([
    ['/release done', '/release done'],
    ['/release UNDO everything', '/release undo'],
    ['/triage sanitized now', '/triage sanitized'],
    ['/release sanitized please', '/release sanitized'],
    ['/triage sanitized now\n/release done fork-merged', '/triage sanitized'],
  ])('names the invalid command of %j as %j', (body, name) => {
    expect(parsed(body).kind).toBe('invalid');
    expect(releaseStepCommandName(body)).toBe(name);
  });

  it.each<[Parameters<typeof releaseStepName>[0], string]>([
    [{ kind: 'sanitized' }, '/triage sanitized'],
    [{ kind: 'done', item: 'fork-merged' }, '/release done fork-merged'],
    [{ kind: 'undo', item: 'binaries-signed' }, '/release undo binaries-signed'],
  ])('names the step %j as %j', (step, name) => {
    expect(releaseStepName(step)).toBe(name);
  });
});

describe('the release-day steps by key', () => {
  it('finds each step by its own key', () => {
    expect(checklistItem('fork-merged').label).toBe('Fix merged from the temporary private fork');
    expect(checklistItem('patch-releases').label).toBe('Patch release for every affected supported line');
    expect(checklistItem('binaries-signed').label).toBe('Binaries built, signed and published');
  });

  it('refuses a key no step has, naming it', () => {
    expect(() => checklistItem('fork-closed' as ReleaseChecklistKey)).toThrow(
      new Error('no release-day step fork-closed'),
    );
  });
});

describe('withdrawing a confirmation', () => {
  it('keeps the other confirmations and the rest of the state', () => {
    const two = withChecklistItem(withChecklistItem(base(), 'fork-merged', by('alice')), 'binaries-signed', by('bob'));
    expect(withoutChecklistItem(two, 'fork-merged')).toEqual({
      ...base(),
      checklist: { 'binaries-signed': by('bob') },
    });
  });

  it('drops the checklist with its last confirmation and keeps the rest of the state', () => {
    const one = withChecklistItem(base(), 'patch-releases', by('alice'));
    expect(withoutChecklistItem(one, 'patch-releases')).toEqual(base());
  });
});

describe('the open release-day steps', () => {
  it('are all of them, in checklist order, without a tracking issue or without any confirmation', () => {
    const all = ['fork-merged', 'patch-releases', 'binaries-signed'];
    expect(openChecklistItems(undefined)).toEqual(all);
    expect(openChecklistItems(base())).toEqual(all);
    expect(openChecklistItems(withChecklistItem(base(), 'patch-releases', by('alice')))).toEqual([
      'fork-merged',
      'binaries-signed',
    ]);
  });

  it('are named with the command to confirm them, in the tracking issue when it has no URL', () => {
    const state = withChecklistItem(base(), 'fork-merged', by('alice'));
    expect(checklistProblems({ ghsaId: GHSA, issueUrl: undefined }, state)).toEqual([
      `${GHSA}'s release-day step "Patch release for every affected supported line" is not confirmed (the policy's require-release-checklist): once it is done, a member of the response team comments \`/release done patch-releases\` in its tracking issue`,
      `${GHSA}'s release-day step "Binaries built, signed and published" is not confirmed (the policy's require-release-checklist): once it is done, a member of the response team comments \`/release done binaries-signed\` in its tracking issue`,
    ]);
  });
});

describe('the fingerprint of the public text', () => {
  it('is cyrb53 of summary, NUL, description, as 14 hex digits (reviews recorded earlier must keep matching)', () => {
    expect(
      publicTextDigest({
        summary: 'Path traversal in load()',
        description: 'Reading `../` escapes the data directory.',
      }),
    ).toBe('16e13a30f37aae');
    expect(publicTextDigest({ summary: 'Summary', description: 'Description' })).toBe('147cb83768b87f');
  });

  it('is zero-padded to 14 digits when the hash is smaller', () => {
    expect(publicTextDigest({ summary: '', description: '' })).toBe('0fcc4eeb27845a');
    expect(publicTextDigest({ summary: 'Path traversal in load()', description: '' })).toBe('09401b1d13a8db');
  });

  it('counts a missing summary or description as an empty one', () => {
    expect(publicTextDigest({ summary: null, description: 'd' })).toBe(
      publicTextDigest({ summary: '', description: 'd' }),
    );
    expect(publicTextDigest({ summary: 's', description: undefined })).toBe(
      publicTextDigest({ summary: 's', description: '' }),
    );
  });

  it('is read back from a comment that shows one, and is undefined in a comment that shows none', () => {
    expect(shownDigest('Text fingerprint: `0fcc4eeb27845a`')).toBe('0fcc4eeb27845a');
    expect(shownDigest('**What will become public** when GHSA-abcd-efgh-ijkl is published')).toBeUndefined();
  });
});

describe('the comment showing what will become public', () => {
  it('is found by a hidden marker naming the advisory (comments written by earlier runs must keep matching)', () => {
    expect(publicTextMarker(GHSA)).toBe('<!-- disclosure-actions:public-text GHSA-abcd-efgh-ijkl -->');
  });

  it('shows the summary, the description and the fingerprint, exactly', () => {
    expect(publicTextComment(GHSA, { summary: 'Path traversal', description: 'Reading `../` escapes.\n' })).toBe(
      [
        `**What will become public** when ${GHSA} is published: its summary and description as they stand now (Markdown source). This comment is in the private tracker only.`,
        '',
        '**Summary**',
        '',
        '```markdown',
        'Path traversal',
        '```',
        '',
        '**Description**',
        '',
        '```markdown',
        'Reading `../` escapes.',
        '',
        '```',
        '',
        'Keep what users need to judge their exposure and upgrade; remove what only helps an attacker or names private people, systems or links. Edit the advisory if needed, and when this text may become public, comment `/triage sanitized` here (a changed text is shown again first).',
        '',
        `Text fingerprint: \`${publicTextDigest({ summary: 'Path traversal', description: 'Reading `../` escapes.\n' })}\``,
      ].join('\n'),
    );
  });

  it.each([
    ['missing', null],
    ['blank', ' \n\t'],
  ])('shows an empty summary and "(empty)" for a %s description', (_, description) => {
    const body = publicTextComment(GHSA, { summary: null, description });
    expect(body).toContain('**Summary**\n\n```markdown\n\n```\n\n**Description**\n\n```markdown\n(empty)\n```\n');
    expect(shownDigest(body)).toBe(publicTextDigest({ summary: '', description }));
  });
});

describe('the "Release day" section of the tracking issue', () => {
  it('lists the review and every step as open, with the commands, when nothing is confirmed', () => {
    expect(releaseDaySection(base())).toBe(
      [
        '### Release day',
        '',
        '- [ ] Text reviewed for publication: comment `/triage sanitized` after reading what will become public',
        '- [ ] Fix merged from the temporary private fork: comment `/release done fork-merged` once done',
        '- [ ] Patch release for every affected supported line: comment `/release done patch-releases` once done',
        '- [ ] Binaries built, signed and published: comment `/release done binaries-signed` once done',
      ].join('\n'),
    );
  });

  it('names who confirmed what and when, with the fingerprint of the reviewed text', () => {
    const reviewed = withSanitizedReview(base(), { ...by('carol'), digest: '0fcc4eeb27845a' });
    expect(releaseDaySection(withChecklistItem(reviewed, 'binaries-signed', by('bob')))).toBe(
      [
        '### Release day',
        '',
        '- [x] Text reviewed for publication: `carol`, 2026-11-19 15:00 UTC (fingerprint `0fcc4eeb27845a`)',
        '- [ ] Fix merged from the temporary private fork: comment `/release done fork-merged` once done',
        '- [ ] Patch release for every affected supported line: comment `/release done patch-releases` once done',
        '- [x] Binaries built, signed and published: `bob`, 2026-11-19 15:00 UTC',
      ].join('\n'),
    );
  });
});
