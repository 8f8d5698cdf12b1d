/**
 * The temporary private fork of an advisory (SPEC 11 step 6): how long to wait for GitHub to create it, who works in
 * it, and which forks may be deleted once the fix is public. Pure: no I/O, no clock.
 */
import { ConfigurationError } from './errors.js';
import { inertText } from './sanitize.js';

/** Waiting longer than this for GitHub to create a fork only burns runner minutes: a re-run picks it up. */
export const MAX_WAIT_TIMEOUT_MS = 60 * 60_000;

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3600_000 };
const WAIT_PART = /(\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)/gi;
const WAIT_TIMEOUT_PATTERN = new RegExp(`^(?:\\s*${WAIT_PART.source}\\s*)+$`, 'i');

/** `30s`, `5m`, `1m30s`, `2 minutes`, `1h` → milliseconds; undefined when not such a duration or not positive. */
export function parseWaitTimeout(text: string): number | undefined {
  if (!WAIT_TIMEOUT_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(WAIT_PART)) {
    const unit = (match[2] ?? '').toLowerCase().charAt(0);
    total += Number(match[1]) * (UNIT_MS[unit] ?? Number.NaN);
  }
  return Number.isFinite(total) && total > 0 ? total : undefined;
}

export const WAIT_TIMEOUT_FORMS = '`30s`, `5m`, `1m30s` or `1h`';

