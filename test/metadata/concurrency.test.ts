/**
 * No command lost. GitHub's rule ("Control the concurrency of workflows and jobs"): in a concurrency group, one job
 * or workflow runs and at most one is pending; when another is queued, the pending one is cancelled and the new one
 * takes its place (`cancel-in-progress: false` spares only the running one). Groups are shared by every workflow of
 * the repository. A workflow-level group is entered by every run the `on:` starts, before any job's `if:` is read;
 * a job-level group only by a job its `if:` lets run.
 *
 * The events of a busy day (commands on one issue, the App's own replies, schedules, runs by hand, an App's relays,
 * issues filed by hand) are played against all the templates together, none finishing before the last one arrives,
 * and no run or job that does something someone asked for may be cancelled unless a run asking for the same thing
 * took its place. A second check does not depend on timing at all: no group that holds a request is ever entered by
 * anything asking for something else.
 */
import { describe, expect, it } from '@jest/globals';
import {
  concurrencyGroup,
  interpolate,
  jobNeeds,
  jobOrder,
  jobResults,
  readWorkflowSource,
  requestOf,
  runContext,
  SAMPLE_EVENTS,
  templateSources,
  triggers,
  type SampleEvent,
  type WorkflowSource,
} from './workflow-model.js';

interface Entry {
  /** `security-triage.yml/fork for /fork on #7`. */
  readonly what: string;
  readonly group: string;
  /** What it does for someone; undefined when it does nothing anyone asked for. */
  readonly request: string | undefined;
  cancelled: boolean;
}

interface Group {
  running: Entry | undefined;
  pending: Entry | undefined;
  readonly entries: Entry[];
}

/** GitHub's rule: the first runs, the next waits, and a newer one cancels the one waiting. */
function enter(groups: Map<string, Group>, entry: Entry): void {
  const group = groups.get(entry.group) ?? { running: undefined, pending: undefined, entries: [] };
  groups.set(entry.group, group);
  group.entries.push(entry);
  if (!group.running) {
    group.running = entry;
    return;
  }
  if (group.pending) group.pending.cancelled = true;
  group.pending = entry;
}

function groupName(concurrency: unknown, context: object): string | undefined {
  const group = concurrencyGroup(concurrency as Parameters<typeof concurrencyGroup>[0]);
  return group === undefined ? undefined : interpolate(group, context).trim();
}

/** Plays the events in order against the workflows; nothing finishes. */
function play(sources: readonly WorkflowSource[], events: readonly SampleEvent[]): Entry[] {
  const groups = new Map<string, Group>();
  const entries: Entry[] = [];
  let runId = 1000;
  for (const event of events) {
    for (const { name, workflow } of sources) {
      if (!triggers(workflow, event)) continue;
      runId += 1;
      const context = runContext(workflow, event, runId);
      const results = jobResults(workflow, context);
      const request = requestOf(workflow, event);
      const doesSomething = Object.values(results).includes('success');
      const runGroup = groupName(workflow.concurrency, context);
      if (runGroup !== undefined) {
        const entry: Entry = {
          what: `${name} run for ${event.label}`,
          group: runGroup,
          request: doesSomething ? request : undefined,
          cancelled: false,
        };
        enter(groups, entry);
        entries.push(entry);
      }
      for (const jobId of jobOrder(workflow)) {
        if (results[jobId] !== 'success') continue;
        const job = workflow.jobs[jobId];
        const needs = Object.fromEntries(
          jobNeeds(job ?? {}).map((need) => [need, { result: results[need], outputs: {} }]),
        );
        const group = groupName(job?.concurrency, { ...context, needs });
        if (group === undefined) continue;
        const entry: Entry = { what: `${name}/${jobId} for ${event.label}`, group, request, cancelled: false };
        enter(groups, entry);
        entries.push(entry);
      }
    }
  }
  return entries;
}

/** Requests lost: cancelled, and no entry of the same group asking for the same thing left to do it. */
function lost(entries: readonly Entry[]): string[] {
  return entries
    .filter((entry) => entry.cancelled && entry.request !== undefined)
    .filter(
      (entry) =>
        !entries.some(
          (other) =>
            other !== entry && !other.cancelled && other.group === entry.group && other.request === entry.request,
        ),
    )
    .map((entry) => `${entry.what} (group ${entry.group})`);
}

