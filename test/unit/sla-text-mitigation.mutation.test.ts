/**
 * The parts of src/domain/sla-text.ts and src/domain/mitigation.ts that the mutation run found unguarded: the status
 * comment of an expedited report (its line and the moved deadlines) and of a step the policy does not track, the
 * release day waiting for one or for several approvals, escalations of another step while a release day has passed,
 * the sweep's count of reports with a reminder, and when publish-announcement requires "mitigation" (and its message).
 */
import { describe, expect, it } from '@jest/globals';
import { RELEASE_TEXT } from './announcement-inputs.js';
import { thrownBy } from './thrown.js';
import type { ReleaseText } from '../../src/domain/announcement.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { requireMitigation } from '../../src/domain/mitigation.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';
import { assessReport } from '../../src/domain/sla.js';
import {
  escalationComment,
  escalationMessage,
  releaseDayText,
  renderStatusComment,
  renderSweepReport,
} from '../../src/domain/sla-text.js';
import { newTrackerState, type TrackerState } from '../../src/domain/tracker-state.js';

const RECEIVED = '2026-03-02T09:00:00.000Z';
const rule = { withinMs: 24 * 3600_000, fraction: 0.2 };
const base = newTrackerState('GHSA-aaaa-bbbb-cccc', 'o/r', 'spec11', RECEIVED);
const triaged = { acknowledgedAt: RECEIVED, triagedAt: RECEIVED };
const NO_TARGET = { url: undefined, mention: undefined };

function assess(partial: Partial<TrackerState>, now: string, policy: Policy = PRESETS.spec11) {
  return assessReport(
    policy,
    { key: base.key, repository: 'o/r', state: { ...base, ...partial } },
    new Date(now),
    rule,
  );
}

/** Triaged, with release day 2026-03-05 agreed; `approvals` given by then. */
function agreedRelease(now: string, approvals: TrackerState['approvals'] = [], policy: Policy = PRESETS.spec11) {
  return assess({ ...triaged, agreedReleaseDate: '2026-03-05', approvals }, now, policy);
}

const alice = { login: 'alice', at: RECEIVED };

describe('the status comment of an expedited report', () => {
  it('says when it was expedited and marks each deadline the expedite brought forward as moved', () => {
    const expedited = assess(
      { acknowledgedAt: RECEIVED, expedited: { at: '2026-03-03T09:00:00.000Z', reason: 'public' } },
      '2026-03-04T00:00:00Z',
    );
    const text = renderStatusComment(expedited);
    expect(text).toContain(
      '\nExpedited 2026-03-03 09:00 UTC: every open step is due as soon as possible.\nNext deadline: ',
    );
    expect(text).toContain('| Acknowledge | 2026-03-04 09:00 UTC | 2026-03-02 09:00 UTC | met |');
    expect(text).toContain('| Triage | 2026-03-06 09:00 UTC (moved) |');
    expect(text).toContain('| Fix release | 2026-03-06 09:00 UTC (moved) |');
  });

  it('has no expedite line when nobody expedited it', () => {
    expect(renderStatusComment(assess({ acknowledgedAt: RECEIVED }, '2026-03-04T00:00:00Z'))).not.toContain(
      'Expedited',
    );
  });
});

describe('a step the policy does not track', () => {
  it('is "not tracked" in the status comment, before the release and after it', () => {
    const before = assess(triaged, '2026-03-04T00:00:00Z', PRESETS['conda-forge']);
    expect(renderStatusComment(before)).toContain('\n| Retrospective | not tracked | — | — |\n');
    const released = { ...triaged, releasedAt: '2026-03-10T16:00:00.000Z' };
    const after = assess(released, '2026-03-11T00:00:00Z', PRESETS['conda-forge']);
    expect(renderStatusComment(after)).toContain('\n| Retrospective | not tracked | — | — |\n');
  });
});

describe('a release day waiting for approvals', () => {
  const twoApprovals: Policy = { ...PRESETS.spec11, releaseApprovals: 2 };

  it('asks for "one more approval" when one is missing', () => {
    const waiting = agreedRelease('2026-03-05T18:00:00Z', [alice], twoApprovals);
    expect(renderStatusComment(waiting)).toContain(
      '\n**Waiting for an approval**: the agreed release day 2026-03-05 passed and the publication needs one more ' +
        'approval (`/release approve`).\n',
    );
  });

  it('counts the approvals missing when more than one is', () => {
    const waiting = agreedRelease('2026-03-05T18:00:00Z', [], twoApprovals);
    expect(releaseDayText(waiting.releaseDay!)).toBe(
      '**Waiting for an approval**: the agreed release day 2026-03-05 passed and the publication needs 2 more ' +
        'approvals (`/release approve`).',
    );
  });
});

