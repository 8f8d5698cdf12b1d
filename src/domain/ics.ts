/**
 * The little of iCalendar (RFC 5545) the actions need: read all-day holidays from a calendar feed, and write
 * one release event that people can add to their calendars.
 */
import { dateKeyOfEpochDay, DAY_MS } from './release-window/calendar.js';
import type { Slot } from './release-window/types.js';

export interface IcsProperty {
  /** Upper-cased, e.g. `DTSTART`. */
  readonly name: string;
  /** Parameter names upper-cased, quotes removed: `{ VALUE: 'DATE' }`. */
  readonly params: Readonly<Record<string, string>>;
  /** Raw value, still escaped (see `unescapeIcsText` for TEXT values). */
  readonly value: string;
  /** 1-based line in the input where the (unfolded) property starts. */
  readonly line: number;
  /** The unfolded content line, for messages. */
  readonly text: string;
}

export interface IcsEvent {
  readonly line: number;
  readonly properties: readonly IcsProperty[];
}

interface ContentLine {
  readonly text: string;
  readonly line: number;
}

/** One thing wrong in a calendar: its line, the content line there (cut at 80 characters), and what is wrong. */
export interface IcsProblem {
  readonly line: number;
  readonly content?: string;
  readonly problem: string;
}

/** What `parseIcsEvents` and `parseIcsHolidays` throw: a SyntaxError or RangeError carrying every problem found. */
export type IcsError = (SyntaxError | RangeError) & { readonly problems: readonly IcsProblem[] };

function problemAt(line: ContentLine, problem: string): IcsProblem {
  const content = line.text.length > 80 ? `${line.text.slice(0, 77)}...` : line.text;
  return { line: line.line, content, problem };
}

function describeProblem(line: ContentLine, problem: string): string {
  return describeIcsProblem(problemAt(line, problem));
}

function describeIcsProblem({ line, content, problem }: IcsProblem): string {
  return `iCalendar line ${line}${content === undefined ? '' : ` (${content})`}: ${problem}`;
}

function withProblems<E extends SyntaxError | RangeError>(error: E, problems: readonly IcsProblem[]): E & IcsError {
  return Object.assign(error, { problems });
}

function lineError(line: ContentLine, problem: string): SyntaxError {
  return withProblems(new SyntaxError(describeProblem(line, problem)), [problemAt(line, problem)]);
}

function rangeError(line: ContentLine, problem: string): RangeError {
  return withProblems(new RangeError(describeProblem(line, problem)), [problemAt(line, problem)]);
}

/** The problems an error of this module carries, each at its line; none for any other error. */
export function icsProblems(error: unknown): readonly IcsProblem[] {
  const problems = (error as Partial<IcsError> | null)?.problems;
  return Array.isArray(problems) ? problems : [];
}

/** Joins folded lines (a line starting with a blank continues the previous one); drops empty lines. */
function unfold(text: string): ContentLine[] {
  const lines: { text: string; line: number }[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const previous = lines[lines.length - 1];
    if (/^[ \t]/.test(raw)) {
      if (!previous) throw lineError({ text: raw, line: index + 1 }, 'a continuation line cannot come first');
      previous.text += raw.slice(1);
    } else if (raw !== '') {
      lines.push({ text: raw, line: index + 1 });
    }
  });
  return lines;
}

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string, limit = Infinity): string[] {
  const pieces: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && pieces.length < limit - 1; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

function parseContentLine(line: ContentLine): IcsProperty {
  const [head = '', value] = splitOutsideQuotes(line.text, ':', 2);
  if (value === undefined) throw lineError(line, 'expected NAME:VALUE');
  const [name = '', ...rawParams] = splitOutsideQuotes(head, ';');
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw lineError(line, `invalid property name "${name}"`);
  const params: Record<string, string> = {};
  for (const param of rawParams) {
    const [key = '', paramValue] = splitOutsideQuotes(param, '=', 2);
    if (paramValue === undefined || key === '') throw lineError(line, `invalid parameter "${param}"`);
    params[key.toUpperCase()] = paramValue.replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params, value, line: line.line, text: line.text };
}

/**
 * Every VEVENT of a calendar with its properties (nested components such as VALARM left out).
 * Throws a SyntaxError naming the line when the text is not a well-nested iCalendar stream.
 */
export function parseIcsEvents(text: string): IcsEvent[] {
  const lines = unfold(text);
  const first = lines[0];
  if (!first) {
    const problem: IcsProblem = { line: 1, problem: 'the calendar is empty: expected BEGIN:VCALENDAR' };
    throw withProblems(new SyntaxError('iCalendar text is empty: expected BEGIN:VCALENDAR'), [problem]);
  }
  const open: { name: string; line: ContentLine }[] = [];
  const events: IcsEvent[] = [];
  let event: IcsProperty[] | undefined;
  for (const line of lines) {
    const property = parseContentLine(line);
    const component = property.value.trim().toUpperCase();
    if (open.length === 0 && (property.name !== 'BEGIN' || component !== 'VCALENDAR')) {
      throw lineError(line, 'expected BEGIN:VCALENDAR');
    }
    if (property.name === 'BEGIN') {
      if (component === 'VEVENT' && open.length === 1) event = [];
      open.push({ name: component, line });
    } else if (property.name === 'END') {
      const innermost = open.pop();
      if (innermost?.name !== component) {
        throw lineError(
          line,
          `END:${component} does not match BEGIN:${innermost?.name} of line ${innermost?.line.line}`,
        );
      }
      if (component === 'VEVENT' && event && open.length === 1) {
        events.push({ line: innermost.line.line, properties: event });
        event = undefined;
      }
    } else if (event && open.length === 2) {
      event.push(property);
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed) throw lineError(unclosed.line, `BEGIN:${unclosed.name} is never closed by END:${unclosed.name}`);
  return events;
}

export function unescapeIcsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, escaped: string) => (escaped.toLowerCase() === 'n' ? '\n' : escaped));
}

