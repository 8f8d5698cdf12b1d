/**
 * A release missed on its agreed day (issue 18, point 6): a scheduled gate run that starts after the day's window
 * closed fails loudly, whatever `on-closed` says, and tells the team once (a comment mentioning the team in each
 * tracking issue, one chat message, recorded in `notified`), never again on a re-run.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import type { Advisory } from '../emulator/types.js';
import type { RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
  READY_TO_RELEASE,
} from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// 2026-11-19 is a Thursday: the SPEC 11 window is open 16:00-17:00 UTC. A cron run of 16:05 started at 17:20.
const LATE = '2026-11-19T17:20:00Z';

const watched = watchedEmulator(() => ({ now: LATE }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

function agreedToday(): { advisory: Advisory; issue: number } {
  const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, READY_TO_RELEASE);
  const issue = addTrackingIssue(emulator.state, {
    ...reportOf(advisory),
    receivedAt: '2026-11-02T09:00:00Z',
    state: { agreedReleaseDate: '2026-11-19', agreedVersion: '1.4.2' },
  });
  addReleaseApproval(emulator.state, issue, 'sirt-lead');
  return { advisory, issue: issue.number };
}

const inputs = (): Record<string, string> => ({
  token: 'token-admin',
  tracker: TRACKER,
  repository: PROJECT,
  team: 'security-team',
  'on-closed': 'skip',
  'notify-webhook': emulator.webhook.url,
});

function gate(eventName: string, extra: Record<string, string> = {}): Promise<RunResult> {
  return watched.run('release-gate', { eventName, inputs: { ...inputs(), ...extra } });
}

const missedComments = (issue: number) =>
  emulator.state.issueComments.filter(
    (c) => c.repo === TRACKER && c.issueNumber === issue && c.body.includes('Security release missed'),
  );

describe('release-gate: a release missed on its agreed day', () => {
  it('fails a late scheduled run with what to do, tells the team once, and a re-run tells nobody again', async () => {
    const { advisory, issue } = agreedToday();
    const result = await gate('schedule');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('Release missed');
    expect(message).toContain('agreed for 2026-11-19 was missed');
    expect(message).toContain('after the release window closed at 2026-11-19 17:00 UTC');
    expect(message).toContain('/triage release-date=YYYY-MM-DD');
    expect(result.outputs).toMatchObject({ open: 'false', 'ghsa-ids': advisory.ghsaId });
    expect(result.summary).toContain('The release was **missed**');
    const comments = missedComments(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('@sample-org/security-team');
    expect(emulator.webhook.deliveries).toHaveLength(1);
    expect(JSON.stringify(emulator.webhook.deliveries[0])).toContain(advisory.ghsaId);
    const body = emulator.state.issues.find((i) => i.repo === TRACKER && i.number === issue)?.body;
    expect(readTrackerState(body)?.notified).toContain('release-gate:missed:2026-11-19');

    // The next late run (a re-run) fails as loudly but writes nothing and sends nothing.
    emulator.resetLog();
    emulator.setNow('2026-11-19T18:40:00Z');
    const again = await gate('schedule');
    expect(again.exitCode).toBe(1);
    expect(again.errors[0]?.message).toContain('Release missed');
    expect(emulator.writes()).toEqual([]);
    expect(missedComments(issue)).toHaveLength(1);
    expect(emulator.webhook.deliveries).toHaveLength(1);
  });

  it('sends the chat message again on the next run when the webhook certainly did not take it, without a second comment', async () => {
    const { issue } = agreedToday();
    emulator.webhook.failNext(404, 1);
    const first = await gate('schedule');
    expect(first.exitCode).toBe(1);
    expect(missedComments(issue)).toHaveLength(1);
    expect(emulator.webhook.deliveries).toEqual([]);
    const stateOf = () =>
      readTrackerState(emulator.state.issues.find((i) => i.repo === TRACKER && i.number === issue)?.body);
    expect(stateOf()?.notified ?? []).not.toContain('release-gate:missed:2026-11-19');
    const second = await gate('schedule');
    expect(second.exitCode).toBe(1);
    expect(missedComments(issue)).toHaveLength(1);
    expect(emulator.webhook.deliveries).toHaveLength(1);
    expect(stateOf()?.notified).toContain('release-gate:missed:2026-11-19');
  });

  it('is not missed before the window, on a run started by hand, or when nothing was agreed for today', async () => {
    const { issue } = agreedToday();
    emulator.setNow('2026-11-19T15:00:00Z');
    const early = await gate('schedule');
    expect(early.exitCode).toBe(0);
    expect(early.outputs.reason).toMatch(/^the release window is closed: the window opens at 16:00 UTC/);
    emulator.setNow(LATE);
    const byHand = await gate('workflow_dispatch');
    expect(byHand.exitCode).toBe(0);
    expect(byHand.outputs.reason).toMatch(/^the release window is closed: the window closed at 17:00 UTC/);
    emulator.setNow('2026-11-20T17:20:00Z'); // the next day: not the agreed one, nothing agreed for it
    const nextDay = await gate('schedule');
    expect(nextDay.exitCode).toBe(0);
    expect(nextDay.outputs.reason).toContain('no security release of sample-org/sample-project is agreed for today');
    expect(missedComments(issue)).toEqual([]);
    expect(emulator.webhook.deliveries).toEqual([]);
    expect(emulator.writes()).toEqual([]);
  });

  it('reports a release still waiting for approval as waiting, not missed', async () => {
    const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, READY_TO_RELEASE);
    addTrackingIssue(emulator.state, {
      ...reportOf(advisory),
      receivedAt: '2026-11-02T09:00:00Z',
      state: { agreedReleaseDate: '2026-11-19' },
    });
    const result = await gate('schedule');
    expect(result.exitCode).toBe(0);
    expect(result.outputs['waiting-for-approval']).toBe(advisory.ghsaId);
    expect(emulator.writes()).toEqual([]);
  });
});
