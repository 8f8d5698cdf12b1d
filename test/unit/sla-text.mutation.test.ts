/**
 * The words sla-check writes (src/domain/sla-text.ts), in full: the status comment of a low-severity report and of
 * an accepted draft with two steps due soon, the escalations without a repository or a link, and the sweep report.
 */
import { describe, expect, it } from '@jest/globals';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { assessReport, type AdvisoryFacts } from '../../src/domain/sla.js';
import {
  escalationComment,
  escalationMessage,
  nextDeadlineText,
  renderStatusComment,
  renderSweepReport,
  STATUS_MARKER,
  STATUS_TEXT,
} from '../../src/domain/sla-text.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';

const rule = { withinMs: 24 * 3600_000, fraction: 0.2 };
const RECEIVED = '2026-03-02T09:00:00.000Z';

// Acknowledged and triaged, CVSS 2.5: the fix release stretches (low severity). No repository.
const lowState = {
  ...newTrackerState('issue-7', null, 'spec11', RECEIVED),
  acknowledgedAt: '2026-03-02T10:00:00.000Z',
  triagedAt: '2026-03-05T10:00:00.000Z',
  cvss: { vector: 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', score: 2.5, version: '3.1' },
  severity: 'low',
};
const low = assessReport(
  PRESETS.spec11,
  { key: 'issue-7', repository: null, state: lowState },
  new Date('2026-03-06T00:00:00Z'),
  rule,
);

// A draft advisory (accepted: acknowledged and triaged at a time nobody recorded) with a fork, 21 hours before two
// steps are due.
const draft: AdvisoryFacts = {
  phase: 'draft',
  createdAt: new Date(RECEIVED),
  severity: 'medium',
  cvssScore: 5,
  cveId: null,
  privateFork: 'o/r-ghsa-fork',
  publishedAt: undefined,
  maintainerDraft: false,
};
const dueSoon = assessReport(
  PRESETS.spec11,
  { key: 'GHSA-dddd-eeee-ffff', repository: 'o/r', advisory: draft },
  new Date('2026-03-08T12:00:00Z'),
  rule,
);

// Every step done.
const finished = assessReport(
  PRESETS.spec11,
  {
    key: 'issue-8',
    repository: 'o/x',
    state: {
      ...lowState,
      key: 'issue-8',
      fixTeamAt: RECEIVED,
      cveRequestedAt: RECEIVED,
      releasedAt: '2026-03-10T16:00:00.000Z',
      publishedAt: '2026-03-10T16:30:00.000Z',
      retrospectiveDoneAt: '2026-03-11T16:00:00.000Z',
    },
  },
  new Date('2026-03-12T00:00:00Z'),
  rule,
);

const FOOTER = '_Kept up to date by sla-check: this comment is edited in place, not repeated._';
const TABLE_HEAD = ['| Step | Due | Done | Status |', '|---|---|---|---|'];

describe('the status comment', () => {
  it('of a low-severity report says the fix release may take longer, and shows when each step was done', () => {
    expect(renderStatusComment(low)).toBe(
      [
        '### SLA status: 🟢 on time',
        '',
        'Stage: **triaged** · policy `spec11` · low severity: the team may extend the timeline (/triage extend)',
        'Next deadline: Fix team, 2026-03-09 09:00 UTC',
        '',
        ...TABLE_HEAD,
        '| Acknowledge | 2026-03-04 09:00 UTC | 2026-03-02 10:00 UTC | met |',
        '| Triage | 2026-03-09 09:00 UTC | 2026-03-05 10:00 UTC | met |',
        '| Fix team | 2026-03-09 09:00 UTC | — | on time |',
        '| Advisory and CVE | 2026-03-09 09:00 UTC | — | on time |',
        '| Fix release | 2026-03-23 17:00 UTC | — | on time |',
        '| Disclose | no disclosure deadline | — | — |',
        '| Retrospective | after the release | — | — |',
        '',
        FOOTER,
      ].join('\n'),
    );
  });

  it('of an accepted draft says "done" for steps done at an unrecorded time, and marks the steps due soon', () => {
    expect(dueSoon.status).toBe('due-soon');
    expect(renderStatusComment(dueSoon)).toBe(
      [
        '### SLA status: 🟠 due soon',
        '',
        'Stage: **fork** · policy `spec11`',
        'Next deadline: Fix team, 2026-03-09 09:00 UTC',
        '',
        ...TABLE_HEAD,
        '| Acknowledge | 2026-03-04 09:00 UTC | done | met |',
        '| Triage | 2026-03-09 09:00 UTC | done | met |',
        '| Fix team | 2026-03-09 09:00 UTC | — | **due soon** |',
        '| Advisory and CVE | 2026-03-09 09:00 UTC | — | **due soon** |',
        '| Fix release | 2026-03-23 17:00 UTC | — | on time |',
        '| Disclose | no disclosure deadline | — | — |',
        '| Retrospective | after the release | — | — |',
        '',
        FOOTER,
      ].join('\n'),
    );
  });

  it('of a closed report lists no step', () => {
    const closed = assessReport(
      PRESETS.spec11,
      { key: 'issue-9', repository: 'o/r', state: { ...lowState, key: 'issue-9', decision: 'reject' as const } },
      new Date('2026-03-06T00:00:00Z'),
      rule,
    );
    expect(renderStatusComment(closed)).toBe(
      [
        '### SLA status: ⚪ closed',
        '',
        'Stage: **triaged** · policy `spec11` · low severity: the team may extend the timeline (/triage extend)',
        '',
        'Rejected, closed or withdrawn: no deadline applies any more.',
        '',
        FOOTER,
      ].join('\n'),
    );
  });

  it('of a finished report has no next deadline', () => {
    expect(finished.status).toBe('finished');
    expect(nextDeadlineText(finished)).toBe('—');
    expect(renderStatusComment(finished)).toContain('### SLA status: ✅ finished\n');
    expect(renderStatusComment(finished)).toContain('\nNext deadline: —\n');
  });

  it('is found again by its marker, and names every status', () => {
    expect(STATUS_MARKER).toBe('<!-- disclosure-actions:sla-status -->');
    expect(STATUS_TEXT).toEqual({
      breached: '🔴 breached',
      'due-soon': '🟠 due soon',
      'on-time': '🟢 on time',
      finished: '✅ finished',
      closed: '⚪ closed',
    });
  });
});

describe('escalations', () => {
  it('leave out the repository and the link when there are none', () => {
    expect(escalationMessage(low, 'triage', { url: undefined, mention: undefined })).toBe(
      'SLA breach: issue-7: Triage was due 2026-03-09 09:00 UTC and is not done (stage: triaged).',
    );
  });

  it('say "unknown" for a step without a due date, and mention nobody when there is no one to mention', () => {
    expect(escalationComment(low, 'retrospective', undefined)).toBe(
      '**SLA breach** on issue-7: **Retrospective** was due unknown and is not done (stage: triaged). ' +
        'sla-check escalates each breach once.',
    );
  });
});

describe('the sweep report', () => {
  it('tabulates the open reports and lists the forks to delete', () => {
    const noFork = { ...dueSoon, repository: null, fork: null };
    expect(
      renderSweepReport({
        active: [low, dueSoon],
        blindSpots: [],
        staleForks: [{ ...finished, fork: 'o/x-ghsa-fork' }, noFork],
        inventoryGaps: 0,
        dryRun: false,
      }),
    ).toBe(
      [
        '## SLA sweep',
        '',
        '2 open report(s): 0 breached, 1 due soon, 1 on time.',
        '',
        '| Report | Repository | Severity | Stage | Next deadline | Status |',
        '|---|---|---|---|---|---|',
        '| issue-7 | — | low | triaged | Fix team, 2026-03-09 09:00 UTC | 🟢 on time |',
        '| GHSA-dddd-eeee-ffff | o/r | medium | fork | Fix team, 2026-03-09 09:00 UTC | 🟠 due soon |',
        '',
        '**Temporary private forks to delete** (create-temp-fork `mode: cleanup`):',
        '- issue-8 (o/x): o/x-ghsa-fork',
        '- GHSA-dddd-eeee-ffff (—): ',
      ].join('\n'),
    );
  });

  it('is one line when nothing is open', () => {
    expect(renderSweepReport({ active: [], blindSpots: [], staleForks: [], inventoryGaps: 0, dryRun: false })).toBe(
      '## SLA sweep\n\n0 open report(s): 0 breached, 0 due soon, 0 on time.',
    );
  });

  it('lists a repository blind spot and the inventory gaps after the table', () => {
    const text = renderSweepReport({
      active: [],
      blindSpots: [{ repository: 'o/secret', reason: 'repository-not-visible' }],
      staleForks: [],
      inventoryGaps: 1,
      dryRun: false,
    });
    expect(text).toBe(
      [
        '## SLA sweep',
        '',
        '0 open report(s): 0 breached, 0 due soon, 0 on time.',
        '',
        '**Blind spots** (not all clear while any remain):',
        '- o/secret: the token cannot see the repository',
        '',
        'Inventory: 1 repository gap(s); see the dashboard in the tracker.',
      ].join('\n'),
    );
  });
});
