/**
 * The SLA dashboard issue (src/domain/dashboard.ts), in full: an empty scope, a report breached at several steps with
 * more charts than it shows, the inventory switched off, and a long list of inventory gaps.
 */
import { describe, expect, it } from '@jest/globals';
import {
  DASHBOARD_LABEL,
  DASHBOARD_TITLE,
  emptyDashboardState,
  MAX_CHARTED,
  readDashboardState,
  renderDashboard,
  type DashboardView,
} from '../../src/domain/dashboard.js';
import type { GanttReport } from '../../src/domain/gantt.js';
import { emptyInventory, mergeInventoryBatch } from '../../src/domain/inventory.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { assessReport } from '../../src/domain/sla.js';
import { advisory as advisoryFacts, at, RECEIVED as RECEIVED_ISO, rule } from './sla-facts.js';

const RECEIVED = at(RECEIVED_ISO);
const NOW = new Date('2026-03-10T10:00:00Z');
const advisory = advisoryFacts({ severity: 'high' });
const breached = assessReport(
  PRESETS.spec11,
  { key: 'GHSA-aaaa-bbbb-cccc', repository: 'org/repo', advisory },
  NOW,
  rule,
);
const chart = (key: string): GanttReport => ({
  key,
  steps: [
    {
      step: 'acknowledge',
      start: RECEIVED,
      due: new Date('2026-03-04T09:00:00Z'),
      doneAt: undefined,
      status: 'breached',
    },
  ],
});

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

const HEAD = [
  '<!-- disclosure-actions:sla-dashboard -->',
  'Every open security report and its next deadline under the disclosure policy `spec11`, kept by sla-check ' +
    '(edited only when something changes). Scope: repository org/repo.',
  '',
];
const NO_BLIND_SPOT = ['## Blind spots', '', '_None: the token can read the advisories of every repository in scope._'];
const EMPTY_STATE =
  '<!-- disclosure-actions:dashboard-state {"version":1,"escalated":{},"inventory":{"batches":1,"checked":[],"gaps":[]}} -->';

