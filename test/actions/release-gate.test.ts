import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../harness/in-process.js';
import { parseIcsEvents } from '../../src/domain/ics.js';

// 2026-11-19 is a Thursday, 2026-11-20 a Friday. Every scenario runs `main` in this process; the bundle smoke test
// is in release-gate-advisories.test.ts.
const gate = (inputs: Record<string, string>, now: string, env?: Record<string, string>) =>
  runInProcess('release-gate', { inputs, now, ...(env ? { env } : {}) });

describe('release-gate check mode', () => {
  it.each([
    ['Thursday 15:59', '2026-11-19T15:59:00Z', false, 'the window opens at 16:00 UTC', '2026-11-19T16:00:00.000Z'],
    ['Thursday 16:00', '2026-11-19T16:00:00Z', true, 'open until', '2026-11-19T16:00:00.000Z'],
    ['Thursday 16:59', '2026-11-19T16:59:00Z', true, 'open until', '2026-11-19T16:00:00.000Z'],
    ['Thursday 17:00', '2026-11-19T17:00:00Z', false, 'closed at 17:00', '2026-11-23T16:00:00.000Z'],
    ['Friday 16:30', '2026-11-20T16:30:00Z', false, 'Friday is not a release day', '2026-11-23T16:00:00.000Z'],
  ])('%s', async (_label, now, open, reason, next) => {
    const result = await gate({}, now);
    expect(result.exitCode).toBe(open ? 0 : 1);
    expect(result.outputs.open).toBe(String(open));
    expect(result.outputs.reason).toContain(reason);
    expect(result.outputs['next-slot']).toBe(next);
    if (!open)
      expect(result.errors[0]?.message).toMatch(
        /release window is closed.*Next slot: 2026-11-23 16:00 UTC|release window is closed/,
      );
    expect(result.summary).toContain('Release gate');
  });

  it('moves the slot past a holiday Tuesday given as an .ics file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    const ics = join(dir, 'holidays.ics');
    await writeFile(
      ics,
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:h1',
        'DTSTART;VALUE=DATE:20261124',
        'SUMMARY:Holiday',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const result = await gate({ holidays: ics, 'on-closed': 'skip' }, '2026-11-24T16:10:00Z', {
      GITHUB_WORKSPACE: dir,
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.open).toBe('false');
    expect(result.outputs.reason).toContain('2026-11-24 is a holiday');
    expect(result.outputs['next-slot']).toBe('2026-11-25T16:00:00.000Z');
  });

  it('passes with open=false when on-closed is skip', async () => {
    const result = await gate({ 'on-closed': 'skip' }, '2026-11-21T12:00:00Z');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.open).toBe('false');
    expect(result.errors).toEqual([]);
  });

  it('honours a freeze and custom weekdays and time', async () => {
    const result = await gate(
      { freezes: '2026-12-20..2027-01-04', weekdays: 'Mon-Fri', time: '09:00', 'on-closed': 'skip' },
      '2026-12-22T09:30:00Z',
    );
    expect(result.outputs.reason).toContain('freeze');
    expect(result.outputs['next-slot']).toBe('2027-01-05T09:00:00.000Z');
  });
});

describe('release-gate override', () => {
  it('refuses a forced gate that lets no advisory through: there is no approved release to force', async () => {
    const result = await gate(
      { force: 'true', 'force-reason': 'public disclosure by a third party' },
      '2026-11-20T16:30:00Z',
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(
      'release-gate: configuration error in force: Input "force" is true, but the gate lets no advisory through',
    );
    expect(result.outputs).toEqual({});
    // Forcing with advisories, their approvals and an inert reason: release-gate-advisories.test.ts.
  });
});

describe('release-gate next mode', () => {
  it('lists the next slots and writes an iCalendar event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    const path = join(dir, 'release.ics');
    const result = await gate({ mode: 'next', count: '3', 'ics-path': path }, '2026-11-19T17:30:00Z');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.outputs['next-slots'] ?? '[]')).toEqual([
      '2026-11-23T16:00:00.000Z',
      '2026-11-24T16:00:00.000Z',
      '2026-11-25T16:00:00.000Z',
    ]);
    expect(result.outputs['ics-path']).toBe(path);
    const events = parseIcsEvents(await readFile(path, 'utf8'));
    expect(events).toHaveLength(1);
    expect(events[0]?.properties.find((p) => p.name === 'DTSTART')?.value).toBe('20261123T160000Z');
  });
});

describe('release-gate wait mode', () => {
  it('waits a few real seconds for the window, counting down, then passes', async () => {
    const started = Date.now();
    const result = await gate({ mode: 'wait', 'max-wait': '5m', 'countdown-seconds': '1' }, '2026-11-19T15:59:57Z');
    const elapsed = Date.now() - started;
    expect(result.exitCode).toBe(0);
    expect(result.outputs.open).toBe('true');
    expect(result.lines.filter((line) => line.startsWith('Release window opens in')).length).toBeGreaterThanOrEqual(2);
    expect(elapsed).toBeGreaterThanOrEqual(2500);
  });

  it('does not wait beyond max-wait and behaves as check', async () => {
    const started = Date.now();
    const result = await gate({ mode: 'wait', 'max-wait': '30m' }, '2026-11-19T12:00:00Z');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.open).toBe('false');
  });
});

describe('release-gate bad input', () => {
  it.each([
    [{ time: '25:00' }, 'time'],
    [{ weekdays: 'funday' }, 'weekdays'],
    [{ duration: '0m' }, 'duration'],
    [{ duration: '-1h' }, 'duration'],
    [{ force: 'true' }, 'force-reason'],
    [{ mode: 'sometimes' }, 'mode'],
    [{ holidays: 'christmas' }, 'holidays'],
    [{ holidays: '2026-02-30' }, 'holidays'],
    [{ freezes: '2026-02-30..2026-03-04' }, 'freezes'],
    [{ 'max-wait': '7h' }, 'max-wait'],
    [{ freezes: '2027-01-04..2026-12-20' }, 'freezes'],
    [{ 'ghsa-ids': 'GHSA-f8m6-h2c7-8h9x' }, 'repository'],
  ])('%p fails naming %s', async (inputs, input) => {
    const result = await gate(inputs, '2026-11-19T16:10:00Z');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(`configuration error in ${input}`);
    expect(result.outputs).toEqual({});
  });

  it('names a malformed .ics file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-'));
    const ics = join(dir, 'bad.ics');
    await writeFile(ics, 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026\n');
    const result = await gate({ holidays: ics }, '2026-11-19T16:10:00Z', { GITHUB_WORKSPACE: dir });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(/holidays.*not a valid iCalendar file/);
  });
});
