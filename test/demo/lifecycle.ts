import { addDays, addHours } from 'date-fns';
import { formatUtc } from '../../src/domain/checklist.js';
import { readTrackerState, reportMarker } from '../../src/domain/tracker-state.js';
import { PROJECT, TRACKER, World, commentOnTracker, fileReport } from './world.js';
import { Timeline, expectSuccess, jsonOutput, sweepFindings } from './timeline.js';

const START = '2026-11-02T09:00:00Z'; // a Monday
/** The response team: the triage workflow's `team`, whose members' `/release approve` publish-announcement checks. */
const TEAM = 'security-team';
const VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N';

const iso = (date: Date): string => date.toISOString();

/** One report from arrival to retrospective, every step by the built actions against the emulator. */
export async function lifecycle(world: World, timeline: Timeline): Promise<void> {
  timeline.heading('Scenario: lifecycle (a report from arrival to retrospective)');
  const start = new Date(START);
  const ghsaId = await fileReport(world, {
    summary: 'Path traversal in sample-project archive extraction',
    description: 'Embargoed: extracting a crafted archive writes outside the target directory.\n\nSteps: ...',
  });
  await timeline.add({
    at: START,
    actor: 'reporter',
    did: `files a private report on ${PROJECT}: ${ghsaId} (state triage)`,
  });

  world.setNow(iso(addHours(start, 3)));
  const ack = await world.run('ack-report', {
    tracker: TRACKER,
    organization: 'sample-org',
    team: TEAM,
    'notify-webhook': world.emulator.webhook.url,
  });
  expectSuccess('ack-report', ack);
  const issues = jsonOutput<Record<string, string>>(ack, 'tracker-issues', {});
  await timeline.add({
    at: world.now,
    actor: 'ack-report (cron)',
    did: `acknowledged ${jsonOutput<string[]>(ack, 'acknowledged', []).join(', ')}; tracking issue ${issues[ghsaId] ?? '?'}; team notified`,
    deadline: world.deadline(ghsaId, 'acknowledge'),
  });

  world.setNow(iso(addHours(start, 26)));
  const triage = await world.run('triage', {
    'ghsa-id': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    'cvss-vector': VECTOR,
    tlp: 'AMBER',
    decision: 'accept',
    'fix-team': 'codeowners',
    'affected-paths': 'src/parser/archive.py',
    'request-cve': 'true',
    vulnerabilities:
      '- ecosystem: pip\n  package: sample-project\n  vulnerable-version-range: "< 1.4.2"\n  patched-versions: "1.4.2"',
  });
  expectSuccess('triage', triage);
  const slot = triage.outputs['release-slot'] ?? '';
  await timeline.add({
    at: world.now,
    actor: 'triage',
    did: `CVSS ${triage.outputs.score} (${triage.outputs.severity}), accepted, fix team from CODEOWNERS, CVE requested; release slot ${slot}`,
    deadline: world.deadline(ghsaId, 'triage'),
  });
  const advisory = world.emulator.state.advisories.find((a) => a.ghsaId === ghsaId);
  if (advisory) advisory.cveId = 'CVE-2026-41234';
  await timeline.add({ at: world.now, actor: 'GitHub (emulated)', did: 'assigns CVE-2026-41234 to the advisory' });

  world.setNow(iso(addHours(start, 27)));
  const fork = await world.run('create-temp-fork', {
    'ghsa-id': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    'wait-timeout': '1m',
  });
  expectSuccess('create-temp-fork', fork);
  await timeline.add({
    at: world.now,
    actor: 'create-temp-fork',
    did: `temporary private fork ${fork.outputs.fork} ready (created=${fork.outputs.created})`,
  });

  for (const days of [4, 17]) {
    world.setNow(iso(addDays(start, days)));
    const sweep = await world.run('sla-check', {
      tracker: TRACKER,
      organization: 'sample-org',
      team: TEAM,
      'due-soon': '5d',
    });
    expectSuccess('sla-check', sweep);
    await timeline.add({
      at: world.now,
      actor: 'sla-check (cron)',
      did: sweepFindings(sweep),
    });
  }

  const slotTime = slot ? new Date(slot) : addDays(start, 18);
  world.setNow(iso(addHours(slotTime, -3)));
  await approveRelease(world, timeline, ghsaId);

  world.setNow(iso(addHours(slotTime, -2)));
  const early = await world.run('release-gate', { mode: 'check', 'on-closed': 'skip' });
  expectSuccess('release-gate', early);
  await timeline.add({
    at: world.now,
    actor: 'release-gate',
    did: `closed: ${early.outputs.reason}; next slot ${early.outputs['next-slot']}`,
  });

  world.setNow(iso(addHours(slotTime, 0.1)));
  const gate = await world.run('release-gate', {
    mode: 'check',
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
  });
  expectSuccess('release-gate', gate);
  await timeline.add({ at: world.now, actor: 'release-gate', did: `open (${gate.outputs.reason}); preconditions met` });

  const publish = await world.run('publish-announcement', {
    'gate-open': gate.outputs.open,
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    project: 'sample-project',
    version: '1.4.2',
    'release-tag': 'v1.0.0',
    'upgrade-command': 'pip install --upgrade sample-project',
    'version-command': 'python -c "import sample_project; print(sample_project.__version__)"',
    'discussion-category': 'Announcements',
    'notify-webhook': world.emulator.webhook.url,
    // Whose members' `/release approve` count: checked before the first write.
    team: TEAM,
  });
  expectSuccess('publish-announcement', publish);
  await world.write('announcement.md', `# ${publish.outputs.subject}\n\n${publish.outputs.body}`);
  await timeline.add({
    at: world.now,
    actor: 'publish-announcement',
    did: `published ${jsonOutput<string[]>(publish, 'published', []).join(', ')}, discussion ${publish.outputs['discussion-url']}, retrospective #${publish.outputs['retrospective-issue']}`,
    deadline: world.deadline(ghsaId, 'fix-release'),
  });

  // 12 hours before the retrospective is due (3 days after the release), then a day after it.
  for (const hours of [60, 96]) {
    world.setNow(iso(addHours(slotTime, hours)));
    const sweep = await world.run('sla-check', { tracker: TRACKER, organization: 'sample-org', team: TEAM });
    expectSuccess('sla-check', sweep);
    await timeline.add({
      at: world.now,
      actor: 'sla-check (cron)',
      did: sweepFindings(sweep),
      deadline: world.deadline(ghsaId, 'retrospective'),
    });
  }

  const cleanup = await world.run('create-temp-fork', {
    mode: 'cleanup',
    tracker: TRACKER,
    organization: 'sample-org',
  });
  expectSuccess('create-temp-fork cleanup', cleanup);
  await timeline.add({
    at: world.now,
    actor: 'create-temp-fork',
    did: `cleanup: deleted ${cleanup.outputs.deleted ?? '[]'}`,
  });

  await writeTrackerFiles(world, ghsaId);
}

