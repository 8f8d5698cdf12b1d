import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../domain/errors.js';
import type { DateRange, Policy, ReleaseWindowPolicy } from '../../domain/policy/types.js';
import { parseTimeOfDay, parseWeekdays } from '../../domain/release-window.js';
import type { RepoRef } from '../../github/types.js';
import { readChatChannel, type ChatChannel } from '../common/chat.js';
import { parseTeam, type ActionInputs, type TeamRef } from '../common/inputs.js';
import { outputFile, workspaceFile } from '../common/paths.js';
import { loadPolicy } from '../common/policy.js';
import type { RunnerLog } from '../common/runner.js';

/** GitHub cancels a job after 6 hours; a wait must leave room for the release itself. */
const MAX_WAIT_MS = 5 * 3600_000 + 30 * 60_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Preconditions {
  readonly token: string;
  readonly repository: RepoRef;
  /** Empty: the releases agreed in the tracker for today are the ones to check. */
  readonly ghsaIds: readonly string[];
  readonly requireCve: boolean | undefined;
  readonly tracker: RepoRef | undefined;
  /** The release lines shipped (`versions`); empty: the versions agreed in the tracker, if any. */
  readonly versions: readonly string[];
  /** Every release-day step confirmed (`/release done`): the policy's `require-release-checklist`. */
  readonly requireChecklist?: boolean;
  /** A disclosure without a fix (`no-fix`): no patched version, release or release-day step is checked. */
  readonly noFix?: boolean;
}

/** A disclosure without a fix (`no-fix`, `no-fix-reason`); see no-fix.ts. */
export interface NoFixConfig {
  /** The team's reason, recorded as its decision when the deadline has not arrived (a run started by hand). */
  readonly reason: string | undefined;
}

export interface ReleaseGateConfig {
  readonly mode: 'check' | 'wait' | 'next';
  readonly window: ReleaseWindowPolicy;
  readonly onClosed: 'fail' | 'skip';
  readonly maxWaitMs: number;
  readonly countdownEveryMs: number;
  readonly count: number;
  /** Where mode `next` writes the calendar file (checked, links followed); undefined: nowhere (see readIcsPath). */
  readonly icsPath: string | undefined;
  readonly zones: readonly string[];
  readonly forceReason: string | undefined;
  readonly preconditions: Preconditions | undefined;
  /** Whose members' `/release approve` count for a forced gate (approvals.ts). */
  readonly team: TeamRef | undefined;
  /** How many different people must approve a release (the policy's `release-approvals`). */
  readonly releaseApprovals: number;
  /** The policy, for the tracking issues the gate updates (a missed release). */
  readonly policy: Policy;
  /** The team's chat channel, told once of a missed release. */
  readonly webhook: ChatChannel | undefined;
  /** The project's public OpenPGP key (the policy's `signing-key`), read from the workspace. */
  readonly signingKey: Buffer | undefined;
  /** A disclosure without a fix; undefined: a security release (patched versions required). */
  readonly noFix: NoFixConfig | undefined;
}

/** A date that exists: `Date` rolls 2026-02-30 over to March 2 instead of refusing it. */
function isExistingDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isoDate(name: string, value: string): string {
  if (!ISO_DATE.test(value) || !isExistingDate(value)) {
    throw new ConfigurationError(
      `Input "${name}" has "${value}", but it accepts dates as YYYY-MM-DD or a path to an .ics file.`,
      name,
    );
  }
  return value;
}

async function readHolidays(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  fallback: readonly string[],
): Promise<readonly string[]> {
  const entries = inputs.list('holidays');
  if (entries.length === 0) return fallback;
  const holidays: string[] = [];
  for (const entry of entries) {
    holidays.push(
      ...(entry.toLowerCase().endsWith('.ics') ? await holidaysFromIcs(entry, env) : [isoDate('holidays', entry)]),
    );
  }
  return holidays;
}

/** The iCalendar parser loads only for a calendar file. */
async function holidaysFromIcs(path: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  let text: string;
  // Outside the workspace is refused first (paths.ts), with its own message.
  const file = workspaceFile('holidays', path, env);
  try {
    if (file === undefined) throw new Error('missing');
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigurationError(
      `Input "holidays" names ${path}, which cannot be read from the workspace.`,
      'holidays',
    );
  }
  const { icsProblems, parseIcsHolidays } = await import('../../domain/ics.js');
  try {
    return parseIcsHolidays(text);
  } catch (error) {
    const problems = icsProblems(error);
    if (problems.length === 0) {
      throw new ConfigurationError(
        `Input "holidays": ${path} is not a valid iCalendar file: ${(error as Error).message}`,
        'holidays',
      );
    }
    // Each problem is annotated on its line of the calendar the input names.
    throw ConfigurationError.inFile(
      path,
      problems.map(({ line, content, problem }) => ({
        file: path,
        line,
        message: `Input "holidays": not a valid iCalendar file: ${problem}${content === undefined ? '' : ` in "${content}"`}`,
      })),
    );
  }
}

