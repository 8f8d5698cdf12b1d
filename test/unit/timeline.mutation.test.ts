/**
 * The parts of src/domain/timeline.ts that the mutation run found unguarded: the exact refusals of a release date
 * (the field, the next release day, a policy that never opens a window, a window closing exactly now, a date the
 * calendar rolls over), the slot chosen when a slot opens exactly at the disclosure deadline or now is exactly the
 * deadline, a passed deadline under a policy frozen for years, the agreed release (no window any more, no deadline,
 * exactly at the deadline), the low-severity and expedite notes word for word, the fix-release and disclosure
 * deadlines moved or not, the retrospective counted in the policy's business days and holidays, the record and the
 * rendered lines of a timeline without a slot, and the tracker section exactly.
 */
import { describe, expect, it } from '@jest/globals';
import type { DeadlineMove } from '../../src/domain/deadlines.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { CONDA_FORGE, SPEC11 } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';
import {
  checkReleaseDate,
  computeTimeline,
  releaseSlotOn,
  renderTimelineSection,
  timelineLines,
  timelineRecord,
} from '../../src/domain/timeline.js';
import { thrownBy } from './thrown.js';

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date | undefined): string | undefined => date?.toISOString();

// 2026-01-05 is a Monday. SPEC 11: fix-release target 2026-01-26 09:00, first slot that day 16:00-17:00.
const RECEIVED = at('2026-01-05T09:00:00Z');
const NEVER_OPENS: Policy = { ...SPEC11, releaseWindow: { ...SPEC11.releaseWindow, weekdays: [] } };
const AUTOMATIC_SLOW_DOWN: Policy = {
  ...SPEC11,
  lowSeveritySlowDown: { ...SPEC11.lowSeveritySlowDown, automatic: true },
};

function move(step: DeadlineMove['step'], to: string): DeadlineMove {
  return { step, to, reason: 'agreed with the reporter', kind: 'extend', at: '2026-01-05T10:00:00Z' };
}

const FIRST_SLOT_AFTER_DEADLINE =
  'The first slot after the fix-release target (2026-01-26 16:00 UTC) is after the disclosure deadline ' +
  '2026-01-21 16:00 UTC: the last slot before the deadline is proposed instead.';
const CONDA_NO_SLOT_BEFORE_DEADLINE =
  'No release window opens between now and the disclosure deadline 2026-04-05 09:00 UTC: ' +
  'the first slot after it is proposed, past the deadline.';
const CONDA_TARGET_PASSED = 'The fix-release target 2026-03-06 09:00 UTC has passed: the next slot is proposed.';

describe('checkReleaseDate: the refusal, word for word', () => {
  it('names the field, the reason and the next release day as a date', () => {
    const error = thrownBy(() => checkReleaseDate(SPEC11, '2026-01-23', RECEIVED), ConfigurationError);
    expect(error.message).toBe(
      'release-date 2026-01-23 has no release window under policy spec11 ' +
        '(Friday is not a release day (allowed: Mon, Tue, Wed, Thu)); the next release day is 2026-01-26.',
    );
    expect(error.source).toBe('release-date');
  });

  it('gives no next release day when the policy never opens a window', () => {
    const error = thrownBy(() => checkReleaseDate(NEVER_OPENS, '2026-01-21', RECEIVED), ConfigurationError);
    expect(error.message).toBe(
      'release-date 2026-01-21 has no release window under policy spec11 ' +
        '(Wednesday is not a release day (allowed: none)).',
    );
  });

  it('says no window opens for a date the calendar rolls over, the window being open at its midnight', () => {
    // 2026-02-30 reads as Monday 2026-03-02, whose midnight window is open: nothing explains a closed window.
    const midnight: Policy = { ...SPEC11, releaseWindow: { ...SPEC11.releaseWindow, time: '00:00' } };
    const error = thrownBy(() => checkReleaseDate(midnight, '2026-02-30', RECEIVED), ConfigurationError);
    expect(error.message).toBe(
      'release-date 2026-02-30 has no release window under policy spec11 (no window opens); ' +
        'the next release day is 2026-03-02.',
    );
  });

  it('refuses a day whose window closes exactly now, and accepts it a millisecond earlier', () => {
    const error = thrownBy(
      () => checkReleaseDate(SPEC11, '2026-01-21', at('2026-01-21T17:00:00Z')),
      ConfigurationError,
    );
    expect(error.message).toBe('release-date 2026-01-21 is in the past: its window closed at 2026-01-21 17:00 UTC.');
    expect(error.source).toBe('release-date');
    const slot = checkReleaseDate(SPEC11, '2026-01-21', at('2026-01-21T16:59:59.999Z'));
    expect(iso(slot.start)).toBe('2026-01-21T16:00:00.000Z');
  });

  it('lets a broken release-window policy fail as itself, not as a day without a window', () => {
    const broken: Policy = { ...SPEC11, releaseWindow: { ...SPEC11.releaseWindow, time: 16 as unknown as string } };
    // Only "no window within three years" (a RangeError) means no slot; a time of day that is not text is a bug.
    expect(thrownBy(() => releaseSlotOn(broken, '2026-01-21'), TypeError).message).toMatch(/trim is not a function/);
  });
});

