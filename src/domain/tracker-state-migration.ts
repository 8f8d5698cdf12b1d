/**
 * The tracker state block's versions. Reports stay open for weeks or months, so a state written by an older release
 * is read by the newer one: each version's block is brought up to the current one here, a step per version, before
 * anything else looks at it. A block of a version this release does not know (written by a newer release) is an
 * error that says so, never a report silently skipped. Pure: JSON values in, JSON values out.
 *
 * Versions:
 * - 1: the first release. `escalated` and `notified` could be missing in blocks written by hand.
 * - 2: the state renders the tracking issue's live record; `escalated` and `notified` are always lists of text,
 *   and the CVE, announcement and release links may be recorded (optional fields, absent in a migrated block).
 */
import { ConfigurationError } from './errors.js';

export const TRACKER_STATE_VERSION = 2;

/** The oldest version this release reads. */
export const OLDEST_TRACKER_STATE_VERSION = 1;

type Json = Record<string, unknown>;

/** A state block of a version this release cannot read: written by a newer release, or damaged. */
export class TrackerStateVersionError extends ConfigurationError {
  constructor(
    readonly version: unknown,
    /** Which issue, when the caller knows it. */
    where = 'a tracking issue',
  ) {
    super(
      `The state block of ${where} has version ${JSON.stringify(version)}, which this release of disclosure-actions ` +
        `does not read (it reads versions ${OLDEST_TRACKER_STATE_VERSION} to ${TRACKER_STATE_VERSION}). ` +
        'A newer release wrote it: run the same (newest) release of disclosure-actions in every workflow that uses ' +
        'this tracker, or restore the block from the issue’s edit history.',
      'tracker',
    );
    this.name = 'TrackerStateVersionError';
  }
}

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Version 1 to 2: the lists made lists of text; every other field means the same in both. */
function fromVersion1(block: Json): Json {
  return { ...block, version: 2, escalated: texts(block.escalated), notified: texts(block.notified) };
}

const STEPS_UP: Readonly<Record<number, (block: Json) => Json>> = { 1: fromVersion1 };

/**
 * The block brought to the current version, or undefined when it is not a state block at all (not an object, no
 * report key, no version). Throws TrackerStateVersionError for a version it does not know.
 */
export function migrateStateBlock(parsed: unknown): Json | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  let block = parsed as Json;
  if (typeof block.key !== 'string' || block.version === undefined) return undefined;
  while (block.version !== TRACKER_STATE_VERSION) {
    const step = typeof block.version === 'number' ? STEPS_UP[block.version] : undefined;
    if (!step) throw new TrackerStateVersionError(block.version);
    block = step(block);
  }
  return { ...block, escalated: texts(block.escalated), notified: texts(block.notified) };
}
