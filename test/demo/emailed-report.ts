import { addDays, addHours } from 'date-fns';
import { formatUtc } from '../../src/domain/checklist.js';
import { ADVISORY_TEXT_LABELS, INTAKE_FORM_LABELS } from '../../src/domain/intake-form.js';
import { readTrackerState } from '../../src/domain/tracker-state.js';
import { addRelease } from '../emulator/state.js';
import { PROJECT, TRACKER, World, fileTrackerIssue, teamCommand, trackingIssueOf } from './world.js';
import { Timeline, expectSuccess, jsonOutput, sweepFindings } from './timeline.js';

/** The e-mail arrived on a Sunday evening; a team member files it with the issue form on Monday morning. */
const RECEIVED = '2026-11-08T21:40:00Z';
const START = '2026-11-09T08:30:00Z';
const TEAM = 'security-team';
const POLICY = 'conda-forge';
const VERSION = '0.9.3';

/** What the e-mail said stays in the private tracker; the team writes the advisory's text, sanitized. */
function formBody(): string {
  const answers: Record<keyof typeof INTAKE_FORM_LABELS, string> = {
    receivedAt: RECEIVED.slice(0, 16).replace('T', ' '),
    channel: 'E-mail',
    repository: PROJECT,
    packages: 'other: sample-project',
    credit: 'Jane Doe',
  };
  return [
    ...Object.entries(answers).map(
      ([key, value]) => `### ${INTAKE_FORM_LABELS[key as keyof typeof answers]}\n\n${value}`,
    ),
    `### ${ADVISORY_TEXT_LABELS.summary}\n\nUnsafe YAML loading in sample-project's recipe reader`,
    `### ${ADVISORY_TEXT_LABELS.description}\n\nReading a crafted recipe file can run code with the user's rights. Upgrade to ${VERSION}.`,
    "### Reporter's contact\n\nJane Doe <jane@researcher.example> (embargoed: stays in this private issue)",
    '### Report\n\n(embargoed: the e-mail as received, with its reproduction)',
  ].join('\n\n');
}

/**
 * conda-forge's main channel: a report by e-mail, filed by hand in the private tracker, taken from the issue form to a
 * published, credited advisory. Every message to the reporter is printed with its time and channel.
 */
export async function emailedReport(world: World, timeline: Timeline): Promise<void> {
  timeline.heading('Scenario: emailed-report (conda-forge: a report by e-mail, filed with the issue form)');
  const start = new Date(START);
  const filed = await fileTrackerIssue(world, {
    title: 'Security report: e-mail from a researcher',
    body: formBody(),
    labels: ['security-report'],
  });
  await timeline.add({
    at: RECEIVED,
    actor: 'reporter',
    did: 'e-mails the security address (conda-forge: "security@conda-forge.org")',
  });
  await timeline.add({
    at: world.now,
    actor: 'sirt-member (team)',
    did: `files it in the private tracker with the issue form: #${filed.number} (received at ${formatUtc(new Date(RECEIVED))})`,
  });

  const intake = await world.run(
    'ack-report',
    { tracker: TRACKER, policy: POLICY, repositories: PROJECT, team: TEAM },
    {
      eventName: 'issues',
      eventPayload: { action: 'opened', issue: filed, repository: { full_name: TRACKER } },
    },
  );
  expectSuccess('ack-report', intake);
  const key = `issue-${filed.number}`;
  await timeline.add({
    at: world.now,
    actor: 'ack-report',
    did: `takes ${key} in under ${POLICY}: the clock starts at the e-mail; the acknowledgement is prepared for a person to send by e-mail (${jsonOutput<string[]>(intake, 'manual', []).join(', ')})`,
    deadline: world.deadline(key, 'acknowledge'),
  });

  world.setNow(iso(addHours(start, 1)));
  await teamCommand(world, filed.number, '/ack sent');
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: 'sends the prepared text by e-mail, then `/ack sent`: recorded with who and when',
    deadline: world.deadline(key, 'acknowledge'),
  });

  world.setNow(iso(addDays(start, 2)));
  await teamCommand(world, filed.number, '/triage accept severity=high');
  const ghsaId = readTrackerState(issueBody(world, filed.number))?.key ?? '';
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `\`/triage accept severity=high\`: triage opens the draft advisory ${ghsaId} in ${PROJECT} from the team's sanitized text and the form's packages, never the e-mail`,
    deadline: world.deadline(ghsaId, 'triage'),
  });
  await finishTriage(world, timeline, ghsaId, start);
  await publish(world, timeline, ghsaId);
  await printReporterMessages(world, filed.number);
}