describe('a policy that never opens a release window', () => {
  const neverOpening = () =>
    computeTimeline({ policy: NEVER_OPENS, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });

  it('proposes no slot and no retrospective, and says why', () => {
    const timeline = neverOpening();
    expect(timeline.releaseSlot).toBeUndefined();
    expect(timeline.retrospectiveDue).toBeUndefined();
    expect(timeline.notes).toStrictEqual(['The release window policy never opens a window.']);
  });

  it('records no slot and renders it as none', () => {
    const timeline = neverOpening();
    expect(timelineRecord(timeline)).toStrictEqual({
      receivedAt: '2026-01-05T09:00:00.000Z',
      fixReleaseTarget: '2026-01-26T09:00:00.000Z',
      advisoryCveDue: '2026-01-12T09:00:00.000Z',
    });
    expect(timelineLines(timeline)).toStrictEqual([
      '- Fix release target: 2026-01-26 09:00 UTC',
      '- Proposed release slot: none',
      '- Advisory and CVE due: 2026-01-12 09:00 UTC',
      '- Disclosure deadline: none (the policy states no disclosure deadline)',
      '- Retrospective: due after the release (the checklist gives its time once the fix is released)',
      '- Note: The release window policy never opens a window.',
    ]);
  });
});

describe('the release slot around the disclosure deadline', () => {
  it('keeps the first slot when it opens exactly at the deadline, without a note', () => {
    const moves = [move('disclose', '2026-01-26T16:00:00Z')];
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1, moves });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-26T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([]);
  });

  it('counts a slot opening exactly at the deadline as the last slot before it', () => {
    const moves = [move('disclose', '2026-01-21T16:00:00Z')];
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1, moves });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-21T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([FIRST_SLOT_AFTER_DEADLINE]);
  });

  it('proposes the slot opening now when now is exactly the deadline, which has not passed yet', () => {
    const now = at('2026-01-21T16:00:00Z');
    const moves = [move('disclose', '2026-01-21T16:00:00Z')];
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now, cvssScore: 8.1, moves });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-21T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([FIRST_SLOT_AFTER_DEADLINE]);
  });

  it('keeps the first slot inside the disclosure deadline, without a note', () => {
    const timeline = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    // Target Friday 2026-03-06 09:00: Monday's slot, well before the deadline of Sunday 2026-04-05 09:00.
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-03-09T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([]);
  });

  it('says, word for word, that no slot opens before the deadline', () => {
    const now = at('2026-04-03T10:00:00Z');
    const timeline = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now, cvssScore: 8.1 });
    expect(timeline.notes).toStrictEqual([CONDA_TARGET_PASSED, CONDA_NO_SLOT_BEFORE_DEADLINE]);
  });

  it('says the disclosure deadline has passed once now is after it', () => {
    const now = at('2026-04-06T10:00:00Z');
    const timeline = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now, cvssScore: 8.1 });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-04-06T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([
      'The disclosure deadline 2026-04-05 09:00 UTC has passed.',
      CONDA_TARGET_PASSED,
      CONDA_NO_SLOT_BEFORE_DEADLINE,
    ]);
  });

  it('looks for no slot before a passed deadline, even when no window opens for years from now', () => {
    // Frozen from 2026-01-01 to 2029-05-01: more than the three years a slot search covers from now.
    const frozen: Policy = {
      ...SPEC11,
      fixReleaseWithin: { amount: 1200, unit: 'days' },
      releaseWindow: { ...SPEC11.releaseWindow, freezes: [{ start: '2026-01-01', end: '2029-05-01' }] },
    };
    const moves = [move('disclose', '2026-01-05T12:00:00Z')];
    const now = at('2026-01-06T09:00:00Z');
    const timeline = computeTimeline({ policy: frozen, receivedAt: RECEIVED, now, cvssScore: 8.1, moves });
    expect(iso(timeline.releaseSlot?.start)).toBe('2029-05-02T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([
      'The disclosure deadline 2026-01-05 12:00 UTC has passed.',
      'No release window opens between now and the disclosure deadline 2026-01-05 12:00 UTC: ' +
        'the first slot after it is proposed, past the deadline.',
    ]);
  });

  it('does not call the fix-release target passed when now is exactly the target', () => {
    const now = at('2026-01-26T09:00:00Z');
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now, cvssScore: 8.1 });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-26T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([]);
  });
});

