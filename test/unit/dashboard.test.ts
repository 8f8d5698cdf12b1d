import { describe, expect, it } from '@jest/globals';
import {
  ageInDays,
  DASHBOARD_MARKER,
  emptyDashboardState,
  MAX_ROWS,
  readDashboardState,
  renderDashboard,
  type DashboardState,
  type DashboardView,
} from '../../src/domain/dashboard.js';
import { mergeInventoryBatch, emptyInventory } from '../../src/domain/inventory.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { assessReport, type AdvisoryFacts } from '../../src/domain/sla.js';

const RECEIVED = new Date('2026-03-02T09:00:00Z');
const rule = { withinMs: 24 * 3600_000, fraction: 0.2 };

const advisory: AdvisoryFacts = {
  phase: 'triage',
  createdAt: RECEIVED,
  severity: 'high',
  cvssScore: undefined,
  cveId: null,
  privateFork: null,
  publishedAt: undefined,
  maintainerDraft: false,
};

function view(now: Date, state: DashboardState = emptyDashboardState(), keys = ['GHSA-aaaa-bbbb-cccc']): DashboardView {
  const assessed = keys.map((key) =>
    assessReport(PRESETS.spec11, { key, repository: 'org/repo', advisory }, now, rule),
  );
  return {
    policyName: 'spec11',
    scope: 'organization org (organization advisory list)',
    now,
    reports: assessed.map((assessment, index) => ({ assessment, issue: index === 0 ? undefined : index + 10 })),
    charts: [],
    staleForks: [],
    blindSpots: [],
    inventoryEnabled: true,
    state,
  };
}

describe('renderDashboard', () => {
  it('lists each open report with its stage, age in whole days, next deadline and status', () => {
    const body = renderDashboard(view(new Date('2026-03-05T10:00:00Z')));
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(body).toContain(
      '| GHSA-aaaa-bbbb-cccc | not tracked yet | org/repo | high | received | 3 d | Acknowledge, 2026-03-04 09:00 UTC | 🔴 breached |',
    );
    expect(body).toContain('**1 open report(s): 1 breached, 0 due soon, 0 on time.**');
    expect(body).toContain('_None: the token can read the advisories of every repository in scope._');
  });

  it('renders the same text all day: no clock time in it', () => {
    const morning = renderDashboard(view(new Date('2026-03-02T09:30:00Z')));
    expect(renderDashboard(view(new Date('2026-03-02T10:45:00Z')))).toBe(morning);
  });

  it('shows blind spots, forks to delete and inventory gaps', () => {
    const base = view(new Date('2026-03-05T10:00:00Z'));
    const published = assessReport(
      PRESETS.spec11,
      {
        key: 'GHSA-pppp-qqqq-rrrr',
        repository: 'org/lib',
        advisory: { ...advisory, phase: 'published', publishedAt: RECEIVED, privateFork: 'org/lib-ghsa-pppp' },
      },
      new Date('2026-03-05T10:00:00Z'),
      rule,
    );
    const inventory = mergeInventoryBatch(emptyInventory(), 1, 2, [
      { repository: 'org/docs', kinds: ['reporting-disabled', 'no-security-policy'] },
      { repository: 'org/app', kinds: ['reporting-unknown'] },
    ]);
    const body = renderDashboard({
      ...base,
      blindSpots: [{ repository: 'org/app', reason: 'reporting-status-unreadable' }],
      staleForks: [{ assessment: published, issue: 4 }],
      state: { ...emptyDashboardState(), inventory },
    });
    expect(body).toContain('| org/app | the token cannot read its private vulnerability reporting setting |');
    expect(body).toContain('| GHSA-pppp-qqqq-rrrr | org/lib | org/lib-ghsa-pppp |');
    expect(body).toContain('Checked 1 of 2 batch(es) of repositories so far');
    expect(body).toContain('- private vulnerability reporting is off (1): org/docs');
    expect(body).toContain('1 blind spot(s): not all clear.');
  });

  it('caps the table rows', () => {
    const keys = Array.from({ length: MAX_ROWS + 5 }, (_, i) => `issue-${i}`);
    const body = renderDashboard(view(new Date('2026-03-03T10:00:00Z'), emptyDashboardState(), keys));
    expect(body).toContain('_…and 5 more._');
  });

  it('escapes Markdown in values that come from the tracker', () => {
    const body = renderDashboard(view(new Date('2026-03-03T10:00:00Z'), emptyDashboardState(), ['x|y*z']));
    expect(body).toContain('| x\\|y\\*z |');
  });
});

describe('dashboard state block', () => {
  it('round-trips through the body', () => {
    const state: DashboardState = {
      version: 1,
      escalated: { 'GHSA-aaaa-bbbb-cccc': ['acknowledge', 'triage'] },
      inventory: mergeInventoryBatch(emptyInventory(), 1, 1, [{ repository: 'o/-->x', kinds: ['reporting-disabled'] }]),
    };
    const body = renderDashboard(view(new Date('2026-03-03T10:00:00Z'), state));
    expect(readDashboardState(body)).toEqual(state);
  });

  it('starts afresh from a body without one, or a damaged one', () => {
    expect(readDashboardState('no state')).toEqual(emptyDashboardState());
    expect(readDashboardState('<!-- disclosure-actions:dashboard-state {broken} -->')).toEqual(emptyDashboardState());
    const odd = '<!-- disclosure-actions:dashboard-state {"escalated":{"k":["triage","nope"],"j":"x"}} -->';
    expect(readDashboardState(odd).escalated).toEqual({ k: ['triage'] });
  });

  it('counts ages in whole days', () => {
    expect(ageInDays(RECEIVED, new Date('2026-03-03T08:59:00Z'))).toBe(0);
    expect(ageInDays(RECEIVED, new Date('2026-03-03T09:00:00Z'))).toBe(1);
  });
});
