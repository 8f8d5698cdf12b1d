import { describe, expect, it } from '@jest/globals';
import { TRACKER_LABEL } from '../../src/actions/common/tracker.js';
import { DASHBOARD_MARKER } from '../../src/domain/dashboard.js';
import type { MetricsJson } from '../../src/domain/metrics.js';
import type { TrackerState } from '../../src/domain/tracker-state.js';
import { addLabel } from '../emulator/state.js';
import type { Issue } from '../emulator/types.js';
import { runAgain } from '../harness/second-run.js';
import { addPrivateReport, addTrackingIssue, ORG, PROJECT, reportOf, TRACKER } from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

const NOW = '2026-12-07T10:00:00.000Z';
const HOUR = 3600_000;
const watched = watchedEmulator(() => ({ now: NOW }));

const INPUTS = { token: 'token-admin', tracker: TRACKER, organization: ORG, inventory: 'false' };

const after = (received: string, hours: number): string => new Date(Date.parse(received) + hours * HOUR).toISOString();

/** A tracking issue of a report that left the open lists, its issue closed when `closed`. */
function tracked(key: string, receivedAt: string, state: Partial<TrackerState>, closed: boolean): Issue {
  const issue = addTrackingIssue(watched.emulator.state, { key, repository: PROJECT, receivedAt, state });
  if (closed) {
    issue.state = 'closed';
    issue.stateReason = 'completed';
    issue.closedAt = state.retrospectiveDoneAt ?? state.closedAt ?? NOW;
  }
  return issue;
}

/**
 * Everything in 2026-Q4 (spec11: acknowledge 48 h, triage and fix team 7 days = 168 h, retrospective 3 days = 72 h
 * after the release):
 * - A (high, closed): acknowledged 2 h, triaged 30 h, fix team 30 h, released +120 h, retrospective 48 h after it.
 * - B (high, closed): acknowledged 10 h, triaged 216 h (late), fix team 216 h (late), released +288 h,
 *   retrospective 120 h after it (late).
 * - C (low by its CVSS score, rejected, closed): acknowledged 60 h (late), triaged 72 h.
 * - D (critical, open, tracked): acknowledged 1 h, triaged 20 h; received 6 days and 1 hour before NOW.
 * - E (open, no tracking issue yet): received 17 days before NOW; counted among open reports only.
 */
function seedWorld(): void {
  addLabel(watched.emulator.state, TRACKER, TRACKER_LABEL);
  const a = '2026-10-05T09:00:00.000Z';
  tracked(
    'GHSA-aaaa-aaaa-aaaa',
    a,
    {
      severity: 'high',
      acknowledgedAt: after(a, 2),
      triagedAt: after(a, 30),
      decision: 'accept',
      fixTeamAt: after(a, 30),
      cveRequestedAt: after(a, 48),
      releasedAt: after(a, 120),
      publishedAt: after(a, 121),
      retrospectiveDoneAt: after(a, 120 + 48),
    },
    true,
  );
  const b = '2026-11-02T09:00:00.000Z';
  tracked(
    'GHSA-bbbb-bbbb-bbbb',
    b,
    {
      severity: 'high',
      acknowledgedAt: after(b, 10),
      triagedAt: after(b, 216),
      decision: 'accept',
      fixTeamAt: after(b, 216),
      cveRequestedAt: after(b, 216),
      releasedAt: after(b, 288),
      publishedAt: after(b, 288),
      retrospectiveDoneAt: after(b, 288 + 120),
    },
    true,
  );
  const c = '2026-11-16T09:00:00.000Z';
  tracked(
    'GHSA-cccc-cccc-cccc',
    c,
    {
      cvss: { vector: 'CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', score: 2.0, version: '3.1' },
      acknowledgedAt: after(c, 60),
      triagedAt: after(c, 72),
      decision: 'reject',
      closedAt: after(c, 72),
    },
    true,
  );
  const d = addPrivateReport(watched.emulator.state, PROJECT, { createdAt: '2026-12-01T09:00:00.000Z' });
  const dReceived = reportOf(d).receivedAt;
  addTrackingIssue(watched.emulator.state, {
    ...reportOf(d),
    state: { severity: 'critical', acknowledgedAt: after(dReceived, 1), triagedAt: after(dReceived, 20) },
  });
  addPrivateReport(watched.emulator.state, PROJECT, { createdAt: '2026-11-20T09:00:00.000Z' });
}

type Row = MetricsJson['last12Months']['steps'][number];
const row = (rows: readonly Row[], step: string, severity: string): Row | undefined =>
  rows.find((r) => r.step === step && r.severity === severity);

