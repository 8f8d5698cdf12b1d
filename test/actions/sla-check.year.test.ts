/**
 * A scripted year: reports arrive through 2026 and are handled with chosen response times (on time, late, never),
 * while sla-check sweeps every few days (and just around chosen deadlines). At every sweep the breaches it reports
 * must be exactly those an independent reckoning of the policy's numbers gives (sweeps half an hour either side
 * of every missed deadline pin the moment down), and every breach ever seen must have been notified exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trackerBody } from '../../src/actions/common/tracker.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { newTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { addIssue, addRepo } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import { runAgain } from '../harness/second-run.js';
import {
  breachedOutput,
  countOf,
  DAY,
  deliveredBreaches,
  deliveredMessages,
  escalationComments,
  HOUR,
  iso,
  LOW_VECTOR,
  SlaWorld,
  sweepInputs,
  TRACKER,
} from './sla-check.world.js';

const START = Date.parse('2026-01-05T09:00:00.000Z');
const D = 24;

interface Script {
  readonly name: string;
  /** Days after START the report arrives. */
  readonly day: number;
  readonly kind?: 'maintainer-draft' | 'by-hand';
  readonly policy?: 'stacklok' | 'conda-forge';
  readonly low?: boolean;
  /** Hours after arrival each step is done (undefined: never). */
  readonly ack?: number;
  readonly triage?: number;
  readonly fixTeam?: number;
  readonly cve?: number;
  readonly fork?: number;
  readonly release?: number;
  /** Hours after the release. */
  readonly retro?: number;
  readonly retroViaIssue?: boolean;
  readonly keepFork?: boolean;
  readonly reject?: number;
  readonly closeByHand?: number;
  /** Sweeps at these hours after arrival, on top of the regular ones. */
  readonly extraSweeps?: readonly number[];
}

const SCRIPTS: readonly Script[] = [
  {
    name: 'smooth',
    day: 0,
    ack: 3,
    triage: 2 * D,
    fixTeam: 2 * D,
    cve: 3 * D,
    fork: 4 * D,
    release: 14 * D,
    retro: 2 * D,
  },
  {
    name: 'late acknowledgement',
    day: 20,
    ack: 60,
    triage: 4 * D,
    fixTeam: 4 * D,
    cve: 5 * D,
    release: 18 * D,
    retro: D,
    retroViaIssue: true,
    extraSweeps: [47.5, 54],
  },
  { name: 'never triaged', day: 40, ack: 10, extraSweeps: [7 * D - 0.5, 7 * D + 0.5] },
  { name: 'never acknowledged', day: 60, extraSweeps: [47.5, 48.5] },
  {
    name: 'low severity',
    day: 80,
    low: true,
    ack: 5,
    triage: D,
    fixTeam: D,
    cve: 2 * D,
    release: 35 * D,
    retro: D,
    extraSweeps: [30 * D],
  },
  {
    name: 'fork left, no retrospective',
    day: 100,
    ack: 2,
    triage: 2 * D,
    fixTeam: 2 * D,
    cve: 2 * D,
    fork: 3 * D,
    release: 10 * D,
    keepFork: true,
    extraSweeps: [13 * D - 0.5, 13 * D + 0.5],
  },
  {
    name: 'late triage',
    day: 120,
    ack: 20,
    triage: 9 * D,
    fixTeam: 9 * D,
    cve: 10 * D,
    release: 20 * D,
    retro: 2 * D,
    extraSweeps: [8 * D],
  },
  { name: 'rejected', day: 140, ack: 4, reject: 2 * D },
  { name: 'closed by hand', day: 160, ack: 6, closeByHand: 3 * D, extraSweeps: [8 * D] },
  { name: 'maintainer draft', day: 180, kind: 'maintainer-draft', release: 10 * D, extraSweeps: [8 * D] },
  {
    name: 'late release',
    day: 200,
    ack: 3,
    triage: 3 * D,
    fixTeam: 3 * D,
    cve: 3 * D,
    release: 25 * D,
    retro: 2 * D,
    extraSweeps: [23 * D],
  },
  {
    name: 'past the disclosure deadline',
    day: 220,
    policy: 'conda-forge',
    ack: 3,
    triage: 3 * D,
    fixTeam: 3 * D,
    cve: 4 * D,
    release: 95 * D,
    retro: D,
    extraSweeps: [90 * D - 0.5, 90 * D + 0.5, 92 * D],
  },
  { name: 'filed by hand', day: 240, kind: 'by-hand', ack: 1, closeByHand: 9 * D, extraSweeps: [8 * D] },
  {
    name: 'stacklok policy',
    day: 260,
    policy: 'stacklok',
    ack: 2,
    triage: 30,
    fixTeam: 30,
    cve: 3 * D,
    release: 15 * D,
    retro: D,
    extraSweeps: [23, 27],
  },
];

