import { describe, expect, it } from '@jest/globals';
import { runAction } from '../harness/run-action.js';
import { ACTION_NAMES } from './load.js';

const NEEDS_TOKEN = ACTION_NAMES.filter((name) => name !== 'release-gate');

describe('each bundle starts as the runner starts it', () => {
  it.each(NEEDS_TOKEN)(
    '%s without inputs exits 1 with an "input required" annotation and writes nothing',
    async (name) => {
      const result = await runAction(name, { inputs: {} });
      expect(result.exitCode).toBe(1);
      expect(result.errors.map((error) => error.message)).toEqual([
        expect.stringMatching(
          new RegExp(`^${name}: configuration error in token: Input required and not supplied: token`),
        ),
      ]);
      expect(result.outputs).toEqual({});
    },
  );

  it('release-gate (no required input) rejects a bad value with the input, the value and what it accepts', async () => {
    const result = await runAction('release-gate', { inputs: { mode: 'sometimes' } });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(
      /Input "mode" is "sometimes", but it accepts one of `check`, `wait`, `next`/,
    );
  });
});

describe('the Marketplace entry (root action.yml)', () => {
  it('runs the action named by `command`', async () => {
    const result = await runAction('main', {
      inputs: { command: 'release-gate', mode: 'next', count: 2 },
      now: '2026-11-26T12:00:00Z',
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(result.outputs['next-slot']).toBe('2026-11-26T16:00:00.000Z');
    expect(JSON.parse(result.outputs['next-slots'] ?? '[]')).toEqual([
      '2026-11-26T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    ]);
  });

  it('refuses an unknown command, naming the ones it accepts', async () => {
    const result = await runAction('main', { inputs: { command: 'release' } });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toMatch(
      /^disclosure-actions: configuration error in command: Input "command" is "release", but it accepts one of ack-report, create-temp-fork, publish-announcement, release-gate, sla-check, triage\.$/,
    );
  });

  it("applies the chosen command's defaults and warns, by name, about an input that command does not take", async () => {
    const result = await runAction('main', {
      inputs: {
        command: 'release-gate',
        mode: 'next',
        count: 1,
        'ghsa-id': 'GHSA-2c3v-4xw5-j6pq',
        'cvss-vector': 'CVSS:3.1/AV:N',
      },
      now: '2026-11-26T12:00:00Z',
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/^Input "ghsa-id" is not an input of release-gate, which ignores it/),
      expect.stringMatching(/^Input "cvss-vector" is not an input of release-gate, which ignores it/),
    ]);
    // on-closed, max-wait, countdown-seconds: release-gate's own defaults, though the root action.yml has none.
    expect(result.outputs['next-slots']).toBe('["2026-11-26T16:00:00.000Z"]');
  });
});
