import { afterEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { addAdvisory } from '../emulator/state.js';
import { runInProcess } from '../harness/in-process.js';

let emulator: Emulator;

afterEach(async () => {
  expect(emulator.contractViolations).toEqual([]);
  await emulator.stop();
});

// A primary limit that resets in 15 minutes: longer than the client waits in a job (10 minutes).
const SPENT = { primaryRateLimitAfter: 1, primaryResetSeconds: 900 };

describe.each(['sla-check', 'ack-report'])('%s when GitHub rate-limits the sweep', (action) => {
  it('fails saying so, instead of falling back or calling repositories invisible', async () => {
    emulator = await startEmulator({ now: '2026-11-19T10:00:00Z' });
    addAdvisory(emulator.state, 'sample-org/sample-project', { state: 'triage', createdAt: '2026-11-18T10:00:00Z' });
    emulator.setFaults(SPENT);
    const result = await runInProcess(action, {
      emulator,
      inputs: { token: 'token-admin', tracker: 'sample-org/security-tracker', organization: 'sample-org' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${action}: GitHub.s API rate limit for this token is spent until 20\\d\\d-.*re-run the job after the reset`,
        ),
      ),
    ]);
    expect(result.warnings.map((warning) => warning.message).join('\n')).not.toMatch(/listing each repository instead/);
    expect(result.outputs['all-clear']).not.toBe('true');
    expect(emulator.writes()).toEqual([]);
  });
});