describe('an agreed release date', () => {
  it('says so when the agreed day no longer has a window, and shows the release as none', () => {
    const policy: Policy = { ...SPEC11, releaseWindow: { ...SPEC11.releaseWindow, holidays: ['2026-01-21'] } };
    const timeline = computeTimeline({
      policy,
      receivedAt: RECEIVED,
      now: RECEIVED,
      cvssScore: 8.1,
      agreedReleaseDate: '2026-01-21',
    });
    expect(timeline.releaseSlot).toBeUndefined();
    expect(timeline.notes).toStrictEqual(['The agreed release date 2026-01-21 no longer has a release window.']);
    expect(timelineLines(timeline)).toContain('- Agreed release: none');
  });

  it('adds no note under a policy without a disclosure deadline, and shows no version when none was agreed', () => {
    const agreedReleaseDate = '2026-01-21';
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, agreedReleaseDate });
    expect(timeline.notes).toStrictEqual([]);
    expect(timelineLines(timeline)).toContain('- Agreed release: 2026-01-21 16:00 UTC to 2026-01-21 17:00 UTC');
  });

  it('adds no note for an agreed day before the disclosure deadline', () => {
    const agreedReleaseDate = '2026-03-09';
    const timeline = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now: RECEIVED, agreedReleaseDate });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-03-09T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([]);
  });

  it('adds no note for an agreed window that opens exactly at the disclosure deadline', () => {
    const timeline = computeTimeline({
      policy: SPEC11,
      receivedAt: RECEIVED,
      now: RECEIVED,
      agreedReleaseDate: '2026-01-21',
      moves: [move('disclose', '2026-01-21T16:00:00Z')],
    });
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-21T16:00:00.000Z');
    expect(timeline.notes).toStrictEqual([]);
  });
});

describe('the low-severity note', () => {
  it('says, word for word, that the policy stretches the fix release', () => {
    const timeline = computeTimeline({
      policy: AUTOMATIC_SLOW_DOWN,
      receivedAt: RECEIVED,
      now: RECEIVED,
      cvssScore: 3.1,
    });
    expect(timeline.notes).toStrictEqual([
      'CVSS 3.1 is below 4: the policy stretches the fix release to 2x its 21 days, never past the disclosure deadline.',
    ]);
  });

  it('says, word for word, that the team can decide to extend', () => {
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 3.1 });
    expect(timeline.notes).toStrictEqual([
      'CVSS 3.1 is below 4: the team can decide to extend the timeline (/triage extend=… reason="…").',
    ]);
  });

  const NEEDS_A_SCORE = 'Severity is low but no CVSS score is known: the low-severity threshold needs a score.';
  it.each([
    ['low', undefined, [NEEDS_A_SCORE]],
    ['none', undefined, [NEEDS_A_SCORE]],
    ['high', undefined, []],
    [undefined, undefined, []],
    ['low', 8.1, []],
  ])('for severity %p and CVSS %p, notes %p', (severity, cvssScore, notes) => {
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, severity, cvssScore });
    expect(timeline.notes).toStrictEqual(notes);
  });
});

