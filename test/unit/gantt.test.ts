import { describe, expect, it } from '@jest/globals';
import { ganttStepsFromState, renderGantt, renderReportGantt } from '../../src/domain/gantt.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';

const RECEIVED = '2026-03-02T09:00:00.000Z';

describe('renderReportGantt', () => {
  const state = {
    ...newTrackerState('GHSA-aaaa-bbbb-cccc', 'org/repo', 'spec11', RECEIVED),
    acknowledgedAt: '2026-03-02T11:30:00.000Z',
    triagedAt: '2026-03-12T09:00:00.000Z',
  };

  it('draws each step from the report to its deadline, and a milestone when it was done', () => {
    const chart = renderReportGantt(PRESETS.spec11, state);
    expect(chart.startsWith('```mermaid\ngantt\n')).toBe(true);
    expect(chart.endsWith('\n```')).toBe(true);
    expect(chart).toContain('    dateFormat YYYY-MM-DD HH:mm');
    expect(chart).toContain('    section GHSA-aaaa-bbbb-cccc');
    expect(chart).toContain('    Acknowledge due :done, r0s0, 2026-03-02 09:00, 2026-03-04 09:00');
    expect(chart).toContain('    Acknowledge done :milestone, r0s0m, 2026-03-02 11:30, 0m');
    // Triaged after its 7-day deadline: the window and the milestone are marked late.
    expect(chart).toContain('    Triage due :done, crit, r0s1, 2026-03-02 09:00, 2026-03-09 09:00');
    expect(chart).toContain('    Triage done :crit, milestone, r0s1m, 2026-03-12 09:00, 0m');
    // SPEC 11 states no disclosure deadline: nothing to draw for it.
    expect(chart).not.toContain('Disclose due');
    // No release yet: the retrospective has no date to draw.
    expect(chart).not.toContain('Retrospective');
  });

  it('renders the same text for the same state, whenever it is rendered', () => {
    expect(renderReportGantt(PRESETS.spec11, state)).toBe(renderReportGantt(PRESETS.spec11, { ...state }));
  });

  it('starts the retrospective window at the release', () => {
    const released = { ...state, releasedAt: '2026-03-20T16:00:00.000Z', publishedAt: '2026-03-20T16:05:00.000Z' };
    expect(renderReportGantt(PRESETS.spec11, released)).toContain(
      '    Retrospective due :r0s6, 2026-03-20 16:00, 2026-03-23 16:00',
    );
  });
});

describe('the tracking issue chart and the dashboard chart', () => {
  const state = { ...newTrackerState('GHSA-aaaa-bbbb-cccc', 'org/repo', 'spec11', RECEIVED) };

  it('mark a breach the same way: critical, from the sweep’s judgement of each step', () => {
    const judged = [
      { step: 'acknowledge' as const, status: 'breached' as const },
      { step: 'triage' as const, status: 'due-soon' as const },
      { step: 'fix-team' as const, status: 'overdue' as const },
    ];
    const tracker = renderReportGantt(PRESETS.spec11, state, judged);
    expect(tracker).toContain('    Acknowledge due :crit, r0s0, 2026-03-02 09:00, 2026-03-04 09:00');
    expect(tracker).toContain('    Triage due :active, r0s1, 2026-03-02 09:00, 2026-03-09 09:00');
    // Past due on a step the policy only reminds about: highlighted, never red.
    expect(tracker).toContain('    Fix team due :active, r0s2, 2026-03-02 09:00, 2026-03-09 09:00');
    expect(tracker).toContain('    Advisory and CVE due :r0s3, 2026-03-02 09:00, 2026-03-09 09:00');
    // The dashboard draws the same steps with the same judgement: the same lines, under its own section.
    const steps = ganttStepsFromState(PRESETS.spec11, state, judged);
    const dashboard = renderGantt([{ key: state.key, steps }]);
    const stepLines = (chart: string) => chart.split('\n').filter((line) => line.includes(' due :'));
    expect(stepLines(dashboard)).toEqual(stepLines(tracker));
  });
});

describe('renderGantt', () => {
  const step = (status: 'breached' | 'due-soon' | 'on-time') => ({
    step: 'triage' as const,
    start: new Date(RECEIVED),
    due: new Date('2026-03-09T09:00:00Z'),
    doneAt: undefined,
    status,
  });

  it('marks breached windows critical and due-soon ones active', () => {
    const chart = renderGantt([
      { key: 'A', steps: [step('breached')] },
      { key: 'B', steps: [step('due-soon')] },
      { key: 'C', steps: [step('on-time')] },
    ]);
    expect(chart).toContain('    Triage due :crit, r0s1,');
    expect(chart).toContain('    Triage due :active, r1s1,');
    expect(chart).toContain('    Triage due :r2s1,');
  });

  it('keeps section titles free of characters Mermaid would parse', () => {
    const chart = renderGantt([{ key: 'x: y # z;', steps: [] }], 'a:b');
    expect(chart).toContain('    section x- y - z-');
    expect(chart).toContain('    title a-b');
  });
});