describe('the dashboard', () => {
  it('is titled and labelled for people filtering the tracker', () => {
    expect(DASHBOARD_TITLE).toBe('Security SLA dashboard');
    expect(DASHBOARD_LABEL).toBe('disclosure-dashboard');
  });

  it('of an empty scope says so, in every section', () => {
    expect(renderDashboard(empty)).toBe(
      [
        ...HEAD,
        '**0 open report(s): 0 breached, 0 due soon, 0 on time.**',
        '',
        '## Open reports',
        '',
        '_No open report in scope._',
        '',
        '## Inventory',
        '',
        'Checked 0 of 1 batch(es) of repositories so far (one per sweep).',
        '',
        '_No gap found._',
        '',
        ...NO_BLIND_SPOT,
        '',
        EMPTY_STATE,
        '',
      ].join('\n'),
    );
  });

  it('counts the steps of a report breached at more than one, and charts only the first reports', () => {
    const charts = Array.from({ length: MAX_CHARTED + 1 }, (_, index) => chart(`r${index}`));
    const body = renderDashboard({
      ...empty,
      reports: [{ assessment: breached, issue: 12 }],
      charts,
      inventoryEnabled: false,
    });
    const chartLines = charts
      .slice(0, MAX_CHARTED)
      .flatMap((_, index) => [
        `    section r${index}`,
        `    Acknowledge due :crit, r${index}s0, 2026-03-02 09:00, 2026-03-04 09:00`,
      ]);
    expect(MAX_CHARTED).toBe(10);
    expect(body).toBe(
      [
        ...HEAD,
        '**1 open report(s): 1 breached, 0 due soon, 0 on time.**',
        '',
        '## Open reports',
        '',
        '| Report | Tracking issue | Repository | Severity | Stage | Age | Next deadline | Status |',
        '|---|---|---|---|---|---|---|---|',
        '| GHSA-aaaa-bbbb-cccc | #12 | org/repo | high | received | 8 d | Acknowledge, 2026-03-04 09:00 UTC | 🔴 breached (4 steps) |',
        '',
        '## Timeline',
        '',
        'Planned deadlines against what happened (the first 10 of 11): red is late, highlighted is due soon.',
        '',
        '```mermaid',
        'gantt',
        '    dateFormat YYYY-MM-DD HH:mm',
        '    axisFormat %Y-%m-%d',
        ...chartLines,
        '```',
        '',
        '## Inventory',
        '',
        '_Not checked (`inventory: false`)._',
        '',
        ...NO_BLIND_SPOT,
        '',
        EMPTY_STATE,
        '',
      ].join('\n'),
    );
  });

  it('charts every report when there are few, without saying how many', () => {
    const body = renderDashboard({ ...empty, charts: [chart('r0')] });
    expect(body).toContain(
      '## Timeline\n\nPlanned deadlines against what happened: red is late, highlighted is due soon.\n\n```mermaid\n',
    );
    expect(body).toContain('```\n\n## Inventory\n');
  });

  it('lists the first 60 repositories of a gap and counts the rest', () => {
    const checks = Array.from({ length: 62 }, (_, index) => ({
      repository: `org/r${String(index).padStart(2, '0')}`,
      kinds: ['no-security-policy' as const],
    }));
    const inventory = mergeInventoryBatch(emptyInventory(), 1, 1, checks);
    const body = renderDashboard({ ...empty, state: { ...emptyDashboardState(), inventory } });
    const listed = checks.slice(0, 60).map((check) => check.repository);
    expect(body).toContain(
      '## Inventory\n\nChecked 1 of 1 batch(es) of repositories so far (one per sweep).\n\n' +
        `- no SECURITY.md (repository, .github/, docs/ or the organization’s .github repository) (62): ${listed.join(', ')} and 2 more\n\n## Blind spots`,
    );
  });

  it('lists exactly 60 repositories without "more"', () => {
    const checks = Array.from({ length: 60 }, (_, index) => ({
      repository: `org/r${String(index).padStart(2, '0')}`,
      kinds: ['reporting-disabled' as const],
    }));
    const inventory = mergeInventoryBatch(emptyInventory(), 1, 1, checks);
    const body = renderDashboard({ ...empty, state: { ...emptyDashboardState(), inventory } });
    expect(body).toContain(
      `- private vulnerability reporting is off (60): ${checks.map((c) => c.repository).join(', ')}\n`,
    );
    expect(body).not.toContain('more');
  });

  it('sums up forks to delete and blind spots in the first line', () => {
    const published = assessReport(
      PRESETS.spec11,
      {
        key: 'GHSA-pppp-qqqq-rrrr',
        repository: null,
        advisory: { ...advisory, phase: 'published', publishedAt: RECEIVED, privateFork: 'org/lib-ghsa-pppp' },
      },
      NOW,
      rule,
    );
    const body = renderDashboard({
      ...empty,
      staleForks: [{ assessment: published, issue: undefined }],
      blindSpots: [
        { repository: 'org/a', reason: 'published-only' },
        { repository: 'org/b', reason: 'advisories-unreadable' },
      ],
    });
    expect(body).toContain(
      '**0 open report(s): 0 breached, 0 due soon, 0 on time.** 2 blind spot(s): not all clear. 1 temporary fork(s) to delete.\n',
    );
    expect(body).toContain(
      [
        '## Temporary private forks to delete',
        '',
        'The fix is public or the report is closed: delete these (create-temp-fork with `mode: cleanup`).',
        '',
        '| Report | Repository | Fork |',
        '|---|---|---|',
        '| GHSA-pppp-qqqq-rrrr | — | org/lib-ghsa-pppp |',
        '',
        '## Inventory',
      ].join('\n'),
    );
    expect(body).toContain(
      [
        '## Blind spots',
        '',
        'Reports in these repositories may go unseen, so the sweep never reports all clear while they remain.',
        '',
        '| Repository | Why |',
        '|---|---|',
        '| org/a | the token sees only its published advisories (no admin or security manager of it) |',
        '| org/b | the token cannot list its security advisories |',
        '',
      ].join('\n'),
    );
  });
});

describe('the dashboard state block', () => {
  it('reads a body of null or nothing as a fresh state', () => {
    expect(readDashboardState(null)).toEqual(emptyDashboardState());
    expect(readDashboardState(undefined)).toEqual(emptyDashboardState());
    expect(emptyDashboardState()).toEqual({ version: 1, escalated: {}, inventory: emptyInventory() });
  });

  it('drops escalations that are not lists of steps', () => {
    const body = '<!-- disclosure-actions:dashboard-state {"escalated":{"a":["nope"],"b":null,"c":["disclose"]}} -->';
    expect(readDashboardState(body).escalated).toEqual({ c: ['disclose'] });
    const notObject = '<!-- disclosure-actions:dashboard-state {"escalated":"x"} -->';
    expect(readDashboardState(notObject).escalated).toEqual({});
    const nullEscalated = '<!-- disclosure-actions:dashboard-state {"escalated":null} -->';
    expect(readDashboardState(nullEscalated).escalated).toEqual({});
  });

  it('needs the space before the end of the comment', () => {
    expect(readDashboardState('<!-- disclosure-actions:dashboard-state {"escalated":{"c":["disclose"]}}-->')).toEqual(
      emptyDashboardState(),
    );
  });
});
