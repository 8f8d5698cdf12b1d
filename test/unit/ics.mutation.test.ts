/**
 * The parts of src/domain/ics.ts that the mutation run found unguarded: the problems an error carries (cut at 80
 * characters, empty calendar, missing DTSTART, errors of other modules), the exact messages (property names,
 * parameters, durations, event length, several failing events at once), quoted separators and quoted parameter
 * values, lower-case component names, properties outside events and inside nested components, DURATION in weeks
 * and of ten days or more, the 366-day limit, VALUE=DATE with a timed value, and the exact text of the rendered
 * release calendar (escaping, UTC stamps, folding at exactly 75 octets, the final CRLF).
 */
import { describe, expect, it } from '@jest/globals';
import { icsProblems, parseIcsEvents, parseIcsHolidays, renderReleaseIcs } from '../../src/domain/ics.js';
import { thrownBy } from './thrown.js';

const calendar = (lines: string[]): string => ['BEGIN:VCALENDAR', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (lines: string[]): string => calendar(['BEGIN:VEVENT', ...lines, 'END:VEVENT']);

const errorOf = (run: () => unknown): Error => thrownBy(run, Error);

describe('the problems an error carries', () => {
  it('keeps a content line of 80 characters whole and cuts a longer one to 77 and an ellipsis', () => {
    const eighty = `X${'a'.repeat(79)}`;
    const eightyOne = `X${'b'.repeat(80)}`;
    expect(icsProblems(errorOf(() => parseIcsEvents(eighty)))).toEqual([
      { line: 1, content: eighty, problem: 'expected NAME:VALUE' },
    ]);
    const error = errorOf(() => parseIcsEvents(eightyOne));
    const cut = `X${'b'.repeat(76)}...`;
    expect(icsProblems(error)).toEqual([{ line: 1, content: cut, problem: 'expected NAME:VALUE' }]);
    expect(error.message).toBe(`iCalendar line 1 (${cut}): expected NAME:VALUE`);
  });

  it('names the line of a syntax error and of a range error', () => {
    expect(icsProblems(errorOf(() => parseIcsEvents('BEGIN:VEVENT')))).toEqual([
      { line: 1, content: 'BEGIN:VEVENT', problem: 'expected BEGIN:VCALENDAR' },
    ]);
    const error = errorOf(() => parseIcsHolidays(event(['DTSTART:20260101', 'DURATION:P1H'])));
    expect(error).toBeInstanceOf(RangeError);
    expect(icsProblems(error)).toEqual([
      { line: 4, content: 'DURATION:P1H', problem: 'expected a duration like P1D or P2W' },
    ]);
  });

  it('says an empty calendar is empty, at line 1', () => {
    const error = errorOf(() => parseIcsEvents('\r\n\r\n'));
    expect(error.message).toBe('iCalendar text is empty: expected BEGIN:VCALENDAR');
    expect(icsProblems(error)).toEqual([{ line: 1, problem: 'the calendar is empty: expected BEGIN:VCALENDAR' }]);
  });

  it('names the event without DTSTART', () => {
    const error = errorOf(() => parseIcsHolidays(event(['UID:x'])));
    expect(error.message).toBe('iCalendar line 2: VEVENT has no DTSTART');
    expect(icsProblems(error)).toEqual([{ line: 2, problem: 'VEVENT has no DTSTART' }]);
  });

  it('finds none in errors of other modules, null or undefined', () => {
    expect(icsProblems(new Error('other'))).toEqual([]);
    expect(icsProblems(null)).toEqual([]);
    expect(icsProblems(undefined)).toEqual([]);
    expect(icsProblems({ problems: 'not a list' })).toEqual([]);
  });
});

describe('reading content lines', () => {
  it('refuses an invalid property name, naming it', () => {
    for (const name of ['BAD NAME', 'BAD_NAME', '*X']) {
      expect(errorOf(() => parseIcsEvents(calendar([`${name}:x`]))).message).toBe(
        `iCalendar line 2 (${name}:x): invalid property name "${name}"`,
      );
    }
  });

  it('refuses a parameter without a value or without a name, naming it', () => {
    expect(errorOf(() => parseIcsEvents(calendar(['X-A;VALUE:x']))).message).toBe(
      'iCalendar line 2 (X-A;VALUE:x): invalid parameter "VALUE"',
    );
    expect(errorOf(() => parseIcsEvents(calendar(['X-A;=DATE:x']))).message).toBe(
      'iCalendar line 2 (X-A;=DATE:x): invalid parameter "=DATE"',
    );
  });

  it('reads parameters: names upper-cased, quotes around a whole value removed, separators inside quotes kept', () => {
    const [read] = parseIcsEvents(
      event(['X-P;value=DATE;q="a:b;c=d";Mid=x"y";Start="y"z;Whole="ab";E="":the:value', 'DTSTART:20260101']),
    );
    expect(read?.properties).toEqual([
      {
        name: 'X-P',
        params: { VALUE: 'DATE', Q: 'a:b;c=d', MID: 'x"y"', START: '"y"z', WHOLE: 'ab', E: '' },
        value: 'the:value',
        line: 3,
        text: 'X-P;value=DATE;q="a:b;c=d";Mid=x"y";Start="y"z;Whole="ab";E="":the:value',
      },
      { name: 'DTSTART', params: {}, value: '20260101', line: 4, text: 'DTSTART:20260101' },
    ]);
  });
});

describe('nesting of components', () => {
  it('accepts component names in lower case and with blanks around them', () => {
    const text = ['begin:vcalendar', 'BEGIN: vevent ', 'DTSTART:20260101', 'end:VEVENT', 'END:VCalendar'].join('\n');
    expect(parseIcsEvents(text)).toEqual([
      { line: 2, properties: [{ name: 'DTSTART', params: {}, value: '20260101', line: 3, text: 'DTSTART:20260101' }] },
    ]);
  });

  it('refuses a first line that is not BEGIN, even with VCALENDAR as its value', () => {
    const text = ['X-FIRST:VCALENDAR', 'BEGIN:VCALENDAR', 'END:VCALENDAR'].join('\r\n');
    expect(errorOf(() => parseIcsEvents(text)).message).toBe(
      'iCalendar line 1 (X-FIRST:VCALENDAR): expected BEGIN:VCALENDAR',
    );
  });

  it('refuses a property after the calendar is closed', () => {
    const text = calendar([]) + '\r\nX-AFTER:1';
    expect(errorOf(() => parseIcsEvents(text)).message).toBe('iCalendar line 3 (X-AFTER:1): expected BEGIN:VCALENDAR');
  });

  it('keeps calendar properties and other components out of the events', () => {
    const text = calendar(['VERSION:2.0', 'BEGIN:VTODO', 'DTSTART:20260101', 'END:VTODO', 'X-LAST:1']);
    expect(parseIcsEvents(text)).toEqual([]);
  });

  it('keeps properties of components nested in an event out of it, and the ones around them in', () => {
    const text = event([
      'DTSTART:20260101',
      'BEGIN:VALARM',
      'TRIGGER:-P1D',
      'END:VALARM',
      'BEGIN:VEVENT',
      'X-INNER:1',
      'END:VEVENT',
      'SUMMARY:after',
    ]);
    expect(parseIcsEvents(text).map(({ line, properties }) => [line, properties.map((p) => p.text)])).toEqual([
      [2, ['DTSTART:20260101', 'SUMMARY:after']],
    ]);
  });
});

describe('holiday durations and their limits', () => {
  const days = (lines: string[]): string[] => parseIcsHolidays(event(['DTSTART:20261230', ...lines]));

  it('reads DURATION in weeks and of ten days or more, with or without a plus sign', () => {
    expect(days(['DURATION:P2W'])).toHaveLength(14);
    expect(days(['DURATION:+P1W'])).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
      '2027-01-05',
    ]);
    const ten = days(['DURATION:P10D']);
    expect([ten.length, ten[9]]).toEqual([10, '2027-01-08']);
  });

  it('refuses a DURATION with anything before or after the days or weeks', () => {
    for (const value of ['XP1D', 'P1DT2H', 'P1', 'PT1H']) {
      expect(errorOf(() => days([`DURATION:${value}`])).message).toBe(
        `iCalendar line 4 (DURATION:${value}): expected a duration like P1D or P2W`,
      );
    }
  });

  it('allows 366 days and refuses 367 or an end on the start day', () => {
    expect(days(['DURATION:P366D'])).toHaveLength(366);
    const limit = 'the event must end after it starts and last at most 366 days';
    expect(errorOf(() => days(['DURATION:P367D'])).message).toBe(`iCalendar line 4 (DURATION:P367D): ${limit}`);
    const sameDay = errorOf(() => days(['DTEND:20261230']));
    expect(sameDay).toBeInstanceOf(RangeError);
    expect(sameDay.message).toBe(`iCalendar line 4 (DTEND:20261230): ${limit}`);
  });
});