/** Groups that hold a request and anything else: under some timing, the other cancels the request. */
function mixedGroups(entries: readonly Entry[]): string[] {
  const byGroup = new Map<string, Entry[]>();
  for (const entry of entries) byGroup.set(entry.group, [...(byGroup.get(entry.group) ?? []), entry]);
  return [...byGroup]
    .filter(([, members]) => {
      const requests = new Set(members.map((member) => member.request ?? '(nothing)'));
      const commands = [...requests].filter((request) => request !== 'sweep' && request !== '(nothing)');
      return commands.length > 0 && requests.size > 1;
    })
    .map(([group, members]) => `${group}: ${members.map((member) => member.what).join('; ')}`);
}

const templates = templateSources();

describe("the templates under GitHub's one-pending-run-per-group rule", () => {
  const entries = play(templates, SAMPLE_EVENTS);

  it('run every command: none is cancelled before another run asking for the same took its place', () => {
    expect(lost(entries)).toEqual([]);
  });

  it('never share a group between a command and anything else (whatever the timing)', () => {
    expect(mixedGroups(entries)).toEqual([]);
  });

  it("start no job for the App's own replies and comments, nor for a comment that is no command", () => {
    const silent = SAMPLE_EVENTS.filter((event) => event.request === undefined);
    const started = play(templates, silent).filter((entry) => entry.what.includes('/'));
    expect(started.map((entry) => entry.what)).toEqual([]);
  });

  it('serve each command once: a /triage starts the triage job only, a /fork the fork job only', () => {
    const jobs = (label: string): string[] =>
      entries
        .filter((entry) => entry.what.endsWith(` for ${label}`) && entry.what.includes('/'))
        .map((entry) => entry.what);
    expect(jobs('/triage on #7')).toEqual(['security-triage.yml/triage for /triage on #7']);
    expect(jobs('/fork on #7')).toEqual(['security-triage.yml/fork for /fork on #7']);
    expect(jobs('issue #9 filed with the intake label')).toEqual([
      'security-intake.yml/acknowledge for issue #9 filed with the intake label',
    ]);
  });
});

/** The check itself: the designs issue 16 found in the templates lose commands, and the test says which. */
describe('a concurrency design that loses commands', () => {
  const replaced = (file: string, from: string | RegExp, to: string): WorkflowSource[] =>
    templates.map((source) => {
      if (source.name !== file) return source;
      const text = source.text.replace(from, to);
      if (text === source.text) throw new Error(`${file}: "${String(from)}" not found`);
      return readWorkflowSource(file, text);
    });

  it('is found: one workflow-level group per issue for /triage and /fork (a bot reply cancels the pending /fork)', () => {
    const sources = replaced(
      'security-triage.yml',
      /\njobs:\n/,
      '\nconcurrency:\n  group: security-triage-${{ github.event.issue.number || inputs.ghsa-id }}\n  cancel-in-progress: false\n\njobs:\n',
    );
    const entries = play(sources, SAMPLE_EVENTS);
    expect(lost(entries)).toContain('security-triage.yml run for /fork on #7 (group security-triage-7)');
    expect(mixedGroups(entries).join('\n')).toContain(
      "security-triage-7: security-triage.yml run for /triage on #7; security-triage.yml run for /fork on #7; security-triage.yml run for the App's reply on #7",
    );
  });

  it('is found: one workflow-level group for every intake event (a schedule cancels a pending report)', () => {
    const sources = replaced(
      'security-intake.yml',
      /\njobs:\n/,
      '\nconcurrency:\n  group: security-intake\n  cancel-in-progress: false\n\njobs:\n',
    );
    expect(lost(play(sources, SAMPLE_EVENTS))).toEqual(
      expect.arrayContaining(["security-intake.yml run for another App's relay (group security-intake)"]),
    );
  });

  it("is found: a job group per issue that the App's own label enters", () => {
    const sources = replaced(
      'security-intake.yml',
      /\(github\.event\.sender\.type != 'Bot' &&([\s\S]*?)\(github\.event\.action == 'opened' \|\| github\.event\.label\.name == 'security-report'\)\)/,
      '(true &&$1true)',
    );
    expect(mixedGroups(play(sources, SAMPLE_EVENTS)).join('\n')).toContain(
      "security-intake-issue-9: security-intake.yml/acknowledge for issue #9 filed with the intake label; security-intake.yml/acknowledge for its `labeled` event; security-intake.yml/acknowledge for the App's own label on #9",
    );
  });
});
