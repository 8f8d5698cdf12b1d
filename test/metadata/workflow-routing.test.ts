/**
 * The `if:` of every job that runs triage on tracker comments (the templates and the README examples) must start it
 * for each command triage acts on: `/triage ...` (needs-info, sanitized, an upstream rejection), `/release ...` and
 * `/ack ...`. A command the filter drops is never answered: the team sees nothing happen. The App's own replies, which
 * start workflows too, and comments that are not commands must not start it.
 */
import { describe, expect, it } from '@jest/globals';
import { parseAckCommand } from '../../src/domain/ack-command.js';
import { parseReleaseCommand } from '../../src/domain/release-approval.js';
import { parseReleaseStepCommand } from '../../src/domain/release-checklist.js';
import { triageCommandText } from '../../src/domain/triage-command.js';
import { exampleWorkflows } from './readme-examples.js';
import {
  jobResults,
  ourAction,
  runContext,
  templateSources,
  type SampleEvent,
  type WorkflowSource,
} from './workflow-model.js';

/** Comments as the team writes them, one command each. */
const COMMANDS = [
  '/triage cvss=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H accept',
  '/triage reject upstream=https://github.com/upstream-org/lib/security reason="in the bundled library"',
  '/triage needs-info\nWhich version did you test?',
  '/triage sanitized',
  '/release approve',
  '/release done fork-merged',
  '/ack sent',
  '/ack credit @reporter-rita finder',
  '/ack credit none',
];

const NOT_COMMANDS: readonly (readonly [string, string])[] = [
  ['a person', 'Reproduced on 1.4.1; the ack went out by e-mail.'],
  ['the App', '**Acknowledgement of issue-3 confirmed sent** by `sirt-member`'],
  ['the App', '/ack sent by `sirt-member`: nothing to confirm'],
];

/** What triage's command mode reads as a command (config.ts): the same parsers. */
function triageActsOn(body: string): boolean {
  return (
    triageCommandText(body) !== undefined ||
    parseReleaseCommand(body).kind !== 'none' ||
    parseReleaseStepCommand(body) !== undefined ||
    parseAckCommand(body).kind !== 'none'
  );
}

function commentEvent(body: string, type: 'User' | 'Bot'): SampleEvent {
  const author = { login: type === 'Bot' ? 'disclosure-app[bot]' : 'sirt-member', type };
  return {
    label: body,
    name: 'issue_comment',
    action: 'created',
    payload: {
      action: 'created',
      issue: { number: 7, labels: [{ name: 'disclosure-tracker' }] },
      comment: { id: 42, body, user: author },
      sender: author,
    },
  };
}

/** The jobs of a workflow that run triage on comments. */
function triageJobs(source: WorkflowSource): string[] {
  const on = source.workflow.on as Record<string, unknown> | undefined;
  if (typeof on !== 'object' || on === null || !('issue_comment' in on)) return [];
  return Object.entries(source.workflow.jobs)
    .filter(([, job]) => (job.steps ?? []).some((step) => ourAction(step) === 'triage'))
    .map(([id]) => id);
}

const sources = [...templateSources(), ...exampleWorkflows()].filter((source) => triageJobs(source).length > 0);

function starts(source: WorkflowSource, jobId: string, event: SampleEvent): boolean {
  return jobResults(source.workflow, runContext(source.workflow, event, 1))[jobId] === 'success';
}

describe('routing tracker comments to triage', () => {
  it('finds the triage jobs of the template and of the README example', () => {
    expect(sources.map((source) => source.name)).toEqual(
      expect.arrayContaining(['security-triage.yml', expect.stringMatching(/^actions\/triage\/README\.md:\d+$/)]),
    );
  });

  it('reads every sample command as a command, and no other comment', () => {
    for (const body of COMMANDS) expect([body, triageActsOn(body)]).toEqual([body, true]);
    expect(triageActsOn(NOT_COMMANDS[0]![1])).toBe(false);
  });

  describe.each(sources.map((source) => [source.name, source] as const))('%s', (_name, source) => {
    it.each(COMMANDS)('starts the triage job for %j', (body) => {
      for (const jobId of triageJobs(source)) {
        expect([jobId, starts(source, jobId, commentEvent(body, 'User'))]).toEqual([jobId, true]);
      }
    });

    it.each(NOT_COMMANDS)("does not start it for %s's comment %j", (who, body) => {
      for (const jobId of triageJobs(source)) {
        const event = commentEvent(body, who === 'the App' ? 'Bot' : 'User');
        expect([jobId, starts(source, jobId, event)]).toEqual([jobId, false]);
      }
    });
  });
});

/** An issue event in the tracker, as GitHub sends it when a team member files the intake form (or the App acts). */
function issueEvent(action: string, labels: string[], type: 'User' | 'Bot', label?: string): SampleEvent {
  const sender = { login: type === 'Bot' ? 'disclosure-app[bot]' : 'sirt-member', type };
  return {
    label: `issues ${action}`,
    name: 'issues',
    action,
    payload: {
      action,
      issue: { number: 12, labels: labels.map((name) => ({ name })) },
      ...(label ? { label: { name: label } } : {}),
      sender,
    },
  };
}

describe('routing a report filed with the issue form to ack-report', () => {
  const intake = templateSources().filter((source) =>
    Object.values(source.workflow.jobs).some((job) =>
      (job.steps ?? []).some((step) => ourAction(step) === 'ack-report'),
    ),
  );
  const ackJobs = (source: WorkflowSource): string[] =>
    Object.entries(source.workflow.jobs)
      .filter(([, job]) => (job.steps ?? []).some((step) => ourAction(step) === 'ack-report'))
      .map(([id]) => id);
  const startsAck = (source: WorkflowSource, event: SampleEvent): boolean =>
    ackJobs(source).some((jobId) => starts(source, jobId, event));

  it('has a template that runs ack-report on issues opened in the tracker', () => {
    const onIssues = intake.filter((source) => {
      const on = source.workflow.on as Record<string, { types?: string[] } | null>;
      return on.issues?.types?.includes('opened') === true;
    });
    expect(onIssues.map((source) => source.name)).toEqual(['security-intake.yml']);
  });

  it("starts it for the form's issue (opened with the label, or labelled later), not for the App or other issues", () => {
    const [source] = intake.filter((candidate) => candidate.name === 'security-intake.yml');
    expect(startsAck(source!, issueEvent('opened', ['security-report'], 'User'))).toBe(true);
    expect(startsAck(source!, issueEvent('labeled', ['security-report'], 'User', 'security-report'))).toBe(true);
    expect(startsAck(source!, issueEvent('opened', ['bug'], 'User'))).toBe(false);
    expect(startsAck(source!, issueEvent('labeled', ['security-report', 'tlp:amber'], 'Bot', 'tlp:amber'))).toBe(false);
  });
});
