import { addHours } from 'date-fns';
import { TRACKER, World, fileReport } from './world.js';
import { Timeline, expectSuccess, jsonOutput, sweepFindings } from './timeline.js';

const START = '2026-11-05T11:00:00Z'; // a Thursday

/** Nobody runs the intake for three days: the sweep flags the breach and escalates it exactly once. */
export async function missedDeadline(world: World, timeline: Timeline): Promise<void> {
  timeline.heading('Scenario: missed-deadline (a breach escalated once)');
  const start = new Date(START);
  const ghsaId = await fileReport(world, {
    summary: 'Denial of service in sample-project parser',
    description: 'Embargoed: a nested document makes the parser recurse without bound.',
  });
  await timeline.add({
    at: START,
    actor: 'reporter',
    did: `files a private report: ${ghsaId}; the intake workflow is misconfigured and never runs`,
  });

  world.setNow(addHours(start, 60).toISOString());
  const deliveriesBefore = world.emulator.webhook.deliveries.length;
  const sweep = await world.run('sla-check', {
    tracker: TRACKER,
    organization: 'sample-org',
    team: 'security-team',
    'notify-webhook': world.emulator.webhook.url,
  });
  expectSuccess('sla-check', sweep);
  await timeline.add({
    at: world.now,
    actor: 'sla-check (cron)',
    did: `${sweepFindings(sweep)}; escalated to the team by webhook (${world.emulator.webhook.deliveries.length - deliveriesBefore} message)`,
    deadline: world.deadline(ghsaId, 'acknowledge'),
  });

  world.setNow(addHours(start, 61).toISOString());
  const ack = await world.run('ack-report', { tracker: TRACKER, organization: 'sample-org', team: 'security-team' });
  expectSuccess('ack-report', ack);
  await timeline.add({
    at: world.now,
    actor: 'ack-report',
    did: `acknowledged late: ${jsonOutput<string[]>(ack, 'late', []).join(', ')}`,
    deadline: world.deadline(ghsaId, 'acknowledge'),
  });

  world.setNow(addHours(start, 62).toISOString());
  const before = world.emulator.webhook.deliveries.length;
  const again = await world.run('sla-check', {
    tracker: TRACKER,
    organization: 'sample-org',
    team: 'security-team',
    'notify-webhook': world.emulator.webhook.url,
  });
  expectSuccess('sla-check', again);
  await timeline.add({
    at: world.now,
    actor: 'sla-check (cron)',
    did: `same breach, no second escalation (${world.emulator.webhook.deliveries.length - before} new messages)`,
  });
  const dashboard = world.trackerIssue((title) => /dashboard/i.test(title));
  if (dashboard) await world.write('missed-deadline-dashboard.md', `# ${dashboard.title}\n\n${dashboard.body}`);
}
