/**
 * The parts of src/domain/tracker-record.ts that the mutation run found unguarded: the record's heading, a rejected
 * report, a CVE, fix team, fork or release day recorded without the optional detail, a declined or partial credit,
 * the optional rows (intake channel, acknowledgement sent or to send, expedition without a name, moves without a
 * previous deadline, lists of packages, confirmations and approvals), a decision to disclose without a fix, a closed
 * report, free text folded onto one line, which addresses are linked and how a page is named, a time missing from a
 * hand-edited state, and the Acknowledged row of a body whose report section is incomplete or out of order.
 */
import { describe, expect, it } from '@jest/globals';
import { recordRows } from './tracker-record-rows.js';
import { renderTrackerRecord, withAcknowledgedRow } from '../../src/domain/tracker-record.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const fresh = (): TrackerState =>
  newTrackerState('GHSA-aaaa-bbbb-cccc', 'example-org/app', 'spec11', '2026-11-02T09:00:00.000Z');

const withState = (extra: Partial<TrackerState>): TrackerState => ({ ...fresh(), ...extra });

const rows = recordRows;

/** The value of one row, undefined when the record has no such row. */
const row = (state: TrackerState, label: string): string | undefined => rows(state)[label];

describe('the record section', () => {
  it('opens with its title, where it comes from, and the header of a two-column table', () => {
    expect(renderTrackerRecord(fresh()).split('\n').slice(0, 7)).toEqual([
      '### Where the report stands',
      '',
      'Kept up to date by every action from the state below; the checklist has each step’s due and done times.',
      '',
      '| | |',
      '|---|---|',
      '| Severity | not rated yet |',
    ]);
  });
});

describe('the decision', () => {
  it('says rejected, with when the report was triaged', () => {
    expect(row(withState({ decision: 'reject', triagedAt: '2026-11-03T11:00:00.000Z' }), 'Decision')).toBe(
      'rejected (triaged 2026-11-03 11:00 UTC)',
    );
  });

  it('says accepted or rejected alone when no triage time is recorded', () => {
    expect(row(withState({ decision: 'reject' }), 'Decision')).toBe('rejected');
    expect(row(withState({ decision: 'accept' }), 'Decision')).toBe('accepted');
  });
});

describe('facts recorded without their optional detail', () => {
  it('shows a CVE id alone when no action recorded seeing it', () => {
    expect(row(withState({ cveId: 'CVE-2026-41234' }), 'CVE')).toBe('CVE-2026-41234');
  });

  it('says a fix team naming nobody names nobody, and a named team without its time names it alone', () => {
    expect(row(withState({ fixTeam: { users: [], teams: [] } }), 'Fix team')).toBe('nobody named');
    expect(row(withState({ fixTeam: { users: ['alice'], teams: [] } }), 'Fix team')).toBe('`alice`');
  });

  it('links a fork whose creation time is not recorded, without a time', () => {
    const fork = { fullName: 'example-org/app-ghsa-x', url: 'https://github.com/example-org/app-ghsa-x' };
    expect(row(withState({ fork }), 'Temporary private fork')).toBe(
      '[example-org/app-ghsa-x](https://github.com/example-org/app-ghsa-x)',
    );
  });

  it('shows an agreed release day without a version as the day alone', () => {
    expect(row(withState({ agreedReleaseDate: '2026-11-24' }), 'Agreed release day')).toBe('2026-11-24');
  });
});

describe('the credit', () => {
  it('says the reporter declined credit', () => {
    expect(row(withState({ credit: { declined: true, login: 'rita' } }), 'Credit')).toBe('declined by the reporter');
  });

  it('credits a login alone as reporter when no name or type is given', () => {
    expect(row(withState({ credit: { login: 'rita' } }), 'Credit')).toBe('`rita` as reporter');
  });

  it('lists login and name together', () => {
    expect(row(withState({ credit: { login: 'rita', name: 'Rita R', type: 'finder' } }), 'Credit')).toBe(
      '`rita`, Rita R as finder',
    );
  });

  it('credits "the reporter" when neither login nor name is known', () => {
    expect(row(withState({ credit: {} }), 'Credit')).toBe('the reporter as reporter');
  });

  it('keeps a backtick in a login from closing its code span', () => {
    expect(row(withState({ credit: { login: 'ri`ta' } }), 'Credit')).toBe('`rita` as reporter');
  });
});

