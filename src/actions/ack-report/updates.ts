/**
 * Keeping the reporter informed after the acknowledgement (SPEC 11: the SIRT updates the reporter "on the disclosure
 * timeline"): on each sweep, every open tracked report that owes its reporter a milestone update (accepted, CVE
 * assigned, fix release date agreed or changed: reporter-messages.ts) gets it once. Through an advisory comment where
 * the acknowledgement went that way (the reporter is on the advisory); otherwise as a text in the tracking issue for a
 * person to send through the report's channel, confirmed with `/ack sent` like the acknowledgement. A message is
 * recorded in `notified` after it is posted; its marker keeps a re-run from posting it twice.
 */
import { owedUpdates, milestoneChannel, type MilestoneMessage } from '../../domain/reporter-messages.js';
import type { TrackerState } from '../../domain/tracker-state.js';
import { ensureAdvisoryComment } from '../../github/advisory-comments.js';
import { postOnce } from '../../github/issues.js';
import { splitFullName, type Issue } from '../../github/types.js';
import type { MilestoneData } from '../../templates/reporter-milestones.js';
import { mapWithConcurrency } from '../common/concurrency.js';
import { isGhsaId } from '../common/inputs.js';
import { renderChosenTemplate } from '../common/template-render.js';
import { policyForState, updateTracker, type TrackedReport } from '../common/tracker.js';
import { REPORT_CONCURRENCY } from './acknowledge.js';
import type { IntakeContext } from './context.js';

export interface ReporterUpdate {
  readonly key: string;
  readonly milestone: MilestoneMessage['milestone'];
  readonly channel: 'advisory-comment' | 'to-send';
}

export interface UpdatesResult {
  readonly sent: ReporterUpdate[];
  readonly failures: { item: string; message: string }[];
}

const updateMarker = (key: string, messageKey: string): string =>
  `<!-- disclosure-actions:reporter-update ${key} ${messageKey} -->`;

function render(context: IntakeContext, state: TrackerState, message: MilestoneMessage): string {
  const data: MilestoneData = {
    milestone: message.milestone,
    ghsaId: isGhsaId(state.key) ? state.key : null,
    repository: state.repository,
    cveId: message.cveId,
    releaseDate: message.releaseDate,
    previousReleaseDate: message.previousReleaseDate,
    advisoryUrl: null,
    policy: state.policy,
  };
  return renderChosenTemplate(context.config.milestoneTemplate, data);
}

function toSendComment(text: string, state: TrackerState): string {
  const via = state.ackToSend?.via ?? state.intakeChannel ?? 'the channel the report came in';
  const quoted = text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`));
  return [
    `**Update to send to the reporter** (${via}). Once it is sent, comment \`/ack sent\` on this issue.`,
    '',
    ...quoted,
  ].join('\n');
}

/** Posts one update; returns how it went out (an advisory whose comments do not answer falls back to a person). */
async function deliver(
  context: IntakeContext,
  report: TrackedReport,
  message: MilestoneMessage,
): Promise<ReporterUpdate['channel']> {
  const { state, issue } = report;
  const text = render(context, state, message);
  const marker = updateMarker(state.key, message.key);
  if (milestoneChannel(state.ackChannel) === 'advisory-comment' && isGhsaId(state.key) && state.repository) {
    const posted = await ensureAdvisoryComment(
      context.client,
      splitFullName(state.repository),
      state.key,
      marker,
      text,
    );
    if (posted.available) return 'advisory-comment';
  }
  await postOnce(context.client, context.config.tracker, issue.number, marker, toSendComment(text, state));
  return 'to-send';
}

async function informOne(context: IntakeContext, report: TrackedReport, owed: MilestoneMessage[]) {
  const sent: ReporterUpdate[] = [];
  for (const message of owed) {
    sent.push({
      key: report.state.key,
      milestone: message.milestone,
      channel: await deliver(context, report, message),
    });
  }
  const toSend = owed.filter((_, index) => sent[index]?.channel === 'to-send').map((message) => message.key);
  const state: TrackerState = {
    ...report.state,
    notified: [...report.state.notified, ...owed.map((message) => message.key)],
    ...(toSend.length > 0 ? { updatesToSend: [...(report.state.updatesToSend ?? []), ...toSend] } : {}),
  };
  const policy = policyForState(context.config.policy, report.state);
  await updateTracker(context.client, context.config.tracker, report, { state, policy }, context.log);
  return sent;
}

const isOpen = (issue: Issue): boolean => issue.state === 'open';

/** The updates owed across the tracker, each sent once; `cveIds` holds the CVE id of the advisories the sweep read. */
export async function informReporters(
  context: IntakeContext,
  tracked: ReadonlyMap<string, TrackedReport>,
  cveIds: ReadonlyMap<string, string | null>,
): Promise<UpdatesResult> {
  const due = [...tracked.values()]
    .filter((report) => isOpen(report.issue))
    .map((report) => ({ report, owed: owedUpdates(report.state, cveIds.get(report.state.key)) }))
    .filter(({ owed }) => owed.length > 0);
  const result: UpdatesResult = { sent: [], failures: [] };
  await mapWithConcurrency(due, REPORT_CONCURRENCY, async ({ report, owed }) => {
    try {
      result.sent.push(...(await informOne(context, report, owed)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.failures.push({ item: `${report.state.key} reporter update`, message });
    }
  });
  return result;
}
