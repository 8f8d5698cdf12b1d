/**
 * The parts of src/domain/retrospective.ts, src/domain/reporter.ts and src/domain/sanitize.ts that the mutation run
 * found unguarded: recorded deadline moves in the timeline, the disclosure deadline of the published advisory, a CVE
 * the tracker saw under another id, the verdict exactly at a deadline and before it, the met/late/unrecorded counts,
 * the advisory's score over the tracker's, the people involved (sorted, each once), the retrospective's title, a
 * reporter whose advisory has no credits, multi-digit ordered-list markers, surrogate pairs at the edges of the
 * high-surrogate range, a marker that exactly fills the limit, and a legacy `##[` command after leading spaces.
 */
import { describe, expect, it } from '@jest/globals';
import type { AdvisoryRecord } from '../../src/domain/announcement.js';
import type { DeadlineMove } from '../../src/domain/deadlines.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import { reportersOf } from '../../src/domain/reporter.js';
import {
  buildRetrospectiveData,
  peopleInvolved,
  retrospectiveTimeline,
  type ReleasedReport,
  type RetrospectiveAdvisoryRecord,
  type RetrospectiveInputs,
  type TimelineRow,
} from '../../src/domain/retrospective.js';
import { escapeMarkdown, inertForLog, truncate } from '../../src/domain/sanitize.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const RECEIVED = '2026-01-05T09:00:00Z';
const NOW = new Date('2026-01-26T16:05:00Z');
/** SPEC 11's acknowledgement deadline for a report received at RECEIVED. */
const ACK_DUE = '2026-01-07T09:00:00.000Z';

