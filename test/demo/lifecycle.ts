import { addDays, addHours } from 'date-fns';
import { readFileSync } from 'node:fs';
import { formatUtc } from '../../src/domain/checklist.js';
import type { MetricsJson } from '../../src/domain/metrics.js';
import { readSection } from '../../src/domain/tracker-merge.js';
import { RECORD_SECTION } from '../../src/domain/tracker-record.js';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import { makeSigningKit, type SigningKit } from './signing.js';
import { PROJECT, TRACKER, World, closeIssueAsCompleted, fileReport, teamCommand, trackingIssueOf } from './world.js';
import { Timeline, expectSuccess, jsonOutput, sweepFindings } from './timeline.js';

const START = '2026-11-02T09:00:00Z'; // a Monday
/** The response team: the triage workflow's `team`, whose members' `/release approve` publish-announcement checks. */
const TEAM = 'security-team';
/** A GitHub App's installation token: what the workflow templates use. */
const APP_TOKEN = 'token-repo-writer';
const VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N';
/** Two supported release lines, each with its own patch release (SPEC 11: "for all affected versions"). */
const LINES = '2.3.1, 1.9.7';
const VULNERABILITIES = [
  '- ecosystem: pip',
  '  package: sample-project',
  '  vulnerable-version-range: ">= 2.0.0, < 2.3.1"',
  '  patched-versions: "2.3.1"',
  '- ecosystem: pip',
  '  package: sample-project',
  '  vulnerable-version-range: "< 1.9.7"',
  '  patched-versions: "1.9.7"',
].join('\n');
/** The day the reporter and the team agreed on: after SPEC 11's 21-day target, for a reason they recorded. */
const AGREED_DAY = '2026-11-26';

const iso = (date: Date): string => date.toISOString();

/** One report from arrival to retrospective, every step by the built actions against the emulator. */
export async function lifecycle(world: World, timeline: Timeline): Promise<void> {
  timeline.heading('Scenario: lifecycle (a report from arrival to retrospective, two release lines)');
  const kit = makeSigningKit('signing-key: keys/project.asc\n');
  try {
    const ghsaId = await intakeAndTriage(world, timeline);
    await renegotiate(world, timeline, ghsaId);
    await releaseDay(world, timeline, ghsaId, kit);
    await afterTheRelease(world, timeline, ghsaId);
    await writeTrackerFiles(world, ghsaId);
  } finally {
    kit.close();
  }
}

async function intakeAndTriage(world: World, timeline: Timeline): Promise<string> {
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
    did: `acknowledged ${jsonOutput<string[]>(ack, 'acknowledged', []).join(', ')} in an advisory comment; tracking issue ${issues[ghsaId] ?? '?'}; team notified`,
    deadline: world.deadline(ghsaId, 'acknowledge'),
  });
  const tracking = trackingIssueOf(world, ghsaId).number;

  world.setNow(iso(addHours(start, 20)));
  await teamCommand(world, tracking, '/ack credit @reporter-rita finder');
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `\`/ack credit @reporter-rita finder\`: the reporter's answer, written to the advisory's credits (${creditsOf(world, ghsaId)})`,
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
    vulnerabilities: VULNERABILITIES,
  });
  expectSuccess('triage', triage);
  await timeline.add({
    at: world.now,
    actor: 'triage',
    did: `CVSS ${triage.outputs.score} (${triage.outputs.severity}), accepted, fix team from CODEOWNERS, CVE requested; lines ${LINES} to patch`,
    deadline: world.deadline(ghsaId, 'triage'),
  });
  const advisory = world.emulator.state.advisories.find((a) => a.ghsaId === ghsaId);
  if (advisory) advisory.cveId = 'CVE-2026-41234';
  await timeline.add({ at: world.now, actor: 'GitHub (emulated)', did: 'assigns CVE-2026-41234 to the advisory' });

  world.setNow(iso(addHours(start, 27)));
  const before = world.emulator.log.length;
  const fork = await world.run('create-temp-fork', {
    token: APP_TOKEN,
    'ghsa-id': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    'wait-timeout': '1m',
  });
  expectSuccess('create-temp-fork', fork);
  const forkName = fork.outputs.fork ?? '';
  const toFork = world.emulator.log.slice(before).filter((entry) => forkName !== '' && entry.path.includes(forkName));
  await timeline.add({
    at: world.now,
    actor: 'create-temp-fork (App)',
    did: `temporary private fork ${forkName} linked to the advisory, fix team added as advisory collaborators; requests to the fork itself: ${toFork.length} (GitHub refuses integrations there)`,
  });
  return ghsaId;
}

