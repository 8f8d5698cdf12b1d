/**
 * The parts of src/domain/dashboard.ts that the mutation run found unguarded: the process metrics section in full
 * (durations, within-policy shares, quarter titles, quarters with no step done, open reports by age), report rows
 * with no repository or severity, a fork row with no fork, the summary counts of each status, the blank line before
 * "…and N more", and a state block whose escalations are missing or null but whose inventory is good.
 */
import { describe, expect, it } from '@jest/globals';
import {
  durationText,
  emptyDashboardState,
  MAX_ROWS,
  readDashboardState,
  renderDashboard,
  type DashboardState,
  type DashboardView,
} from '../../src/domain/dashboard.js';
import { emptyInventory, mergeInventoryBatch } from '../../src/domain/inventory.js';
import {
  PERCENTILE_METHOD,
  TIME_TAKEN_FROM,
  type PeriodMetrics,
  type ProcessMetrics,
  type StepStats,
} from '../../src/domain/metrics.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { assessReport } from '../../src/domain/sla.js';
import { advisory as advisoryFacts, rule } from './sla-facts.js';

const NOW = new Date('2026-03-10T10:00:00Z');
const HOUR = 3600_000;
const advisory = advisoryFacts({ severity: 'high' });
const breached = assessReport(
  PRESETS.spec11,
  { key: 'GHSA-aaaa-bbbb-cccc', repository: 'org/repo', advisory },
  NOW,
  rule,
);

const empty: DashboardView = {
  policyName: 'spec11',
  scope: 'repository org/repo',
  now: NOW,
  reports: [],
  charts: [],
  staleForks: [],
  blindSpots: [],
  inventoryEnabled: true,
  state: emptyDashboardState(),
};

function stats(overrides: Partial<StepStats> & Pick<StepStats, 'step'>): StepStats {
  return {
    severity: 'all',
    count: 0,
    medianMs: undefined,
    p90Ms: undefined,
    judged: 0,
    withinPolicy: 0,
    ...overrides,
  };
}

const period = (label: string, from: string, to: string, rows: readonly StepStats[]): PeriodMetrics => ({
  label,
  from: new Date(from),
  to: new Date(to),
  stats: rows,
});

const nothingDone = [stats({ step: 'acknowledge' }), stats({ step: 'triage' })];

const metrics: ProcessMetrics = {
  now: new Date('2026-12-06T12:00:00Z'),
  last12Months: period('last-12-months', '2025-12-06T12:00:00Z', '2026-12-06T12:00:00Z', [
    stats({ step: 'acknowledge', count: 3, medianMs: 30 * 60_000, p90Ms: HOUR, judged: 3, withinPolicy: 2 }),
    stats({ step: 'acknowledge', severity: 'unrated', count: 3, medianMs: 1.5 * HOUR, p90Ms: 50 * HOUR }),
    stats({ step: 'triage' }),
  ]),
  quarters: [
    period('2025-Q4', '2025-12-06T12:00:00Z', '2025-12-31T23:59:59.999Z', [
      stats({ step: 'acknowledge', count: 1, medianMs: 60_000, p90Ms: 60_000, judged: 1, withinPolicy: 1 }),
    ]),
    period('2026-Q1', '2026-01-01T00:00:00Z', '2026-03-31T23:59:59.999Z', [
      stats({ step: 'acknowledge', count: 2, medianMs: 1.5 * HOUR, p90Ms: 2 * HOUR, judged: 2, withinPolicy: 0 }),
      stats({ step: 'triage' }),
    ]),
    period('2026-Q2', '2026-04-01T00:00:00Z', '2026-06-30T23:59:59.999Z', nothingDone),
    period('2026-Q4', '2026-10-01T00:00:00Z', '2026-12-06T12:00:00Z', [
      stats({ step: 'retrospective', count: 1, medianMs: 49 * HOUR, p90Ms: 49 * HOUR }),
    ]),
  ],
  openByAge: [
    {
      label: 'under 7 days',
      fromDays: 0,
      toDays: 7,
      bySeverity: { critical: 1, high: 0, medium: 2, low: 0, unrated: 3 },
      total: 6,
    },
    {
      label: '90 days or more',
      fromDays: 90,
      toDays: undefined,
      bySeverity: { critical: 0, high: 4, medium: 0, low: 5, unrated: 0 },
      total: 9,
    },
  ],
  open: 15,
};