describe('the fix-release deadline in force', () => {
  it('is the end of the target window when nothing moved it: neither recorded nor shown as moved', () => {
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(iso(timeline.fixReleaseDue)).toBe('2026-01-26T17:00:00.000Z');
    expect(timeline.fixReleaseMoved).toBe(false);
    expect(timelineRecord(timeline)).not.toHaveProperty('fixReleaseDue');
    expect(timelineLines(timeline).join('\n')).not.toContain('Fix release due');
  });

  it('is where a recorded move put it: recorded and shown as moved', () => {
    const moves = [move('fix-release', '2026-02-05T17:00:00Z')];
    const timeline = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1, moves });
    expect(iso(timeline.fixReleaseDue)).toBe('2026-02-05T17:00:00.000Z');
    expect(timeline.fixReleaseMoved).toBe(true);
    expect(timelineRecord(timeline)).toMatchObject({ fixReleaseDue: '2026-02-05T17:00:00.000Z' });
    expect(timelineLines(timeline).slice(0, 3)).toStrictEqual([
      '- Fix release target: 2026-01-26 09:00 UTC',
      '- Fix release due: 2026-02-05 17:00 UTC (moved)',
      '- Proposed release slot: 2026-01-26 16:00 UTC to 2026-01-26 17:00 UTC',
    ]);
  });

  it('falls back to the target under a policy that does not track the fix release', () => {
    const policy: Policy = { ...SPEC11, enforcement: { ...SPEC11.enforcement, 'fix-release': 'off' } };
    const timeline = computeTimeline({ policy, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(iso(timeline.fixReleaseDue)).toBe('2026-01-26T09:00:00.000Z');
    expect(iso(timeline.releaseSlot?.start)).toBe('2026-01-26T16:00:00.000Z');
    expect(timeline.fixReleaseMoved).toBe(false);
    expect(timelineLines(timeline).join('\n')).not.toContain('(moved)');
    expect(timelineRecord(timeline)).not.toHaveProperty('fixReleaseDue');
  });
});

describe('the disclosure deadline, moved or not, and an expedited report', () => {
  it('is not moved under a policy without one, nor under the policy that sets one', () => {
    const spec11 = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(spec11.disclosureMoved).toBe(false);
    const conda = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(conda.disclosureMoved).toBe(false);
    expect(timelineRecord(conda)).toMatchObject({ disclosureDeadline: '2026-04-05T09:00:00.000Z' });
    expect(timelineLines(conda)).toContain('- Disclosure deadline (hard limit): 2026-04-05 09:00 UTC');
  });

  it('is moved by a recorded move, and shown so', () => {
    const moves = [move('disclose', '2026-05-04T09:00:00Z')];
    const timeline = computeTimeline({ policy: CONDA_FORGE, receivedAt: RECEIVED, now: RECEIVED, moves });
    expect(timeline.disclosureMoved).toBe(true);
    expect(timelineLines(timeline)).toContain('- Disclosure deadline (hard limit): 2026-05-04 09:00 UTC (moved)');
  });

  it('marks an expedited report and says what it means, word for word', () => {
    const expeditedAt = at('2026-01-06T10:00:00Z');
    const timeline = computeTimeline({
      policy: SPEC11,
      receivedAt: RECEIVED,
      now: RECEIVED,
      cvssScore: 8.1,
      expeditedAt,
    });
    expect(timeline.expedited).toBe(true);
    expect(timeline.notes[0]).toBe('Expedited: every open step is due as soon as possible.');
    const usual = computeTimeline({ policy: SPEC11, receivedAt: RECEIVED, now: RECEIVED, cvssScore: 8.1 });
    expect(usual.expedited).toBe(false);
  });
});

describe('the retrospective after the proposed slot', () => {
  it("counts the policy's business days and skips its holidays", () => {
    const policy: Policy = {
      ...SPEC11,
      businessDays: true,
      releaseWindow: { ...SPEC11.releaseWindow, holidays: ['2026-01-26'] },
    };
    const agreedReleaseDate = '2026-01-22'; // Thursday
    const timeline = computeTimeline({
      policy,
      receivedAt: RECEIVED,
      now: RECEIVED,
      cvssScore: 8.1,
      agreedReleaseDate,
    });
    // Friday, (weekend, holiday Monday), Tuesday, Wednesday.
    expect(iso(timeline.retrospectiveDue)).toBe('2026-01-28T16:00:00.000Z');
  });
});

describe('the rendered timeline', () => {
  it('renders the tracker section of a stretched low-severity timeline exactly', () => {
    const timeline = computeTimeline({
      policy: AUTOMATIC_SLOW_DOWN,
      receivedAt: RECEIVED,
      now: RECEIVED,
      cvssScore: 3.1,
    });
    expect(renderTimelineSection(timeline)).toBe(
      [
        '### Disclosure timeline (policy: spec11)',
        '',
        '- Fix release target: 2026-02-16 09:00 UTC (low severity: stretched)',
        '- Proposed release slot: 2026-02-16 16:00 UTC to 2026-02-16 17:00 UTC',
        '- Advisory and CVE due: 2026-01-12 09:00 UTC',
        '- Disclosure deadline: none (the policy states no disclosure deadline)',
        '- Retrospective: due after the release (the checklist gives its time once the fix is released)',
        '- Note: CVSS 3.1 is below 4: the policy stretches the fix release to 2x its 21 days, never past the ' +
          'disclosure deadline.',
      ].join('\n'),
    );
  });
});