/** The reporter asks for more time; the team agrees a later day and records why: no breach, the deadline moves. */
async function renegotiate(world: World, timeline: Timeline, ghsaId: string): Promise<void> {
  const start = new Date(START);
  const tracking = trackingIssueOf(world, ghsaId).number;
  world.setNow(iso(addHours(start, 30)));
  const command = `/triage release-date=${AGREED_DAY} reason="the reporter asked for time: a downstream distributor ships the same code"`;
  await teamCommand(world, tracking, command);
  const moved = readTrackerState(trackingIssueOf(world, ghsaId).body)?.deadlineMoves ?? [];
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `\`/triage release-date=${AGREED_DAY} reason=...\`: fix release moved ${moved.map((m) => `${m.from ? formatUtc(new Date(m.from)) : 'none'} -> ${formatUtc(new Date(m.to))}`).join(', ')}`,
    deadline: world.deadline(ghsaId, 'fix-release'),
  });

  for (const days of [4, 22]) {
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
      did: `${sweepFindings(sweep)}${days === 22 ? ' (past the 21-day target: the agreed day holds)' : ''}`,
      deadline: world.deadline(ghsaId, 'fix-release'),
    });
  }
}

async function releaseDay(world: World, timeline: Timeline, ghsaId: string, kit: SigningKit): Promise<void> {
  const tracking = trackingIssueOf(world, ghsaId).number;
  const slot = new Date(`${AGREED_DAY}T16:00:00Z`);

  world.setNow(iso(addHours(slot, -4)));
  await teamCommand(world, tracking, '/triage sanitized');
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: '`/triage sanitized`: triage shows, in the private tracking issue, the summary and description that will become public',
  });
  await teamCommand(world, tracking, '/triage sanitized');
  const review = readTrackerState(trackingIssueOf(world, ghsaId).body)?.sanitized;
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `\`/triage sanitized\` again, after reading it: text reviewed for publication by ${review?.login ?? '?'} at ${review ? formatUtc(new Date(review.at)) : '?'}`,
  });

  for (const step of ['fork-merged', 'patch-releases', 'binaries-signed']) {
    await teamCommand(world, tracking, `/release done ${step}`);
  }
  kit.signedRelease(world, 'v2.3.1', [
    { name: 'sample-project-2.3.1.tar.gz', content: Buffer.from('sample-project 2.3.1 sdist\n'), armor: true },
  ]);
  kit.signedRelease(world, 'v1.9.7', [
    {
      name: 'sample_project-1.9.7-py3-none-any.whl',
      content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x19]),
      armor: false,
    },
  ]);
  const checklist = Object.keys(readTrackerState(trackingIssueOf(world, ghsaId).body)?.checklist ?? {});
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `merges the fork's pull requests on the advisory, releases ${LINES} with signed binaries; \`/release done\` ${checklist.join(', ')}`,
  });

  world.setNow(iso(addHours(slot, -3)));
  await teamCommand(world, tracking, '/release approve');
  const approvals = readTrackerState(trackingIssueOf(world, ghsaId).body)?.approvals ?? [];
  await timeline.add({
    at: world.now,
    actor: 'triage (approval)',
    did: `publication approved by ${approvals.map((a) => `${a.login} at ${formatUtc(new Date(a.at))}`).join(', ')}; recorded in #${tracking}`,
  });

  world.setNow(iso(addHours(slot, -2)));
  const early = await world.run('release-gate', { mode: 'check', 'on-closed': 'skip' });
  expectSuccess('release-gate', early);
  await timeline.add({
    at: world.now,
    actor: 'release-gate',
    did: `closed: ${early.outputs.reason}; next slot ${early.outputs['next-slot']}`,
  });

  world.setNow(iso(addHours(slot, 0.1)));
  const gate = await world.run(
    'release-gate',
    { mode: 'check', 'ghsa-ids': ghsaId, repository: PROJECT, tracker: TRACKER, team: TEAM, versions: LINES },
    { env: { GITHUB_WORKSPACE: kit.workspace } },
  );
  expectSuccess('release-gate', gate);
  const verified = gate.lines.filter((line) => line.startsWith('Verified')).length;
  await timeline.add({
    at: world.now,
    actor: 'release-gate',
    did: `open (${gate.outputs.reason}); releases ${gate.outputs.versions} exist and are covered; ${verified} signed asset(s) verified with gpg; text reviewed, approved`,
  });

  const publish = await world.run('publish-announcement', {
    'gate-open': gate.outputs.open,
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    project: 'sample-project',
    version: LINES,
    recipients: 'sample-project-announce@lists.sample.example, oss-security@lists.openwall.com',
    'vulnerable-configuration': 'Only applications that extract archives from untrusted sources are affected.',
    mitigation: 'If you cannot upgrade, extract untrusted archives in an empty, disposable directory.',
    'version-command': 'python -c "import sample_project; print(sample_project.__version__)"',
    'discussion-category': 'Announcements',
    'mail-signing-key': kit.privateKey,
    'notify-webhook': world.emulator.webhook.url,
    // Whose members' `/release approve` count: checked before the first write.
    team: TEAM,
  });
  expectSuccess('publish-announcement', publish);
  await world.write('announcement.md', `# ${publish.outputs.subject}\n\n${publish.outputs.body}`);
  const mailPath = publish.outputs['mail-path'] ?? '';
  if (mailPath) await world.write('announcement.eml', readFileSync(mailPath, 'utf8'));
  const blogPath = publish.outputs['blog-post-path'] ?? '';
  if (blogPath) await world.write('blog-post.md', readFileSync(blogPath, 'utf8'));
  await timeline.add({
    at: world.now,
    actor: 'publish-announcement',
    did: `published ${jsonOutput<string[]>(publish, 'published', []).join(', ')}, discussion ${publish.outputs['discussion-url']}, retrospective #${publish.outputs['retrospective-issue']}; mail ${mailPath ? kit.verify(mailPath) : 'not written'}`,
    deadline: world.deadline(ghsaId, 'fix-release'),
  });
}

