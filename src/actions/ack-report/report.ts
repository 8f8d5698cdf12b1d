/**
 * Outputs, log lines and the job summary. They may be public (a public repository's Actions run), so they hold
 * report ids, repositories, dates, channels and tracker links only: never an advisory's text or its reporter.
 */
import { formatUtc } from '../../domain/checklist.js';
import { inertForLog } from '../../domain/sanitize.js';
import type { AckChannel } from '../../domain/tracker-state.js';
import type { RunnerIO, RunnerLog, StepSummary } from '../common/runner.js';
import { headerRow } from '../common/summary.js';
import type { Outcome } from './context.js';
import type { Gathered } from './sources.js';
import type { ReporterUpdate } from './updates.js';

export interface RunReport {
  readonly outcomes: readonly Outcome[];
  readonly gathered: Pick<Gathered, 'notVisible' | 'failures' | 'fellBack'>;
  /** A sweep that left out the drafts maintainers open by hand (`include-drafts: false`): the summary says so. */
  readonly draftsLeftOut?: boolean;
  /** Milestone updates to reporters made in this run (ids, milestones and channels only). */
  readonly updates?: readonly ReporterUpdate[];
}

export interface Failure {
  readonly item: string;
  readonly message: string;
}

const acknowledged = (outcomes: readonly Outcome[]): Outcome[] => outcomes.filter((o) => o.status === 'acknowledged');

/** Everything the run fails on at the end: listings and reports that failed, what the token cannot see. */
export function failuresOf(report: RunReport): Failure[] {
  const failed = report.outcomes
    .filter((o) => o.status === 'failed' || (o.status === 'acknowledged' && o.detail))
    .map((o) => ({ item: o.key, message: o.detail ?? 'failed' }));
  const hidden = report.gathered.notVisible.map((item) => ({
    item,
    message: 'not visible to the token: its reports cannot be acknowledged',
  }));
  return [...report.gathered.failures, ...hidden, ...failed];
}

export function setIntakeOutputs(io: Pick<RunnerIO, 'setOutput'>, report: RunReport): void {
  const done = acknowledged(report.outcomes);
  const issues = Object.fromEntries(
    report.outcomes.filter((o) => o.issueUrl !== undefined).map((o) => [o.key, o.issueUrl]),
  );
  io.setOutput('acknowledged', JSON.stringify(done.map((o) => o.key)));
  io.setOutput('late', JSON.stringify(done.filter((o) => o.late).map((o) => o.key)));
  io.setOutput('count', String(done.length));
  io.setOutput('tracker-issues', JSON.stringify(issues));
  io.setOutput('manual', JSON.stringify(done.filter((o) => o.channel === 'manual').map((o) => o.key)));
  io.setOutput('not-visible', JSON.stringify(report.gathered.notVisible));
  io.setOutput('failed', JSON.stringify(failuresOf(report).map((f) => f.item)));
}

const CHANNEL_TEXT: Readonly<Record<AckChannel, string>> = {
  'advisory-comment': 'advisory comment',
  'issue-comment': 'issue comment',
  manual: 'by hand (text in the tracking issue; confirm with /ack sent)',
};

function statusText(outcome: Outcome): string {
  switch (outcome.status) {
    case 'acknowledged':
      if (outcome.channel === 'manual') return outcome.late ? 'to send (late)' : 'to send';
      return outcome.late ? 'late' : 'met';
    case 'already':
      return 'taken in earlier';
    case 'in-progress':
      return 'left to another run';
    default:
      return outcome.status;
  }
}

const date = (iso: string | undefined): string => (iso ? formatUtc(new Date(iso)) : '-');

export function logIntake(log: Pick<RunnerLog, 'info'>, report: RunReport): void {
  for (const outcome of report.outcomes) {
    if (outcome.status === 'already') continue;
    const where = outcome.repository ? ` (${outcome.repository})` : '';
    const how = outcome.channel ? ` via ${CHANNEL_TEXT[outcome.channel]}` : '';
    const why = outcome.detail ? `: ${outcome.detail}` : '';
    log.info(inertForLog(`${outcome.key}${where}: ${statusText(outcome)}${how}${why}`));
  }
  for (const update of report.updates ?? []) {
    const how = update.channel === 'advisory-comment' ? 'in an advisory comment' : 'text to send by hand (/ack sent)';
    log.info(`${update.key}: reporter update "${update.milestone}": ${how}`);
  }
  const earlier = report.outcomes.filter((o) => o.status === 'already').length;
  log.info(`${acknowledged(report.outcomes).length} report(s) acknowledged now; ${earlier} acknowledged earlier.`);
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function outcomeRow(outcome: Outcome): string[] {
  return [
    outcome.issueUrl ? `<a href="${html(outcome.issueUrl)}">${outcome.key}</a>` : outcome.key,
    outcome.repository ?? 'tracker issue',
    date(outcome.receivedAt),
    date(outcome.acknowledgedAt),
    date(outcome.due),
    statusText(outcome),
    outcome.channel ? CHANNEL_TEXT[outcome.channel] : html(outcome.detail ?? ''),
  ];
}

export async function writeIntakeSummary(stepSummary: StepSummary, report: RunReport): Promise<void> {
  const summary = stepSummary.addHeading('Report intake', 2);
  const shown = report.outcomes.filter((o) => o.status !== 'already');
  if (shown.length === 0) summary.addRaw('No new report: nothing to acknowledge.', true);
  else {
    const header = headerRow(
      'Report',
      'Repository',
      'Received',
      'Acknowledged',
      'Ack deadline',
      'Met or late',
      'Channel / note',
    );
    summary.addTable([header, ...shown.map(outcomeRow)]);
  }
  const earlier = report.outcomes.length - shown.length;
  if (earlier > 0) summary.addRaw(`${earlier} report(s) in scope were acknowledged earlier.`, true);
  const manual = acknowledged(report.outcomes).filter((o) => o.channel === 'manual');
  if (manual.length > 0) {
    summary.addRaw(
      `Send these acknowledgements yourself, through the channel each report came in (the text is in its tracking issue), then comment \`/ack sent\` there: until a team member does, the report counts as not acknowledged. ${manual.map((o) => o.key).join(', ')}.`,
      true,
    );
  }
  const updates = report.updates ?? [];
  if (updates.length > 0) {
    const toSend = updates.filter((u) => u.channel === 'to-send').map((u) => `${u.key} (${u.milestone})`);
    summary.addRaw(
      `Reporter updates: ${updates.length} (${updates.map((u) => `${u.key} ${u.milestone}`).join(', ')}).${toSend.length > 0 ? ` To send by hand, then \`/ack sent\` in the tracking issue: ${toSend.join(', ')}.` : ''}`,
      true,
    );
  }
  if (report.draftsLeftOut) {
    summary.addRaw(
      "Drafts opened by maintainers were not looked at (`include-drafts` is false): sla-check counts such a draft as neither acknowledged nor triaged until the tracker records it. Set `include-drafts: true`, or file a report that came outside GitHub with the tracker's issue form.",
      true,
    );
  }
  if (report.gathered.fellBack) {
    summary.addRaw(
      'The token cannot use the organization-level advisory list (only owners and security managers can): each repository was listed instead.',
      true,
    );
  }
  const failures = failuresOf(report);
  if (failures.length > 0) {
    summary.addHeading('Not done', 3).addList(failures.map((f) => html(`${f.item}: ${f.message}`)));
  }
  await summary.write();
}
