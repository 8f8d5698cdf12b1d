/**
 * Reports in flight survive an upgrade: tracking issues written by the previous release (state version 1) are read
 * by this one, migrated, and brought up to the live record on their first write. The bodies under
 * test/fixtures/tracker-v1/ are real: written by the actions of the version-1 release (commit 3b16747) against the
 * emulator, as ack-report, triage, create-temp-fork, sla-check, a `/release approve` and publish-announcement left
 * them (see the README there).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { trackedReportsIn, trackerBody } from '../../src/actions/common/tracker.js';
import { PRESETS } from '../../src/domain/policy/presets.js';
import { RECORD_SECTION } from '../../src/domain/tracker-record.js';
import { renderChecklist } from '../../src/domain/checklist.js';
import { readTrackerState, replaceSection, writeTrackerState } from '../../src/domain/tracker-state.js';
import {
  migrateStateBlock,
  TRACKER_STATE_VERSION,
  TrackerStateVersionError,
} from '../../src/domain/tracker-state-migration.js';
import { readSection } from '../../src/domain/tracker-merge.js';
import type { Issue } from '../../src/github/types.js';

const FIXTURES = ['ack-report', 'triage', 'create-temp-fork', 'sla-check', 'release-approved', 'publish-announcement'];
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/tracker-v1/${name}.md`, import.meta.url), 'utf8');
/** The JSON of the state block as the version-1 release wrote it. */
const rawState = (body: string): Record<string, unknown> =>
  JSON.parse(/<!-- disclosure-actions:state (\{[\s\S]*?\}) -->/.exec(body)?.[1] ?? 'null') as Record<string, unknown>;

describe('a version-1 tracking issue', () => {
  it.each(FIXTURES)('as %s left it is read, migrated to the current version with every field kept', (name) => {
    const body = fixture(name);
    const v1 = rawState(body);
    expect(v1.version).toBe(1);
    const state = readTrackerState(body);
    expect(state?.version).toBe(TRACKER_STATE_VERSION);
    expect(TRACKER_STATE_VERSION).toBe(2);
    expect({ ...state, version: 1 }).toEqual(v1);
  });

  it('filed by hand in the tracker is read too', () => {
    const state = readTrackerState(fixture('ack-report-issue'));
    expect(state).toMatchObject({ version: 2, key: 'issue-4', repository: null, ackChannel: 'issue-comment' });
  });

  it('gets the live record, before the checklist, on its first write; the rest of the body as it was', () => {
    const body = fixture('triage');
    const state = readTrackerState(body);
    if (!state) throw new Error('no state');
    const written = trackerBody(body, PRESETS.spec11, state);
    const record = readSection(written, RECORD_SECTION) ?? '';
    expect(record).toContain('| Severity | high |');
    expect(record).toContain('| CVSS | 8.2 (CVSS 3.1) `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N` |');
    expect(record).toContain('| TLP | TLP:AMBER |');
    expect(record).toContain('| Decision | accepted (triaged 2026-11-03 11:00 UTC) |');
    expect(record).toContain('| Fix team | team `maintainers` (added 2026-11-03 11:00 UTC) |');
    expect(written.indexOf('<!-- section:record -->')).toBeLessThan(written.indexOf('<!-- section:checklist -->'));
    expect(written.indexOf('<!-- /section:report -->')).toBeLessThan(written.indexOf('<!-- section:record -->'));
    // Nothing else changed but the record, the checklist (re-rendered as always) and the version.
    const withoutRecord = written.replace(/<!-- section:record -->[\s\S]*?<!-- \/section:record -->\n\n/, '');
    const checklist = renderChecklist(PRESETS.spec11, state);
    expect(withoutRecord).toBe(writeTrackerState(replaceSection(body, 'checklist', checklist), state));
    expect(rawState(written).version).toBe(2);
    // Written once, it stays as it is.
    expect(trackerBody(written, PRESETS.spec11, state)).toBe(written);
  });

  it('published keeps its fork, release and retrospective in the record', () => {
    const body = fixture('publish-announcement');
    const state = readTrackerState(body);
    if (!state) throw new Error('no state');
    const record = readSection(trackerBody(body, PRESETS.spec11, state), RECORD_SECTION) ?? '';
    expect(record).toContain(
      '| Temporary private fork | [sample-org/sample-project-ghsa-j6mr-gf34-2222](https://github.com/sample-org/sample-project-ghsa-j6mr-gf34-2222) (created 2026-11-03 12:00 UTC) |',
    );
    expect(record).toContain('| Release approved by | `sirt-lead` 2026-11-23 13:00 UTC |');
    expect(record).toContain('| Advisory published | 2026-11-23 16:06 UTC |');
    expect(record).toContain('| Retrospective | #3 (open) |');
  });
});

describe('a state block of another version', () => {
  const future = '<!-- disclosure-actions:state {"version":3,"key":"GHSA-aaaa-bbbb-cccc","escalated":[]} -->';

  it('written by a newer release is a clear error, not a report skipped', () => {
    expect(() => readTrackerState(future)).toThrow(TrackerStateVersionError);
    expect(() => readTrackerState(future)).toThrow(
      /has version 3, which this release of disclosure-actions does not read \(it reads versions 1 to 2\)/,
    );
  });

  it('fails a run that lists the tracker, naming the issue', () => {
    const issue = { number: 7, html_url: 'https://github.com/o/tracker/issues/7', body: future } as Issue;
    expect(() => trackedReportsIn([issue])).toThrow(
      /tracking issue #7 \(https:\/\/github.com\/o\/tracker\/issues\/7\)/,
    );
  });

  it.each([[0], ['1'], [1.5], [null]])('%p is refused too', (version) => {
    expect(() => migrateStateBlock({ version, key: 'k' })).toThrow(TrackerStateVersionError);
  });

  it('is not taken for a state without a report key or a version', () => {
    expect(migrateStateBlock({ version: 3 })).toBeUndefined();
    expect(migrateStateBlock({ key: 'k' })).toBeUndefined();
    expect(migrateStateBlock(['k'])).toBeUndefined();
  });

  it('of version 1 with lists of anything gets lists of text', () => {
    expect(migrateStateBlock({ version: 1, key: 'k', escalated: ['triage', 3], notified: 'x' })).toEqual({
      version: 2,
      key: 'k',
      escalated: ['triage'],
      notified: [],
    });
  });
});