describe('all-day or timed', () => {
  it('takes VALUE=DATE (in any case) at its word and refuses a timed value there', () => {
    for (const param of ['VALUE=DATE', 'VALUE=date']) {
      const line = `DTSTART;${param}:20260101T100000Z`;
      expect(errorOf(() => parseIcsHolidays(event([line]))).message).toBe(
        `iCalendar line 3 (${line}): invalid date "20260101T100000Z" (expected YYYYMMDD)`,
      );
    }
  });

  it('refuses, instead of ignoring, a value that only contains a date-time', () => {
    for (const value of ['X20260101T100000Z', '20260101T100000ZZ']) {
      expect(errorOf(() => parseIcsHolidays(event([`DTSTART:${value}`]))).message).toBe(
        `iCalendar line 3 (DTSTART:${value}): invalid date "${value}" (expected YYYYMMDD)`,
      );
    }
  });
});

describe('several events in error', () => {
  it('reports every one in one error, each at its line', () => {
    const text = calendar([
      'BEGIN:VEVENT',
      'DTSTART:20260101',
      'DURATION:P0D',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:no-start',
      'END:VEVENT',
    ]);
    const error = errorOf(() => parseIcsHolidays(text));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      'iCalendar line 4 (DURATION:P0D): the event must end after it starts and last at most 366 days; ' +
        'iCalendar line 6: VEVENT has no DTSTART',
    );
    expect(icsProblems(error).map(({ line }) => line)).toEqual([4, 6]);
  });
});

