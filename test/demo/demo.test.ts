import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run demo` as the README gives it: the whole lifecycle on the emulator, with the built bundles. */
describe('the demo', () => {
  it('runs both scenarios end to end and writes the Markdown it promises', () => {
    const out = mkdtempSync(join(tmpdir(), 'demo-'));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/demo/main.ts', '--out', out],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/lifecycle: \d+ API requests \(\d+ writes\); contract violations: 0/);
    expect(run.stdout).toMatch(/missed-deadline: \d+ API requests \(\d+ writes\); contract violations: 0/);
    // Publishing needs a recorded approval: a team member's `/release approve`, recorded by triage (who, when).
    expect(run.stdout).toContain('comments `/release approve` in tracking issue #');
    expect(run.stdout).toMatch(/publication approved by sirt-lead at 2026-11-23 13:00 UTC; recorded in #\d+/);
    expect(run.stdout).toContain('deadline: fix release due 2026-11-23 17:00 UTC: met');
    expect(run.stdout).toContain('deadline: acknowledge due 2026-11-07 11:00 UTC: BREACHED');
    expect(run.stdout).toContain('same breach, no second escalation (0 new messages)');
    const announcement = readFileSync(join(out, 'announcement.md'), 'utf8');
    expect(announcement).toContain('# Security release of sample-project 1.4.2 is now available');
    expect(announcement).toContain('* CVE-2026-41234 (CVSS score 8.2, high)');
    expect(readFileSync(join(out, 'tracker-issue.md'), 'utf8')).toContain('```mermaid');
    expect(readFileSync(join(out, 'dashboard.md'), 'utf8')).toContain('GHSA-j6mr-gf34-2222');
    expect(readFileSync(join(out, 'retrospective.md'), 'utf8')).toContain('Timeline');
    expect(readFileSync(join(out, 'missed-deadline', 'missed-deadline-dashboard.md'), 'utf8')).toContain('acknowledge');
  });

  it('explains its options', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/demo/main.ts', '--help'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--scenario NAME');
    expect(run.stdout).toContain('--speed SPEED');
  });
});
