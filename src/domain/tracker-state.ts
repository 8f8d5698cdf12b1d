/**
 * The tracking issue carries a hidden marker (to find it) and a machine-readable state block (an HTML comment
 * holding JSON) that every action reads and updates. GitHub does not render HTML comments.
 */
import type { DeadlineMove, ExpediteRecord, Step } from './deadlines.js';
import { migrateStateBlock, TRACKER_STATE_VERSION } from './tracker-state-migration.js';

export const MARKER_PREFIX = 'disclosure-actions:report';
const STATE_PREFIX = 'disclosure-actions:state';
const STATE_PATTERN = new RegExp(`<!-- ${STATE_PREFIX} (\\{[\\s\\S]*?\\}) -->`);

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
export type AckChannel = 'advisory-comment' | 'issue-comment' | 'manual';

export interface TrackerState {
  /** The block's format (tracker-state-migration.ts): an older block is migrated when read. */
  readonly version: typeof TRACKER_STATE_VERSION;
  /** The GHSA id, or `issue-<n>` for a report filed by hand in the tracker. */
  readonly key: string;
  readonly repository: string | null;
  readonly policy: string;
  readonly receivedAt: string;
  /** The advisory's state when ack-report took the report in (`triage`, or `draft` for a maintainer's draft). */
  intakeState?: string;
  acknowledgedAt?: string;
  ackChannel?: AckChannel;
  triagedAt?: string;
  decision?: 'accept' | 'reject';
  tlp?: Tlp;
  cvss?: { vector: string; score: number; version: string };
  severity?: string;
  fixTeam?: { users: string[]; teams: string[] };
  fixTeamAt?: string;
  cveRequestedAt?: string;
  /** The CVE id GitHub assigned, and when an action first saw it (GitHub gives no assignment time). */
  cveId?: string;
  cveSeenAt?: string;
  fork?: { fullName: string; url: string };
  forkCreatedAt?: string;
  forkDeletedAt?: string;
  timeline?: Record<string, string>;
  agreedReleaseDate?: string;
  /** The fixed version the agreed release ships (release-gate hands it to publish-announcement). */
  agreedVersion?: string;
  releasedAt?: string;
  publishedAt?: string;
  /** The public announcement (a discussion) and the GitHub release, as publish-announcement posted them. */
  announcementUrl?: string;
  releaseUrl?: string;
  retrospectiveIssue?: number;
  retrospectiveDoneAt?: string;
  /** Published without a fix (publish-announcement's `no-fix-reason`): the reason recorded, and when. */
  disclosedWithoutFix?: { reason: string; at: string };
  /**
   * The team's decision to disclose without a fix before the disclosure deadline (release-gate's `no-fix-reason`,
   * from a run started by hand): the reason, when, and who started the run (`GITHUB_ACTOR`).
   */
  noFixDecision?: { reason: string; at: string; by?: string };
  /** When the advisory was closed or withdrawn without a publication (seen by sla-check): no deadline applies. */
  closedAt?: string;
  /** sla-check's last verdict and its status comment, so a sweep with nothing new writes nothing. */
  sla?: SlaRecord;
  /** Publication approvals, one per person: `/release approve` by an active member of the response team. */
  approvals?: ReleaseApproval[];
  /** `/triage sanitized`: the advisory's public text reviewed for publication, for the text of `digest` (release-checklist.ts). */
  sanitized?: SanitizedReview;
  /** Release-day steps a person confirmed with `/release done <item>`, by item (release-checklist.ts). */
  checklist?: Record<string, Confirmation>;
  /** How the reporter wants to be credited (ack-report and triage record it; publish-announcement uses it). */
  credit?: ReporterCredit;
  /** How a report filed by hand came in (`E-mail`, `GPG-encrypted e-mail`, `Forum`...), from the intake form. */
  intakeChannel?: string;
  /** The affected packages named on the intake form (the create-advisory endpoint needs them). */
  packages?: IntakePackage[];
  /**
   * The acknowledgement is a text a person sends (`at`: when it was prepared); `acknowledgedAt` stays unset until a
   * member of the response team confirms it with `/ack sent` (`ackSent`).
   */
  ackToSend?: { at: string; via: string };
  /** Who confirmed that the prepared acknowledgement was sent, when, and in which comment (`/ack sent`). */
  ackSent?: { login: string; at: string; comment: number };
  /** Milestone updates (`notified` keys) prepared for a person to send to the reporter, not confirmed yet. */
  updatesToSend?: string[];
  /** Milestone updates a team member confirmed sent (`/ack sent`), with who and when. */
  updatesSent?: { key: string; login: string; at: string; comment: number }[];
  /** More information asked of the reporter (`/triage needs-info`): who asked, when, in which comment. */
  infoRequests?: { login: string; at: string; comment: number }[];
  /**
   * Out of scope, reported upstream (`/triage reject upstream=<url>`): the upstream project's security page or contact
   * the reporter was pointed to, when and by whom (upstream.ts).
   */
  upstream?: { url: string; at: string; by?: string };
  /** The key the report had before its advisory was opened (`issue-<n>`: filed by hand, accepted by `/triage`). */
  filedAs?: string;
  /** Deadlines moved by a recorded decision (agreed release day, `/triage extend`), oldest first. */
  deadlineMoves?: DeadlineMove[];
  /** `/triage expedite`: every open step due as soon as possible; the release gate may open outside the window. */
  expedited?: ExpediteRecord;
  /** `<step>` keys already escalated, so a breach notifies once. */
  escalated: Step[];
  /** Idempotency keys of notifications already sent (webhooks, comments). */
  notified: string[];
}