type PolicyName = 'spec11' | 'stacklok' | 'conda-forge';
type StepName = 'acknowledge' | 'triage' | 'fix-team' | 'advisory-cve' | 'fix-release' | 'disclose' | 'retrospective';

const never = Number.POSITIVE_INFINITY;

/**
 * The policies' numbers in hours, written out by hand (not computed by the code under test). Neither SPEC 11 nor
 * Stacklok states a disclosure deadline.
 */
const DUE_HOURS: Readonly<Record<PolicyName, Readonly<Record<StepName, number>>>> = {
  spec11: {
    acknowledge: 48,
    triage: 168,
    'fix-team': 168,
    'advisory-cve': 168,
    'fix-release': 504,
    disclose: never,
    retrospective: 72,
  },
  stacklok: {
    acknowledge: 48,
    triage: 168,
    'fix-team': 24,
    'advisory-cve': 168,
    'fix-release': 504,
    disclose: never,
    retrospective: 72,
  },
  // conda-forge states the acknowledgement (7 days) and the disclosure (90 days); no retrospective (off).
  'conda-forge': {
    acknowledge: 168,
    triage: 336,
    'fix-team': 336,
    'advisory-cve': 720,
    'fix-release': 1440,
    disclose: 2160,
    retrospective: never,
  },
};

/**
 * The steps whose missed deadline is a breach: SPEC 11's retrospective is optional ("could") and every Stacklok
 * timeline a suggestion, so those are reminders, never breaches.
 */
const ESCALATED: Readonly<Record<PolicyName, readonly StepName[]>> = {
  spec11: ['acknowledge', 'triage', 'fix-team', 'advisory-cve', 'fix-release', 'disclose'],
  stacklok: [],
  'conda-forge': ['acknowledge', 'triage', 'fix-team', 'advisory-cve', 'fix-release', 'disclose'],
};
const hoursOr = (value: number | undefined): number => value ?? never;

/** When each step counts as done, in hours after arrival. */
function doneAt(script: Script): Record<StepName, number> {
  const release = hoursOr(script.release);
  const byHand = script.kind === 'maintainer-draft';
  return {
    // A maintainer's draft is not acknowledged or triaged by being opened: only a record or the publication counts.
    acknowledge: byHand ? release : Math.min(hoursOr(script.ack), hoursOr(script.triage), release),
    triage: byHand ? release : Math.min(hoursOr(script.triage), release),
    'fix-team': Math.min(hoursOr(script.fixTeam), release),
    'advisory-cve': Math.min(hoursOr(script.cve), release),
    'fix-release': release,
    disclose: release,
    retrospective: release + hoursOr(script.retro),
  };
}

/** The steps in breach `h` hours after arrival, by the policy's numbers. */
function expectedBreaches(script: Script, h: number): StepName[] {
  const escalated = ESCALATED[script.policy ?? 'spec11'];
  return overdueSteps(script, h).filter((step) => escalated.includes(step));
}

/** The steps past due `h` hours after arrival that the policy only reminds of. */
function expectedReminders(script: Script, h: number): StepName[] {
  const escalated = ESCALATED[script.policy ?? 'spec11'];
  return overdueSteps(script, h).filter((step) => !escalated.includes(step));
}

/** The steps past due and not done `h` hours after arrival, by the policy's numbers. */
function overdueSteps(script: Script, h: number): StepName[] {
  if (h < 0) return [];
  const closedAt = Math.min(hoursOr(script.reject), hoursOr(script.closeByHand));
  if (h >= closedAt) return [];
  const tracked = script.kind !== 'maintainer-draft' && h >= hoursOr(script.ack);
  const released = h >= hoursOr(script.release);
  // An untracked advisory that was published leaves the sweep's sight: nothing is due for it any more.
  if (released && !tracked) return [];
  const dues = dueHours(script);
  const done = doneAt(script);
  return (Object.keys(dues) as StepName[]).filter((step) => dues[step] < h && !(done[step] <= h));
}

interface Live {
  key: string | undefined;
  advisory: Advisory | undefined;
  issue: Issue | undefined;
  retrospective: Issue | undefined;
  fork: string | undefined;
}

let emulator: Emulator;
let world: SlaWorld;

beforeAll(async () => {
  emulator = await startEmulator({ now: iso(START) });
  world = new SlaWorld(emulator);
});

afterAll(async () => {
  world.expectNoLeaks();
  expect(emulator.contractViolations).toEqual([]);
  await emulator.close();
});

const arrival = (script: Script): number => START + script.day * DAY;

function patchState(live: Live, patch: Partial<TrackerState>): void {
  if (live.issue) world.setState(live.issue, patch);
}