export interface Backoff {
  readonly firstDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

/** One second, then doubling up to 15 s: a fork that is ready in seconds is seen in seconds, a slow one costs few calls. */
export const FORK_POLL_BACKOFF: Backoff = { firstDelayMs: 1000, factor: 2, maxDelayMs: 15_000 };

/**
 * The pauses between readiness checks: the first check comes right after the fork is requested, then one after each
 * pause. The pauses grow by `factor` up to `maxDelayMs` and add up to exactly `timeoutMs`, the last one cut short, so
 * the final check happens when the timeout runs out.
 */
export function pollDelays(timeoutMs: number, backoff: Backoff = FORK_POLL_BACKOFF): number[] {
  const delays: number[] = [];
  let elapsed = 0;
  let next = Math.max(1, backoff.firstDelayMs);
  while (elapsed < timeoutMs) {
    const delay = Math.min(next, timeoutMs - elapsed);
    delays.push(delay);
    elapsed += delay;
    next = Math.min(next * backoff.factor, backoff.maxDelayMs);
  }
  return delays;
}

export function formatWait(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** What the job says when GitHub has not finished creating the fork: nothing is lost, a re-run reuses it. */
export function stillCreatingMessage(fork: string, ghsaId: string, waitedMs: number): string {
  return (
    `GitHub is still creating the temporary private fork ${fork} for ${ghsaId} (not ready after ${formatWait(waitedMs)}). ` +
    'Nothing is lost: the advisory already points at this fork, and re-running this job later picks it up ' +
    'without creating a second one (or raise `wait-timeout`).'
  );
}

/** Who works on the fix: fork access follows the advisory's collaborators. */
export interface FixTeam {
  readonly users: readonly string[];
  /** `org/slug`, or a bare slug meaning a team of the advisory repository's organization. */
  readonly teams: readonly { readonly org: string | undefined; readonly slug: string }[];
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

/**
 * Fix team entries: `alice` or `@alice` for users, `org/team` or `@org/team` for teams; `team:slug` for a team of the
 * advisory's organization. Throws a ConfigurationError naming `source` for anything else.
 */
export function parseFixTeam(entries: readonly string[], source: string): FixTeam {
  const users: string[] = [];
  const teams: { org: string | undefined; slug: string }[] = [];
  for (const raw of entries) {
    const entry = raw.trim().replace(/^@/, '');
    const team = TEAM.exec(entry);
    const bareTeam = /^team:([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/.exec(entry);
    if (team?.[1] && team[2]) teams.push({ org: team[1], slug: team[2] });
    else if (bareTeam?.[1]) teams.push({ org: undefined, slug: bareTeam[1] });
    else if (LOGIN.test(entry)) users.push(entry);
    else {
      throw new ConfigurationError(
        `"${source}" has "${inertText(raw.slice(0, 80))}", but it accepts GitHub users (\`alice\` or \`@alice\`) and teams ` +
          '(`org/team`, `@org/team` or `team:slug`), comma or line separated.',
        source,
      );
    }
  }
  return { users: dedupe(users), teams: dedupeTeams(teams) };
}

function dedupe(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.toLowerCase()) && seen.add(item.toLowerCase()));
}

function dedupeTeams(teams: readonly { org: string | undefined; slug: string }[]) {
  const seen = new Set<string>();
  return teams.filter((team) => {
    const key = `${team.org ?? ''}/${team.slug}`.toLowerCase();
    return !seen.has(key) && seen.add(key);
  });
}

/**
 * The team slugs to add to an advisory of a repository owned by `owner`. An advisory takes only teams of its own
 * organization, so a team of another one is a configuration mistake.
 */
export function teamSlugsFor(team: FixTeam, owner: string, source: string): string[] {
  return team.teams.map(({ org, slug }) => {
    if (org !== undefined && org.toLowerCase() !== owner.toLowerCase()) {
      throw new ConfigurationError(
        `"${source}" names the team ${org}/${slug}, but the advisory's repository belongs to ${owner}: an advisory ` +
          `can only take teams of its own organization (use a ${owner}/… team or add its members as users).`,
        source,
      );
    }
    return slug;
  });
}

export function isEmptyTeam(team: FixTeam): boolean {
  return team.users.length === 0 && team.teams.length === 0;
}

/** An advisory as cleanup sees it: only what decides whether its fork may go. */
export interface ForkOwner {
  readonly ghsaId: string;
  /** `owner/name` of the advisory's repository. */
  readonly repository: string;
  readonly state: string;
  /** `owner/name` of the advisory's temporary private fork, or null. */
  readonly privateFork: string | null;
}

export interface ForkDeletion {
  readonly ghsaId: string;
  readonly repository: string;
  readonly state: 'published' | 'closed';
  readonly fork: string;
}

export type KeepReason = 'fix-in-progress' | 'not-a-temporary-fork' | 'shared-with-open-advisory';

export interface ForkKept {
  readonly ghsaId: string;
  readonly repository: string;
  readonly state: string;
  readonly fork: string;
  readonly reason: KeepReason;
}

export interface CleanupPlan {
  readonly toDelete: readonly ForkDeletion[];
  readonly kept: readonly ForkKept[];
}

const DONE_STATES: ReadonlySet<string> = new Set(['published', 'closed']);

const ownerOf = (fullName: string): string => fullName.split('/')[0]?.toLowerCase() ?? '';

/**
 * A temporary private fork lives in the advisory repository's own account and is never the repository itself;
 * anything else in `private_fork` is not ours to delete.
 */
export function isTemporaryForkOf(fork: string, repository: string): boolean {
  const parts = fork.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return false;
  return ownerOf(fork) === ownerOf(repository) && fork.toLowerCase() !== repository.toLowerCase();
}

/**
 * Which forks go: only the `private_fork` of an advisory that is published or closed. Draft, triage and withdrawn
 * advisories keep theirs (the fix may still be in progress), as does a fork some not-yet-finished advisory also
 * points at; each fork is listed once.
 */
export function planForkCleanup(advisories: readonly ForkOwner[]): CleanupPlan {
  const withFork = advisories.filter((a): a is ForkOwner & { privateFork: string } => Boolean(a.privateFork));
  const inUse = new Set(withFork.filter((a) => !DONE_STATES.has(a.state)).map((a) => a.privateFork.toLowerCase()));
  const toDelete: ForkDeletion[] = [];
  const kept: ForkKept[] = [];
  const planned = new Set<string>();
  for (const advisory of withFork) {
    const base = { ghsaId: advisory.ghsaId, repository: advisory.repository, state: advisory.state };
    const fork = advisory.privateFork;
    const reason = keepReason(advisory, inUse);
    if (reason) kept.push({ ...base, fork, reason });
    else if (!planned.has(fork.toLowerCase())) {
      planned.add(fork.toLowerCase());
      toDelete.push({ ...base, state: advisory.state as ForkDeletion['state'], fork });
    }
  }
  return { toDelete, kept };
}

function keepReason(advisory: ForkOwner & { privateFork: string }, inUse: ReadonlySet<string>): KeepReason | undefined {
  if (!DONE_STATES.has(advisory.state)) return 'fix-in-progress';
  if (!isTemporaryForkOf(advisory.privateFork, advisory.repository)) return 'not-a-temporary-fork';
  if (inUse.has(advisory.privateFork.toLowerCase())) return 'shared-with-open-advisory';
  return undefined;
}

export const KEEP_REASON_TEXT: Readonly<Record<KeepReason, string>> = {
  'fix-in-progress': 'advisory not published or closed yet',
  'not-a-temporary-fork': 'not in the advisory repository’s account, or the repository itself: never deleted',
  'shared-with-open-advisory': 'an advisory still in progress uses it',
};