/**
 * Publishing needs a recorded approval: a member of the response team comments `/release approve` in the tracking
 * issue, GitHub delivers the comment to the triage workflow (an `issue_comment` event), and triage records who
 * approved and when in the issue's state block, where publish-announcement checks it before its first write.
 */
async function approveRelease(world: World, timeline: Timeline, ghsaId: string): Promise<void> {
  const tracking = world.trackerIssue((_title, body) => body.includes(reportMarker(ghsaId)));
  if (!tracking) throw new Error(`no tracking issue for ${ghsaId} to approve its publication in`);
  const comment = await commentOnTracker(world, tracking.number, '/release approve');
  await timeline.add({
    at: world.now,
    actor: `${comment.user.login} (team)`,
    did: `comments \`/release approve\` in tracking issue #${tracking.number}`,
  });
  const approve = await world.run(
    'triage',
    { team: TEAM },
    {
      eventName: 'issue_comment',
      eventPayload: {
        action: 'created',
        issue: { number: tracking.number },
        comment,
        repository: { full_name: TRACKER },
      },
    },
  );
  expectSuccess('triage (/release approve)', approve);
  const state = readTrackerState(world.trackerIssue((_title, body) => body.includes(reportMarker(ghsaId)))?.body);
  const approvals = state?.approvals ?? [];
  if (approvals.length === 0) throw new Error(`triage recorded no approval for ${ghsaId}`);
  await timeline.add({
    at: world.now,
    actor: 'triage (approval)',
    did: `publication approved by ${approvals.map((a) => `${a.login} at ${formatUtc(new Date(a.at))}`).join(', ')}; recorded in #${tracking.number}`,
  });
}

async function writeTrackerFiles(world: World, ghsaId: string): Promise<void> {
  const tracking = world.trackerIssue((_title, body) => body.includes(`disclosure-actions:report ${ghsaId}`));
  const dashboard = world.trackerIssue((title) => /dashboard/i.test(title));
  const retrospective = world.trackerIssue((title) => /retrospective/i.test(title));
  const written = [
    tracking && (await world.write('tracker-issue.md', `# ${tracking.title}\n\n${tracking.body}`)),
    dashboard && (await world.write('dashboard.md', `# ${dashboard.title}\n\n${dashboard.body}`)),
    retrospective && (await world.write('retrospective.md', `# ${retrospective.title}\n\n${retrospective.body}`)),
  ].filter(Boolean);
  console.log(`\nWrote ${written.join(', ')} and announcement.md`);
}
