/**
 * Two runs writing one tracking issue at once (src/domain/tracker-merge.ts): each sends only its own change merged
 * into the issue as it is now, and afterwards finds the changes a concurrent writer reverted.
 */
import { describe, expect, it } from '@jest/globals';
import {
  canonical,
  changedFields,
  lostChanges,
  lostSections,
  mergeState,
  readSection,
} from '../../src/domain/tracker-merge.js';
import {
  newTrackerState,
  readTrackerState,
  writeTrackerState,
  type TrackerState,
} from '../../src/domain/tracker-state.js';

const base: TrackerState = newTrackerState('GHSA-aaaa-bbbb-cccc', 'example-org/app', 'spec11', '2026-03-02T09:00:00Z');
const at = (login: string, time = '2026-03-05T10:00:00Z') => ({ login, at: time });

/** A fix-release move agreed by `by`. */
const move = (to: string, by: string) => ({
  step: 'fix-release' as const,
  to,
  reason: `agreed with the reporter (${by})`,
  kind: 'release-date' as const,
  at: '2026-03-05T10:00:00Z',
  by,
});

describe('canonical', () => {
  it('compares objects whatever the order of their keys, and leaves out undefined values', () => {
    expect(canonical({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonical({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonical({ b: 2, a: 1 })).toBe(canonical({ a: 1, b: 2 }));
  });

  it('keeps the order of arrays and writes scalars as JSON', () => {
    expect(canonical([2, 1])).toBe('[2,1]');
    expect(canonical('text')).toBe('"text"');
    expect(canonical(null)).toBe('null');
    expect(canonical(undefined)).toBe('undefined');
    expect(canonical(3)).toBe('3');
  });
});

describe('changedFields', () => {
  it('lists the fields set, changed or removed, and not those equal in another key order', () => {
    const before = { ...base, cvss: { vector: 'V', score: 5, version: '3.1' }, tlp: 'AMBER' as const };
    const mine = {
      ...base,
      cvss: { version: '3.1', score: 5, vector: 'V' },
      acknowledgedAt: '2026-03-03T00:00:00Z',
      policy: 'stacklok',
    };
    expect(changedFields(before, mine).sort()).toEqual(['acknowledgedAt', 'policy', 'tlp']);
  });

  it('is empty when nothing changed', () => {
    expect(changedFields(base, { ...base })).toEqual([]);
  });
});

describe('mergeState', () => {
  it('applies my change and keeps what a concurrent writer changed elsewhere', () => {
    const mine = { ...base, acknowledgedAt: '2026-03-03T00:00:00Z' };
    const current = { ...base, triagedAt: '2026-03-04T00:00:00Z' };
    expect(mergeState(base, mine, current)).toEqual({
      ...base,
      acknowledgedAt: '2026-03-03T00:00:00Z',
      triagedAt: '2026-03-04T00:00:00Z',
    });
  });

  it('sets a field I changed to my value, over a concurrent one', () => {
    const mine = { ...base, tlp: 'RED' as const };
    const current = { ...base, tlp: 'GREEN' as const };
    expect(mergeState(base, mine, current).tlp).toBe('RED');
  });

  it('removes a field I removed', () => {
    const withFork = { ...base, fork: { fullName: 'o/f', url: 'u' } };
    const mine = { ...base };
    const merged = mergeState(withFork, mine, { ...withFork, triagedAt: 'x' });
    expect('fork' in merged).toBe(false);
    expect(merged.triagedAt).toBe('x');
  });

  it('keeps a field I did not change at its current value, whoever set it', () => {
    const current = { ...base, decision: 'reject' as const };
    expect(mergeState(base, { ...base }, current)).toEqual(current);
  });

  it('adds my new escalations and notifications to those there now, without repeats', () => {
    const before = { ...base, escalated: ['acknowledge' as const], notified: ['n0'] };
    const mine = { ...before, escalated: ['acknowledge' as const, 'triage' as const], notified: ['n0', 'n1', 'n2'] };
    const current = { ...before, escalated: ['acknowledge' as const, 'fix-team' as const], notified: ['n0', 'n2'] };
    const merged = mergeState(before, mine, current);
    expect(merged.escalated).toEqual(['acknowledge', 'fix-team', 'triage']);
    expect(merged.notified).toEqual(['n0', 'n2', 'n1']);
  });

  it('never removes an entry from a growing field, even one I dropped', () => {
    const before = { ...base, notified: ['n0', 'n1'] };
    const mine = { ...base, notified: ['n0'] };
    expect(mergeState(before, mine, before).notified).toEqual(['n0', 'n1']);
  });

  it('starts a growing field the current state lacks', () => {
    const mine = { ...base, approvals: [at('alice')] };
    const current = { ...base } as TrackerState;
    expect(mergeState(base, mine, current).approvals).toEqual([at('alice')]);
    const broken = { ...base, approvals: 'garbled' } as unknown as TrackerState;
    expect(mergeState(base, mine, broken).approvals).toEqual([at('alice')]);
  });

  it('adds approvals of people not there yet, one per person whatever the case of the login', () => {
    const mine = { ...base, approvals: [at('Alice'), at('bob')] };
    const current = { ...base, approvals: [at('alice', '2026-03-05T09:00:00Z'), at('carol')] };
    expect(mergeState(base, mine, current).approvals).toEqual([
      at('alice', '2026-03-05T09:00:00Z'),
      at('carol'),
      at('bob'),
    ]);
  });

  it('keeps both histories of deadline moves recorded at once, each move once', () => {
    const earlier = { ...base, deadlineMoves: [move('2026-04-01T16:00:00Z', 'alice')] };
    const mine = { ...earlier, deadlineMoves: [...earlier.deadlineMoves, move('2026-04-08T16:00:00Z', 'bob')] };
    const current = { ...earlier, deadlineMoves: [...earlier.deadlineMoves, move('2026-04-15T16:00:00Z', 'carol')] };
    const merged = mergeState(earlier, mine, current);
    expect(merged.deadlineMoves?.map((recorded) => recorded.by)).toEqual(['alice', 'carol', 'bob']);
    expect(mergeState(earlier, mine, merged).deadlineMoves).toHaveLength(3);
    expect(lostChanges(earlier, mine, current)).toEqual(['deadlineMoves']);
    expect(lostChanges(earlier, mine, merged)).toEqual([]);
  });

  it('ignores entries of the wrong kind in growing fields', () => {
    const mine = {
      ...base,
      notified: ['n1', 7, null],
      approvals: [at('dave'), { at: 'no login' }, null, { login: 5 }],
    } as unknown as TrackerState;
    const merged = mergeState(base, mine, base);
    expect(merged.notified).toEqual(['n1']);
    expect(merged.approvals).toEqual([at('dave')]);
  });
});

describe('lostChanges', () => {
  it('finds a field a writer that had not seen my change set back to its old value', () => {
    const mine = { ...base, acknowledgedAt: '2026-03-03T00:00:00Z', tlp: 'RED' as const };
    expect(lostChanges(base, mine, base).sort()).toEqual(['acknowledgedAt', 'tlp']);
  });

  it('does not report a change that is there, or one a later writer changed again on purpose', () => {
    const mine = { ...base, tlp: 'RED' as const, acknowledgedAt: '2026-03-03T00:00:00Z' };
    const current = { ...base, tlp: 'GREEN' as const, acknowledgedAt: '2026-03-03T00:00:00Z' };
    expect(lostChanges(base, mine, current)).toEqual([]);
  });

  it('finds a removal that was undone', () => {
    const withFork = { ...base, fork: { fullName: 'o/f', url: 'u' } };
    expect(lostChanges(withFork, { ...base }, withFork)).toEqual(['fork']);
    expect(lostChanges(withFork, { ...base }, { ...base })).toEqual([]);
  });

  it('finds a growing field missing an entry I added, and not one missing an entry I did not add', () => {
    const before = { ...base, notified: ['n0'] };
    const mine = { ...before, notified: ['n0', 'n1'] };
    expect(lostChanges(before, mine, { ...base, notified: ['n0'] })).toEqual(['notified']);
    expect(lostChanges(before, mine, { ...base, notified: ['n1'] })).toEqual([]);
  });

  it('matches approvals by person, whatever the case of the login', () => {
    const mine = { ...base, approvals: [at('Alice')] };
    expect(lostChanges(base, mine, { ...base, approvals: [at('alice', 'later')] })).toEqual([]);
    expect(lostChanges(base, mine, { ...base, approvals: [at('bob')] })).toEqual(['approvals']);
    expect(lostChanges(base, mine, base)).toEqual(['approvals']);
  });
});

describe('readSection', () => {
  it('gives the trimmed text between the markers', () => {
    expect(readSection('x <!-- section:s -->\n  text \n<!-- /section:s --> y', 's')).toBe('text');
    expect(readSection('<!-- section:s --><!-- /section:s -->', 's')).toBe('');
  });

  it.each([
    ['no section', 'text'],
    ['no end', '<!-- section:s --> text'],
    ['no start', 'text <!-- /section:s -->'],
    ['the end first', '<!-- /section:s --> text <!-- section:s -->'],
    ['another section only', '<!-- section:t -->x<!-- /section:t -->'],
  ])('is undefined with %s', (_what, body) => {
    expect(readSection(body, 's')).toBeUndefined();
  });
});

describe('lostSections', () => {
  const body = (checklist: string, dates: string) =>
    `<!-- section:checklist -->\n${checklist}\n<!-- /section:checklist -->\n<!-- section:dates -->\n${dates}\n<!-- /section:dates -->`;

  it('finds a section written back to what it was before my write', () => {
    expect(lostSections(body('old', 'd0'), { checklist: 'new', dates: 'd1' }, body('old', 'd1'))).toEqual([
      'checklist',
    ]);
  });

  it('does not report a section that has my text (trimmed), one another writer changed, or one I left as it was', () => {
    expect(lostSections(body('old', 'd0'), { checklist: '  new \n' }, body('new', 'd0'))).toEqual([]);
    expect(lostSections(body('old', 'd0'), { checklist: 'new' }, body('theirs', 'd0'))).toEqual([]);
    expect(lostSections(body('same', 'd0'), { checklist: 'same' }, body('same', 'd0'))).toEqual([]);
  });

  it('finds a section I added that a writer that had not seen it dropped', () => {
    expect(lostSections('no sections', { checklist: 'new' }, 'no sections either')).toEqual(['checklist']);
  });
});

describe('growing fields a writer removed or found changed', () => {
  it('adds nothing when I dropped a growing field altogether, and reports nothing lost', () => {
    const before = { ...base, notified: ['n0'], deadlineMoves: [move('2026-04-01T16:00:00Z', 'alice')] };
    const mine = { ...before, notified: undefined, deadlineMoves: undefined } as unknown as TrackerState;
    expect(mergeState(before, mine, before)).toStrictEqual(before);
    expect(lostChanges(before, mine, base)).toEqual([]);
  });

  it('adds only the deadline moves I recorded, not those I had read', () => {
    const first = move('2026-04-01T16:00:00Z', 'alice');
    const second = move('2026-04-08T16:00:00Z', 'bob');
    const before = { ...base, deadlineMoves: [first] };
    const mine = { ...base, deadlineMoves: [first, second] };
    expect(mergeState(before, mine, base).deadlineMoves).toEqual([second]);
    expect(lostChanges(before, mine, { ...base, deadlineMoves: [second] })).toEqual([]);
  });

  it('adds only the approvals I recorded, not those I had read', () => {
    const before = { ...base, approvals: [at('alice')] };
    const mine = { ...base, approvals: [at('alice'), at('bob')] };
    expect(mergeState(before, mine, base).approvals).toEqual([at('bob')]);
    expect(lostChanges(before, mine, { ...base, approvals: [at('bob')] })).toEqual([]);
  });

  it('tells people apart by their lower-cased login: "ß" and "SS" are two people', () => {
    const mine = { ...base, approvals: [at('ß')] };
    const current = { ...base, approvals: [at('SS')] };
    expect(mergeState(base, mine, current).approvals).toEqual([at('SS'), at('ß')]);
    expect(lostChanges(base, mine, current)).toEqual(['approvals']);
  });

  it('reports a growing field that lost one of the entries I added, though it has the others', () => {
    const mine = { ...base, notified: ['n1', 'n2'] };
    expect(lostChanges(base, mine, { ...base, notified: ['n1'] })).toEqual(['notified']);
    expect(lostChanges(base, mine, { ...base, notified: ['n2', 'n1'] })).toEqual([]);
  });
});

describe('the release checklist, merged item by item', () => {
  const done = (login: string, comment: number) => ({ login, at: '2026-03-05T10:00:00Z', comment });

  it('adds the item I confirmed to a checklist the state I read did not have', () => {
    const mine = { ...base, checklist: { 'fork-merged': done('alice', 1) } };
    const current = { ...base, checklist: { 'patch-releases': done('bob', 2) } };
    expect(mergeState(base, mine, current).checklist).toStrictEqual({
      'patch-releases': done('bob', 2),
      'fork-merged': done('alice', 1),
    });
  });

  it('adds the item I confirmed to a checklist a person emptied to null by hand in the state block', () => {
    const edited = writeTrackerState('', base).replace('"key":', '"checklist":null,"key":');
    const read = readTrackerState(edited);
    expect(read?.checklist).toBeNull();
    const before = read as TrackerState;
    const mine = { ...before, checklist: { 'fork-merged': done('alice', 1) } };
    expect(mergeState(before, mine, before).checklist).toStrictEqual({ 'fork-merged': done('alice', 1) });
  });

  it('removes the item I removed, and keeps the items others confirmed', () => {
    const before = { ...base, checklist: { 'fork-merged': done('alice', 1), 'patch-releases': done('bob', 2) } };
    const mine = { ...base, checklist: { 'fork-merged': done('alice', 1) } };
    const current = { ...base, checklist: { ...before.checklist, 'binaries-signed': done('carol', 3) } };
    const merged = mergeState(before, mine, current).checklist;
    expect(merged).toStrictEqual({ 'fork-merged': done('alice', 1), 'binaries-signed': done('carol', 3) });
    expect(Object.keys(merged ?? {})).toEqual(['fork-merged', 'binaries-signed']);
  });

  it.each([
    ['an empty checklist', { ...base, checklist: {} }],
    ['no checklist', base],
  ])('removes the checklist field when I left %s and so does the issue', (_what, mine) => {
    const before = { ...base, checklist: { 'fork-merged': done('alice', 1) } };
    const merged = mergeState(before, mine, before);
    expect('checklist' in merged).toBe(false);
    expect(merged).toStrictEqual(base);
  });

  it('reports the checklist when one of the items I confirmed is back as it was, though another is there', () => {
    const mine = { ...base, checklist: { 'fork-merged': done('alice', 1), 'patch-releases': done('alice', 2) } };
    const current = { ...base, checklist: { 'fork-merged': done('alice', 1) } };
    expect(lostChanges(base, mine, current)).toEqual(['checklist']);
    expect(lostChanges(base, mine, mine)).toEqual([]);
  });

  it('does not report an item another writer confirmed again after me', () => {
    const mine = { ...base, checklist: { 'fork-merged': done('alice', 1) } };
    const current = { ...base, checklist: { 'fork-merged': done('carol', 5) } };
    expect(lostChanges(base, mine, current)).toEqual([]);
    expect(lostChanges(base, mine, base)).toEqual(['checklist']);
  });
});