async function afterTheRelease(world: World, timeline: Timeline, ghsaId: string): Promise<void> {
  const slot = new Date(`${AGREED_DAY}T16:00:00Z`);
  // 12 hours before the retrospective is due (3 days after the release), then a day after it.
  for (const hours of [60, 96]) {
    world.setNow(iso(addHours(slot, hours)));
    const sweep = await world.run('sla-check', { tracker: TRACKER, organization: 'sample-org', team: TEAM });
    expectSuccess('sla-check', sweep);
    await timeline.add({
      at: world.now,
      actor: 'sla-check (cron)',
      did: sweepFindings(sweep),
      deadline: world.deadline(ghsaId, 'retrospective'),
    });
  }

  world.setNow(iso(addHours(slot, 100)));
  const retrospective = world.trackerIssue((title) => /retrospective/i.test(title));
  if (retrospective) await closeIssueAsCompleted(world, retrospective.number);
  const share = await world.run('publish-announcement', {
    'gate-open': 'true',
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    project: 'sample-project',
    version: LINES,
    'retrospective-category': 'General',
    'notify-webhook': world.emulator.webhook.url,
    team: TEAM,
  });
  expectSuccess('publish-announcement (retrospective)', share);
  await timeline.add({
    at: world.now,
    actor: 'publish-announcement',
    did: `the team closed retrospective #${retrospective?.number ?? '?'}; shared with the community: ${share.outputs['retrospective-url'] || 'not yet'} and in chat`,
  });

  const cleanup = await world.run('create-temp-fork', {
    token: APP_TOKEN,
    mode: 'cleanup',
    tracker: TRACKER,
    organization: 'sample-org',
  });
  expectSuccess('create-temp-fork cleanup', cleanup);
  const state = readTrackerState(trackingIssueOf(world, ghsaId).body);
  await timeline.add({
    at: world.now,
    actor: 'create-temp-fork (App)',
    did: `cleanup: GitHub deleted the fork when the advisory was published (recorded ${state?.forkDeletedAt ? formatUtc(new Date(state.forkDeletedAt)) : 'no'}); nothing left for a person to delete`,
  });

  const sweep = await world.run('sla-check', { tracker: TRACKER, organization: 'sample-org', team: TEAM });
  expectSuccess('sla-check', sweep);
  const metrics = jsonOutput<Partial<MetricsJson>>(sweep, 'metrics', {});
  await timeline.add({
    at: world.now,
    actor: 'sla-check (cron)',
    did: `${sweepFindings(sweep)}; process metrics over 12 months in the dashboard and the \`metrics\` output (${metrics.last12Months?.steps.length ?? 0} step rows over 12 months, ${metrics.quarters?.length ?? 0} quarters)`,
  });
}

function creditsOf(world: World, ghsaId: string): string {
  const advisory = world.emulator.state.advisories.find((a) => a.ghsaId === ghsaId);
  return (advisory?.credits ?? []).map((credit) => `${credit.login} as ${credit.type}`).join(', ') || 'none';
}

async function writeTrackerFiles(world: World, ghsaId: string): Promise<void> {
  const tracking = trackingIssueOf(world, ghsaId);
  const dashboard = world.trackerIssue((title) => /dashboard/i.test(title));
  const retrospective = world.trackerIssue((title) => /retrospective/i.test(title));
  console.log(
    `\nWhere the report stands (the tracking issue's live record):\n\n${readSection(tracking.body, RECORD_SECTION) ?? ''}`,
  );
  if (dashboard) {
    const metrics = dashboard.body.slice(dashboard.body.indexOf('## Process metrics'));
    console.log(`\nThe dashboard's process metrics (first lines):\n\n${metrics.split('\n').slice(0, 14).join('\n')}`);
  }
  const written = [
    await world.write('tracker-issue.md', `# ${tracking.title}\n\n${tracking.body}`),
    dashboard && (await world.write('dashboard.md', `# ${dashboard.title}\n\n${dashboard.body}`)),
    retrospective && (await world.write('retrospective.md', `# ${retrospective.title}\n\n${retrospective.body}`)),
  ].filter(Boolean);
  console.log(`\nWrote ${written.join(', ')}, announcement.md, announcement.eml and blog-post.md`);
}
