/**
 * The checklist on the tracking issue (src/domain/checklist.ts): every step with its due date under the policy,
 * checked off from the state, the late ones marked, and the temporary fork's line in its place.
 */
import { describe, expect, it } from '@jest/globals';
import { deadlinesFor, formatUtc, renderChecklist, stepCompletion } from '../../src/domain/checklist.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

// A Monday, 09:00 UTC.
const received = '2026-11-02T09:00:00.000Z';
const fresh = (): TrackerState => newTrackerState('GHSA-aaaa-bbbb-cccc', 'example-org/app', 'spec11', received);
const lines = (state: TrackerState) => renderChecklist(PRESETS.spec11, state).split('\n');

describe('formatUtc', () => {
  it('writes a moment to the minute, in UTC', () => {
    expect(formatUtc(new Date('2026-11-04T09:07:59.999Z'))).toBe('2026-11-04 09:07 UTC');
  });
});

describe('the checklist of a new report', () => {
  it('lists every step unchecked with its due date under the policy, the fork before the release', () => {
    expect(renderChecklist(PRESETS.spec11, fresh())).toBe(
      [
        '### Checklist (policy: spec11)',
        '',
        '- [ ] Acknowledge the report and tell the reporter what to expect (due 2026-11-04 09:00 UTC)',
        '- [ ] Triage: reproduce, score with CVSS, decide TLP, accept or reject (due 2026-11-09 09:00 UTC)',
        '- [ ] Assign the fix team and add them to the advisory (due 2026-11-09 09:00 UTC)',
        '- [ ] Draft the advisory, set CVSS, request a CVE (due 2026-11-09 09:00 UTC)',
        '- [ ] Temporary private fork for the fix',
        '- [ ] Release the fix (16:00 UTC release window) (due 2026-11-23 17:00 UTC)',
        // SPEC 11 states no disclosure deadline.
        '- [ ] Publish the advisory and the announcement (no deadline)',
        '- [ ] Hold the blameless retrospective (due after the release)',
      ].join('\n'),
    );
  });

  it('names the policy it was computed under', () => {
    expect(renderChecklist(PRESETS.stacklok, fresh()).split('\n')[0]).toBe('### Checklist (policy: stacklok)');
    // Stacklok acknowledges within 24 hours.
    expect(renderChecklist(PRESETS.stacklok, fresh())).toContain('(due 2026-11-03 09:00 UTC)');
  });
});

describe('steps done', () => {
  it('are checked with when they were done, and marked late only after their due date', () => {
    const state: TrackerState = {
      ...fresh(),
      acknowledgedAt: '2026-11-04T09:00:00.000Z', // exactly at the due date: on time
      triagedAt: '2026-11-09T09:01:00.000Z', // a minute late
    };
    const [, , acknowledge, triage, fixTeam] = lines(state);
    expect(acknowledge).toBe(
      '- [x] Acknowledge the report and tell the reporter what to expect (due 2026-11-04 09:00 UTC; done 2026-11-04 09:00 UTC)',
    );
    expect(triage).toBe(
      '- [x] Triage: reproduce, score with CVSS, decide TLP, accept or reject (due 2026-11-09 09:00 UTC; done 2026-11-09 09:01 UTC (late))',
    );
    expect(fixTeam).toBe('- [ ] Assign the fix team and add them to the advisory (due 2026-11-09 09:00 UTC)');
  });

  it('each come from their own field of the state', () => {
    const state: TrackerState = {
      ...fresh(),
      acknowledgedAt: '2026-11-02T10:00:00.000Z',
      triagedAt: '2026-11-03T11:00:00.000Z',
      fixTeamAt: '2026-11-04T12:00:00.000Z',
      cveRequestedAt: '2026-11-05T13:00:00.000Z',
      releasedAt: '2026-11-10T16:30:00.000Z',
      publishedAt: '2026-11-10T17:00:00.000Z',
      retrospectiveDoneAt: '2026-11-12T09:00:00.000Z',
    };
    expect(stepCompletion(state)).toEqual({
      acknowledge: new Date('2026-11-02T10:00:00.000Z'),
      triage: new Date('2026-11-03T11:00:00.000Z'),
      'fix-team': new Date('2026-11-04T12:00:00.000Z'),
      'advisory-cve': new Date('2026-11-05T13:00:00.000Z'),
      'fix-release': new Date('2026-11-10T16:30:00.000Z'),
      disclose: new Date('2026-11-10T17:00:00.000Z'),
      retrospective: new Date('2026-11-12T09:00:00.000Z'),
    });
    expect(
      lines(state)
        .slice(2)
        .filter((line) => line.startsWith('- [x]')),
    ).toHaveLength(7);
    expect(lines(state)[9]).toBe(
      '- [x] Hold the blameless retrospective (due 2026-11-13 16:30 UTC; done 2026-11-12 09:00 UTC)',
    );
  });

  it('leave the steps not done unchecked', () => {
    expect(stepCompletion(fresh())).toEqual({
      acknowledge: undefined,
      triage: undefined,
      'fix-team': undefined,
      'advisory-cve': undefined,
      'fix-release': undefined,
      disclose: undefined,
      retrospective: undefined,
    });
  });
});

