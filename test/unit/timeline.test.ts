import { describe, expect, it } from '@jest/globals';
import { CONDA_FORGE, SPEC11 } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';
import {
  checkReleaseDate,
  computeTimeline,
  releaseSlotOn,
  renderTimelineSection,
  timelineRecord,
} from '../../src/domain/timeline.js';

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

// 2026-01-05 is a Monday.
const RECEIVED = at('2026-01-05T09:00:00Z');

describe('computeTimeline', () => {
  it('counts every date from the report under SPEC 11 and proposes the first slot on the fix-release target', () => {
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-01-26T09:00:00.000Z');
    expect(iso(timeline.advisoryCveDue)).toBe('2026-01-12T09:00:00.000Z');
    // SPEC 11 states no disclosure deadline.
    expect(timeline.disclosureDeadline).toBeUndefined();
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-26T16:00:00.000Z');
    expect(iso(timeline.releaseSlot?.end)).toBe('2026-01-26T17:00:00.000Z');
    expect(iso(timeline.retrospectiveDue)).toBe('2026-01-29T16:00:00.000Z');
    expect(timeline.lowSeverity).toBe(false);
    expect(timeline.notes).toEqual([]);
  });

  it('leaves a low-severity timeline to a decision under the presets, and says how to extend it', () => {
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 3.1 });
    expect(timeline.lowSeverity).toBe(false);
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-01-26T09:00:00.000Z');
    expect(timeline.notes[0]).toContain('/triage extend');
  });

  it('stretches a low-severity fix release by the policy factor when the policy says so', () => {
    const policy: Policy = { ...SPEC11, lowSeveritySlowDown: { ...SPEC11.lowSeveritySlowDown, automatic: true } };
    const timeline = computeTimeline({ policy, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 3.1 });
    expect(timeline.lowSeverity).toBe(true);
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-02-16T09:00:00.000Z');
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-02-16T16:00:00.000Z');
    expect(timeline.notes[0]).toContain('below 4');
  });

  it('does not stretch on a low severity without a score, and says why', () => {
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, severity: 'low' });
    expect(timeline.lowSeverity).toBe(false);
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-01-26T09:00:00.000Z');
    expect(timeline.notes.join(' ')).toContain('needs a score');
  });

  it('caps the low-severity stretch at the disclosure deadline and proposes the last slot before it', () => {
    // conda-forge: 60 days x 2 = 120 days, beyond the 90-day hard limit (Sunday 2026-04-05 09:00).
    const slowDown = { ...CONDA_FORGE.lowSeveritySlowDown, automatic: true };
    const policy: Policy = { ...CONDA_FORGE, lowSeveritySlowDown: slowDown };
    const timeline = computeTimeline({ policy, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 2.0 });
    expect(timeline.lowSeverity).toBe(true);
    expect(iso(timeline.disclosureDeadline)).toBe('2026-04-05T09:00:00.000Z');
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-04-05T09:00:00.000Z');
    // Monday 2026-04-06 16:00 is after the deadline: Thursday 2026-04-02 16:00 is the last slot before it.
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-04-02T16:00:00.000Z');
    expect(timeline.releaseSlot!.start.getTime()).toBeLessThanOrEqual(timeline.disclosureDeadline!.getTime());
    expect(timeline.notes.join(' ')).toContain('2026-04-06 16:00 UTC');
    expect(timeline.notes.join(' ')).toContain('last slot before the deadline');
  });

  it('skips Friday, the weekend and a holiday Monday when placing the slot', () => {
    const policy: Policy = { ...SPEC11, releaseWindow: { ...SPEC11.releaseWindow, holidays: ['2026-01-26'] } };
    // Friday 2026-01-02 17:00 + 21 days = Friday 2026-01-23 17:00.
    const received = at('2026-01-02T17:00:00Z');
    const timeline = computeTimeline({ policy, receivedAt: received, now: received, cvssScore: 7.5 });
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-01-23T17:00:00.000Z');
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-27T16:00:00.000Z');
    expect(timeline.releaseSlot!.start.getUTCDay()).toBe(2);
  });

  it('proposes the next slot when the fix-release target has already passed', () => {
    const now = at('2026-02-05T17:30:00Z'); // Thursday, after the window
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now, cvssScore: 9.8 });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-02-09T16:00:00.000Z');
    expect(timeline.notes.join(' ')).toContain('has passed');
  });

  it('says so when no slot opens before the disclosure deadline', () => {
    const now = at('2026-04-03T10:00:00Z'); // Friday; the deadline is Sunday 09:00
    const timeline = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now, cvssScore: 5.0 });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-04-06T16:00:00.000Z');
    expect(timeline.notes.join(' ')).toContain('past the deadline');
  });

  it('counts business days when the policy says so', () => {
    const policy: Policy = { ...SPEC11, businessDays: true };
    const timeline = computeTimeline({ policy, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.0 });
    // 20 business days after Monday 2026-01-05 is Monday 2026-02-02; the 21st is Tuesday.
    expect(iso(timeline.fixReleaseTarget)).toBe('2026-02-03T09:00:00.000Z');
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-02-03T16:00:00.000Z');
    // 3 business days after Tuesday's release is Friday.
    expect(iso(timeline.retrospectiveDue)).toBe('2026-02-06T16:00:00.000Z');
  });
});

