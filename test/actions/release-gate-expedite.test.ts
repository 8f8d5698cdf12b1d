import { beforeEach, describe, expect, it } from '@jest/globals';
import type { TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import type { Advisory } from '../emulator/types.js';
import type { RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
  READY_TO_RELEASE,
} from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// 2026-11-20 is a Friday: no SPEC 11 release window opens.
const FRIDAY = '2026-11-20T10:00:00Z';

const watched = watchedEmulator(() => ({ now: FRIDAY }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

function trackedAdvisory(state: Partial<TrackerState>): Advisory {
  const advisory = addEmbargoedAdvisory(emulator.state, PROJECT, READY_TO_RELEASE);
  const issue = addTrackingIssue(emulator.state, { ...reportOf(advisory), receivedAt: '2026-11-02T09:00:00Z', state });
  addReleaseApproval(emulator.state, issue, 'sirt-lead');
  return advisory;
}

function gate(advisory: Advisory): Promise<RunResult> {
  const inputs = { token: 'token-admin', 'ghsa-ids': advisory.ghsaId, repository: PROJECT, tracker: TRACKER };
  return watched.run('release-gate', { inputs });
}

describe('release-gate and an expedited report (/triage expedite)', () => {
  it('opens outside the window for an expedited report, the recorded reason in its summary', async () => {
    const expedited = { at: '2026-11-19T09:00:00.000Z', reason: 'disclosed publicly', by: 'sirt-lead' };
    const advisory = trackedAdvisory({ expedited });
    const result = await gate(advisory);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.open).toBe('true');
    expect(result.outputs.reason).toBe(`expedited: ${advisory.ghsaId}: disclosed publicly`);
    expect(result.summary).toContain('disclosed publicly');
  });

  it('stays closed outside the window for a report that is not expedited', async () => {
    const result = await gate(trackedAdvisory({}));
    expect(result.outputs.open).toBe('false');
    expect(result.outputs.reason).toContain('Friday');
  });
});
