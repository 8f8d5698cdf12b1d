import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run demo` as the README gives it: the whole lifecycle on the emulator, with the built bundles. */
describe('the demo', () => {
  it('runs every scenario end to end with the bundles and writes the Markdown it promises', () => {
    const out = mkdtempSync(join(tmpdir(), 'demo-'));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/demo/main.ts', '--out', out],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    for (const scenario of ['lifecycle', 'missed-deadline', 'emailed-report', 'expedited']) {
      expect(run.stdout).toMatch(
        new RegExp(`${scenario}: \\d+ API requests \\(\\d+ writes\\); contract violations: 0`),
      );
    }
    // lifecycle: a renegotiated release day moves the deadline (no breach), two lines gated with signed binaries.
    expect(run.stdout).toContain('fix release moved 2026-11-23 17:00 UTC -> 2026-11-26 17:00 UTC');
    expect(run.stdout).toContain('deadline: fix release due 2026-11-26 17:00 UTC: met (done 2026-11-26 16:06 UTC)');
    expect(run.stdout).toContain('requests to the fork itself: 0');
    expect(run.stdout).toMatch(/publication approved by sirt-lead at 2026-11-26 13:00 UTC; recorded in #\d+/);
    expect(run.stdout).toContain('releases 2.3.1,1.9.7 exist and are covered; 2 signed asset(s) verified with gpg');
    expect(run.stdout).toContain('mail good signature by Sample Project Releases');
    expect(run.stdout).toContain('retrospective due 2026-11-29 16:06 UTC: overdue (a reminder, not a breach)');
    expect(run.stdout).toContain('| Fix release deadline moved | to 2026-11-26 17:00 UTC from 2026-11-23 17:00 UTC');
    expect(run.stdout).toContain('## Process metrics');
    // missed-deadline: one breach, escalated once.
    expect(run.stdout).toContain('deadline: acknowledge due 2026-11-07 11:00 UTC: BREACHED');
    expect(run.stdout).toContain('same breach, no second escalation (0 new messages)');
    // emailed-report: the clock starts at the e-mail; credited by name; every message to the reporter listed.
    expect(run.stdout).toContain('deadline: acknowledge due 2026-11-15 21:40 UTC: met (done 2026-11-09 09:30 UTC)');
    expect(run.stdout).toContain('the announcement credits the reporter by the name she chose: * Credits: Jane Doe');
    expect(run.stdout).toContain('update: reporter:cve-assigned:CVE-2026-47001');
    expect(run.stdout).toContain('thank-you after publication: Thank you, Jane Doe,');
    // expedited: the gate opens on a Friday morning for the recorded reason.
    expect(run.stdout).toContain('open=true on a Friday morning: expedited:');

    const announcement = readFileSync(join(out, 'announcement.md'), 'utf8');
    expect(announcement).toContain('# Security release of sample-project 2.3.1 and 1.9.7 is now available');
    expect(announcement).toContain('* CVE-2026-41234 (CVSS score 8.2, high)');
    expect(announcement).toMatch(/Credits[\s\S]*reporter-rita/);
    // Where the binaries are, each with its detached signature (Stacklok: "built, signed, publicly available").
    expect(announcement).toContain('/releases/download/v2.3.1/sample-project-2.3.1.tar.gz.asc');
    expect(readFileSync(join(out, 'announcement.eml'), 'utf8')).toContain('-----BEGIN PGP SIGNED MESSAGE-----');
    expect(readFileSync(join(out, 'tracker-issue.md'), 'utf8')).toContain('```mermaid');
    // Every report is finished by the last sweep: the dashboard lists none open, and the process metrics count it.
    expect(readFileSync(join(out, 'dashboard.md'), 'utf8')).toContain('| Fix release | high | 1 |');
    expect(readFileSync(join(out, 'retrospective.md'), 'utf8')).toContain('Timeline');
    expect(readFileSync(join(out, 'missed-deadline', 'missed-deadline-dashboard.md'), 'utf8')).toContain('acknowledge');
    expect(readFileSync(join(out, 'emailed-report', 'emailed-report-messages.md'), 'utf8')).toContain(
      'acknowledgement',
    );
  }, 300_000);

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
