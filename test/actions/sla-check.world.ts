/** Helpers shared by the sla-check integration tests: reports, tracking issues, sweeps and what they left. */
import { expect } from '@jest/globals';
import { policyForState, TRACKER_LABEL, trackerBody } from '../../src/actions/common/tracker.js';
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from '../../src/domain/dashboard.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { STEP_NAMES } from '../../src/domain/sla.js';
import { readTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addLabel, type AdvisoryInput } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import { expectNoLeaks, SENTINELS } from '../harness/leaks.js';
import { runInProcess } from '../harness/in-process.js';
import { addPrivateReport, addTrackingIssue, ORG, PROJECT, TRACKER } from '../harness/seed.js';
import type { RunOptions, RunResult } from '../harness/run-action.js';

export { ORG, PRIVATE_LIB, PROJECT, TRACKER } from '../harness/seed.js';
export const LOW_VECTOR = 'CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The sweep inputs most tests use: the whole org, the team to mention, no inventory unless asked. */
export function sweepInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'token-admin',
    tracker: TRACKER,
    organization: ORG,
    team: 'security-team',
    inventory: 'false',
    ...extra,
  };
}

/** How a sweep runs: `runInProcess` (main in this process), or the bundle's `runAction` for the smoke layer. */
export type SweepRunner = (name: string, options: RunOptions) => Promise<RunResult>;

export class SlaWorld {
  readonly results: RunResult[] = [];

  constructor(
    readonly emulator: Emulator,
    readonly run: SweepRunner = runInProcess,
  ) {
    addLabel(emulator.state, TRACKER, TRACKER_LABEL);
  }

  /** A private report as the reporter files it: embargoed text everywhere it could leak from. */
  report(createdAt: string, partial: AdvisoryInput = {}, repo = PROJECT): Advisory {
    return addPrivateReport(this.emulator.state, repo, { createdAt, updatedAt: createdAt, ...partial });
  }

  /** The tracking issue ack-report opens, with its state block (and the summary, which stays in the tracker). */
  track(key: string, repository: string | null, receivedAt: string, extra: Partial<TrackerState> = {}): Issue {
    return addTrackingIssue(this.emulator.state, {
      key,
      repository,
      receivedAt,
      state: extra,
      intro: `${reportMarker(key)}\n## ${SENTINELS.summary}\n\n${SENTINELS.description}\n`,
      createdAt: receivedAt,
    });
  }

  trackAdvisory(advisory: Advisory, extra: Partial<TrackerState> = {}): Issue {
    return this.track(advisory.ghsaId, advisory.repo, advisory.createdAt, extra);
  }

  issue(number: number): Issue {
    const found = this.emulator.state.issues.find((i) => i.repo === TRACKER && i.number === number);
    if (!found) throw new Error(`no tracker issue #${number}`);
    return found;
  }

  stateOf(issue: Issue): TrackerState {
    const state = readTrackerState(this.issue(issue.number).body);
    if (!state) throw new Error(`tracker issue #${issue.number} has no state block`);
    return state;
  }

  /** What another action does: read the state block, change it, write it back (keeping what sla-check added). */
  setState(issue: Issue, patch: Partial<TrackerState>): void {
    const current = this.issue(issue.number);
    const state = { ...this.stateOf(issue), ...patch };
    current.body = trackerBody(current.body ?? '', policyForState(PRESETS.spec11, state), state);
  }

  commentsOn(number: number) {
    return this.emulator.state.issueComments.filter((c) => c.repo === TRACKER && c.issueNumber === number);
  }

  dashboards(): Issue[] {
    return this.emulator.state.issues.filter(
      (i) => i.repo === TRACKER && i.labels.includes(DASHBOARD_LABEL) && (i.body ?? '').includes(DASHBOARD_MARKER),
    );
  }

  dashboard(): Issue {
    const [only, ...more] = this.dashboards();
    expect(more).toEqual([]);
    if (!only) throw new Error('no dashboard issue');
    return only;
  }

  slaLabels(issue: Issue): string[] {
    return this.issue(issue.number).labels.filter((name) => name.startsWith('sla:'));
  }

  async sweep(now: string, inputs: Record<string, string> = sweepInputs(), options: Partial<RunOptions> = {}) {
    this.emulator.setNow(now);
    const result = await this.run('sla-check', { emulator: this.emulator, now, inputs, ...options });
    this.results.push(result);
    return result;
  }

  writes(): string[] {
    return this.emulator.writes().map((write) => `${write.method} ${write.path}`);
  }

  expectNoLeaks(): void {
    expectNoLeaks({ results: this.results, state: this.emulator.state, sentinels: Object.values(SENTINELS) });
  }
}

const STEP_BY_NAME = new Map(Object.entries(STEP_NAMES).map(([step, name]) => [name, step]));

/** `KEY step` for each chat message sla-check sent. */
export function deliveredBreaches(emulator: Emulator): string[] {
  return deliveredMessages(emulator)
    .filter((message) => message.startsWith('breach '))
    .map((message) => message.slice('breach '.length));
}

/**
 * Every chat message sent, as `breach KEY step`, `reminder KEY step`, `missed-release KEY` or
 * `waiting-for-approval KEY`; any other text fails the test (the format is what readers of the chat rely on).
 */
export function deliveredMessages(emulator: Emulator): string[] {
  return emulator.webhook.deliveries.map((delivery) => {
    const text = (delivery.body as { text?: string }).text ?? '';
    const step = /^SLA (breach|reminder): (\S+?)(?: \([^)]*\))?: (.+?) was due /.exec(text);
    if (step?.[1] && step[2] && step[3]) return `${step[1]} ${step[2]} ${STEP_BY_NAME.get(step[3]) ?? step[3]}`;
    const release =
      /^(Missed release|Release waiting for an approval): (\S+?)(?: \([^)]*\))?: the agreed release day/.exec(text);
    if (release?.[1] && release[2]) {
      return `${release[1] === 'Missed release' ? 'missed-release' : 'waiting-for-approval'} ${release[2]}`;
    }
    throw new Error(`unexpected chat message: ${text}`);
  });
}

export function breachedOutput(result: RunResult): string[] {
  const entries = JSON.parse(result.outputs.breached ?? '[]') as { id: string; steps: { step: string }[] }[];
  return entries.flatMap((entry) => entry.steps.map((step) => `${entry.id} ${step.step}`)).sort();
}

export function escalationComments(emulator: Emulator): string[] {
  return emulator.state.issueComments
    .map((comment) => /<!-- disclosure-actions:sla-escalation (\S+) (\S+) -->/.exec(comment.body))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]} ${match[2]}`);
}

export function countOf(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}
