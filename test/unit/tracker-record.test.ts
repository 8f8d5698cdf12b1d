/**
 * The tracking issue's live record (src/domain/tracker-record.ts) and the body every action writes around it
 * (trackerBody): what the state says, in the visible issue, the same bytes for the same state.
 */
import { describe, expect, it } from '@jest/globals';
import { recordRows } from './tracker-record-rows.js';
import { trackerBody } from '../../src/actions/common/tracker.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { readSection } from '../../src/domain/tracker-merge.js';
import { RECORD_SECTION, renderTrackerRecord } from '../../src/domain/tracker-record.js';
import { newTrackerState, readTrackerState, withCve, type TrackerState } from '../../src/domain/tracker-state.js';

const fresh = (): TrackerState =>
  newTrackerState('GHSA-aaaa-bbbb-cccc', 'example-org/app', 'spec11', '2026-11-02T09:00:00.000Z');

const rows = recordRows;

describe('the live record of a new report', () => {
  it('says what is not known or done yet', () => {
    expect(rows(fresh())).toEqual({
      Severity: 'not rated yet',
      CVSS: 'not scored yet',
      CVE: 'not requested yet',
      TLP: 'not decided yet',
      Decision: 'not decided yet',
      'Fix team': 'not assigned yet',
      'Temporary private fork': 'none yet',
      'Agreed release day': 'not agreed yet',
      Announcement: 'not posted yet',
      Retrospective: 'not opened yet',
    });
  });
});

describe('the live record of a report in flight', () => {
  const triaged: TrackerState = {
    ...fresh(),
    triagedAt: '2026-11-03T11:00:00.000Z',
    decision: 'accept',
    tlp: 'AMBER+STRICT',
    severity: 'high',
    cvss: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N', score: 8.2, version: '3.1' },
    fixTeam: { users: ['alice'], teams: ['maintainers'] },
    fixTeamAt: '2026-11-03T11:00:00.000Z',
    cveRequestedAt: '2026-11-03T11:00:00.000Z',
  };

  it('shows severity, score and vector, TLP, decision and fix team after triage', () => {
    expect(rows(triaged)).toMatchObject({
      Severity: 'high',
      CVSS: '8.2 (CVSS 3.1) `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N`',
      CVE: 'requested 2026-11-03 11:00 UTC, not assigned yet',
      TLP: 'TLP:AMBER+STRICT',
      Decision: 'accepted (triaged 2026-11-03 11:00 UTC)',
      'Fix team': 'team `maintainers`, `alice` (added 2026-11-03 11:00 UTC)',
    });
  });

  it('shows the CVE once seen, the fork, the agreed day, the links, and a deleted fork as deleted', () => {
    const published: TrackerState = {
      ...withCve(triaged, 'CVE-2026-41234', '2026-11-04T09:00:00.000Z'),
      fork: { fullName: 'example-org/app-ghsa-x', url: 'https://github.com/example-org/app-ghsa-x' },
      forkCreatedAt: '2026-11-03T12:00:00.000Z',
      agreedReleaseDate: '2026-11-24',
      agreedVersion: '1.4.2',
      releasedAt: '2026-11-24T16:06:00.000Z',
      publishedAt: '2026-11-24T16:06:00.000Z',
      announcementUrl: 'https://github.com/example-org/app/discussions/1',
      releaseUrl: 'https://github.com/example-org/app/releases/tag/v1.4.2',
      sla: { status: 'finished' },
      retrospectiveIssue: 9,
    };
    expect(rows(published)).toMatchObject({
      CVE: 'CVE-2026-41234 (seen 2026-11-04 09:00 UTC)',
      'Temporary private fork':
        '[example-org/app-ghsa-x](https://github.com/example-org/app-ghsa-x) (created 2026-11-03 12:00 UTC)',
      'Agreed release day': '2026-11-24 (version 1.4.2)',
      'Fix released': '2026-11-24 16:06 UTC',
      'Advisory published': '2026-11-24 16:06 UTC',
      Release: '[v1.4.2](https://github.com/example-org/app/releases/tag/v1.4.2)',
      'Deadlines at the last sweep': '✅ finished',
      Announcement: '[discussion #1](https://github.com/example-org/app/discussions/1)',
      Retrospective: '#9 (open)',
    });
    const done = {
      ...published,
      forkDeletedAt: '2026-11-27T16:00:00.000Z',
      retrospectiveDoneAt: '2026-11-26T10:00:00Z',
    };
    expect(rows(done)).toMatchObject({
      'Temporary private fork': 'example-org/app-ghsa-x, deleted 2026-11-27 16:00 UTC',
      Retrospective: '#9 (held 2026-11-26 10:00 UTC)',
    });
  });

  it('shows the optional records other features keep, when present', () => {
    const state: TrackerState = {
      ...triaged,
      expedited: { at: '2026-11-05T08:00:00.000Z', reason: 'exploited in the wild', by: 'sirt-lead' },
      deadlineMoves: [
        {
          step: 'fix-release',
          to: '2026-12-01T17:00:00.000Z',
          from: '2026-11-23T17:00:00.000Z',
          reason: 'release day agreed | with the reporter',
          kind: 'release-date',
          at: '2026-11-10T10:00:00.000Z',
        },
      ],
      credit: { name: 'Rita <b>R</b>', type: 'finder' },
      packages: [{ ecosystem: 'pip', name: 'sample-project' }],
      sanitized: { login: 'alice', at: '2026-11-20T10:00:00.000Z', comment: 7, digest: 'abc' },
      checklist: { binaries: { login: 'bob', at: '2026-11-23T15:00:00.000Z', comment: 8 } },
      disclosedWithoutFix: { reason: 'no fix possible upstream', at: '2026-11-24T16:00:00.000Z' },
      approvals: [{ login: 'sirt-lead', at: '2026-11-23T13:00:00.000Z' }],
    };
    expect(rows(state)).toMatchObject({
      Expedited: '2026-11-05 08:00 UTC by `sirt-lead`: exploited in the wild',
      // Free text is inert: a `|` cannot end the cell, HTML is not HTML.
      'Fix release deadline moved':
        'to 2026-12-01 17:00 UTC from 2026-11-23 17:00 UTC: release day agreed \\| with the reporter',
      Credit: 'Rita &lt;b&gt;R&lt;/b&gt; as finder',
      'Release approved by': '`sirt-lead` 2026-11-23 13:00 UTC',
      'Affected packages': 'pip sample-project',
      'Public text reviewed': 'by `alice` 2026-11-20 10:00 UTC',
      'Release steps confirmed': 'binaries (`bob` 2026-11-23 15:00 UTC)',
      'Disclosed without a fix': '2026-11-24 16:00 UTC: no fix possible upstream',
    });
  });
});