/** Epoch day of a `YYYYMMDD` DATE value. */
function parseIcsDate(property: IcsProperty): number {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(property.value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  const day = ms / DAY_MS;
  if (Number.isNaN(ms) || dateKeyOfEpochDay(day).replaceAll('-', '') !== property.value) {
    throw rangeError(property, `invalid date "${property.value}" (expected YYYYMMDD)`);
  }
  return day;
}

const MAX_EVENT_DAYS = 366;

/** Exclusive end day of an all-day event: DTEND, else DTSTART + DURATION in days or weeks, else one day. */
function endDay(event: IcsEvent, startDay: number, dtstart: IcsProperty): number {
  const dtend = event.properties.find((property) => property.name === 'DTEND');
  const duration = event.properties.find((property) => property.name === 'DURATION');
  let end = startDay + 1;
  if (dtend) end = parseIcsDate(dtend);
  else if (duration) {
    const match = /^\+?P(\d+)([DW])$/.exec(duration.value);
    if (!match) throw rangeError(duration, 'expected a duration like P1D or P2W');
    end = startDay + Number(match[1]) * (match[2] === 'W' ? 7 : 1);
  }
  if (end <= startDay || end - startDay > MAX_EVENT_DAYS) {
    const problem = `the event must end after it starts and last at most ${MAX_EVENT_DAYS} days`;
    throw rangeError(dtend ?? duration ?? dtstart, problem);
  }
  return end;
}

/** Dates of one event, or none when it is timed or cancelled. */
function holidayDays(event: IcsEvent): number[] {
  const status = event.properties.find((property) => property.name === 'STATUS');
  if (status?.value.toUpperCase() === 'CANCELLED') return [];
  const dtstart = event.properties.find((property) => property.name === 'DTSTART');
  if (!dtstart) {
    const problem: IcsProblem = { line: event.line, problem: 'VEVENT has no DTSTART' };
    throw withProblems(new SyntaxError(describeIcsProblem(problem)), [problem]);
  }
  const isDate = dtstart.params.VALUE?.toUpperCase() === 'DATE' || /^\d{8}$/.test(dtstart.value);
  if (!isDate && /^\d{8}T\d{6}Z?$/.test(dtstart.value)) return [];
  const start = parseIcsDate(dtstart);
  const end = endDay(event, start, dtstart);
  return Array.from({ length: end - start }, (_, offset) => start + offset);
}

/**
 * The dates (`YYYY-MM-DD`, sorted, unique) covered by the all-day events of a calendar; DTEND is exclusive,
 * timed and cancelled events are ignored, recurrence rules are not expanded. A calendar that is not well nested
 * fails at its first broken line; within a well-nested one, every event in error is reported at once (the error's
 * `problems`), not only the first.
 */
export function parseIcsHolidays(text: string): string[] {
  const days = new Set<number>();
  const failures: (SyntaxError | RangeError)[] = [];
  for (const event of parseIcsEvents(text)) {
    try {
      for (const day of holidayDays(event)) days.add(day);
    } catch (error) {
      failures.push(error as SyntaxError | RangeError);
    }
  }
  const [first] = failures;
  if (first) {
    if (failures.length === 1) throw first;
    const problems = failures.flatMap(icsProblems);
    const error = first instanceof RangeError ? new RangeError('') : new SyntaxError('');
    error.message = problems.map(describeIcsProblem).join('; ');
    throw withProblems(error, problems);
  }
  return [...days].sort((a, b) => a - b).map(dateKeyOfEpochDay);
}

function escapeIcsText(text: string): string {
  return text.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r\n|\n|\r/g, '\\n');
}

/** `20261124T160000Z`; milliseconds dropped. */
function formatIcsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const FOLD_OCTETS = 75;
const encoder = new TextEncoder();

/** Folds a content line into pieces of at most 75 octets, never inside a UTF-8 character. */
function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    // Continuation pieces start with a space, which counts towards their 75 octets.
    const limit = pieces.length === 0 ? FOLD_OCTETS : FOLD_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += character;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

export interface ReleaseEvent {
  readonly uid: string;
  readonly summary: string;
  readonly description: string;
  readonly slot: Slot;
  /** Becomes DTSTAMP: when the calendar was written. */
  readonly now: Date;
}

/** A calendar with the one release event, CRLF line endings, folded at 75 octets. */
export function renderReleaseIcs(release: ReleaseEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//disclosure-actions//release window//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(release.uid)}`,
    `DTSTAMP:${formatIcsUtc(release.now)}`,
    `DTSTART:${formatIcsUtc(release.slot.start)}`,
    `DTEND:${formatIcsUtc(release.slot.end)}`,
    `SUMMARY:${escapeIcsText(release.summary)}`,
    `DESCRIPTION:${escapeIcsText(release.description)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