async function finishTriage(world: World, timeline: Timeline, ghsaId: string, start: Date): Promise<void> {
  const triage = await world.run('triage', {
    'ghsa-id': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    policy: POLICY,
    'request-cve': 'true',
    'release-date': '2026-11-25',
    vulnerabilities: `- ecosystem: other\n  package: sample-project\n  vulnerable-version-range: "< ${VERSION}"\n  patched-versions: "${VERSION}"`,
  });
  expectSuccess('triage', triage);
  const advisory = world.emulator.state.advisories.find((a) => a.ghsaId === ghsaId);
  if (advisory) advisory.cveId = 'CVE-2026-47001';
  await timeline.add({
    at: world.now,
    actor: 'triage',
    did: 'affected and patched versions set, CVE requested (GitHub assigns CVE-2026-47001), release day 2026-11-25 agreed',
  });

  world.setNow(iso(addDays(start, 3)));
  const checks = await world.run('sla-check', {
    tracker: TRACKER,
    organization: 'sample-org',
    policy: POLICY,
    team: TEAM,
  });
  expectSuccess('sla-check', checks);
  await timeline.add({ at: world.now, actor: 'sla-check (cron)', did: `${sweepFindings(checks)}; records the CVE` });
  const sweep = await world.run('ack-report', { tracker: TRACKER, policy: POLICY, repositories: PROJECT, team: TEAM });
  expectSuccess('ack-report', sweep);
  const tracking = trackingIssueOf(world, ghsaId).number;
  const updates = world.emulator.state.issueComments.filter(
    (c) => c.repo === TRACKER && c.issueNumber === tracking && c.body.includes('disclosure-actions:reporter-update'),
  );
  await timeline.add({
    at: world.now,
    actor: 'ack-report (cron)',
    did: `prepares ${updates.length} update(s) for the reporter (accepted, CVE assigned, release day agreed), to send by e-mail`,
  });
  await teamCommand(world, tracking, '/ack sent');
  await timeline.add({ at: world.now, actor: 'sirt-lead (team)', did: 'sends them by e-mail, then `/ack sent`' });
}

async function publish(world: World, timeline: Timeline, ghsaId: string): Promise<void> {
  const tracking = trackingIssueOf(world, ghsaId).number;
  world.setNow('2026-11-25T13:00:00Z');
  await teamCommand(world, tracking, '/triage sanitized');
  await teamCommand(world, tracking, '/triage sanitized');
  await teamCommand(world, tracking, '/release approve');
  addRelease(world.emulator.state, PROJECT, `v${VERSION}`, { body: `sample-project ${VERSION}` });
  await timeline.add({
    at: world.now,
    actor: 'sirt-lead (team)',
    did: `reviews the public text (\`/triage sanitized\`), approves (\`/release approve\`), releases ${VERSION}`,
  });

  world.setNow('2026-11-25T16:04:00Z');
  const gate = await world.run('release-gate', {
    mode: 'check',
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    policy: POLICY,
    team: TEAM,
    versions: VERSION,
  });
  expectSuccess('release-gate', gate);
  const result = await world.run('publish-announcement', {
    'gate-open': gate.outputs.open,
    'ghsa-ids': ghsaId,
    repository: PROJECT,
    tracker: TRACKER,
    policy: POLICY,
    project: 'sample-project',
    version: VERSION,
    'upgrade-command': `conda install -c conda-forge "sample-project>=${VERSION}"`,
    team: TEAM,
  });
  expectSuccess('publish-announcement', result);
  await world.write('emailed-report-announcement.md', `# ${result.outputs.subject}\n\n${result.outputs.body}`);
  const credits = (result.outputs.body ?? '').split('\n').filter((line) => /Jane Doe/.test(line));
  await timeline.add({
    at: world.now,
    actor: 'publish-announcement',
    did: `published ${ghsaId}; the announcement credits the reporter by the name she chose: ${credits[0]?.trim() ?? 'MISSING'}`,
    deadline: world.deadline(ghsaId, 'fix-release'),
  });
}

/** Every message to the reporter: what the actions prepared or posted, when, and through which channel. */
async function printReporterMessages(world: World, issueNumber: number): Promise<void> {
  const kinds: readonly [RegExp, string][] = [
    [/disclosure-actions:ack /, 'acknowledgement'],
    [/disclosure-actions:reporter-update \S+ (\S+)/, 'update'],
    [/disclosure-actions:needs-info/, 'question'],
    [/disclosure-actions:reporter-thanks/, 'thank-you after publication'],
  ];
  const lines = world.emulator.state.issueComments
    .filter((c) => c.repo === TRACKER && c.issueNumber === issueNumber)
    .flatMap((c) => {
      const kind = kinds.find(([pattern]) => pattern.test(c.body));
      if (!kind) return [];
      const detail = kind[1] === 'update' ? `update: ${kind[0].exec(c.body)?.[1] ?? '?'}` : kind[1];
      const quoted = c.body.split('\n').find((line) => line.startsWith('> ')) ?? '';
      return [
        `- ${formatUtc(new Date(c.createdAt))}, by e-mail (text prepared in #${issueNumber}), ${detail}: ${quoted.slice(2, 110)}`,
      ];
    });
  console.log(`\nEvery message to the reporter (emailed-report):\n${lines.join('\n')}`);
  await world.write('emailed-report-messages.md', `# Messages to the reporter\n\n${lines.join('\n')}\n`);
}

const iso = (date: Date): string => date.toISOString();

function issueBody(world: World, issueNumber: number): string {
  return world.emulator.state.issues.find((i) => i.repo === TRACKER && i.number === issueNumber)?.body ?? '';
}
