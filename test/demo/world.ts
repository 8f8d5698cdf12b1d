import { mkdir, writeFile } from 'node:fs/promises';
import { deadlinesFor, formatUtc, stepCompletion } from '../../src/domain/checklist.js';
import type { Step } from '../../src/domain/deadlines.js';
import { PRESETS, isPresetName } from '../../src/domain/policy/presets.js';
import { newTrackerState, readTrackerState, reportMarker } from '../../src/domain/tracker-state.js';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { defaultSeed } from '../emulator/seed.js';
import { runInProcess } from '../harness/in-process.js';
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
    /** `--in-process`: each action's main from the sources, in this process (developing the demo without a build). */
    private readonly inProcess: boolean,
  ) {
    this.nowIso = start;
  }

  static async start(outDir: string, start: string, inProcess = false): Promise<World> {
    const emulator = await startEmulator({ seed: defaultSeed(), now: start, forkReadyAfterMs: 300 });
    await mkdir(outDir, { recursive: true });
    return new World(emulator, outDir, start, inProcess);
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
    return (this.inProcess ? runInProcess : runAction)(action, {
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
    const enforcement = policy.enforcement[step];
    const due = deadlinesFor(policy, state)[step];
    const done = stepCompletion(state)[step];
    const title = step.replace('-', ' ');
    if (enforcement === 'off') return `${title}: not tracked under ${policy.name}`;
    if (!due) return `${title}: no deadline yet`;
    const late = enforcement === 'remind' ? 'overdue (a reminder, not a breach)' : 'BREACHED';
    if (!done) return `${title} due ${formatUtc(due)}: ${new Date(this.now) > due ? late : 'open'}`;
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

/** The tracking issue of report `key` (a GHSA id, or `issue-<n>` for a report filed by hand). */
export function trackingIssueOf(world: World, key: string): { number: number; title: string; body: string } {
  const issue = world.trackerIssue((_title, body) => body.includes(reportMarker(key)));
  if (!issue) throw new Error(`no tracking issue for ${key}`);
  return issue;
}

/**
 * A team member's command in a tracker issue, then the triage run GitHub starts for it (an `issue_comment` event
 * delivered to the triage workflow, whose `team` input names the response team).
 */
export async function teamCommand(
  world: World,
  issueNumber: number,
  text: string,
  token = TOKEN,
): Promise<{ login: string; result: RunResult }> {
  const comment = await commentOnTracker(world, issueNumber, text, token);
  const result = await world.run(
    'triage',
    { team: 'security-team' },
    {
      eventName: 'issue_comment',
      eventPayload: {
        action: 'created',
        issue: { number: issueNumber },
        comment,
        repository: { full_name: TRACKER },
      },
    },
  );
  if (result.exitCode !== 0) {
    throw new Error(
      `triage (${text.split('\n')[0]}) exited ${result.exitCode}: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  return { login: comment.user.login, result };
}

/** The newest reply triage posted to a command in `issueNumber`, without its hidden marker. */
export function lastReply(world: World, issueNumber: number): string {
  const replies = world.emulator.state.issueComments.filter(
    (c) =>
      c.repo === TRACKER && c.issueNumber === issueNumber && /disclosure-actions:(triage-reply|ack-reply)/.test(c.body),
  );
  return (replies.at(-1)?.body ?? '').replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** A request to the emulator as a person makes it, with their token (default: `sirt-lead`'s). */
async function asPerson<T>(world: World, method: string, path: string, body: unknown, token = TOKEN): Promise<T> {
  const response = await fetch(`${world.emulator.url}${path}`, {
    method,
    headers: {
      authorization: `token ${token}`,
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A person closes a tracker issue as completed (the retrospective, once held). */
export async function closeIssueAsCompleted(world: World, issueNumber: number): Promise<void> {
  await asPerson(world, 'PATCH', `/repos/${TRACKER}/issues/${issueNumber}`, {
    state: 'closed',
    state_reason: 'completed',
  });
}

/** A team member files an issue in the private tracker (a report that came by e-mail, with the issue form). */
export async function fileTrackerIssue(
  world: World,
  issue: { title: string; body: string; labels: string[] },
): Promise<{ number: number; labels: { name: string }[] }> {
  return asPerson(world, 'POST', `/repos/${TRACKER}/issues`, issue);
}
