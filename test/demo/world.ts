import { mkdir, writeFile } from 'node:fs/promises';
import { deadlinesFor, formatUtc, stepCompletion } from '../../src/domain/checklist.js';
import type { Step } from '../../src/domain/deadlines.js';
import { PRESETS, isPresetName } from '../../src/domain/policy/presets.js';
import { newTrackerState, readTrackerState, reportMarker } from '../../src/domain/tracker-state.js';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { runAction, type RunOptions, type RunResult } from '../harness/run-action.js';
import { PROJECT, TRACKER } from '../harness/seed.js';

export { ORG, PROJECT, TRACKER } from '../harness/seed.js';
export const TOKEN = 'token-admin';

/** The demo's world: the emulator, a clock that the scenario moves, and the files it writes. */
export class World {
  private nowIso: string;

  private constructor(
    readonly emulator: Emulator,
    readonly outDir: string,
    start: string,
  ) {
    this.nowIso = start;
  }

  static async start(outDir: string, start: string): Promise<World> {
    const emulator = await startEmulator({ seed: defaultSeed(), now: start, forkReadyAfterMs: 300 });
    await mkdir(outDir, { recursive: true });
    return new World(emulator, outDir, start);
  }

  get now(): string {
    return this.nowIso;
  }

  setNow(iso: string): void {
    this.nowIso = new Date(iso).toISOString();
    this.emulator.setNow(this.nowIso);
  }

  run(
    action: string,
    inputs: RunOptions['inputs'],
    extra: Omit<RunOptions, 'inputs' | 'now' | 'emulator'> = {},
  ): Promise<RunResult> {
    return runAction(action, {
      inputs: { token: TOKEN, ...inputs },
      now: this.nowIso,
      emulator: this.emulator,
      repository: TRACKER,
      ...extra,
    });
  }

  async write(name: string, content: string): Promise<string> {
    const path = join(this.outDir, name);
    await writeFile(path, content.endsWith('\n') ? content : `${content}\n`);
    return path;
  }

  /** The body of the first tracker issue whose title starts with `prefix` or whose body carries `marker`. */
  trackerIssue(
    match: (title: string, body: string) => boolean,
  ): { number: number; title: string; body: string } | undefined {
    const issue = this.emulator.state.issues.find((i) => i.repo === TRACKER && match(i.title, i.body ?? ''));
    return issue ? { number: issue.number, title: issue.title, body: issue.body ?? '' } : undefined;
  }

  /**
   * A step's deadline and whether it was met, read from what the actions recorded in the tracking issue (its state
   * block), under the report's own policy: the demo states nothing it did not observe.
   */
  deadline(ghsaId: string, step: Step): string {
    const issue = this.trackerIssue((_title, body) => body.includes(reportMarker(ghsaId)));
    // Before any tracking issue exists, the report's deadlines count from the advisory's own created_at.
    const advisory = this.emulator.state.advisories.find((candidate) => candidate.ghsaId === ghsaId);
    const state =
      readTrackerState(issue?.body) ?? newTrackerState(ghsaId, PROJECT, 'spec11', advisory?.createdAt ?? this.now);
    const policy = isPresetName(state.policy) ? PRESETS[state.policy] : PRESETS.spec11;
    const due = deadlinesFor(policy, state)[step];
    const done = stepCompletion(state)[step];
    const title = step.replace('-', ' ');
    if (!due) return `${title}: no deadline yet`;
    if (!done) return `${title} due ${formatUtc(due)}: ${new Date(this.now) > due ? 'BREACHED' : 'open'}`;
    const verdict = done <= due ? 'met' : 'met late';
    return `${title} due ${formatUtc(due)}: ${verdict} (done ${formatUtc(done)})`;
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
  }
}

/**
 * A team member's comment in a tracker issue, posted as that person does, through the API (with their own token):
 * the comment GitHub then delivers to the triage workflow as an `issue_comment` event.
 */
export async function commentOnTracker(
  world: World,
  issueNumber: number,
  body: string,
  token = TOKEN,
): Promise<{ id: number; body: string; user: { login: string }; created_at: string }> {
  const response = await fetch(`${world.emulator.url}/repos/${TRACKER}/issues/${issueNumber}/comments`, {
    method: 'POST',
    headers: {
      authorization: `token ${token}`,
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify({ body }),
  });
  if (!response.ok)
    throw new Error(`commenting on ${TRACKER}#${issueNumber} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number; body: string; user: { login: string }; created_at: string };
}

/** Files a private vulnerability report as the reporter does, through the API (state `triage`). */
export async function fileReport(world: World, report: { summary: string; description: string }): Promise<string> {
  const response = await fetch(`${world.emulator.url}/repos/${PROJECT}/security-advisories/reports`, {
    method: 'POST',
    headers: {
      authorization: 'token token-reporter',
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify({
      summary: report.summary,
      description: report.description,
      vulnerabilities: [{ package: { ecosystem: 'pip', name: 'sample-project' }, vulnerable_version_range: '< 1.4.2' }],
    }),
  });
  if (!response.ok) throw new Error(`filing the report failed: ${response.status} ${await response.text()}`);
  const advisory = (await response.json()) as { ghsa_id: string };
  return advisory.ghsa_id;
}
