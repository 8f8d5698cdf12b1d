import { addHours } from 'date-fns';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import { addRelease } from '../emulator/state.js';
import { PROJECT, TRACKER, World, fileReport, teamCommand, trackingIssueOf } from './world.js';
import { Timeline, expectSuccess } from './timeline.js';

const START = '2026-11-10T09:00:00Z'; // a Tuesday
const TEAM = 'security-team';

/**
 * Stacklok: under public disclosure "all timelines become ASAP". The team expedites a report that went public: the
 * remaining deadlines shrink to the policy's as-soon-as-possible span, the team is told once, and the release gate
 * opens outside the window (a Friday morning) with the reason recorded.
 */
export async function expedited(world: World, timeline: Timeline): Promise<void> {
  timeline.heading('Scenario: expedited (a report disclosed publicly before the fix)');
  const start = new Date(START);
  const ghsaId = await fileReport(world, {
    summary: 'Server-side request forgery in sample-project URL fetcher',
    description: 'Embargoed: a crafted URL makes the fetcher reach internal addresses.',
  });
  await timeline.add({ at: START, actor: 'reporter', did: `files a private report: ${ghsaId}` });

  world.setNow(addHours(start, 2).toISOString());
  expectSuccess(
    'ack-report',
    await world.run('ack-report', { tracker: TRACKER, organization: 'sample-org', team: TEAM }),
  );
  world.setNow(addHours(start, 5).toISOString());
  const triage = await world.run('triage', {
    'ghsa-id': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    severity: 'high',
    decision: 'accept',
    'request-cve': 'true',
    vulnerabilities:
      '- ecosystem: pip\n  package: sample-project\n  vulnerable-version-range: "< 1.4.3"\n  patched-versions: "1.4.3"',
  });
  expectSuccess('triage', triage);
  const advisory = world.emulator.state.advisories.find((a) => a.ghsaId === ghsaId);
  if (advisory) advisory.cveId = 'CVE-2026-47100';
  await timeline.add({
    at: world.now,
    actor: 'ack-report, triage',
    did: 'acknowledged, accepted (high), CVE-2026-47100',
  });

  const tracking = trackingIssueOf(world, ghsaId).number;
  world.setNow('2026-11-12T18:30:00Z');
  await teamCommand(world, tracking, '/triage expedite reason="the issue was posted on a public mailing list"');
  const mentions = world.emulator.state.issueComments.filter(
    (c) => c.repo === TRACKER && c.issueNumber === tracking && c.body.includes('disclosure-actions:expedited'),
  );
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `\`/triage expedite reason=...\`: the team is told once (${mentions.length} comment mentioning @${TEAM})`,
    deadline: world.deadline(ghsaId, 'fix-release'),
  });

  world.setNow('2026-11-13T09:00:00Z');
  await teamCommand(world, tracking, '/triage sanitized');
  await teamCommand(world, tracking, '/triage sanitized');
  await teamCommand(world, tracking, '/release approve');
  addRelease(world.emulator.state, PROJECT, 'v1.4.3', { body: 'sample-project 1.4.3' });
  world.setNow('2026-11-13T09:30:00Z'); // a Friday, hours before any window
  const gate = await world.run('release-gate', {
    mode: 'check',
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    team: TEAM,
    versions: '1.4.3',
  });
  expectSuccess('release-gate', gate);
  const state = readTrackerState(trackingIssueOf(world, ghsaId).body);
  await timeline.add({
    at: world.now,
    actor: 'release-gate',
    did: `open=${gate.outputs.open} on a Friday morning: ${gate.outputs.reason} (expedited by ${state?.expedited?.by ?? '?'})`,
  });
}
