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

/** What the job says when the advisory does not list its fork yet: nothing is lost, a re-run reuses it. */
export function stillCreatingMessage(fork: string, ghsaId: string, waitedMs: number): string {
  return (
    `GitHub is still creating the temporary private fork ${fork} for ${ghsaId}: the advisory did not list it after ` +
    `${formatWait(waitedMs)}. Nothing is lost: GitHub accepted the request, and re-running this job later picks the ` +
    'fork up from the advisory without creating a second one (or raise `wait-timeout`).'
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

/** An advisory as cleanup sees it: only what decides whether its fork may go, all from the advisory endpoints. */
export interface ForkOwner {
  readonly ghsaId: string;
  /** `owner/name` of the advisory's repository. */
  readonly repository: string;
  readonly state: string;
  /** `owner/name` of the advisory's temporary private fork, or null. */
  readonly privateFork: string | null;
  /** Web address of the fork, as the advisory's `private_fork` gives it. */
  readonly privateForkUrl?: string;
  /** `private: false` in the advisory's `private_fork`: a public repository is never a temporary private fork. */
  readonly privateForkIsPublic?: boolean;
}

export type FinishedState = 'published' | 'closed' | 'withdrawn';

export interface ForkDeletion {
  readonly ghsaId: string;
  readonly repository: string;
  readonly state: FinishedState;
  readonly fork: string;
  /** Web address of the fork, when the advisory gave one. */
  readonly forkUrl?: string;
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

/**
 * Advisories whose fork has no more use. GitHub deletes the fork of a published advisory itself ("Publishing a
 * security advisory deletes the temporary private fork"), so what is left to clean up is the fork of a closed or
 * withdrawn one; a published advisory still listing a fork is cleaned up the same way.
 */
const FINISHED_STATES: ReadonlySet<string> = new Set<FinishedState>(['published', 'closed', 'withdrawn']);

export function isFinished(state: string): state is FinishedState {
  return FINISHED_STATES.has(state);
}

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
 * Which forks go: only the `private_fork` of a finished advisory (closed or withdrawn; published ones GitHub has
 * deleted already). Draft and triage advisories keep theirs (the fix is in progress), as does a fork some unfinished
 * advisory also points at; each fork is listed once.
 */
export function planForkCleanup(advisories: readonly ForkOwner[]): CleanupPlan {
  const withFork = advisories.filter((a): a is ForkOwner & { privateFork: string } => Boolean(a.privateFork));
  const inUse = new Set(withFork.filter((a) => !isFinished(a.state)).map((a) => a.privateFork.toLowerCase()));
  const toDelete: ForkDeletion[] = [];
  const kept: ForkKept[] = [];
  const planned = new Set<string>();
  for (const advisory of withFork) {
    const base = { ghsaId: advisory.ghsaId, repository: advisory.repository, state: advisory.state };
    const fork = advisory.privateFork;
    const reason = keepReason(advisory, inUse);
    if (reason || !isFinished(advisory.state)) kept.push({ ...base, fork, reason: reason ?? 'fix-in-progress' });
    else if (!planned.has(fork.toLowerCase())) {
      planned.add(fork.toLowerCase());
      const url = advisory.privateForkUrl ? { forkUrl: advisory.privateForkUrl } : {};
      toDelete.push({ ...base, state: advisory.state, fork, ...url });
    }
  }
  return { toDelete, kept };
}

function keepReason(advisory: ForkOwner & { privateFork: string }, inUse: ReadonlySet<string>): KeepReason | undefined {
  if (!isFinished(advisory.state)) return 'fix-in-progress';
  if (advisory.privateForkIsPublic || !isTemporaryForkOf(advisory.privateFork, advisory.repository)) {
    return 'not-a-temporary-fork';
  }
  if (inUse.has(advisory.privateFork.toLowerCase())) return 'shared-with-open-advisory';
  return undefined;
}

export const KEEP_REASON_TEXT: Readonly<Record<KeepReason, string>> = {
  'fix-in-progress': 'advisory not closed, withdrawn or published yet',
  'not-a-temporary-fork':
    'a public repository, outside the advisory repository’s account, or the repository itself: never deleted',
  'shared-with-open-advisory': 'an advisory still in progress uses it',
};

/**
 * How a person deletes a fork an integration cannot reach, one Markdown list item per fork (names and links only:
 * a temporary fork's name discloses nothing but the advisory id).
 */
export function forkDeletionSteps(forks: readonly ForkDeletion[]): string[] {
  return forks.map((item) => {
    const link = item.forkUrl ? `[${item.fork}](${item.forkUrl})` : item.fork;
    const settings = item.forkUrl ? ` ([settings](${item.forkUrl}/settings))` : '';
    return `- ${link}${settings}: ${item.ghsaId} is ${item.state}; Settings, Danger zone, "Delete this repository".`;
  });
}