describe('the optional rows', () => {
  it('says how a report filed by hand came in', () => {
    expect(row(withState({ intakeChannel: 'GPG-encrypted e-mail' }), 'Came in by')).toBe('GPG-encrypted e-mail');
  });

  it('says who confirmed the acknowledgement was sent, and when', () => {
    const state = withState({ ackSent: { login: 'alice', at: '2026-11-02T12:00:00.000Z', comment: 3 } });
    expect(row(state, 'Acknowledgement')).toBe('sent, confirmed by `alice` 2026-11-02 12:00 UTC');
    const both = { ...state, ackToSend: { at: '2026-11-02T10:00:00.000Z', via: 'e-mail' } };
    expect(row(both, 'Acknowledgement')).toBe('sent, confirmed by `alice` 2026-11-02 12:00 UTC');
  });

  it('says when an acknowledgement to send was prepared, and how it is to be sent', () => {
    const state = withState({ ackToSend: { at: '2026-11-02T10:00:00.000Z', via: 'e-mail' } });
    expect(row(state, 'Acknowledgement')).toBe('prepared 2026-11-02 10:00 UTC, to send by e-mail');
  });

  it('shows an expedition nobody is named for without a name', () => {
    const state = withState({ expedited: { at: '2026-11-05T08:00:00.000Z', reason: 'exploited in the wild' } });
    expect(row(state, 'Expedited')).toBe('2026-11-05 08:00 UTC: exploited in the wild');
  });

  it('shows a deadline move with no earlier deadline, by whom it was made', () => {
    const move = {
      step: 'fix-release' as const,
      to: '2026-12-01T17:00:00.000Z',
      reason: 'more time to test',
      kind: 'extend' as const,
      at: '2026-11-10T10:00:00.000Z',
      by: 'sirt-lead',
    };
    expect(row(withState({ deadlineMoves: [move] }), 'Fix release deadline moved')).toBe(
      'to 2026-12-01 17:00 UTC by `sirt-lead`: more time to test',
    );
  });

  it('lists several packages, confirmations (by item name) and approvals separated by commas', () => {
    const state = withState({
      packages: [
        { ecosystem: 'pip', name: 'sample-project' },
        { ecosystem: 'npm', name: 'sample-js' },
      ],
      checklist: {
        tag: { login: 'carol', at: '2026-11-23T16:00:00.000Z', comment: 9 },
        binaries: { login: 'bob', at: '2026-11-23T15:00:00.000Z', comment: 8 },
      },
      approvals: [
        { login: 'sirt-lead', at: '2026-11-23T13:00:00.000Z' },
        { login: 'alice', at: '2026-11-23T14:00:00.000Z' },
      ],
    });
    expect(rows(state)).toMatchObject({
      'Affected packages': 'pip sample-project, npm sample-js',
      'Release steps confirmed': 'binaries (`bob` 2026-11-23 15:00 UTC), tag (`carol` 2026-11-23 16:00 UTC)',
      'Release approved by': '`sirt-lead` 2026-11-23 13:00 UTC, `alice` 2026-11-23 14:00 UTC',
    });
  });
});

describe('the outcome rows', () => {
  it('shows a decision to disclose without a fix, with who started it when known', () => {
    const at = '2026-11-20T10:00:00.000Z';
    const decided = withState({ noFixDecision: { at, by: 'sirt-lead', reason: 'upstream cannot fix it' } });
    expect(row(decided, 'Decided to disclose without a fix')).toBe(
      '2026-11-20 10:00 UTC by `sirt-lead`: upstream cannot fix it',
    );
    const anonymous = withState({ noFixDecision: { at, reason: 'upstream cannot fix it' } });
    expect(row(anonymous, 'Decided to disclose without a fix')).toBe('2026-11-20 10:00 UTC: upstream cannot fix it');
  });

  it('says when a report was closed without publication', () => {
    expect(row(withState({ closedAt: '2026-11-21T09:30:00.000Z' }), 'Closed without publication')).toBe(
      '2026-11-21 09:30 UTC',
    );
  });
});

