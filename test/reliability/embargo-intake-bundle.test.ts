/**
 * The embargo over the built bundles for a report that came outside GitHub (issue 17): the e-mailed report filed with
 * the tracker's issue form (its report and the reporter's contact hold embargoed sentinels) goes through ack-report
 * and triage's tracker commands, each a child process started as the runner starts it, with the debug log on. After
 * each test the watched emulator fails it if a sentinel reached any run's stdout, stderr, outputs or step summary, or
 * any public surface (the draft advisory triage opens included).
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { ADVISORY_TEXT_LABELS } from '../../src/domain/intake-form.js';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import { formBody } from '../actions/intake-form.world.js';
import type { Emulator } from '../emulator/index.js';
import { addIssue, addIssueComment, addLabel } from '../emulator/state.js';
import type { Issue } from '../emulator/types.js';
import { commandRun } from '../harness/comments.js';
import { SENTINELS } from '../harness/leaks.js';
import type { RunResult } from '../harness/run-action.js';
import { PROJECT, TRACKER } from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

const NOW = '2026-01-06T10:00:00Z';
const INTAKE_LABEL = 'security-report';
const DEBUG = { RUNNER_DEBUG: '1' };
const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
  addLabel(emulator.state, TRACKER, INTAKE_LABEL);
});

/** The e-mailed report as a team member files it: the form, then the team's sanitized text for the advisory. */
function filedReport(): Issue {
  const sanitized = [
    `### ${ADVISORY_TEXT_LABELS.summary}\n\nPath traversal in the archive loader`,
    `### ${ADVISORY_TEXT_LABELS.description}\n\nLoading a crafted archive can write outside the target directory.`,
  ].join('\n\n');
  return addIssue(emulator.state, TRACKER, {
    title: 'Security report: e-mail from a researcher',
    body: `${formBody({ credit: 'Jane Doe' })}\n\n${sanitized}\n`,
    labels: [INTAKE_LABEL],
    createdAt: '2026-01-05T12:00:00Z',
    updatedAt: '2026-01-05T12:00:00Z',
  });
}

/** ack-report's bundle takes the filed issue in, as the intake workflow runs it on `issues: opened`. */
async function takeIn(issue: Issue): Promise<void> {
  const intake = await watched.runBundle('ack-report', {
    now: NOW,
    inputs: { token: 'token-admin', tracker: TRACKER, policy: 'conda-forge', repositories: PROJECT },
    env: DEBUG,
    eventName: 'issues',
    eventPayload: {
      action: 'opened',
      issue: { number: issue.number, labels: [{ name: INTAKE_LABEL }] },
      repository: { full_name: TRACKER },
    },
  });
  expect(intake.exitCode).toBe(0);
}

/** A team member's command in the issue, delivered to the triage bundle. */
async function command(issue: Issue, body: string): Promise<RunResult> {
  const made = addIssueComment(emulator.state, TRACKER, issue.number, { body, user: 'sirt-lead' });
  const result = await watched.runBundle('triage', { ...commandRun(made), now: NOW, env: DEBUG });
  expect({ command: body, exit: result.exitCode, errors: result.errors }).toEqual({
    command: body,
    exit: 0,
    errors: [],
  });
  return result;
}

const sentinels = Object.values(SENTINELS);

describe('a report by e-mail, through the built bundles with the debug log on', () => {
  it('intake, /ack sent, /ack credit, needs-info, acceptance into a draft advisory, the reporter updates', async () => {
    const issue = filedReport();
    await takeIn(issue);
    await command(issue, '/ack sent');
    await command(issue, '/ack credit Jane Doe');
    await command(issue, '/triage needs-info Which version did you test?');
    await command(issue, '/triage accept severity=high');

    const [advisory, ...more] = emulator.state.advisories.filter((a) => a.repo === PROJECT);
    expect(more).toEqual([]);
    expect(advisory?.summary).toBe('Path traversal in the archive loader');
    for (const sentinel of sentinels) expect(JSON.stringify(advisory)).not.toContain(sentinel);
    const state = readTrackerState(issue.body);
    expect(state).toMatchObject({ key: advisory?.ghsaId, credit: { name: 'Jane Doe' } });
    expect(state?.ackSent?.login).toBe('sirt-lead');

    const sweep = await watched.runBundle('ack-report', {
      now: NOW,
      inputs: { token: 'token-admin', tracker: TRACKER, policy: 'conda-forge', repositories: PROJECT },
      env: DEBUG,
      eventName: 'schedule',
    });
    expect(sweep.exitCode).toBe(0);
    const updates = emulator.state.issueComments.filter((c) => c.body.includes('disclosure-actions:reporter-update'));
    expect(updates.length).toBeGreaterThan(0);
    await command(issue, '/ack sent');
  });

  it('rejected as out of scope, sent upstream, before any advisory exists', async () => {
    const issue = filedReport();
    await takeIn(issue);
    await command(issue, '/triage reject upstream=https://github.com/upstream-org/libarchive/security');
    expect(emulator.state.advisories.filter((a) => a.repo === PROJECT)).toEqual([]);
    expect(readTrackerState(issue.body)?.upstream?.url).toBe('https://github.com/upstream-org/libarchive/security');
    expect(issue.state).toBe('closed');
  });
});