/**
 * The reporter's credit: a GitHub login goes to the advisory's `credits` (the API takes logins only); a reporter
 * without one (e-mail) is credited by `name` in the announcement text; `declined` means no credit anywhere.
 */
export interface ReporterCredit {
  readonly login?: string;
  readonly name?: string;
  /** The advisory credit type (`reporter`, `finder`, ...); `reporter` when not said. */
  readonly type?: string;
  readonly declined?: boolean;
}

/** A package as GitHub's advisories name it: an ecosystem of theirs (`pip`, `npm`, `other`...) and its name. */
export interface IntakePackage {
  readonly ecosystem: string;
  readonly name: string;
}

/** One person's approval of the publication, recorded by triage from a `/release approve` comment. */
export interface ReleaseApproval {
  readonly login: string;
  /** When the comment was made (ISO 8601). */
  readonly at: string;
  /** The comment's id, to find it again. */
  readonly comment?: number;
}

/** Who confirmed a step with a command in the tracking issue, when, and in which comment. */
export interface Confirmation {
  readonly login: string;
  /** When the comment was made (ISO 8601). */
  readonly at: string;
  readonly comment: number;
}

/** A `/triage sanitized` confirmation, for the public text whose fingerprint is `digest`. */
export interface SanitizedReview extends Confirmation {
  readonly digest: string;
}

/** sla-check's record in the state block. */
export interface SlaRecord {
  /** `on-time`, `due-soon`, `breached`, `finished` or `closed`. */
  status: string;
  /** Id of the one status comment sla-check keeps on the issue. */
  comment?: number;
  /** Digest of that comment's text: unchanged text, no write. */
  digest?: string;
}

export function reportMarker(key: string): string {
  return `<!-- ${MARKER_PREFIX} ${key} -->`;
}

export function newTrackerState(
  key: string,
  repository: string | null,
  policy: string,
  receivedAt: string,
): TrackerState {
  return { version: TRACKER_STATE_VERSION, key, repository, policy, receivedAt, escalated: [], notified: [] };
}

/**
 * The state with the advisory's CVE id recorded, first seen at `seenAt` (GitHub gives no assignment time); the same
 * state when it is already recorded or there is none, so a run that sees nothing new writes nothing.
 */
export function withCve(state: TrackerState, cveId: string | null | undefined, seenAt: string): TrackerState {
  if (!cveId || state.cveId === cveId) return state;
  return { ...state, cveId, cveSeenAt: seenAt };
}

/** Stops a value inside the comment from closing it early. */
function encodeStateJson(state: TrackerState): string {
  return JSON.stringify(state).replaceAll('--', '\\u002d\\u002d').replaceAll('>', '\\u003e');
}

export function renderStateBlock(state: TrackerState): string {
  return `<!-- ${STATE_PREFIX} ${encodeStateJson(state)} -->`;
}

/**
 * The state block of a body, migrated to the current version (tracker-state-migration.ts); undefined when the body
 * has none or it is not one (broken JSON, no report key). Throws TrackerStateVersionError for a block written by a
 * newer release, so that a report is never silently taken for untracked.
 */
export function readTrackerState(body: string | null | undefined): TrackerState | undefined {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match?.[1]) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return undefined;
  }
  return migrateStateBlock(parsed) as TrackerState | undefined;
}

/** The body with its state block replaced (or appended when it has none). */
export function writeTrackerState(body: string, state: TrackerState): string {
  const block = renderStateBlock(state);
  return STATE_PATTERN.test(body) ? body.replace(STATE_PATTERN, () => block) : `${body.trimEnd()}\n\n${block}\n`;
}

/** Replaces the text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`, or appends the section. */
export function replaceSection(body: string, name: string, content: string): string {
  const start = `<!-- section:${name} -->`;
  const end = `<!-- /section:${name} -->`;
  const block = `${start}\n${content.trim()}\n${end}`;
  const from = body.indexOf(start);
  const to = body.indexOf(end);
  if (from === -1 || to === -1 || to < from) return `${body.trimEnd()}\n\n${block}\n`;
  return body.slice(0, from) + block + body.slice(to + end.length);
}

/**
 * Like replaceSection, but a section the body lacks goes just before the section `before` (when the body has it)
 * instead of at the end: an issue written by an older release gets the new section where a new issue has it.
 */
export function replaceSectionBefore(body: string, name: string, content: string, before: string): string {
  const at = body.indexOf(`<!-- section:${before} -->`);
  if (body.includes(`<!-- section:${name} -->`) || at === -1) return replaceSection(body, name, content);
  return `${body.slice(0, at)}<!-- section:${name} -->\n${content.trim()}\n<!-- /section:${name} -->\n\n${body.slice(at)}`;
}
