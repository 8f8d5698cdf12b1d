import { describe, expect, it } from '@jest/globals';
import { parseIcsEvents, parseIcsHolidays, renderReleaseIcs, unescapeIcsText } from '../../src/domain/ics.js';

const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';

const HOLIDAY_FEED = crlf([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//Holidays//EN',
  'BEGIN:VEVENT',
  'UID:christmas@example.org',
  'DTSTART;VALUE=DATE:20261225',
  'SUMMARY:Christmas',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:new-year@example.org',
  'DTSTART;VALUE=DATE:20261231',
  'DTEND;VALUE=DATE:20270102',
  'SUMMARY:New year, folded over',
  '  two lines',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'TRIGGER:-P1D',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:christmas-eve@example.org',
  'DTSTART;VALUE=DA',
  ' TE:20261224',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:no-value-param@example.org',
  'DTSTART:20260704',
  'DURATION:P2D',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting@example.org',
  'DTSTART:20261110T150000Z',
  'DTEND:20261110T160000Z',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:tz-meeting@example.org',
  'DTSTART;TZID="Europe/Berlin":20261111T090000',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:cancelled@example.org',
  'STATUS:CANCELLED',
  'DTSTART;VALUE=DATE:20261001',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:duplicate@example.org',
  'DTSTART;VALUE=DATE:20261225',
  'END:VEVENT',
  'END:VCALENDAR',
]);

describe('parseIcsHolidays', () => {
  it('collects all-day dates, expanding multi-day events with an exclusive end', () => {
    expect(parseIcsHolidays(HOLIDAY_FEED)).toEqual([
      '2026-07-04',
      '2026-07-05',
      '2026-12-24',
      '2026-12-25',
      '2026-12-31',
      '2027-01-01',
    ]);
  });

  it('accepts bare LF line endings and a leap day', () => {
    const feed = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20280229', 'END:VEVENT', 'END:VCALENDAR'];
    expect(parseIcsHolidays(feed.join('\n'))).toEqual(['2028-02-29']);
  });

  it('returns nothing for a calendar without events', () => {
    expect(parseIcsHolidays(crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'END:VCALENDAR']))).toEqual([]);
  });

  it('unfolds continuation lines into the property value', () => {
    const summary = parseIcsEvents(HOLIDAY_FEED)[1]?.properties.find((property) => property.name === 'SUMMARY');
    expect(summary?.value).toBe('New year, folded over two lines');
    expect(summary?.line).toBe(13);
  });

  it.each([
    ['an empty text', '', SyntaxError, /empty/],
    [
      'no BEGIN:VCALENDAR',
      crlf(['BEGIN:VEVENT', 'END:VEVENT']),
      SyntaxError,
      /line 1 \(BEGIN:VEVENT\).*BEGIN:VCALENDAR/,
    ],
    [
      'an unterminated VEVENT',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'END:VCALENDAR']),
      SyntaxError,
      /line 4 \(END:VCALENDAR\): END:VCALENDAR does not match BEGIN:VEVENT of line 2/,
    ],
    [
      'a VEVENT cut off at the end',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225']),
      SyntaxError,
      /line 2 \(BEGIN:VEVENT\): BEGIN:VEVENT is never closed by END:VEVENT/,
    ],
    [
      'a bad month',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261332', 'END:VEVENT', 'END:VCALENDAR']),
      RangeError,
      /line 3 \(DTSTART;VALUE=DATE:20261332\): invalid date "20261332"/,
    ],
    [
      'a day that does not exist',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20270229', 'END:VEVENT', 'END:VCALENDAR']),
      RangeError,
      /line 3.*"20270229"/,
    ],
    [
      'a dashed date',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:2026-12-25', 'END:VEVENT', 'END:VCALENDAR']),
      RangeError,
      /line 3.*"2026-12-25"/,
    ],
    [
      'an end before the start',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20261225', 'DTEND:20261224', 'END:VEVENT', 'END:VCALENDAR']),
      RangeError,
      /line 4 \(DTEND:20261224\): the event must end after it starts/,
    ],
    [
      'an event over a year long',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20260101', 'DTEND:20990101', 'END:VEVENT', 'END:VCALENDAR']),
      RangeError,
      /line 4.*at most 366 days/,
    ],
    [
      'an event without DTSTART',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'SUMMARY:x', 'END:VEVENT', 'END:VCALENDAR']),
      SyntaxError,
      /line 2: VEVENT has no DTSTART/,
    ],
    [
      'a line without a colon',
      crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE', 'END:VEVENT', 'END:VCALENDAR']),
      SyntaxError,
      /line 3 \(DTSTART;VALUE=DATE\): expected NAME:VALUE/,
    ],
    [
      'content after the calendar',
      crlf(['BEGIN:VCALENDAR', 'END:VCALENDAR', 'SUMMARY:stray']),
      SyntaxError,
      /line 3 \(SUMMARY:stray\)/,
    ],
    ['a continuation line first', ' BEGIN:VCALENDAR\r\n', SyntaxError, /line 1.*continuation/],
  ])('rejects %s', (_, text, errorType, message) => {
    expect(() => parseIcsHolidays(text)).toThrow(errorType);
    expect(() => parseIcsHolidays(text)).toThrow(message);
  });
});

