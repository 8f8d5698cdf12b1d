/**
 * `DISCLOSURE_NOW` moves the clock every deadline and the release window are read from. On a runner
 * (`GITHUB_ACTIONS=true`) a workflow `env:` could use it to open the release gate at any hour, so a run there refuses
 * it before its first request; the demo and the bundle tests run outside a runner (`GITHUB_ACTIONS=false`).
 * These runs go through the runner's own collaborators (`runnerDependencies`), as `index.ts` wires them.
 */
import { describe, expect, it } from '@jest/globals';
import { clockOverride } from '../../src/actions/common/clock.js';
import { runnerDependencies } from '../../src/actions/common/core-runner.js';
import { runAction } from '../../src/actions/common/run.js';
import { main as ackReport } from '../../src/actions/ack-report/main.js';
import { main as releaseGate } from '../../src/actions/release-gate/main.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { addAdvisory } from '../emulator/state.js';
import { embargoedReportText } from '../harness/leaks.js';
import { RecordingRunner, runnerEnvironment } from '../harness/in-process.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

const NOW = '2026-01-06T10:00:00Z';
const watched = watchedEmulator(() => ({ now: NOW }));

function ackEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  return runnerEnvironment({
    emulator: watched.emulator,
    eventName: 'schedule',
    inputs: { token: 'token-admin', tracker: 'sample-org/security-tracker', organization: 'sample-org' },
    env,
  });
}

async function runOnRunner(main: typeof ackReport, env: NodeJS.ProcessEnv): Promise<RecordingRunner> {
  const io = new RecordingRunner(env);
  await runAction('ack-report', main, io, () => runnerDependencies(io, env));
  return io;
}

describe('DISCLOSURE_NOW on a runner', () => {
  it('is refused under GITHUB_ACTIONS=true, naming the variable and the fix, before any request', async () => {
    addAdvisory(watched.emulator.state, 'sample-org/sample-project', {
      state: 'triage',
      ...embargoedReportText(),
      createdAt: '2026-01-05T09:00:00Z',
    });
    const io = await runOnRunner(ackReport, ackEnvironment({ GITHUB_ACTIONS: 'true', DISCLOSURE_NOW: NOW }));
    expect(io.failed).toMatch(/configuration error in DISCLOSURE_NOW: .*GITHUB_ACTIONS=true/);
    expect(io.failed).toMatch(/remove DISCLOSURE_NOW from the workflow and job `env:`/);
    expect(watched.emulator.log).toEqual([]);
    expect(io.stdout).not.toMatch(/Clock overridden/);
  });

  it('opens no release gate: a forced-looking clock on a runner fails the gate instead', async () => {
    // Tuesday 16:10 UTC is inside the default window; a real clock would most likely say closed.
    const env = runnerEnvironment({
      inputs: { mode: 'check', policy: 'spec11', 'on-closed': 'fail' },
      env: { GITHUB_ACTIONS: 'true', DISCLOSURE_NOW: '2026-01-06T16:10:00Z' },
    });
    const io = new RecordingRunner(env);
    await runAction('release-gate', releaseGate, io, () => runnerDependencies(io, env));
    expect(io.failed).toMatch(/configuration error in DISCLOSURE_NOW/);
    expect(io.outputs).toEqual({});
  });

  it('still moves the clock outside a runner (the demo and the bundle tests)', async () => {
    addAdvisory(watched.emulator.state, 'sample-org/sample-project', {
      state: 'triage',
      ...embargoedReportText(),
      createdAt: '2026-01-05T09:00:00Z',
    });
    const io = await runOnRunner(ackReport, ackEnvironment({ GITHUB_ACTIONS: 'false', DISCLOSURE_NOW: NOW }));
    expect(io.failed).toBeUndefined();
    expect(io.stdout).toContain(`Clock overridden by DISCLOSURE_NOW: now is ${new Date(NOW).toISOString()}`);
    expect(watched.emulator.writes().length).toBeGreaterThan(0);
  });

  it('is refused before main starts, whenever main would read the clock', async () => {
    const env = ackEnvironment({ GITHUB_ACTIONS: 'true', DISCLOSURE_NOW: NOW });
    const io = new RecordingRunner(env);
    const writesFirst = async (deps: Parameters<typeof ackReport>[0]): Promise<void> => {
      const client = await deps.openClient('token-admin');
      await client.rest.issues.create({ owner: 'sample-org', repo: 'security-tracker', title: 'written first' });
      deps.now();
    };
    await runAction('any', writesFirst, io, () => runnerDependencies(io, env));
    expect(io.failed).toMatch(/configuration error in DISCLOSURE_NOW/);
    expect(watched.emulator.log).toEqual([]);
  });

  it('checks the value only where it is allowed', () => {
    expect(clockOverride({ GITHUB_ACTIONS: 'true' })).toBeUndefined();
    expect(clockOverride({ GITHUB_ACTIONS: 'true', DISCLOSURE_NOW: ' ' })).toBeUndefined();
    expect(() => clockOverride({ GITHUB_ACTIONS: 'true', DISCLOSURE_NOW: NOW })).toThrow(ConfigurationError);
    expect(clockOverride({ DISCLOSURE_NOW: NOW })?.toISOString()).toBe('2026-01-06T10:00:00.000Z');
    expect(() => clockOverride({ DISCLOSURE_NOW: 'tomorrow' })).toThrow(/not an ISO 8601 date-time/);
  });
});
