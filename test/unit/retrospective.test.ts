import { describe, expect, it } from '@jest/globals';
import { CONDA_FORGE, SPEC11 } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';
import {
  buildRetrospectiveData,
  formatElapsed,
  retrospectiveDue,
  retrospectiveTimeline,
} from '../../src/domain/retrospective.js';
import { REPORTER_THANKS_TEMPLATE } from '../../src/templates/reporter-thanks.js';
import { RETROSPECTIVE_TEMPLATE } from '../../src/templates/retrospective.js';
import { assertTemplateFields, compileTemplate, renderTemplate } from '../../src/templates/engine.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const RECEIVED = '2026-01-05T09:00:00Z';
const NOW = new Date('2026-01-26T16:05:00Z');

function state(extra: Partial<TrackerState> = {}): TrackerState {
  return { ...newTrackerState('GHSA-2222-3333-4444', 'o/r', 'spec11', RECEIVED), ...extra };
}

describe('formatElapsed', () => {
  it.each([
    [0, '0 min'],
    [59 * 60_000, '59 min'],
    [3600_000, '1 h'],
    [(25 * 60 + 30) * 60_000, '25 h 30 min'],
    [48 * 3600_000, '2 d'],
    [(21 * 24 + 7) * 3600_000 + 5 * 60_000, '21 d 7 h'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe('retrospectiveTimeline', () => {
  it('judges each step against its deadline, and says what is not recorded', () => {
    const rows = retrospectiveTimeline(
      SPEC11,
      state({
        acknowledgedAt: '2026-01-08T09:00:00.000Z',
        triagedAt: '2026-01-06T09:00:00.000Z',
        releasedAt: '2026-01-20T16:00:00.000Z',
        publishedAt: '2026-01-20T16:00:00.000Z',
      }),
      'CVE-2026-1',
      NOW,
    );
    const verdicts = Object.fromEntries(rows.map((row) => [row.event, row.verdict]));
    expect(verdicts).toEqual({
      'Report received': 'no deadline',
      Acknowledged: 'late by 24 h',
      Triaged: 'met',
      'Fix team assigned': 'not recorded (deadline passed)',
      'CVE requested': 'not recorded (deadline passed)',
      // Assigned (the advisory has it), though no action saw when: it happened, and it has no deadline.
      'CVE assigned (CVE-2026-1)': 'no deadline',
      'Temporary private fork created': 'not recorded',
      'Fix released': 'met',
      // SPEC 11 states no disclosure deadline.
      'Advisory published': 'no deadline',
    });
    expect(rows.find((row) => row.event === 'Triaged')).toEqual({
      event: 'Triaged',
      at: '2026-01-06T09:00:00.000Z',
      took: '24 h',
      due: '2026-01-12T09:00:00.000Z',
      verdict: 'met',
    });
  });
});

describe('the milestones of a report', () => {
  const full = state({
    acknowledgedAt: '2026-01-05T12:00:00.000Z',
    triagedAt: '2026-01-06T09:00:00.000Z',
    fixTeamAt: '2026-01-06T09:00:00.000Z',
    cveRequestedAt: '2026-01-06T09:00:00.000Z',
    cveId: 'CVE-2026-1',
    cveSeenAt: '2026-01-07T09:00:00.000Z',
    forkCreatedAt: '2026-01-06T10:00:00.000Z',
    approvals: [{ login: 'sirt-lead', at: '2026-01-26T13:00:00.000Z' }],
    expedited: { at: '2026-01-08T09:00:00.000Z', reason: 'public disclosure' },
    releasedAt: '2026-01-26T16:06:00.000Z',
    publishedAt: '2026-01-26T16:06:00.000Z',
    forkDeletedAt: '2026-01-27T16:00:00.000Z',
  });

  it('are every one the tracker recorded, each with when it happened: the CVE assignment too', () => {
    const rows = retrospectiveTimeline(SPEC11, full, 'CVE-2026-1', NOW);
    expect(rows.map((row) => [row.event, row.at])).toEqual([
      ['Report received', '2026-01-05T09:00:00.000Z'],
      ['Acknowledged', '2026-01-05T12:00:00.000Z'],
      ['Triaged', '2026-01-06T09:00:00.000Z'],
      ['Fix team assigned', '2026-01-06T09:00:00.000Z'],
      ['CVE requested', '2026-01-06T09:00:00.000Z'],
      ['CVE assigned (CVE-2026-1; first seen then)', '2026-01-07T09:00:00.000Z'],
      ['Temporary private fork created', '2026-01-06T10:00:00.000Z'],
      ['Expedited', '2026-01-08T09:00:00.000Z'],
      ['Release approved by sirt-lead', '2026-01-26T13:00:00.000Z'],
      ['Fix released', '2026-01-26T16:06:00.000Z'],
      ['Advisory published', '2026-01-26T16:06:00.000Z'],
      ['Temporary private fork deleted', '2026-01-27T16:00:00.000Z'],
    ]);
    expect(rows.some((row) => row.verdict.startsWith('not recorded'))).toBe(false);
  });

  it('say when no CVE was assigned', () => {
    const rows = retrospectiveTimeline(SPEC11, state(), null, NOW);
    expect(rows.find((row) => row.event.startsWith('CVE assigned'))).toMatchObject({
      event: 'CVE assigned (none)',
      at: null,
      verdict: 'not recorded',
    });
  });
});

describe('retrospectiveDue', () => {
  it("is the policy's retrospective-within after the release, in business days where the policy counts them", () => {
    expect(retrospectiveDue(SPEC11, new Date('2026-01-29T16:00:00Z')).toISOString()).toBe('2026-02-01T16:00:00.000Z');
    const businessDays: Policy = { ...SPEC11, businessDays: true };
    // Thursday + 3 business days skips the weekend.
    expect(retrospectiveDue(businessDays, new Date('2026-01-29T16:00:00Z')).toISOString()).toBe(
      '2026-02-03T16:00:00.000Z',
    );
    expect(retrospectiveDue(CONDA_FORGE, new Date('2026-01-29T16:00:00Z')).getTime()).toBeGreaterThan(
      new Date('2026-01-29T16:00:00Z').getTime(),
    );
  });
});

describe('the built-in retrospective and thank-you templates', () => {
  it('use only their documented fields', () => {
    expect(() =>
      assertTemplateFields(RETROSPECTIVE_TEMPLATE.source, 'retro', RETROSPECTIVE_TEMPLATE.fields),
    ).not.toThrow();
    expect(() =>
      assertTemplateFields(REPORTER_THANKS_TEMPLATE.source, 'thanks', REPORTER_THANKS_TEMPLATE.fields),
    ).not.toThrow();
  });

  it('render a retrospective with nothing optional known', () => {
    const data = buildRetrospectiveData(
      [
        {
          advisory: {
            ghsa_id: 'GHSA-2222-3333-4444',
            cve_id: null,
            html_url: 'https://github.com/o/r/security/advisories/GHSA-2222-3333-4444',
            summary: 'A *bad* bug',
            severity: null,
            state: 'published',
            published_at: '2026-01-26T16:05:00Z',
            vulnerabilities: null,
          },
          state: state({ releasedAt: NOW.toISOString() }),
          policy: SPEC11,
          trackingIssue: null,
        },
      ],
      {
        project: 'proj',
        version: '1.0.1',
        repository: 'o/r',
        policy: SPEC11,
        releasedAt: NOW,
        releaseTag: null,
        releaseUrl: null,
        announcementUrl: null,
        now: NOW,
      },
    );
    expect(data.dueAt).toBe('2026-01-29T16:05:00.000Z');
    const text = renderTemplate(compileTemplate(RETROSPECTIVE_TEMPLATE.source, 'retro'), data);
    expect(text).toContain('- Release: no GitHub release was updated');
    expect(text).toContain(
      '[GHSA-2222-3333-4444](https://github.com/o/r/security/advisories/GHSA-2222-3333-4444): A \\*bad\\* bug; severity unknown',
    );
    expect(text).toContain(
      '| Acknowledged | not recorded | - | 2026-01-07 09:00 UTC | not recorded (deadline passed) |',
    );
    expect(text).toContain('- Fix team: none recorded');
    expect(text).not.toContain('null');
  });
});
