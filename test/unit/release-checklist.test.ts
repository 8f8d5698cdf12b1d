import { describe, expect, it } from '@jest/globals';
import { parsePolicyFile } from '../../src/domain/policy/parse.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import {
  checklistProblems,
  parseReleaseStepCommand,
  publicTextComment,
  publicTextDigest,
  releaseDaySection,
  sanitizedReviewProblem,
  shownDigest,
  withChecklistItem,
  withoutChecklistItem,
  withSanitizedReview,
} from '../../src/domain/release-checklist.js';
import { lostChanges, mergeState } from '../../src/domain/tracker-merge.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const GHSA = 'GHSA-abcd-efgh-ijkl';
const PLACE = { ghsaId: GHSA, issueUrl: 'https://github.com/o/tracker/issues/7' };
const TEXT = { summary: 'Path traversal in load()', description: 'Reading `../` escapes the data directory.' };
const base = (): TrackerState => newTrackerState(GHSA, 'o/project', 'spec11', '2026-11-02T09:00:00Z');
const by = (login: string, comment = 1) => ({ login, at: '2026-11-19T15:00:00Z', comment });

describe('parseReleaseStepCommand', () => {
  it.each([
    ['/triage sanitized', { kind: 'sanitized' }],
    ['Read it.\n/release sanitized\n', { kind: 'sanitized' }],
    ['/release done fork-merged', { kind: 'done', item: 'fork-merged' }],
    ['/release done MERGE-FORK', { kind: 'done', item: 'fork-merged' }],
    ['  /release undo binaries', { kind: 'undo', item: 'binaries-signed' }],
    ['/release done patch-releases', { kind: 'done', item: 'patch-releases' }],
  ])('reads %j', (body, expected) => {
    expect(parseReleaseStepCommand(body)).toEqual(expected);
  });

  it.each(['/release approve', '/triage cvss=9.8', 'we /triage sanitized later', '/release donut', 'no command'])(
    'leaves %j to the other commands',
    (body) => {
      expect(parseReleaseStepCommand(body)).toBeUndefined();
    },
  );

  it.each([
    ['/triage sanitized now', '`/triage sanitized` takes nothing after it'],
    ['/release done', 'takes one release-day step, one of: fork-merged, patch-releases, binaries-signed'],
    ['/release done fork-merged binaries-signed', 'takes one release-day step'],
    ['/release undo everything', '`/release undo` takes one release-day step'],
  ])('says what is wrong with %j', (body, problem) => {
    const parsed = parseReleaseStepCommand(body);
    expect(parsed?.kind).toBe('invalid');
    expect(parsed && 'problem' in parsed ? parsed.problem : '').toContain(problem);
  });
});

describe('the release-day checklist', () => {
  it('keeps the first confirmation of a step, withdraws it, and names what is still open', () => {
    const one = withChecklistItem(base(), 'patch-releases', by('alice'));
    expect(withChecklistItem(one, 'patch-releases', by('bob', 2))).toBe(one);
    expect(checklistProblems(PLACE, one)).toEqual([
      expect.stringContaining(`"Fix merged from the temporary private fork" is not confirmed`),
      expect.stringContaining(
        '`/release done binaries-signed` in its tracking issue https://github.com/o/tracker/issues/7',
      ),
    ]);
    const all = withChecklistItem(withChecklistItem(one, 'fork-merged', by('bob')), 'binaries-signed', by('carol'));
    expect(checklistProblems(PLACE, all)).toEqual([]);
    const undone = withoutChecklistItem(one, 'patch-releases');
    expect(undone.checklist).toBeUndefined();
    expect(withoutChecklistItem(undone, 'patch-releases')).toBe(undone);
    expect(releaseDaySection(one)).toContain(
      '- [x] Patch release for every affected supported line: `alice`, 2026-11-19 15:00 UTC',
    );
    expect(releaseDaySection(one)).toContain(
      '- [ ] Binaries built, signed and published: comment `/release done binaries-signed`',
    );
  });

  it('merges concurrent confirmations of different steps, and notices one written over', () => {
    const start = base();
    const alice = withChecklistItem(start, 'fork-merged', by('alice'));
    const bob = withChecklistItem(start, 'binaries-signed', by('bob'));
    const merged = mergeState(start, bob, alice);
    expect(Object.keys(merged.checklist ?? {})).toEqual(['fork-merged', 'binaries-signed']);
    expect(lostChanges(start, bob, merged)).toEqual([]);
    expect(lostChanges(start, bob, alice)).toEqual(['checklist']);
    const withdrawn = mergeState(alice, withoutChecklistItem(alice, 'fork-merged'), merged);
    expect(withdrawn.checklist).toEqual({ 'binaries-signed': by('bob') });
  });
});

describe('the review of the public text', () => {
  it('holds for the text it was given for only', () => {
    const digest = publicTextDigest(TEXT);
    expect(digest).toMatch(/^[0-9a-f]{14}$/);
    expect(publicTextDigest({ ...TEXT, description: `${TEXT.description} ` })).not.toBe(digest);
    expect(publicTextDigest({ summary: 'ab', description: 'c' })).not.toBe(
      publicTextDigest({ summary: 'a', description: 'bc' }),
    );
    const reviewed = withSanitizedReview(base(), { ...by('alice'), digest });
    expect(sanitizedReviewProblem(PLACE, reviewed, TEXT)).toBeUndefined();
    expect(withSanitizedReview(reviewed, { ...by('bob'), digest })).toBe(reviewed);
    expect(sanitizedReviewProblem(PLACE, reviewed, { ...TEXT, summary: 'Path traversal in load() and save()' })).toBe(
      `${GHSA}'s summary or description changed after alice reviewed it for publication (2026-11-19T15:00:00Z): a member of the response team comments \`/triage sanitized\` in its tracking issue https://github.com/o/tracker/issues/7, after reading what will become public (shown there by the first such comment) again`,
    );
    expect(sanitizedReviewProblem(PLACE, base(), TEXT)).toContain('was not reviewed for publication yet');
    expect(sanitizedReviewProblem(PLACE, undefined, TEXT)).toContain('has no tracking issue');
  });

  it('shows the text as typed, in a fence longer than any backtick run it holds, with its fingerprint', () => {
    const text = { summary: 'Ping @everyone', description: 'Run:\n````\nexploit\n````' };
    const body = publicTextComment(GHSA, text);
    expect(body).toContain('`````markdown\nRun:\n````\nexploit\n````\n`````');
    expect(body).toContain('```markdown\nPing @everyone\n```');
    expect(shownDigest(body)).toBe(publicTextDigest(text));
  });
});

describe('require-release-checklist', () => {
  it('is off by default and read from a policy file', () => {
    expect(SPEC11.requireReleaseChecklist ?? false).toBe(false);
    expect(parsePolicyFile('require-release-checklist: true\n', 'policy.yml', SPEC11).requireReleaseChecklist).toBe(
      true,
    );
  });
});
