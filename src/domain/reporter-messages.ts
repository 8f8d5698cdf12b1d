/**
 * Keeping the reporter informed (SPEC 11: the SIRT handles communication with the reporter "throughout", "updating
 * the reporter on the disclosure timeline"; conda-forge: not accepted, "notify the reporter"; released, "notify the
 * reporter of the releases"). Which milestone messages a change of a report owes its reporter, each once, and how
 * each goes out: an advisory comment where it reaches the reporter, otherwise a text for a person to send, confirmed
 * like the acknowledgement (`/ack sent`). Pure: the facts before and after come in; the texts are templates
 * (src/templates/reporter-milestones.ts) a project may replace.
 */
import type { AckChannel, TrackerState } from './tracker-state.js';

export const MILESTONES = ['accepted', 'rejected', 'cve-assigned', 'release-date', 'published'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** What a milestone depends on, from the tracker state and the advisory. */
export interface ReporterFacts {
  readonly decision?: 'accept' | 'reject' | undefined;
  readonly cveId?: string | null | undefined;
  /** The agreed fix release date (ISO 8601). */
  readonly agreedReleaseDate?: string | undefined;
  readonly publishedAt?: string | undefined;
}

export interface MilestoneMessage {
  readonly milestone: Milestone;
  /** Recorded in the state's `notified` once sent (or prepared to send), so each message goes out once. */
  readonly key: string;
  readonly cveId: string | null;
  readonly releaseDate: string | null;
  /** The date agreed before, when the release date changed. */
  readonly previousReleaseDate: string | null;
}

const message = (milestone: Milestone, key: string, extra: Partial<MilestoneMessage> = {}): MilestoneMessage => ({
  milestone,
  key,
  cveId: null,
  releaseDate: null,
  previousReleaseDate: null,
  ...extra,
});

/** The idempotency key of a milestone message: a new CVE or a new release date is a new message. */
export function milestoneKey(milestone: Milestone, value = ''): string {
  return value === '' ? `reporter:${milestone}` : `reporter:${milestone}:${value}`;
}

/**
 * The messages owed after the report went from `before` to `after`, in the order they happened, minus those whose
 * key is in `sent`. A new CVE id or release date is a new key, so a change is told even when an earlier value was.
 */
export function milestoneMessages(
  before: ReporterFacts,
  after: ReporterFacts,
  sent: readonly string[],
): MilestoneMessage[] {
  const owed: MilestoneMessage[] = [];
  if (after.decision && after.decision !== before.decision) {
    const milestone = after.decision === 'accept' ? 'accepted' : 'rejected';
    owed.push(message(milestone, milestoneKey(milestone)));
  }
  if (after.cveId && after.cveId !== before.cveId) {
    owed.push(message('cve-assigned', milestoneKey('cve-assigned', after.cveId), { cveId: after.cveId }));
  }
  if (after.agreedReleaseDate && after.agreedReleaseDate !== before.agreedReleaseDate) {
    owed.push(
      message('release-date', milestoneKey('release-date', after.agreedReleaseDate), {
        releaseDate: after.agreedReleaseDate,
        previousReleaseDate: before.agreedReleaseDate ?? null,
      }),
    );
  }
  if (after.publishedAt && !before.publishedAt) {
    owed.push(message('published', milestoneKey('published'), { cveId: after.cveId ?? null }));
  }
  return owed.filter((owedMessage) => !sent.includes(owedMessage.key));
}

/**
 * How a milestone message reaches the reporter: the channel the acknowledgement went through when it was an advisory
 * comment (the reporter is on the advisory); otherwise a text a person sends through the report's own channel.
 */
export function milestoneChannel(ackChannel: AckChannel | undefined): 'advisory-comment' | 'to-send' {
  return ackChannel === 'advisory-comment' ? 'advisory-comment' : 'to-send';
}

/**
 * Recorded in `notified` when ack-report takes a report in: its reporter gets the milestone updates. Reports taken in
 * before this existed carry no such key and get none (no burst of stale updates on the first sweep).
 */
export const UPDATES_OPT_IN = 'reporter:updates';

const RELEASE_DATE_PREFIX = `${milestoneKey('release-date')}:`;

/**
 * The updates a tracked report owes its reporter now, from its state (and the advisory's CVE id, when read): accepted,
 * CVE assigned, fix release date agreed or changed. A rejection and the publication are told by triage (the rejection
 * text) and publish-announcement (the thanks), so not here; nothing is owed once the report is closed or published.
 */
export function owedUpdates(state: TrackerState, cveId: string | null | undefined): MilestoneMessage[] {
  if (!state.notified.includes(UPDATES_OPT_IN) || state.publishedAt || state.closedAt || state.decision === 'reject') {
    return [];
  }
  // The CVE id as this sweep read it from the advisory, else as an earlier run recorded it (a draft the sweep skips).
  const cve = cveId ?? state.cveId ?? undefined;
  const owed = milestoneMessages({}, { decision: state.decision, cveId: cve }, state.notified);
  // Each announcement of a date is numbered, so a date moved A -> B -> A is told three times, each once.
  const announced = state.notified
    .filter((key) => key.startsWith(RELEASE_DATE_PREFIX))
    .map((key) => key.slice(RELEASE_DATE_PREFIX.length).replace(/#\d+$/, ''));
  const last = announced.at(-1);
  const date = state.agreedReleaseDate;
  if (date && date !== last) {
    const key = `${RELEASE_DATE_PREFIX}${date}#${announced.length}`;
    owed.push(message('release-date', key, { releaseDate: date, previousReleaseDate: last ?? null }));
  }
  return owed;
}
