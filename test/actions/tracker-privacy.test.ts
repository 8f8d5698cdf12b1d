/**
 * The tracker holds embargoed reports. An internal repository answers `private: true` but every member of the
 * enterprise can read it: refused, with the reason, before anything is written. An organization whose base permission
 * gives every member read access exposes a private tracker too: a warning, or a notice when the token cannot see the
 * base permission (GitHub shows it to organization owners only).
 */
import { describe, expect, it } from '@jest/globals';
import { exposureText } from '../../src/github/repos.js';
import { findRepo } from '../emulator/state.js';
import { addPrivateReport, addTrackingIssue, PROJECT, reportOf, TRACKER } from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

const NOW = '2026-01-06T10:00:00Z';

const watched = watchedEmulator(() => ({ now: NOW }));

/** The tracker turned internal, as an enterprise repository (GitHub answers `private: true` for it too). */
function makeTrackerInternal(): void {
  const tracker = findRepo(watched.emulator.state, TRACKER);
  if (!tracker) throw new Error('no tracker in the seed');
  tracker.private = true;
  tracker.visibility = 'internal';
}

/** A report triaged by inputs, with its tracking issue: a run that would write to the tracker. */
function triageRun(token = 'token-admin') {
  const advisory = addPrivateReport(watched.emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
  const issue = addTrackingIssue(watched.emulator.state, {
    ...reportOf(advisory),
    state: { acknowledgedAt: '2026-01-05T10:00:00.000Z' },
  });
  const run = watched.run('triage', {
    now: NOW,
    inputs: { token, 'ghsa-id': advisory.ghsaId, repository: PROJECT, tracker: TRACKER, tlp: 'amber' },
  });
  return { advisory, issue, run };
}

describe('an internal tracker', () => {
  it.each([
    ['triage', () => triageRun().run],
    [
      'sla-check',
      () =>
        watched.run('sla-check', {
          now: NOW,
          inputs: { token: 'token-admin', tracker: TRACKER, organization: 'sample-org', inventory: 'false' },
        }),
    ],
    [
      'ack-report',
      () =>
        watched.run('ack-report', {
          now: NOW,
          eventName: 'schedule',
          inputs: { token: 'token-admin', tracker: TRACKER, organization: 'sample-org' },
        }),
    ],
  ])('is refused by %s with the reason, nothing written', async (_action, start) => {
    makeTrackerInternal();
    addPrivateReport(watched.emulator.state, PROJECT, { createdAt: '2026-01-05T09:00:00Z' });
    const result = await start();
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(
      `configuration error in tracker: The tracker repository ${TRACKER} is internal: every member of the enterprise that owns sample-org can read it`,
    );
    expect(result.errors[0]?.message).toContain('Change its visibility to private');
    expect(watched.emulator.writes()).toEqual([]);
  });
});

describe("the organization's base permission", () => {
  it.each(['read', 'write', 'admin'] as const)(
    '"%s" is a warning: every member can read the tracker',
    async (level) => {
      watched.emulator.state.orgBasePermission = level;
      const result = await triageRun().run;
      expect(result.exitCode).toBe(0);
      const warnings = result.warnings.map((warning) => warning.message);
      expect(warnings).toContain(
        `Every member of sample-org can read the private tracker ${TRACKER} and the embargoed reports in it: the organization's base permission is "${level}". Set Organization settings, Member privileges, Base permissions to "No permission" and give the response team access to ${TRACKER} instead.`,
      );
      expect(warnings.filter((message) => message.startsWith('Every member'))).toHaveLength(1);
    },
  );

  it('"none" says nothing', async () => {
    const result = await triageRun().run;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toMatch(/Every member of|Cannot tell whether/);
  });

  it('a token that is not an owner cannot tell, and the run says so', async () => {
    watched.emulator.state.orgBasePermission = 'read';
    const result = await triageRun('token-repo-writer').run;
    expect(result.exitCode).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/Every member of/);
    const notices = result.commands.filter((command) => command.command === 'notice').map((c) => c.message);
    expect(notices).toEqual([
      expect.stringMatching(
        /^Cannot tell whether every member of sample-org can read the private tracker sample-org\/security-tracker: GitHub shows an organization's base permission \(default_repository_permission\) to organization owners only/,
      ),
    ]);
  });

  it('is not asked about a repository a user owns', () => {
    expect(exposureText({ owner: 'someone', repo: 'tracker' }, 'not-an-organization')).toBeUndefined();
  });
});