function closeIssue(issue: Issue | undefined, at: string): void {
  if (issue) Object.assign(world.issue(issue.number), { state: 'closed', closedAt: at, stateReason: 'completed' });
}

function fileByHand(script: Script, live: Live, at: string): void {
  const issue = addIssue(emulator.state, TRACKER, { title: 'Report filed by e-mail', labels: ['disclosure-tracker'] });
  const key = `issue-${issue.number}`;
  const state = { ...newTrackerState(key, null, 'spec11', iso(arrival(script))), acknowledgedAt: at };
  issue.body = trackerBody(`${reportMarker(key)}\n`, PRESETS.spec11, state);
  Object.assign(live, { key, issue });
}

/** The events of one report: what ack-report, triage, create-temp-fork, publish-announcement and people do. */
function eventsOf(script: Script, index: number, live: Live): { at: number; apply: (at: string) => void }[] {
  const events: { at: number; apply: (at: string) => void }[] = [];
  const on = (hours: number | undefined, apply: (at: string) => void): void => {
    if (hours !== undefined) events.push({ at: arrival(script) + hours * HOUR, apply });
  };
  on(0, (at) => {
    if (script.kind === 'by-hand') return;
    const maintainer = script.kind === 'maintainer-draft';
    live.advisory = world.report(at, {
      state: maintainer ? 'draft' : 'triage',
      submissionAccepted: maintainer ? null : false,
      ...(script.low ? { cvssVectorString: LOW_VECTOR, severity: 'low' as const } : {}),
    });
    live.key = live.advisory.ghsaId;
  });
  on(script.ack, (at) => {
    if (script.kind === 'by-hand') return fileByHand(script, live, at);
    if (!live.advisory) return;
    live.issue = world.trackAdvisory(live.advisory, { acknowledgedAt: at, policy: script.policy ?? 'spec11' });
  });
  on(script.triage, (at) => {
    patchState(live, {
      triagedAt: at,
      decision: 'accept',
      ...(script.low ? { cvss: { vector: LOW_VECTOR, score: 2.6, version: '3.1' } } : {}),
    });
    if (live.advisory) live.advisory.state = 'draft';
  });
  on(script.fixTeam, (at) => patchState(live, { fixTeamAt: at, fixTeam: { users: [], teams: ['maintainers'] } }));
  on(script.cve, (at) => {
    patchState(live, { cveRequestedAt: at });
    if (live.advisory) live.advisory.cveId = `CVE-2026-${1000 + index}`;
  });
  on(script.fork, () => {
    if (!live.advisory) return;
    const fork = `${live.advisory.repo}-ghsa-${index}`;
    addRepo(emulator.state, fork, { private: true, fork: true });
    live.advisory.privateFork = fork;
    live.fork = fork;
    patchState(live, { fork: { fullName: fork, url: `https://github.com/${fork}` } });
  });
  on(script.release, (at) => {
    if (live.advisory) Object.assign(live.advisory, { state: 'published', publishedAt: at });
    if (script.retroViaIssue) {
      live.retrospective = addIssue(emulator.state, TRACKER, {
        title: 'Retrospective',
        labels: ['disclosure-retrospective'],
      });
    }
    patchState(live, {
      releasedAt: at,
      publishedAt: at,
      ...(live.retrospective ? { retrospectiveIssue: live.retrospective.number } : {}),
    });
    closeIssue(live.issue, at);
  });
  if (script.release !== undefined) {
    on(script.release + hoursOr(script.retro), (at) => {
      if (live.retrospective) closeIssue(live.retrospective, at);
      else patchState(live, { retrospectiveDoneAt: at });
    });
    if (script.fork !== undefined && !script.keepFork) {
      on(script.release + D, (at) => {
        emulator.state.repos = emulator.state.repos.filter((repo) => `${repo.owner}/${repo.name}` !== live.fork);
        if (live.advisory) live.advisory.privateFork = null;
        patchState(live, { forkDeletedAt: at });
      });
    }
  }
  on(script.reject, (at) => {
    patchState(live, { decision: 'reject', triagedAt: at });
    if (live.advisory) Object.assign(live.advisory, { state: 'closed', closedAt: at });
    closeIssue(live.issue, at);
  });
  on(script.closeByHand, (at) => {
    if (live.advisory) Object.assign(live.advisory, { state: 'closed', closedAt: at });
    else closeIssue(live.issue, at);
  });
  return events;
}

/**
 * The end of the first release window (both policies: Monday to Thursday, 16:00-17:00 UTC) still open at `at`:
 * a fix can only ship in a window, so it is due by the end of the one its target falls in or before.
 */
function releaseWindowEnd(at: number): number {
  for (let day = Math.floor(at / DAY) * DAY; ; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const end = day + 17 * HOUR;
    if (weekday >= 1 && weekday <= 4 && end > at) return end;
  }
}

