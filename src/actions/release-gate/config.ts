import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../domain/errors.js';
import type { DateRange, ReleaseWindowPolicy } from '../../domain/policy/types.js';
import { parseTimeOfDay, parseWeekdays } from '../../domain/release-window.js';
import {
  getBooleanInput,
  getChoiceInput,
  getDurationInput,
  getGhsaListInput,
  getIntegerInput,
  getListInput,
  getOptionalInput,
  getRepositoryInput,
  type RepositoryRef,
} from '../common/inputs.js';
import { loadPolicy, workspacePath } from '../common/policy.js';

/** GitHub cancels a job after 6 hours; a wait must leave room for the release itself. */
const MAX_WAIT_MS = 5 * 3600_000 + 30 * 60_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Preconditions {
  readonly token: string;
  readonly repository: RepositoryRef;
  /** Empty: the releases agreed in the tracker for today are the ones to check. */
  readonly ghsaIds: readonly string[];
  readonly requireCve: boolean | undefined;
  readonly tracker: RepositoryRef | undefined;
}

export interface ReleaseGateConfig {
  readonly mode: 'check' | 'wait' | 'next';
  readonly window: ReleaseWindowPolicy;
  readonly onClosed: 'fail' | 'skip';
  readonly maxWaitMs: number;
  readonly countdownEveryMs: number;
  readonly count: number;
  readonly icsPath: string | undefined;
  readonly zones: readonly string[];
  readonly forceReason: string | undefined;
  readonly preconditions: Preconditions | undefined;
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

async function readHolidays(fallback: readonly string[]): Promise<readonly string[]> {
  const entries = getListInput('holidays');
  if (entries.length === 0) return fallback;
  const holidays: string[] = [];
  for (const entry of entries) {
    holidays.push(
      ...(entry.toLowerCase().endsWith('.ics') ? await holidaysFromIcs(entry) : [isoDate('holidays', entry)]),
    );
  }
  return holidays;
}

/** The iCalendar parser loads only for a calendar file. */
async function holidaysFromIcs(path: string): Promise<string[]> {
  let text: string;
  try {
    text = readFileSync(workspacePath(path), 'utf8');
  } catch {
    throw new ConfigurationError(
      `Input "holidays" names ${path}, which cannot be read from the workspace.`,
      'holidays',
    );
  }
  const { parseIcsHolidays } = await import('../../domain/ics.js');
  try {
    return parseIcsHolidays(text);
  } catch (error) {
    throw new ConfigurationError(
      `Input "holidays": ${path} is not a valid iCalendar file: ${(error as Error).message}`,
      'holidays',
    );
  }
}

function readFreezes(fallback: readonly DateRange[]): readonly DateRange[] {
  const entries = getListInput('freezes');
  if (entries.length === 0) return fallback;
  return entries.map((entry) => {
    const [start = '', end = ''] = entry.split('..').map((part) => part.trim());
    const range = { start: isoDate('freezes', start), end: isoDate('freezes', end || start) };
    if (range.end < range.start)
      throw new ConfigurationError(`Input "freezes" has "${entry}", which ends before it starts.`, 'freezes');
    return range;
  });
}

function readWindowMinutes(fallback: number): number {
  const duration = getDurationInput('duration');
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

async function readWindow(base: ReleaseWindowPolicy): Promise<ReleaseWindowPolicy> {
  const time = getOptionalInput('time');
  const weekdays = getOptionalInput('weekdays');
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
  const durationMinutes = readWindowMinutes(base.durationMinutes);
  return {
    time: time ?? base.time,
    durationMinutes,
    weekdays: parsedWeekdays,
    holidays: await readHolidays(base.holidays),
    freezes: readFreezes(base.freezes),
  };
}

function readMaxWait(): number {
  const duration = getDurationInput('max-wait');
  if (!duration) return 3600_000;
  const ms =
    duration.unit === 'minutes'
      ? duration.amount * 60_000
      : duration.unit === 'hours'
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

function readForceReason(): string | undefined {
  if (!getBooleanInput('force', false)) return undefined;
  const reason = getOptionalInput('force-reason');
  if (!reason)
    throw new ConfigurationError(
      'Input "force" is true but "force-reason" is empty: say why the window is overridden.',
      'force-reason',
    );
  return reason;
}

/** Advisories named by `ghsa-ids`, or (no ids, but a tracker and repository) the releases agreed for today. */
function readPreconditions(): Preconditions | undefined {
  const ghsaIds = getGhsaListInput('ghsa-ids');
  const repository = getRepositoryInput('repository');
  const tracker = getRepositoryInput('tracker');
  if (ghsaIds.length === 0 && !(tracker && repository)) return undefined;
  const why = ghsaIds.length > 0 ? 'Input "ghsa-ids" is set' : 'Inputs "tracker" and "repository" are set';
  const token = getOptionalInput('token');
  if (!repository) throw new ConfigurationError(`${why}, so "repository" (owner/name) is required too.`, 'repository');
  if (!token) throw new ConfigurationError(`${why}, so "token" is required to read the advisories.`, 'token');
  const requireCve = getOptionalInput('require-cve') === undefined ? undefined : getBooleanInput('require-cve', true);
  return { token, repository, ghsaIds, requireCve, tracker };
}

export async function readConfig(): Promise<ReleaseGateConfig> {
  const policy = await loadPolicy();
  const mode = getChoiceInput('mode', ['check', 'wait', 'next'] as const, 'check');
  return {
    mode,
    window: await readWindow(policy.releaseWindow),
    onClosed: getChoiceInput('on-closed', ['fail', 'skip'] as const, 'fail'),
    maxWaitMs: readMaxWait(),
    countdownEveryMs: getIntegerInput('countdown-seconds', 300, { min: 1, max: 3600 }) * 1000,
    count: getIntegerInput('count', 5, { min: 1, max: 100 }),
    icsPath: getOptionalInput('ics-path'),
    zones: getListInput('zones'),
    forceReason: readForceReason(),
    preconditions: readPreconditions(),
  };
}