describe('free text and times', () => {
  it('folds runs of white space to one space and trims the ends', () => {
    const state = withState({
      expedited: { at: '2026-11-05T08:00:00.000Z', reason: '  exploited\n\n  in   the wild ' },
    });
    expect(row(state, 'Expedited')).toBe('2026-11-05 08:00 UTC: exploited in the wild');
  });

  it('leaves out a time missing from a hand-edited state rather than making one up', () => {
    const state = withState({ approvals: [{ login: 'alice', at: '' }] });
    expect(renderTrackerRecord(state)).toContain('\n| Release approved by | `alice`  |');
  });

  it('leaves out a time edited by hand into something that is no time, instead of failing every run', () => {
    const state = withState({ approvals: [{ login: 'alice', at: 'soon' }], closedAt: 'soon' });
    expect(renderTrackerRecord(state)).toContain('\n| Release approved by | `alice`  |');
  });
});

describe('links', () => {
  const release = (releaseUrl: string): string | undefined => row(withState({ releaseUrl }), 'Release');
  const announcement = (announcementUrl: string): string | undefined =>
    row(withState({ announcementUrl }), 'Announcement');

  it('names a release by its tag, decoded, or as written when it does not decode', () => {
    const base = 'https://github.com/example-org/app/releases/tag/';
    expect(release(`${base}v1.0%2Brc1`)).toBe(`[v1.0+rc1](${base}v1.0%2Brc1)`);
    expect(release(`${base}v1%ZZ`)).toBe(`[v1%ZZ](${base}v1%ZZ)`);
  });

  it('names a page below a release tag by its address', () => {
    const url = 'https://github.com/example-org/app/releases/tag/v1.4.2/assets';
    expect(release(url)).toBe(`[github.com/example-org/app/releases/tag/v1.4.2/assets](${url})`);
  });

  it('names a discussion by its whole number, and a comment in it by its address', () => {
    const url = 'https://github.com/example-org/app/discussions/12';
    expect(announcement(url)).toBe(`[discussion #12](${url})`);
    const comment = `${url}#discussioncomment-3`;
    expect(announcement(comment)).toBe(`[github.com/example-org/app/discussions/12#discussioncomment-3](${comment})`);
  });

  it('shows an address that is not https (a hand-edited state) whole, as inert text', () => {
    expect(release('http://example.org/mirror/https://github.com/example-org/app')).toBe(
      'http\\://example.org/mirror/https\\://github.com/example-org/app',
    );
  });

  it('shows an upstream address that is not https as text, not as a release', () => {
    const upstream = { url: 'http://example.org/releases/tag/v1', at: '2026-11-06T10:00:00.000Z' };
    expect(row(withState({ upstream }), 'Out of scope, sent upstream')).toBe(
      'http\\://example.org/releases/tag/v1 (2026-11-06 10:00 UTC)',
    );
  });

  it('links a fork only at a whole https address', () => {
    const fork = (url: string): string | undefined =>
      row(withState({ fork: { fullName: 'example-org/app-ghsa-x', url } }), 'Temporary private fork');
    expect(fork('http://github.com/example-org/app-ghsa-x')).toBe('example-org/app-ghsa-x');
    expect(fork('javascript:alert(1)//https://github.com/x')).toBe('example-org/app-ghsa-x');
    expect(fork('https://github.com/example-org/app-ghsa-x "title"')).toBe('example-org/app-ghsa-x');
  });
});

describe("the report section's Acknowledged row in an incomplete body", () => {
  const notYet = '| Acknowledged | not yet |';

  it.each([
    ['only the end of a report section', `Intro\n${notYet}\n<!-- /section:report -->\nAfter`],
    ['a report section that never ends', `Intro\n<!-- section:report -->\n${notYet}\nAfter`],
    ['the end of the section before its start', `<!-- /section:report -->\n${notYet}\n<!-- section:report -->\nAfter`],
  ])('leaves a body with %s as it is', (_case, body) => {
    expect(withAcknowledgedRow(body, '2026-11-03T08:00:00Z', false)).toBe(body);
  });
});
