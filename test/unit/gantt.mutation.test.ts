/**
 * The Mermaid chart of a report's timeline (src/domain/gantt.ts): the whole chart of a new report, and the edge
 * cases of titles and windows that Mermaid would otherwise misdraw.
 */
import { describe, expect, it } from '@jest/globals';
import { GANTT_SECTION, ganttStepsFromState, renderGantt, renderReportGantt } from '../../src/domain/gantt.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { newTrackerState } from '../../src/domain/tracker-state.js';

const RECEIVED = '2026-03-02T09:00:00.000Z';

describe('the chart of a report', () => {
  it('is titled with the key, and draws every step with a due date', () => {
    const state = newTrackerState('GHSA-aaaa-bbbb-cccc', 'org/repo', 'spec11', RECEIVED);
    expect(renderReportGantt(PRESETS.spec11, state)).toBe(
      [
        '```mermaid',
        'gantt',
        '    title GHSA-aaaa-bbbb-cccc timeline in UTC',
        '    dateFormat YYYY-MM-DD HH:mm',
        '    axisFormat %Y-%m-%d',
        '    section GHSA-aaaa-bbbb-cccc',
        '    Acknowledge due :r0s0, 2026-03-02 09:00, 2026-03-04 09:00',
        '    Triage due :r0s1, 2026-03-02 09:00, 2026-03-09 09:00',
        '    Fix team due :r0s2, 2026-03-02 09:00, 2026-03-09 09:00',
        '    Advisory and CVE due :r0s3, 2026-03-02 09:00, 2026-03-09 09:00',
        '    Fix release due :r0s4, 2026-03-02 09:00, 2026-03-23 17:00',
        // SPEC 11 states no disclosure deadline: nothing to draw for it.
        '```',
      ].join('\n'),
    );
    expect(GANTT_SECTION).toBe('gantt');
  });

  it('starts every window at the report, and the retrospective at the publication when no release is recorded', () => {
    const state = { ...newTrackerState('k', null, 'spec11', RECEIVED), publishedAt: '2026-03-20T16:05:00.000Z' };
    const steps = ganttStepsFromState(PRESETS.spec11, state);
    expect(steps.map((step) => step.start.toISOString())).toEqual([
      ...Array(6).fill(RECEIVED),
      '2026-03-20T16:05:00.000Z',
    ]);
    expect(steps[6]?.due?.toISOString()).toBe('2026-03-23T16:05:00.000Z');
    expect(steps[5]?.doneAt?.toISOString()).toBe('2026-03-20T16:05:00.000Z');
  });
});

describe('renderGantt', () => {
  it('draws a window of one minute when the due date is not after the start', () => {
    const chart = renderGantt([
      {
        key: 'A',
        steps: [
          { step: 'triage', start: new Date(RECEIVED), due: new Date(RECEIVED), doneAt: undefined },
          { step: 'disclose', start: new Date(RECEIVED), due: new Date('2026-03-02T08:00:00Z'), doneAt: undefined },
        ],
      },
    ]);
    expect(chart).toContain('    Triage due :r0s1, 2026-03-02 09:00, 2026-03-02 09:01\n');
    expect(chart).toContain('    Disclose due :r0s5, 2026-03-02 09:00, 2026-03-02 09:01\n');
  });

  it('marks a step done on time as done only, with its milestone', () => {
    const chart = renderGantt([
      {
        key: 'A',
        steps: [
          {
            step: 'acknowledge',
            start: new Date(RECEIVED),
            due: new Date('2026-03-04T09:00:00Z'),
            doneAt: new Date('2026-03-04T09:00:00Z'),
            status: 'met',
          },
        ],
      },
    ]);
    expect(chart).toContain(
      '    Acknowledge due :done, r0s0, 2026-03-02 09:00, 2026-03-04 09:00\n' +
        '    Acknowledge done :milestone, r0s0m, 2026-03-04 09:00, 0m\n',
    );
  });

  it('has no title line without a title, and one section per report even without steps', () => {
    expect(renderGantt([{ key: 'A', steps: [] }])).toBe(
      '```mermaid\ngantt\n    dateFormat YYYY-MM-DD HH:mm\n    axisFormat %Y-%m-%d\n    section A\n```',
    );
    expect(renderGantt([])).toBe('```mermaid\ngantt\n    dateFormat YYYY-MM-DD HH:mm\n    axisFormat %Y-%m-%d\n```');
  });

  it('keeps titles of plain characters, cuts them at 60, and names an empty one "report"', () => {
    const long = 'a'.repeat(70);
    expect(renderGantt([{ key: long, steps: [] }])).toContain(`    section ${'a'.repeat(60)}\n`);
    expect(renderGantt([{ key: '', steps: [] }])).toContain('    section report\n');
    expect(renderGantt([{ key: 'Org/Repo_1.2 x-y', steps: [] }])).toContain('    section Org/Repo_1.2 x-y\n');
    expect(renderGantt([], '')).not.toContain('title');
  });
});