describe('the retrospective', () => {
  it('is due the policy’s time after the release', () => {
    const state = { ...fresh(), releasedAt: '2026-11-10T16:30:00.000Z' };
    expect(deadlinesFor(PRESETS.spec11, state).retrospective?.toISOString()).toBe('2026-11-13T16:30:00.000Z');
  });

  it('counts from the publication when no release was recorded', () => {
    const state = { ...fresh(), publishedAt: '2026-11-20T08:00:00.000Z' };
    expect(deadlinesFor(PRESETS.spec11, state).retrospective?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(lines(state)[9]).toBe('- [ ] Hold the blameless retrospective (due 2026-11-23 08:00 UTC)');
  });

  it('counts from the release when both were recorded', () => {
    const state = { ...fresh(), releasedAt: '2026-11-10T16:30:00.000Z', publishedAt: '2026-11-20T08:00:00.000Z' };
    expect(deadlinesFor(PRESETS.spec11, state).retrospective?.toISOString()).toBe('2026-11-13T16:30:00.000Z');
  });
});

describe('the fix release', () => {
  it('stretches for a low CVSS score in the state, under a policy that stretches by itself', () => {
    const low = {
      ...fresh(),
      cvss: { vector: 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', score: 1.6, version: '3.1' },
    };
    const slowDown = { ...PRESETS.spec11.lowSeveritySlowDown, automatic: true };
    const stretching = { ...PRESETS.spec11, lowSeveritySlowDown: slowDown };
    expect(deadlinesFor(stretching, low)['fix-release']?.toISOString()).toBe('2026-12-14T17:00:00.000Z');
    expect(renderChecklist(stretching, low).split('\n')[7]).toBe(
      '- [ ] Release the fix (16:00 UTC release window) (due 2026-12-14 17:00 UTC)',
    );
  });

  it('is due where a recorded move put it, as everything that shows it counts it', () => {
    const moved: TrackerState = {
      ...fresh(),
      deadlineMoves: [
        {
          step: 'fix-release',
          to: '2026-12-01T17:00:00.000Z',
          from: '2026-11-23T17:00:00.000Z',
          reason: 'release day agreed with the reporter',
          kind: 'release-date',
          at: '2026-11-10T10:00:00.000Z',
        },
      ],
    };
    expect(lines(moved)[7]).toBe('- [ ] Release the fix (16:00 UTC release window) (due 2026-12-01 17:00 UTC)');
  });
});

describe('the fork line', () => {
  it('names the fork once there is one', () => {
    const state = { ...fresh(), fork: { fullName: 'example-org/app-ghsa-aaaa', url: 'https://github.com/x' } };
    expect(lines(state)[6]).toBe('- [x] Temporary private fork for the fix: example-org/app-ghsa-aaaa');
  });

  it('says when the fork was deleted', () => {
    const state = {
      ...fresh(),
      fork: { fullName: 'example-org/app-ghsa-aaaa', url: 'https://github.com/x' },
      forkDeletedAt: '2026-11-20T12:34:00.000Z',
    };
    expect(lines(state)[6]).toBe('- [x] Temporary private fork deleted (2026-11-20 12:34 UTC)');
  });
});