describe('withCve', () => {
  it('records the CVE once, with when it was first seen; the same state when nothing is new', () => {
    const state = withCve(fresh(), 'CVE-2026-1', '2026-11-04T09:00:00.000Z');
    expect(state).toMatchObject({ cveId: 'CVE-2026-1', cveSeenAt: '2026-11-04T09:00:00.000Z' });
    expect(withCve(state, 'CVE-2026-1', '2026-11-05T09:00:00.000Z')).toBe(state);
    expect(withCve(state, null, '2026-11-05T09:00:00.000Z')).toBe(state);
  });
});

describe('the body every action writes', () => {
  const body = [
    '<!-- disclosure-actions:report GHSA-aaaa-bbbb-cccc -->',
    '',
    '<!-- section:report -->',
    '## Security report',
    '<!-- /section:report -->',
    '',
    'A note a maintainer added by hand.',
    '',
  ].join('\n');

  it('holds the record before the checklist, and the state; a person’s text stays where it was', () => {
    const written = trackerBody(body, PRESETS.spec11, fresh());
    expect(written.startsWith(body.trimEnd())).toBe(true);
    expect(written.indexOf('<!-- section:record -->')).toBeLessThan(written.indexOf('<!-- section:checklist -->'));
    expect(readSection(written, RECORD_SECTION)).toBe(renderTrackerRecord(fresh()));
    expect(readTrackerState(written)).toEqual(fresh());
  });

  it('is the same bytes when the state did not change, so no write happens', () => {
    const once = trackerBody(body, PRESETS.spec11, fresh());
    expect(trackerBody(once, PRESETS.spec11, fresh())).toBe(once);
    expect(trackerBody(once, PRESETS.spec11, { ...fresh() })).toBe(once);
  });

  it('follows the state: after triage the record no longer says not rated', () => {
    const once = trackerBody(body, PRESETS.spec11, fresh());
    const triaged = trackerBody(once, PRESETS.spec11, { ...fresh(), severity: 'critical', tlp: 'RED' });
    expect(readSection(triaged, RECORD_SECTION)).toContain('| Severity | critical |');
    expect(readSection(triaged, RECORD_SECTION)).toContain('| TLP | TLP:RED |');
    expect(triaged).not.toContain('not rated yet');
    expect(triaged.match(/<!-- section:record -->/g)).toHaveLength(1);
  });
});
