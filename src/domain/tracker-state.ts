/**
 * The tracking issue carries a hidden marker (to find it) and a machine-readable state block (an HTML comment
 * holding JSON) that every action reads and updates. GitHub does not render HTML comments.
 */
import type { Step } from './deadlines.js';

export const MARKER_PREFIX = 'disclosure-actions:report';
const STATE_PREFIX = 'disclosure-actions:state';
const STATE_PATTERN = new RegExp(`<!-- ${STATE_PREFIX} (\\{[\\s\\S]*?\\}) -->`);

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
export type AckChannel = 'advisory-comment' | 'issue-comment' | 'manual';

export interface TrackerState {
  readonly version: 1;
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
  fork?: { fullName: string; url: string };
  forkCreatedAt?: string;
  forkDeletedAt?: string;
  timeline?: Record<string, string>;
  agreedReleaseDate?: string;
  /** The fixed version the agreed release ships (release-gate hands it to publish-announcement). */
  agreedVersion?: string;
  releasedAt?: string;
  publishedAt?: string;
  retrospectiveIssue?: number;
  retrospectiveDoneAt?: string;
  /** When the advisory was closed or withdrawn without a publication (seen by sla-check): no deadline applies. */
  closedAt?: string;
  /** sla-check's last verdict and its status comment, so a sweep with nothing new writes nothing. */
  sla?: SlaRecord;
  /** Publication approvals, one per person: `/release approve` by an active member of the response team. */
  approvals?: ReleaseApproval[];
  /** `<step>` keys already escalated, so a breach notifies once. */
  escalated: Step[];
  /** Idempotency keys of notifications already sent (webhooks, comments). */
  notified: string[];
}

/** One person's approval of the publication, recorded by triage from a `/release approve` comment. */
export interface ReleaseApproval {
  readonly login: string;
  /** When the comment was made (ISO 8601). */
  readonly at: string;
  /** The comment's id, to find it again. */
  readonly comment?: number;
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
  return { version: 1, key, repository, policy, receivedAt, escalated: [], notified: [] };
}

/** Stops a value inside the comment from closing it early. */
function encodeStateJson(state: TrackerState): string {
  return JSON.stringify(state).replaceAll('--', '\\u002d\\u002d').replaceAll('>', '\\u003e');
}

export function renderStateBlock(state: TrackerState): string {
  return `<!-- ${STATE_PREFIX} ${encodeStateJson(state)} -->`;
}

export function readTrackerState(body: string | null | undefined): TrackerState | undefined {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match?.[1]) return undefined;
  try {
    const parsed = JSON.parse(match[1]) as TrackerState;
    return parsed.version === 1 && typeof parsed.key === 'string'
      ? { ...parsed, escalated: parsed.escalated ?? [], notified: parsed.notified ?? [] }
      : undefined;
  } catch {
    return undefined;
  }
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