describe('timeline rendering', () => {
  const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });

  it('gives ISO strings for the output and the tracker state', () => {
    expect(timelineRecord(timeline)).toEqual({
      receivedAt: '2026-01-05T09:00:00.000Z',
      fixReleaseTarget: '2026-01-26T09:00:00.000Z',
      advisoryCveDue: '2026-01-12T09:00:00.000Z',
      releaseSlot: '2026-01-26T16:00:00.000Z',
      releaseSlotEnd: '2026-01-26T17:00:00.000Z',
      retrospectiveDue: '2026-01-29T16:00:00.000Z',
    });
  });

  it('renders the tracker section with every date', () => {
    const section = renderTimelineSection(timeline);
    expect(section).toContain('### Disclosure timeline (policy: spec11)');
    expect(section).toContain('- Proposed release slot: 2026-01-26 16:00 UTC to 2026-01-26 17:00 UTC');
    expect(section).toContain('- Disclosure deadline: none (the policy states no disclosure deadline)');
    const conda = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(renderTimelineSection(conda)).toContain('- Disclosure deadline (hard limit): 2026-04-05 09:00 UTC');
    // One time per deadline: the retrospective's counts from the actual release, so the checklist alone gives it.
    expect(section).toContain('- Retrospective: due after the release (the checklist gives its time');
    expect(section).not.toContain('2026-01-29 16:00');
  });
});

describe('an agreed release date', () => {
  it('replaces the proposed slot with the agreed day window and shows the version', () => {
    const timeline = computeTimeline({
      policy: SPEC11,
      receivedAt: RECEIVED,
      now: RECEIVED,
      cvssScore: 8.1,
      agreedReleaseDate: '2026-01-21',
      agreedVersion: '1.4.2',
    });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-21T16:00:00.000Z');
    expect(timeline.agreedRelease).toEqual({ date: '2026-01-21', version: '1.4.2' });
    expect(timelineRecord(timeline)).toMatchObject({ agreedReleaseDate: '2026-01-21', agreedVersion: '1.4.2' });
    expect(renderTimelineSection(timeline)).toContain(
      '- Agreed release: 2026-01-21 16:00 UTC to 2026-01-21 17:00 UTC (version 1.4.2)',
    );
  });

  it('notes an agreed release after the disclosure deadline', () => {
    const timeline = computeTimeline({
      policy: CONDA_FORGE,
      receivedAt: RECEIVED,
      now: RECEIVED,
      agreedReleaseDate: '2026-04-06',
    });
    expect(timeline.notes).toContain('The agreed release is after the disclosure deadline 2026-04-05 09:00 UTC.');
  });
});

describe('checkReleaseDate', () => {
  it('accepts a release day whose window is still ahead', () => {
    expect(iso(checkReleaseDate(SPEC11, '2026-01-21', RECEIVED).start)).toBe('2026-01-21T16:00:00.000Z');
    expect(releaseSlotOn(SPEC11, '2026-01-23')).toBeUndefined();
  });

  it.each([
    [
      'a Friday',
      '2026-01-23',
      /release-date 2026-01-23 has no release window under policy spec11 \(Friday is not a release day \(allowed: Mon, Tue, Wed, Thu\)\); the next release day is 2026-01-26/,
    ],
    ['a Sunday', '2026-01-25', /Sunday is not a release day.*the next release day is 2026-01-26/],
    [
      'a day whose window has closed',
      '2026-01-05',
      /release-date 2026-01-05 is in the past: its window closed at 2026-01-05 17:00 UTC/,
    ],
  ])('refuses %s, saying why and what is next', (_what, date, message) => {
    expect(() => checkReleaseDate(SPEC11, date, new Date('2026-01-05T18:00:00Z'))).toThrow(message);
  });

  it('refuses a holiday of the policy', () => {
    const policy: Policy = { ...SPEC11, releaseWindow: { ...SPEC11.releaseWindow, holidays: ['2026-01-21'] } };
    expect(() => checkReleaseDate(policy, '2026-01-21', RECEIVED)).toThrow(
      /2026-01-21 is a holiday\); the next release day is 2026-01-22/,
    );
  });
});