function readFreezes(inputs: ActionInputs, fallback: readonly DateRange[]): readonly DateRange[] {
  const entries = inputs.list('freezes');
  if (entries.length === 0) return fallback;
  return entries.map((entry) => {
    const [start = '', end = ''] = entry.split('..').map((part) => part.trim());
    const range = { start: isoDate('freezes', start), end: isoDate('freezes', end || start) };
    if (range.end < range.start)
      throw new ConfigurationError(`Input "freezes" has "${entry}", which ends before it starts.`, 'freezes');
    return range;
  });
}

function readWindowMinutes(inputs: ActionInputs, fallback: number): number {
  const duration = inputs.duration('duration');
  if (!duration) return fallback;
  const minutes =
    duration.unit === 'minutes' ? duration.amount : duration.unit === 'hours' ? duration.amount * 60 : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw new ConfigurationError(
      'Input "duration" must be between 1 minute and 24 hours, e.g. `60m` or `2h`.',
      'duration',
    );
  }
  return minutes;
}

async function readWindow(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  base: ReleaseWindowPolicy,
): Promise<ReleaseWindowPolicy> {
  const time = inputs.optional('time');
  const weekdays = inputs.optional('weekdays');
  try {
    if (time !== undefined) parseTimeOfDay(time);
  } catch (error) {
    throw new ConfigurationError(`Input "time": ${(error as Error).message}`, 'time');
  }
  let parsedWeekdays = base.weekdays;
  try {
    if (weekdays !== undefined) parsedWeekdays = parseWeekdays(weekdays);
  } catch (error) {
    throw new ConfigurationError(`Input "weekdays": ${(error as Error).message}`, 'weekdays');
  }
  const durationMinutes = readWindowMinutes(inputs, base.durationMinutes);
  return {
    time: time ?? base.time,
    durationMinutes,
    weekdays: parsedWeekdays,
    holidays: await readHolidays(inputs, env, base.holidays),
    freezes: readFreezes(inputs, base.freezes),
  };
}

/** `max-wait` always has a value: action.yml declares its default. */
function readMaxWait(inputs: ActionInputs): number {
  const duration = inputs.duration('max-wait');
  const ms =
    duration?.unit === 'minutes'
      ? duration.amount * 60_000
      : duration?.unit === 'hours'
        ? duration.amount * 3600_000
        : NaN;
  if (!(ms > 0 && ms <= MAX_WAIT_MS)) {
    throw new ConfigurationError(
      'Input "max-wait" must be given in minutes or hours and at most 5h30m (GitHub ends jobs after 6 hours).',
      'max-wait',
    );
  }
  return ms;
}

function readForceReason(inputs: ActionInputs): string | undefined {
  if (!inputs.boolean('force')) return undefined;
  const reason = inputs.optional('force-reason');
  if (!reason)
    throw new ConfigurationError(
      'Input "force" is true but "force-reason" is empty: say why the window is overridden.',
      'force-reason',
    );
  return reason;
}

/** The response team, its organization the tracker's (or the repository's) when the input names only the slug. */
function readTeam(inputs: ActionInputs, preconditions: Preconditions | undefined): TeamRef | undefined {
  const value = inputs.optional('team');
  if (value === undefined) return undefined;
  const team = parseTeam('team', value);
  const org = team.org ?? preconditions?.tracker?.owner ?? preconditions?.repository.owner;
  if (!org) {
    throw new ConfigurationError(
      'Input "team" names a team without its organization and there is no "tracker" or "repository" to take it from: write it as org/slug.',
      'team',
    );
  }
  return { org, slug: team.slug };
}

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;

/** `versions`: one version (`1.4.2`) or one per release line (`2.3.1, 1.9.7`), without duplicates. */
export function readVersions(inputs: ActionInputs): string[] {
  const versions = inputs.list('versions');
  for (const version of versions) {
    if (!VERSION.test(version)) {
      throw new ConfigurationError(
        `Input "versions" has "${version.slice(0, 80)}", but it accepts versions such as 2.3.1 (letters, digits and . + _ -), comma or line separated: one per release line.`,
        'versions',
      );
    }
  }
  return [...new Set(versions)];
}

/** publish-announcement publishes the reason in the announcement, and takes at most this many characters. */
const NO_FIX_REASON_MAX = 500;

/**
 * `no-fix: true` or a `no-fix-reason`: a disclosure without a fix of the advisories named in `ghsa-ids`, whose
 * deadlines and decisions are in the tracker. It releases no version, and is never forced: refused otherwise, before
 * any request.
 */