const METRICS_SECTION = [
  '_No open report in scope._',
  '',
  '## Process metrics',
  '',
  `Steps done in the last 12 months, by severity. Time taken: from ${TIME_TAKEN_FROM}. Median and 90th percentile: ` +
    `${PERCENTILE_METHOD}. Within policy: done by the step's deadline.`,
  '',
  '| Step | Severity | Done | Median | 90th percentile | Within policy |',
  '|---|---|---|---|---|---|',
  '| Acknowledge | all | 3 | 30 min | 1 h | 2 of 3 (67 %) |',
  '| Acknowledge | not rated | 3 | 1.5 h | 2.1 d | — |',
  '| Triage | all | 0 | — | — | — |',
  '',
  '### Per quarter (UTC), newest first',
  '',
  '<details><summary>Q4 2026 (to date)</summary>',
  '',
  '| Step | Severity | Done | Median | 90th percentile | Within policy |',
  '|---|---|---|---|---|---|',
  '| Retrospective | all | 1 | 2 d | 2 d | — |',
  '',
  '</details>',
  '',
  '<details><summary>Q2 2026</summary>',
  '',
  '_No step done in this period._',
  '',
  '</details>',
  '',
  '<details><summary>Q1 2026</summary>',
  '',
  '| Step | Severity | Done | Median | 90th percentile | Within policy |',
  '|---|---|---|---|---|---|',
  '| Acknowledge | all | 2 | 1.5 h | 2 h | 0 of 2 (0 %) |',
  '',
  '</details>',
  '',
  '<details><summary>Q4 2025 (the part within the last 12 months)</summary>',
  '',
  '| Step | Severity | Done | Median | 90th percentile | Within policy |',
  '|---|---|---|---|---|---|',
  '| Acknowledge | all | 1 | 1 min | 1 min | 1 of 1 (100 %) |',
  '',
  '</details>',
  '',
  '### Open reports by age (15)',
  '',
  '| Age | critical | high | medium | low | not rated | all |',
  '|---|---|---|---|---|---|---|',
  '| under 7 days | 1 | 0 | 2 | 0 | 3 | 6 |',
  '| 90 days or more | 0 | 4 | 0 | 5 | 0 | 9 |',
  '',
  '## Inventory',
];

describe('the process metrics section', () => {
  it('shows the last 12 months, each quarter newest first, and the open reports by age', () => {
    expect(renderDashboard({ ...empty, metrics })).toContain(METRICS_SECTION.join('\n'));
  });

  it('is left out when no metrics are given', () => {
    expect(renderDashboard(empty)).not.toContain('## Process metrics');
  });

  it('says so when no step was done in the 12 months, and lists a quarter that has steps', () => {
    const quiet: ProcessMetrics = {
      ...metrics,
      last12Months: { ...metrics.last12Months, stats: nothingDone },
      quarters: [metrics.quarters[1] as PeriodMetrics],
    };
    const body = renderDashboard({ ...empty, metrics: quiet });
    expect(body).toContain(
      [
        `${PERCENTILE_METHOD}. Within policy: done by the step's deadline.`,
        '',
        '_No step done in this period._',
        '',
      ].join('\n'),
    );
    expect(body).toContain('<details><summary>Q1 2026 (to date)</summary>');
  });

  it('titles a period whose label has no quarter with its year alone', () => {
    const odd: ProcessMetrics = {
      ...metrics,
      quarters: [period('2026', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', nothingDone)],
    };
    expect(renderDashboard({ ...empty, metrics: odd })).toContain('<details><summary> 2026 (to date)</summary>');
  });
});

describe('dashboard durations', () => {
  it('turns to hours at exactly one hour, and to days at two days', () => {
    expect(durationText(HOUR - 30_000)).toBe('60 min');
    expect(durationText(HOUR)).toBe('1 h');
    expect(durationText(48 * HOUR - 1)).toBe('48 h');
    expect(durationText(48 * HOUR)).toBe('2 d');
    expect(durationText(undefined)).toBe('—');
  });
});

describe('the open reports table and summary', () => {
  it('shows a report with no repository or severity with a dash and "unknown"', () => {
    const bare = { ...breached, repository: null, severity: null };
    expect(renderDashboard({ ...empty, reports: [{ assessment: bare, issue: 5 }] })).toContain(
      '| GHSA-aaaa-bbbb-cccc | #5 | — | unknown | ',
    );
  });

  it('counts the reports due soon and on time', () => {
    const reports = [
      { assessment: breached, issue: 1 },
      { assessment: { ...breached, status: 'due-soon' as const }, issue: 2 },
      { assessment: { ...breached, status: 'on-time' as const }, issue: 3 },
      { assessment: { ...breached, status: 'on-time' as const }, issue: 4 },
    ];
    expect(renderDashboard({ ...empty, reports })).toContain(
      '**4 open report(s): 1 breached, 1 due soon, 2 on time.**',
    );
  });

  it('leaves a blank line between the last row and the count of rows not shown', () => {
    const reports = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ assessment: breached, issue: i + 1 }));
    expect(renderDashboard({ ...empty, reports })).toMatch(/ \|\n\n_…and 1 more\._\n/u);
  });

  it('leaves the fork cell empty when the fork is not known', () => {
    const stale = { assessment: { ...breached, fork: null }, issue: 7 };
    expect(renderDashboard({ ...empty, staleForks: [stale] })).toContain('| GHSA-aaaa-bbbb-cccc | org/repo |  |\n');
  });
});

describe('the dashboard state block', () => {
  const state: DashboardState = {
    version: 1,
    escalated: {},
    inventory: mergeInventoryBatch(emptyInventory(), 2, 3, [{ repository: 'org/docs', kinds: ['no-security-policy'] }]),
  };
  const inventoryJson = JSON.stringify(state.inventory);

  it('keeps the inventory when the escalations are null', () => {
    const body = `<!-- disclosure-actions:dashboard-state {"escalated":null,"inventory":${inventoryJson}} -->`;
    expect(readDashboardState(body)).toEqual(state);
  });

  it('keeps the inventory when the escalations are missing', () => {
    const body = `<!-- disclosure-actions:dashboard-state {"inventory":${inventoryJson}} -->`;
    expect(readDashboardState(body)).toEqual(state);
  });
});