describe('renderReleaseIcs', () => {
  const release = {
    uid: 'release-GHSA-xxxx-yyyy-zzzz@disclosure-actions',
    summary: 'Release fix for GHSA-xxxx; CVE-2026-1234, high',
    description:
      'Publish the patch releases, then the advisory.\nBackslash \\ stays; commas, too.\n' +
      'Ünïcödé and emoji 🚀 survive folding: ' +
      'é'.repeat(80),
    slot: { start: new Date('2026-11-24T16:00:00Z'), end: new Date('2026-11-24T17:00:00Z') },
    now: new Date('2026-11-22T09:03:12.345Z'),
  };
  const ics = renderReleaseIcs(release);
  const physicalLines = ics.split('\r\n');

  it('uses CRLF line endings only, ending with one', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes UTC times and the stamp', () => {
    expect(physicalLines).toEqual(
      expect.arrayContaining([
        'DTSTAMP:20261122T090312Z',
        'DTSTART:20261124T160000Z',
        'DTEND:20261124T170000Z',
        'UID:release-GHSA-xxxx-yyyy-zzzz@disclosure-actions',
      ]),
    );
  });

  it('escapes text values', () => {
    expect(physicalLines).toContain('SUMMARY:Release fix for GHSA-xxxx\\; CVE-2026-1234\\, high');
    const unfolded = ics.replaceAll('\r\n ', '');
    expect(unfolded).toContain(
      'DESCRIPTION:Publish the patch releases\\, then the advisory.\\nBackslash \\\\ stays\\;',
    );
  });

  it('folds lines at 75 octets without splitting characters', () => {
    const encoder = new TextEncoder();
    expect(physicalLines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(1);
    for (const line of physicalLines) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
  });

  it('parses back to the same values', () => {
    const [event, ...others] = parseIcsEvents(ics);
    expect(others).toEqual([]);
    const valueOf = (name: string): string | undefined =>
      event?.properties.find((property) => property.name === name)?.value;
    expect(unescapeIcsText(valueOf('SUMMARY') ?? '')).toBe(release.summary);
    expect(unescapeIcsText(valueOf('DESCRIPTION') ?? '')).toBe(release.description);
    expect(unescapeIcsText(valueOf('UID') ?? '')).toBe(release.uid);
    expect(valueOf('DTSTART')).toBe('20261124T160000Z');
    // A timed event is not a holiday.
    expect(parseIcsHolidays(ics)).toEqual([]);
  });

  it('escapes CR LF and lone CR newlines too', () => {
    const text = renderReleaseIcs({ ...release, description: 'a\r\nb\rc' });
    expect(text).toContain('DESCRIPTION:a\\nb\\nc\r\n');
  });
});