function readNoFix(
  inputs: ActionInputs,
  preconditions: Preconditions | undefined,
  forced: boolean,
): NoFixConfig | undefined {
  const reason = inputs.optional('no-fix-reason');
  if (!inputs.boolean('no-fix') && reason === undefined) return undefined;
  const why = reason === undefined ? 'Input "no-fix" is true' : 'Input "no-fix-reason" is set';
  if (reason !== undefined && reason.length > NO_FIX_REASON_MAX) {
    throw new ConfigurationError(
      `Input "no-fix-reason" is longer than ${NO_FIX_REASON_MAX} characters: give the reason in a sentence or two (publish-announcement publishes it in the announcement).`,
      'no-fix-reason',
    );
  }
  if (preconditions && preconditions.versions.length > 0) {
    throw new ConfigurationError(
      `${why} (a disclosure without a fix) and "versions" names ${preconditions.versions.join(', ')}: a disclosure without a fix releases no version. Leave "versions" empty, or drop "no-fix" and "no-fix-reason" to release the fix.`,
      'versions',
    );
  }
  if (!preconditions || preconditions.ghsaIds.length === 0) {
    throw new ConfigurationError(
      `${why} (a disclosure without a fix), so "ghsa-ids" is required: name the advisories to disclose (with "repository" and "tracker").`,
      'ghsa-ids',
    );
  }
  if (!preconditions.tracker) {
    throw new ConfigurationError(
      `${why} (a disclosure without a fix), so "tracker" is required: each advisory's disclosure deadline and the team's decision are read from (and recorded in) its tracking issue.`,
      'tracker',
    );
  }
  if (forced) {
    throw new ConfigurationError(
      `${why} and "force" is true: a disclosure without a fix opens in the release window, or outside it for a report expedited with \`/triage expedite\`; it is never forced. Drop "force".`,
      'force',
    );
  }
  return { reason };
}

/** Advisories named by `ghsa-ids`, or (no ids, but a tracker and repository) the releases agreed for today. */
function readPreconditions(inputs: ActionInputs): Preconditions | undefined {
  const ghsaIds = inputs.ghsaList('ghsa-ids');
  const repository = inputs.repository('repository');
  const tracker = inputs.repository('tracker');
  const versions = readVersions(inputs);
  if (ghsaIds.length === 0 && versions.length === 0 && !(tracker && repository)) return undefined;
  const why =
    ghsaIds.length > 0
      ? 'Input "ghsa-ids" is set'
      : versions.length > 0
        ? 'Input "versions" is set'
        : 'Inputs "tracker" and "repository" are set';
  const token = inputs.optional('token');
  if (!repository) throw new ConfigurationError(`${why}, so "repository" (owner/name) is required too.`, 'repository');
  if (!token) throw new ConfigurationError(`${why}, so "token" is required to read the advisories.`, 'token');
  const requireCve = inputs.optionalBoolean('require-cve');
  return { token, repository, ghsaIds, requireCve, tracker, versions };
}

/**
 * Where mode `next` writes the calendar file: `ics-path` (in the workspace or RUNNER_TEMP, see paths.ts), else
 * RUNNER_TEMP/release-window.ics; undefined outside a runner with no `ics-path` (nothing is written then: never into
 * the working directory).
 */
function readIcsPath(inputs: ActionInputs, env: NodeJS.ProcessEnv): string | undefined {
  const given = inputs.optional('ics-path');
  if (given !== undefined) return outputFile('ics-path', given, env);
  return env.RUNNER_TEMP ? outputFile('ics-path', join(env.RUNNER_TEMP, 'release-window.ics'), env) : undefined;
}

/** The policy's `signing-key` file, read once: a key that cannot be read fails the run before any request. */
function readSigningKey(policy: Policy, env: NodeJS.ProcessEnv): Buffer | undefined {
  if (policy.signingKey === undefined) return undefined;
  const file = workspaceFile('policy-file', policy.signingKey, env);
  try {
    if (file === undefined) throw new Error('missing');
    return readFileSync(file);
  } catch {
    throw new ConfigurationError(
      `The policy's "signing-key" names ${policy.signingKey}, which cannot be read from the workspace: commit the project's public key (ASCII-armored) there, or correct the path.`,
      'policy-file',
    );
  }
}

/** The one typed configuration of a run, read through the action's inputs; `env` locates workspace files. */
export async function readConfig(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Pick<RunnerLog, 'warning'>,
): Promise<ReleaseGateConfig> {
  const policy = await loadPolicy(inputs, env);
  const mode = inputs.choice('mode', ['check', 'wait', 'next'] as const);
  const read = readPreconditions(inputs);
  const forceReason = readForceReason(inputs);
  const noFix = readNoFix(inputs, read, forceReason !== undefined);
  const preconditions = read && {
    ...read,
    requireChecklist: policy.requireReleaseChecklist ?? false,
    noFix: noFix !== undefined,
  };
  return {
    mode,
    window: await readWindow(inputs, env, policy.releaseWindow),
    onClosed: inputs.choice('on-closed', ['fail', 'skip'] as const),
    maxWaitMs: readMaxWait(inputs),
    countdownEveryMs: inputs.integer('countdown-seconds', { min: 1, max: 3600 }) * 1000,
    count: inputs.integer('count', { min: 1, max: 100 }),
    icsPath: readIcsPath(inputs, env),
    zones: inputs.list('zones'),
    forceReason,
    preconditions,
    team: readTeam(inputs, preconditions),
    releaseApprovals: policy.releaseApprovals,
    policy,
    webhook: readChatChannel(inputs, env, log),
    signingKey: readSigningKey(policy, env),
    noFix,
  };
}