/** The hours after arrival at which each step falls due for this report. */
function dueHours(script: Script): Record<StepName, number> {
  const dues: Record<StepName, number> = { ...DUE_HOURS[script.policy ?? 'spec11'] };
  // A low severity is not stretched by itself: the presets leave it to a decision (/triage extend).
  const windowEnd = releaseWindowEnd(arrival(script) + dues['fix-release'] * HOUR);
  dues['fix-release'] = Math.min((windowEnd - arrival(script)) / HOUR, dues.disclose);
  dues.retrospective = hoursOr(script.release) + dues.retrospective;
  return dues;
}

/** A sweep a week, plus one half an hour before and after every deadline that is missed. */
function sweepTimes(): number[] {
  const times = new Set<number>();
  for (let t = START + HOUR; t < START + 360 * DAY; t += 7 * DAY) times.add(t);
  for (const script of SCRIPTS) {
    for (const h of script.extraSweeps ?? []) times.add(arrival(script) + h * HOUR);
    for (const [step, due] of Object.entries(dueHours(script)) as [StepName, number][]) {
      if (!overdueSteps(script, due + 0.5).includes(step)) continue;
      times.add(arrival(script) + (due - 0.5) * HOUR);
      times.add(arrival(script) + (due + 0.5) * HOUR);
    }
  }
  return [...times].sort((a, b) => a - b);
}

describe('a scripted year of reports', () => {
  it('flags every breach on the first sweep after it happens, nothing else, and notifies each once', async () => {
    const lives: Live[] = SCRIPTS.map(() => ({
      key: undefined,
      advisory: undefined,
      issue: undefined,
      retrospective: undefined,
      fork: undefined,
    }));
    const events = SCRIPTS.flatMap((script, index) => eventsOf(script, index, lives[index] as Live)).sort(
      (a, b) => a.at - b.at,
    );
    const inputs = sweepInputs({ 'notify-webhook': emulator.webhook.url });
    const everBreached = new Set<string>();
    const everReminded = new Set<string>();
    for (const time of sweepTimes()) {
      for (let event = events[0]; event && event.at <= time; event = events[0]) {
        events.shift();
        event.apply(iso(event.at));
      }
      const result = await world.sweep(iso(time), inputs);
      const expected = SCRIPTS.flatMap((script, index) => {
        const key = lives[index]?.key;
        const h = (time - arrival(script)) / HOUR;
        return key ? expectedBreaches(script, h).map((step) => `${key} ${step}`) : [];
      }).sort();
      expect({ at: iso(time), exit: result.exitCode, breached: breachedOutput(result) }).toEqual({
        at: iso(time),
        exit: 0,
        breached: expected,
      });
      expected.forEach((breach) => everBreached.add(breach));
      SCRIPTS.forEach((script, index) => {
        const key = lives[index]?.key;
        const h = (time - arrival(script)) / HOUR;
        if (key) expectedReminders(script, h).forEach((step) => everReminded.add(`${key} ${step}`));
      });
    }

    const once = Object.fromEntries([...everBreached].sort().map((breach) => [breach, 1]));
    const reminded = Object.fromEntries([...everReminded].sort().map((reminder) => [reminder, 1]));
    expect(countOf(deliveredBreaches(emulator))).toEqual(once);
    const reminders = deliveredMessages(emulator).filter((m) => m.startsWith('reminder '));
    expect(countOf(reminders.map((m) => m.slice('reminder '.length)))).toEqual(reminded);
    expect(countOf(escalationComments(emulator))).toEqual({ ...once, ...reminded });
    // The script is meant to exercise each kind of breach and of reminder: make sure it did.
    expect(new Set([...everBreached].map((breach) => breach.split(' ')[1]))).toEqual(
      new Set(['acknowledge', 'triage', 'fix-team', 'advisory-cve', 'fix-release', 'disclose']),
    );
    expect(new Set([...everReminded].map((reminder) => reminder.split(' ')[1]))).toContain('retrospective');

    const last = sweepTimes().at(-1) ?? START;
    const again = await runAgain('sla-check', { emulator, now: iso(last), inputs }, emulator, world.run);
    world.results.push(again.result);
    expect(again.writes).toEqual([]);
    for (const live of lives.filter((l) => l.issue)) {
      const labels = world.slaLabels(live.issue as Issue);
      expect(labels.length).toBeLessThanOrEqual(1);
    }
    const dashboard = world.dashboard().body ?? '';
    const forkLeft = lives[SCRIPTS.findIndex((s) => s.keepFork)];
    expect(dashboard).toContain(`| ${forkLeft?.key} | sample-org/sample-project | ${forkLeft?.fork} |`);
  }, 400_000);
});