describe('the rendered release calendar', () => {
  it('is exactly the expected text: escaped, in UTC without milliseconds, folded at 75 octets, CRLF-terminated', () => {
    const ics = renderReleaseIcs({
      uid: 'rel,1;x@example',
      summary: 'Fix\\ it; now, please\r\nand\rthen\nmore',
      description: 'a'.repeat(200),
      slot: { start: new Date('2026-11-24T16:00:00Z'), end: new Date('2026-11-24T17:30:00Z') },
      now: new Date('2026-11-22T09:03:12.345Z'),
    });
    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//disclosure-actions//release window//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:rel\\,1\\;x@example',
        'DTSTAMP:20261122T090312Z',
        'DTSTART:20261124T160000Z',
        'DTEND:20261124T173000Z',
        'SUMMARY:Fix\\\\ it\\; now\\, please\\nand\\nthen\\nmore',
        `DESCRIPTION:${'a'.repeat(63)}`,
        ` ${'a'.repeat(74)}`,
        ` ${'a'.repeat(63)}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('folds before a character that would pass 75 octets, counting UTF-8 bytes', () => {
    const ics = renderReleaseIcs({
      uid: 'u',
      summary: 's',
      description: `${'a'.repeat(62)}é${'b'.repeat(73)}é`,
      slot: { start: new Date('2026-11-24T16:00:00Z'), end: new Date('2026-11-24T17:00:00Z') },
      now: new Date('2026-11-22T09:03:12Z'),
    });
    const lines = ics.split('\r\n');
    const start = lines.findIndex((line) => line.startsWith('DESCRIPTION:'));
    expect(lines.slice(start, start + 3)).toEqual([
      `DESCRIPTION:${'a'.repeat(62)}`,
      ` é${'b'.repeat(72)}`,
      ` ${'b'.repeat(1)}é`,
    ]);
  });
});