describe('escalating another step once the release day has passed', () => {
  // Fix team and advisory were due 2026-03-09 09:00 and are not done; the release day 2026-03-05 passed before.
  it('speaks of that step, not of the release day, while the release waits for its approval', () => {
    const waiting = agreedRelease('2026-03-10T00:00:00Z');
    expect(waiting.releaseDay?.status).toBe('waiting-for-approval');
    expect(escalationMessage(waiting, 'fix-team', NO_TARGET)).toBe(
      'SLA breach: GHSA-aaaa-bbbb-cccc (o/r): Fix team was due 2026-03-09 09:00 UTC and is not done (stage: triaged).',
    );
  });

  it('speaks of that step, not of the release day, once the release day is missed', () => {
    const missed = agreedRelease('2026-03-10T00:00:00Z', [alice]);
    expect(missed.releaseDay?.status).toBe('missed');
    expect(escalationComment(missed, 'advisory-cve', '@o/t')).toBe(
      '@o/t **SLA breach** on GHSA-aaaa-bbbb-cccc: **Advisory and CVE** was due 2026-03-09 09:00 UTC and is not done ' +
        '(stage: triaged). sla-check escalates each breach once.',
    );
  });
});

describe('the sweep counts the reports with a reminder that are not breached', () => {
  const stacklok = assess({ acknowledgedAt: RECEIVED }, '2026-03-20T09:00:00Z', PRESETS.stacklok);
  const waiting = agreedRelease('2026-03-05T18:00:00Z');
  const breachedToo = agreedRelease('2026-03-10T00:00:00Z');
  const countsOf = (active: Parameters<typeof renderSweepReport>[0]['active']) =>
    renderSweepReport({ active, blindSpots: [], staleForks: [], inventoryGaps: 0, dryRun: false }).split('\n')[2];

  it('says how many reports only have reminders', () => {
    expect([stacklok.status, waiting.status, breachedToo.status]).toEqual(['due-soon', 'due-soon', 'breached']);
    expect(breachedToo.reminders).toEqual(['fix-release']);
    expect(countsOf([stacklok, waiting, breachedToo])).toBe(
      '3 open report(s): 1 breached, 2 due soon (2 with a reminder, not breached), 0 on time.',
    );
  });

  it('does not count a breached report with a reminder', () => {
    expect(countsOf([breachedToo])).toBe('1 open report(s): 1 breached, 0 due soon, 0 on time.');
  });
});

describe('when publish-announcement requires "mitigation"', () => {
  const fixRelease: ReleaseText = { ...RELEASE_TEXT, project: 'pkg', version: '2.3.1', versions: ['2.3.1'] };

  const noFix: ReleaseText = {
    ...fixRelease,
    version: 'without a fix',
    versions: [],
    noFixReason: 'the disclosure deadline',
  };
  const HOW = 'users who cannot upgrade need the steps that protect them. Give them in "mitigation" (Markdown).';

  const mitigationError = (text: ReleaseText) => thrownBy(() => requireMitigation(text), ConfigurationError);

  it('does not require it of a fix release for every supported line', () => {
    expect(() => requireMitigation(fixRelease)).not.toThrow();
  });

  it('requires it of a disclosure without a fix, naming the input and the reason', () => {
    const error = mitigationError(noFix);
    expect(error.message).toBe(
      `Input "mitigation" is required because this is a disclosure without a fix ("no-fix-reason" is set): ${HOW}`,
    );
    expect(error.source).toBe('mitigation');
  });

  it('requires it when supported lines get no patch release, naming them', () => {
    const error = mitigationError({ ...fixRelease, unfixedLines: ['1.9', '1.8'] });
    expect(error.message).toBe(
      'Input "mitigation" is required because the supported line(s) 1.9, 1.8 get no patch release ("unfixed-lines"): ' +
        HOW,
    );
    expect(error.source).toBe('mitigation');
  });

  it('gives the no-fix reason when both apply', () => {
    expect(mitigationError({ ...noFix, unfixedLines: ['1.8'] }).message).toContain('a disclosure without a fix');
  });

  it('is satisfied by any mitigation text, but not by blanks alone', () => {
    expect(() => requireMitigation({ ...noFix, unfixedLines: ['1.8'], mitigation: 'Set `safe=True`.' })).not.toThrow();
    expect(mitigationError({ ...noFix, mitigation: ' \n\t' }).message).toContain('a disclosure without a fix');
  });
});
