/**
 * Several release lines (issue 19, point 2): the gate takes `versions` (2.3.1 and 1.9.7), checks that each has a
 * published GitHub release and that each advisory's patched versions cover it, naming the version and the advisory.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Emulator } from '../emulator/index.js';
import { addRelease } from '../emulator/state.js';
import type { Advisory } from '../emulator/types.js';
import type { RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
} from '../harness/seed.js';
import { watchedEmulator } from '../harness/watched-emulator.js';

// 2026-11-19 is a Thursday: the SPEC 11 window is open 16:00-17:00 UTC.
const NOW = '2026-11-19T16:05:00Z';
const pkg = { ecosystem: 'pip', name: 'sample-project' };
const BOTH_LINES = [
  {
    package: pkg,
    vulnerable_version_range: '>= 2.0.0, < 2.3.1',
    patched_versions: '2.3.1',
    vulnerable_functions: null,
  },
  { package: pkg, vulnerable_version_range: '< 1.9.7', patched_versions: '1.9.7', vulnerable_functions: null },
];
const NEW_LINE_ONLY = BOTH_LINES.slice(0, 1);
const EVERYTHING_BEFORE = [
  { package: pkg, vulnerable_version_range: '< 2.3.1', patched_versions: '2.3.1', vulnerable_functions: null },
];

const watched = watchedEmulator(() => ({ now: NOW }));
let emulator: Emulator;

beforeEach(() => {
  emulator = watched.emulator;
});

/** An advisory ready to release, tracked with its text reviewed and its publication approved. */
function advisory(vulnerabilities: typeof BOTH_LINES): Advisory {
  const added = addEmbargoedAdvisory(emulator.state, PROJECT, {
    state: 'draft',
    cveId: 'CVE-2026-41234',
    severity: 'high',
    vulnerabilities,
  });
  addReleaseApproval(emulator.state, addTrackingIssue(emulator.state, reportOf(added)));
  return added;
}

function gate(ids: readonly Advisory[], versions: string): Promise<RunResult> {
  return watched.run('release-gate', {
    inputs: {
      token: 'token-admin',
      repository: PROJECT,
      tracker: TRACKER,
      'ghsa-ids': ids.map((a) => a.ghsaId).join(','),
      versions,
    },
  });
}

describe('release-gate: several release lines', () => {
  it('opens for two lines whose releases exist and every advisory covers, handing both on', async () => {
    addRelease(emulator.state, PROJECT, 'v2.3.1');
    addRelease(emulator.state, PROJECT, '1.9.7'); // a tag without the v is found too
    const both = advisory(BOTH_LINES);
    const newOnly = advisory(NEW_LINE_ONLY); // 1.9.7 is outside its range: nothing to patch there
    const result = await gate([both, newOnly], '2.3.1, 1.9.7');
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ open: 'true', version: '2.3.1', versions: '2.3.1,1.9.7' });
    const tagReads = emulator.log.filter((entry) => entry.operationId === 'repos/get-release-by-tag');
    expect(tagReads.map((entry) => entry.path)).toEqual([
      `/repos/${PROJECT}/releases/tags/v2.3.1`,
      `/repos/${PROJECT}/releases/tags/v1.9.7`,
      `/repos/${PROJECT}/releases/tags/1.9.7`,
    ]);
    expect(emulator.writes()).toEqual([]);
  });

  it('names each version without a release and each advisory that does not cover a version', async () => {
    addRelease(emulator.state, PROJECT, 'v2.3.1');
    addRelease(emulator.state, PROJECT, 'v1.9.7');
    addRelease(emulator.state, PROJECT, 'v1.8.4', { draft: true }); // a draft is not published
    const wide = advisory(EVERYTHING_BEFORE);
    const result = await gate([wide], '2.3.1\n1.9.7\n1.8.4');
    expect(result.exitCode).toBe(1);
    const message = result.errors[0]?.message ?? '';
    expect(message).toContain('3 release precondition(s) unmet');
    expect(message).toContain(`version 1.8.4 has no published GitHub release in ${PROJECT}`);
    expect(message).toContain(
      `version 1.9.7 is not covered by ${wide.ghsaId}: sample-project is vulnerable in "< 2.3.1"`,
    );
    expect(message).toContain(`version 1.8.4 is not covered by ${wide.ghsaId}`);
    expect(message).not.toContain('version 2.3.1');
    expect(emulator.writes()).toEqual([]);
  });

  it('refuses a malformed version, naming the input', async () => {
    const result = await gate([advisory(BOTH_LINES)], '2.3.1, 1.9.7; rm -rf');
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain('configuration error in versions');
    expect(result.errors[0]?.message).toContain('"1.9.7; rm -rf"');
    expect(emulator.log).toEqual([]);
  });
});
