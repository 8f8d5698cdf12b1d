import { describe, expect, it } from '@jest/globals';
import {
  milestoneChannel,
  milestoneKey,
  milestoneMessages,
  owedUpdates,
  UPDATES_OPT_IN,
} from '../../src/domain/reporter-messages.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';
import { compileTemplate, renderTemplate } from '../../src/templates/engine.js';
import { REPORTER_MILESTONE_TEMPLATE, type MilestoneData } from '../../src/templates/reporter-milestones.js';

const render = (data: MilestoneData): string =>
  renderTemplate(compileTemplate(REPORTER_MILESTONE_TEMPLATE.source, REPORTER_MILESTONE_TEMPLATE.name), data);

describe('milestoneMessages', () => {
  it('owes one message per milestone reached, in order', () => {
    const owed = milestoneMessages(
      {},
      {
        decision: 'accept',
        cveId: 'CVE-2026-1',
        agreedReleaseDate: '2026-02-03T16:00:00Z',
        publishedAt: '2026-02-03T16:05:00Z',
      },
      [],
    );
    expect(owed.map((m) => m.key)).toEqual([
      'reporter:accepted',
      'reporter:cve-assigned:CVE-2026-1',
      'reporter:release-date:2026-02-03T16:00:00Z',
      'reporter:published',
    ]);
  });
  it('sends each once: nothing new, or already sent, owes nothing', () => {
    const after = { decision: 'accept' as const, cveId: 'CVE-2026-1' };
    expect(milestoneMessages(after, after, [])).toEqual([]);
    expect(
      milestoneMessages({}, after, [milestoneKey('accepted'), milestoneKey('cve-assigned', 'CVE-2026-1')]),
    ).toEqual([]);
  });
  it('tells a changed release date with the date before, under a new key', () => {
    const [changed] = milestoneMessages(
      { agreedReleaseDate: '2026-02-03T16:00:00Z' },
      { agreedReleaseDate: '2026-02-10T16:00:00Z' },
      ['reporter:release-date:2026-02-03T16:00:00Z'],
    );
    expect(changed).toMatchObject({
      milestone: 'release-date',
      releaseDate: '2026-02-10T16:00:00Z',
      previousReleaseDate: '2026-02-03T16:00:00Z',
      key: 'reporter:release-date:2026-02-10T16:00:00Z',
    });
  });
  it('tells a rejection', () => {
    expect(milestoneMessages({}, { decision: 'reject' }, []).map((m) => m.milestone)).toEqual(['rejected']);
  });
  it('goes through advisory comments only where the acknowledgement did, else to a person to send', () => {
    expect(milestoneChannel('advisory-comment')).toBe('advisory-comment');
    expect(milestoneChannel('manual')).toBe('to-send');
    expect(milestoneChannel(undefined)).toBe('to-send');
  });
});

describe('owedUpdates', () => {
  const taken = (extra: Partial<TrackerState> = {}): TrackerState => ({
    ...newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', '2026-01-05T09:00:00Z'),
    notified: [UPDATES_OPT_IN],
    ...extra,
  });
  it('owes nothing to a report taken in before updates existed, nor once rejected, closed or published', () => {
    const accepted = { decision: 'accept' as const };
    expect(owedUpdates({ ...taken(accepted), notified: [] }, null)).toEqual([]);
    expect(owedUpdates(taken({ decision: 'reject' }), null)).toEqual([]);
    expect(owedUpdates(taken({ ...accepted, publishedAt: '2026-02-01T16:00:00Z' }), null)).toEqual([]);
    expect(owedUpdates(taken({ ...accepted, closedAt: '2026-02-01T16:00:00Z' }), null)).toEqual([]);
  });
  it('owes the acceptance, the CVE and the agreed date once each, and a changed date again, even back to an old one', () => {
    const state = taken({ decision: 'accept', agreedReleaseDate: '2026-02-03' });
    const owed = owedUpdates(state, 'CVE-2026-1');
    expect(owed.map((m) => m.key)).toEqual([
      'reporter:accepted',
      'reporter:cve-assigned:CVE-2026-1',
      'reporter:release-date:2026-02-03#0',
    ]);
    const told = { ...state, notified: [...state.notified, ...owed.map((m) => m.key)] };
    expect(owedUpdates(told, 'CVE-2026-1')).toEqual([]);
    const moved = owedUpdates({ ...told, agreedReleaseDate: '2026-02-10' }, 'CVE-2026-1');
    expect(moved).toMatchObject([{ key: 'reporter:release-date:2026-02-10#1', previousReleaseDate: '2026-02-03' }]);
    const back = { ...told, agreedReleaseDate: '2026-02-03', notified: [...told.notified, moved[0]!.key] };
    expect(owedUpdates(back, 'CVE-2026-1')).toMatchObject([
      { key: 'reporter:release-date:2026-02-03#2', previousReleaseDate: '2026-02-10' },
    ]);
  });
  it('owes the CVE recorded by an earlier run when this sweep did not read the advisory (a draft it skips)', () => {
    const state = taken({ decision: 'accept', cveId: 'CVE-2026-7', notified: [UPDATES_OPT_IN, 'reporter:accepted'] });
    expect(owedUpdates(state, undefined).map((m) => m.key)).toEqual(['reporter:cve-assigned:CVE-2026-7']);
    expect(owedUpdates(state, 'CVE-2026-8').map((m) => m.key)).toEqual(['reporter:cve-assigned:CVE-2026-8']);
  });
});

describe('the built-in milestone template', () => {
  const base: MilestoneData = {
    milestone: 'accepted',
    ghsaId: 'GHSA-2222-3333-4444',
    repository: 'o/r',
    cveId: null,
    releaseDate: null,
    previousReleaseDate: null,
    advisoryUrl: null,
    policy: 'conda-forge',
  };
  it('renders one text per milestone', () => {
    expect(render(base)).toContain('accepted it as a vulnerability in `o/r`');
    expect(render({ ...base, milestone: 'cve-assigned', cveId: 'CVE-2026-1' })).toContain('assigned CVE-2026-1');
    expect(
      render({
        ...base,
        milestone: 'release-date',
        releaseDate: '2026-02-10',
        previousReleaseDate: '2026-02-03',
      }),
    ).toContain('moved from 2026-02-03 to 2026-02-10 (UTC)');
    expect(render({ ...base, milestone: 'published', advisoryUrl: 'https://x/y' })).toContain(
      'now public: https://x/y',
    );
    expect(
      render({ ...base, milestone: 'rejected' })
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });
  it('renders its samples', () => {
    for (const sample of REPORTER_MILESTONE_TEMPLATE.samples) expect(render(sample).trim()).not.toBe('');
  });
});