function state(extra: Partial<TrackerState> = {}): TrackerState {
  return { ...newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', RECEIVED), ...extra };
}

function advisory(extra: Partial<RetrospectiveAdvisoryRecord> = {}): RetrospectiveAdvisoryRecord {
  return {
    ghsa_id: 'GHSA-2222-3333-4444',
    cve_id: null,
    html_url: 'https://github.com/o/r/security/advisories/GHSA-2222-3333-4444',
    summary: 'A bug',
    severity: null,
    state: 'published',
    published_at: '2026-01-26T16:05:00Z',
    vulnerabilities: null,
    ...extra,
  };
}

function report(advisoryExtra: Partial<AdvisoryRecord>, stateExtra: Partial<TrackerState> = {}): ReleasedReport {
  return { advisory: advisory(advisoryExtra), state: state(stateExtra), policy: SPEC11, trackingIssue: 7 };
}

const INPUTS: RetrospectiveInputs = {
  project: 'proj',
  version: '1.0.1',
  repository: 'o/r',
  policy: SPEC11,
  releasedAt: NOW,
  releaseTag: null,
  releaseUrl: null,
  announcementUrl: null,
  now: NOW,
};

function row(rows: readonly TimelineRow[], event: string): TimelineRow | undefined {
  return rows.find((entry) => entry.event === event);
}

function move(step: DeadlineMove['step'], to: string, at: string): DeadlineMove {
  return { step, to, reason: 'agreed with the reporter', kind: 'extend', at };
}

describe('the timeline of a report whose deadlines moved', () => {
  const moved = state({
    deadlineMoves: [
      move('fix-release', '2026-02-20T16:00:00Z', '2026-01-10T09:00:00.000Z'),
      move('disclose', '2026-03-01T16:00:00Z', '2026-01-11T09:00:00.000Z'),
    ],
    releasedAt: '2026-02-20T16:00:00.000Z',
    publishedAt: '2026-03-02T16:00:00.000Z',
  });
  const rows = retrospectiveTimeline(SPEC11, moved, null, new Date('2026-03-26T16:05:00Z'));

  it('shows each move, named after the deadline it moved, when it was recorded, before the release', () => {
    expect(rows.slice(7).map((entry) => [entry.event, entry.at, entry.verdict])).toEqual([
      ['Fix-release deadline moved', '2026-01-10T09:00:00.000Z', 'no deadline'],
      ['Disclosure deadline moved', '2026-01-11T09:00:00.000Z', 'no deadline'],
      ['Fix released', '2026-02-20T16:00:00.000Z', 'met'],
      ['Advisory published', '2026-03-02T16:00:00.000Z', 'late by 24 h'],
    ]);
  });

  it('judges the publication against the disclosure deadline where the move put it', () => {
    expect(row(rows, 'Advisory published')).toEqual({
      event: 'Advisory published',
      at: '2026-03-02T16:00:00.000Z',
      took: '56 d 7 h',
      due: '2026-03-01T16:00:00.000Z',
      verdict: 'late by 24 h',
    });
  });
});

describe('the CVE row', () => {
  it('has no time when the tracker saw a different CVE id than the advisory now has', () => {
    const seenOther = state({ cveId: 'CVE-2026-1', cveSeenAt: '2026-01-07T09:00:00.000Z' });
    const rows = retrospectiveTimeline(SPEC11, seenOther, 'CVE-2026-2', NOW);
    expect(rows.find((entry) => entry.event.startsWith('CVE assigned'))).toEqual({
      event: 'CVE assigned (CVE-2026-2)',
      at: null,
      took: null,
      due: null,
      verdict: 'no deadline',
    });
  });
});

describe('the verdict on a step with a deadline', () => {
  const acknowledged = (now: Date, acknowledgedAt?: string): TimelineRow | undefined =>
    row(retrospectiveTimeline(SPEC11, state(acknowledgedAt ? { acknowledgedAt } : {}), null, now), 'Acknowledged');

  it('is "not recorded" before the deadline and exactly at it, "deadline passed" only after it', () => {
    expect(acknowledged(new Date('2026-01-06T09:00:00Z'))?.verdict).toBe('not recorded');
    expect(acknowledged(new Date(ACK_DUE))).toMatchObject({ due: ACK_DUE, at: null, verdict: 'not recorded' });
    expect(acknowledged(new Date('2026-01-07T09:00:00.001Z'))?.verdict).toBe('not recorded (deadline passed)');
  });

  it('is "met" for a step done exactly at its deadline, late by the minutes after it', () => {
    expect(acknowledged(NOW, ACK_DUE)?.verdict).toBe('met');
    expect(acknowledged(NOW, '2026-01-07T09:01:00.000Z')?.verdict).toBe('late by 1 min');
  });
});

describe("an advisory's line in the retrospective", () => {
  it('counts the deadlines met, late and not recorded', () => {
    // Met: acknowledged. Late: triaged. Unrecorded with a deadline: fix team, CVE request, fix release (its window
    // closes after NOW). Without a deadline: the report (recorded), the fork (recorded), the CVE and the publication
    // (neither recorded).
    const facts = report(
      {},
      {
        acknowledgedAt: '2026-01-05T12:00:00.000Z',
        triagedAt: '2026-01-13T09:00:00.000Z',
        forkCreatedAt: '2026-01-06T10:00:00.000Z',
      },
    );
    const [line] = buildRetrospectiveData([facts], INPUTS).advisories;
    expect(line?.timeline.map((entry) => entry.verdict)).toEqual([
      'no deadline',
      'met',
      'late by 24 h',
      'not recorded (deadline passed)',
      'not recorded (deadline passed)',
      'not recorded',
      'no deadline',
      'not recorded',
      'not recorded',
    ]);
    expect(line).toMatchObject({ deadlinesMet: 1, deadlinesLate: 1, deadlinesUnrecorded: 3 });
  });

  it("shows the advisory's CVSS score over the one the tracker recorded, and the tracker's when it has none", () => {
    const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    const trackerScore = {
      cvss: { vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', score: 5.9, version: '3.1' },
    };
    const scored = report({ cvss_severities: { cvss_v3: { vector_string: vector, score: 9.8 } } }, trackerScore);
    const unscored = report({}, trackerScore);
    const data = buildRetrospectiveData([scored, unscored], INPUTS);
    expect(data.advisories.map((line) => line.score)).toEqual([9.8, 5.9]);
  });
});

describe('the people involved in a release', () => {
  it('are every collaborator, team, fix-team member and credit of its advisories, sorted, each once', () => {
    const first = report(
      {
        credits_detailed: [{ user: { login: 'rita' }, type: 'reporter', state: 'accepted' }],
        collaborating_users: [{ login: 'zoe' }, { login: 'Amir' }],
        collaborating_teams: [{ slug: 'sec-b' }],
      } as Partial<AdvisoryRecord>,
      { fixTeam: { users: ['yan', 'bo'], teams: ['core'] } },
    );
    const second = report(
      {
        credits_detailed: [{ user: { login: 'al' }, type: 'finder', state: 'accepted' }],
        collaborating_users: [{ login: 'zoe' }],
        collaborating_teams: [{ slug: 'sec-a' }, { slug: 'sec-b' }],
      } as Partial<AdvisoryRecord>,
      { fixTeam: { users: ['bo'], teams: [] } },
    );
    expect(peopleInvolved([first, second])).toEqual({
      collaborators: ['Amir', 'zoe'],
      teams: ['sec-a', 'sec-b'],
      fixTeam: ['bo', 'core', 'yan'],
      credits: ['al (finder)', 'rita (reporter)'],
    });
  });
  it('counts a login or a team spelled in another case once, as first spelled (GitHub ignores their case)', () => {
    const first = report({ collaborating_users: [{ login: 'Amir' }] } as Partial<AdvisoryRecord>, {
      fixTeam: { users: ['Bo'], teams: ['Core'] },
    });
    const second = report(
      { collaborating_users: [{ login: 'amir' }], collaborating_teams: [{ slug: 'core' }] } as Partial<AdvisoryRecord>,
      { fixTeam: { users: ['bo'], teams: ['core'] } },
    );
    const people = peopleInvolved([first, second]);
    expect(people.collaborators).toEqual(['Amir']);
    expect(people.fixTeam).toEqual(['Bo', 'Core']);
    expect(people.teams).toEqual(['core']);
  });
});

describe("the retrospective's title", () => {
  it('names the project and the version', () => {
    expect(buildRetrospectiveData([], INPUTS).title).toBe('Retrospective: security release proj 1.0.1');
  });
});

describe('the reporter of an advisory without credits', () => {
  it('is the author of the private report, credited with nothing', () => {
    for (const credits_detailed of [undefined, null]) {
      expect(reportersOf({ author: { login: 'rita' }, submission: { accepted: true }, credits_detailed })).toEqual([
        { login: 'rita', creditTypes: [] },
      ]);
    }
  });
});

describe('escaping ordered-list markers', () => {
  it('escapes the delimiter after every digit of a multi-digit number', () => {
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('  100) item')).toBe('  100\\) item');
  });
});

describe('truncating', () => {
  it('never splits the first or the last astral character (U+10000, U+10FFFF)', () => {
    expect(truncate('a\u{10000}bc', 3)).toBe('a…');
    expect(truncate('a\u{10FFFF}bc', 3)).toBe('a…');
    expect(truncate('ab\u{10000}cd', 5)).toBe('ab\u{10000}…');
  });

  it('cuts a marker that exactly fills the limit as any text: a dangling half pair at its end goes', () => {
    expect(truncate('abcdef', 2, 'x\uD83D')).toBe('x');
    expect(truncate('abcdef', 3, '...')).toBe('...');
  });
});

describe('a legacy ##[ workflow command in a log line', () => {
  it('is broken after leading spaces, and left alone in the middle of a line', () => {
    expect(inertForLog('  ##[error]pwned')).toBe('  %23#[error]pwned');
    expect(inertForLog('see ##[error] in the log')).toBe('see ##[error] in the log');
  });
});