describe('sla-check process metrics', () => {
  it('computes the metrics output and the dashboard section from open and closed tracking issues', async () => {
    seedWorld();
    const result = await watched.run('sla-check', { inputs: INPUTS });
    expect(result.exitCode).toBe(0);
    const output = result.outputs.metrics ?? '';
    expect(output).not.toMatch(/GHSA-/);
    const metrics = JSON.parse(output) as MetricsJson;
    const year = metrics.last12Months.steps;

    // Acknowledge: sorted [1, 2, 10, 60] h. Median: h = 3 * 0.5 = 1.5 -> 2 + 0.5 * 8 = 6 h.
    // 90th: h = 3 * 0.9 = 2.7 -> 10 + 0.7 * 50 = 45 h. Within 48 h: 3 of 4 (C's 60 h is late).
    expect(row(year, 'acknowledge', 'all')).toEqual({
      step: 'acknowledge',
      severity: 'all',
      done: 4,
      medianHours: 6,
      p90Hours: 45,
      judged: 4,
      withinPolicy: 3,
      withinPolicyShare: 0.75,
    });
    // High (A, B): [2, 10]. Median 2 + 0.5 * 8 = 6 h; 90th: h = 0.9 -> 2 + 0.9 * 8 = 9.2 h.
    expect(row(year, 'acknowledge', 'high')).toMatchObject({ done: 2, medianHours: 6, p90Hours: 9.2, withinPolicy: 2 });
    expect(row(year, 'acknowledge', 'critical')).toMatchObject({ done: 1, medianHours: 1, withinPolicy: 1 });
    // C has no rating: its CVSS score 2.0 rates it low.
    expect(row(year, 'acknowledge', 'low')).toMatchObject({ done: 1, medianHours: 60, withinPolicy: 0 });
    // Triage: sorted [20, 30, 72, 216] h. Median: 30 + 0.5 * 42 = 51 h. 90th: 72 + 0.7 * 144 = 172.8 h.
    // Within 168 h: 3 of 4.
    expect(row(year, 'triage', 'all')).toMatchObject({ done: 4, medianHours: 51, p90Hours: 172.8, withinPolicy: 3 });
    // Fix team: [30, 216] h. Median: 30 + 0.5 * 186 = 123 h. 90th: 30 + 0.9 * 186 = 197.4 h. Within: 1 of 2.
    expect(row(year, 'fix-team', 'all')).toMatchObject({ done: 2, medianHours: 123, p90Hours: 197.4, withinPolicy: 1 });
    // Retrospective, from the release: [48, 120] h. Median 84 h. 90th: 48 + 0.9 * 72 = 112.8 h. Within 72 h: 1 of 2.
    expect(row(year, 'retrospective', 'all')).toMatchObject({
      done: 2,
      medianHours: 84,
      p90Hours: 112.8,
      judged: 2,
      withinPolicy: 1,
    });
    expect(metrics.quarters.map((q) => q.period)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(metrics.quarters[4]?.steps).toEqual(year);
    expect(row(metrics.quarters[3]?.steps ?? [], 'acknowledge', 'all')?.done).toBe(0);
    // Open: D (6 days: under 7 days, critical) and E (17 days, untracked: its advisory has no severity).
    expect(metrics.open).toBe(2);
    expect(metrics.openByAge[0]).toMatchObject({ age: 'under 7 days', total: 1, bySeverity: { critical: 1 } });
    expect(metrics.openByAge[1]).toMatchObject({ age: '7 to 29 days', total: 1, bySeverity: { unrated: 1 } });

    const dashboard = watched.emulator.state.issues.find((i) => i.body?.startsWith(DASHBOARD_MARKER));
    const body = dashboard?.body ?? '';
    expect(body).toContain('## Process metrics');
    expect(body).toContain('| Acknowledge | all | 4 | 6 h | 45 h | 3 of 4 (75 %) |');
    expect(body).toContain('| Triage | all | 4 | 2.1 d | 7.2 d | 3 of 4 (75 %) |');
    expect(body).toContain('| Retrospective | all | 2 | 3.5 d | 4.7 d | 1 of 2 (50 %) |');
    expect(body).toContain('<details><summary>Q4 2026 (to date)</summary>');
    expect(body).toContain('### Open reports by age (2)');
    expect(body).toContain('| under 7 days | 1 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('costs no request of its own (one listing of the tracker, closed issues included) and a second sweep the same day writes nothing', async () => {
    seedWorld();
    watched.emulator.resetLog();
    const first = await watched.run('sla-check', { inputs: INPUTS });
    expect(first.exitCode).toBe(0);
    const trackerListings = watched.emulator.log.filter(
      (r) => r.method === 'GET' && r.path === `/repos/${TRACKER}/issues` && r.query.labels === TRACKER_LABEL,
    );
    expect(trackerListings.map((r) => r.query.state)).toEqual(['all']);
    // Three hours later, the same day: nothing new, so nothing to write (the section holds no clock time).
    watched.emulator.setNow('2026-12-07T13:00:00.000Z');
    const { result, writes } = await runAgain('sla-check', { inputs: INPUTS }, watched.emulator, (name, options) =>
      watched.run(name, options),
    );
    expect(result.exitCode).toBe(0);
    expect(writes).toEqual([]);
    const withoutClock = (json: string | undefined): unknown => ({ ...JSON.parse(json ?? ''), generatedAt: null });
    expect(withoutClock(result.outputs.metrics)).toEqual({
      ...(withoutClock(first.outputs.metrics) as object),
      last12Months: expect.objectContaining({ from: '2025-12-07T13:00:00.000Z' }),
      quarters: expect.any(Array),
    });
  });

  it('writes the metrics to the file metrics-file names', async () => {
    seedWorld();
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const workspace = mkdtempSync(join(tmpdir(), 'metrics-'));
    const result = await watched.run('sla-check', {
      inputs: { ...INPUTS, 'metrics-file': 'metrics.json' },
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(workspace, 'metrics.json'), 'utf8'))).toEqual(
      JSON.parse(result.outputs.metrics ?? ''),
    );
  });

  it('refuses a metrics-file outside the workspace before any request', async () => {
    seedWorld();
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const workspace = mkdtempSync(join(tmpdir(), 'metrics-'));
    watched.emulator.resetLog();
    const result = await watched.run('sla-check', {
      inputs: { ...INPUTS, 'metrics-file': '/usr/metrics.json' },
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(
      /Input "metrics-file" names .* outside the workspace/,
    );
    expect(watched.emulator.log).toEqual([]);
  });
});
