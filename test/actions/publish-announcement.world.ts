/** The world the publish-announcement tests start from: draft advisories, their tracking issues, a release. */
import { readTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import type { Emulator } from '../emulator/index.js';
import { addAdvisory, addRelease } from '../emulator/state.js';
import type { Advisory, Issue } from '../emulator/types.js';
import { runInProcess } from '../harness/in-process.js';
import { SENTINELS } from '../harness/leaks.js';
import type { RunOptions, RunResult } from '../harness/run-action.js';
import {
  addEmbargoedAdvisory,
  addReleaseApproval,
  addTrackingIssue,
  PROJECT,
  reportOf,
  TRACKER,
} from '../harness/seed.js';

export { PRIVATE_LIB, PROJECT, TRACKER } from '../harness/seed.js';

/** The report arrived on Monday 2026-01-05 09:00; the release is Monday 2026-01-26 at 16:05, in the window. */
export const RECEIVED = '2026-01-05T09:00:00Z';
export const NOW = '2026-01-26T16:05:00Z';
export const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N';
export const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N';

/** The first advisory: a path traversal, CVSS 3.1, reported through private vulnerability reporting. */
export function pathTraversal(emulator: Emulator, repo = PROJECT, partial: Partial<Advisory> = {}): Advisory {
  return addAdvisory(emulator.state, repo, {
    state: 'draft',
    cveId: 'CVE-2026-41234',
    summary: 'Path traversal in `extract_archive` writes files outside the target directory',
    description: 'Extracting a crafted archive writes outside the target directory.',
    severity: 'high',
    cvssVectorString: V31,
    author: 'reporter-rita',
    submissionAccepted: true,
    createdAt: RECEIVED,
    cweIds: ['CWE-22'],
    credits: [{ login: 'reporter-rita', type: 'reporter' }],
    collaboratingUsers: ['alice'],
    collaboratingTeams: ['maintainers'],
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: 'sample-project' },
        vulnerable_version_range: '>= 1.0.0, < 1.4.2',
        patched_versions: '1.4.2',
        vulnerable_functions: [],
      },
    ],
    ...partial,
  });
}

/** The second: a denial of service, CVSS 4.0, found by a maintainer and credited to another finder. */
export function denialOfService(emulator: Emulator, repo = PROJECT, partial: Partial<Advisory> = {}): Advisory {
  return addAdvisory(emulator.state, repo, {
    state: 'draft',
    cveId: 'CVE-2026-41300',
    summary: 'Denial of service through deeply nested YAML documents',
    description: 'A deeply nested document exhausts the stack.',
    severity: 'high',
    cvssVectorString: V40,
    author: 'alice',
    createdAt: '2026-01-07T12:00:00Z',
    cweIds: ['CWE-400'],
    credits: [{ login: 'carol', type: 'finder' }],
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: 'sample-project' },
        vulnerable_version_range: '<= 1.4.1',
        patched_versions: '1.4.2',
        vulnerable_functions: [],
      },
    ],
    ...partial,
  });
}

/** An advisory of the same repository that this run does not release: everything in it stays embargoed. */
export function embargoedBystander(emulator: Emulator): Advisory {
  return addEmbargoedAdvisory(emulator.state, PROJECT, {
    state: 'draft',
    submissionAccepted: true,
    createdAt: RECEIVED,
  });
}

/**
 * A tracking issue as ack-report and triage leave it, the publication approved by `sirt-lead` (`/release approve`,
 * unless `approved: false`); its text is private and holds embargoed sentinels.
 */
export function trackingIssue(
  emulator: Emulator,
  advisory: Advisory,
  extra: Partial<TrackerState> = {},
  { approved = true }: { approved?: boolean } = {},
): Issue {
  const intro = [
    reportMarker(advisory.ghsaId),
    `Reproduction (private): ${SENTINELS.reproduction}`,
    `Reporter contact: ${SENTINELS.reporterEmail}`,
  ].join('\n');
  const issue = addTrackingIssue(emulator.state, {
    ...reportOf(advisory),
    state: {
      acknowledgedAt: '2026-01-05T11:00:00.000Z',
      ackChannel: 'advisory-comment',
      triagedAt: '2026-01-06T10:00:00.000Z',
      decision: 'accept',
      tlp: 'AMBER',
      fixTeam: { users: ['bob'], teams: ['maintainers'] },
      fixTeamAt: '2026-01-06T10:00:00.000Z',
      cveRequestedAt: '2026-01-06T10:00:00.000Z',
      forkCreatedAt: '2026-01-06T11:00:00.000Z',
      ...extra,
    },
    intro,
    createdAt: advisory.createdAt,
  });
  if (approved) addReleaseApproval(emulator.state, issue);
  return issue;
}

export function release(emulator: Emulator, tag = 'v1.4.2') {
  return addRelease(emulator.state, PROJECT, tag, { body: 'Bug fixes and a security fix.', createdAt: NOW });
}

export function baseInputs(emulator: Emulator, advisories: readonly Advisory[]): Record<string, string> {
  return {
    token: 'token-admin',
    'gate-open': 'true',
    'ghsa-ids': advisories.map((advisory) => advisory.ghsaId).join(','),
    repository: PROJECT,
    tracker: TRACKER,
    team: 'security-team',
    project: 'sample-project',
    version: '1.4.2',
    'upgrade-command': 'pip install --upgrade sample-project',
    'version-command': 'python -c "import sample_project; print(sample_project.__version__)"',
    'discussion-category': 'Announcements',
    'notify-webhook': emulator.webhook.url,
  };
}

/** How a scenario runs the action: `runInProcess` (the default), or the bundle's `runAction` for the smoke layer. */
export type ActionRunner = (name: string, options: RunOptions) => Promise<RunResult>;

export function publish(
  emulator: Emulator,
  inputs: Record<string, string>,
  results: RunResult[],
  options: Partial<RunOptions> = {},
  run: ActionRunner = runInProcess,
): Promise<RunResult> {
  return run('publish-announcement', { emulator, now: NOW, repository: PROJECT, ...options, inputs }).then((result) => {
    results.push(result);
    return result;
  });
}

export const writesOf = (emulator: Emulator): string[] => emulator.writes().map((w) => `${w.method} ${w.path}`);

export function issueNow(emulator: Emulator, issue: Issue): Issue {
  const found = emulator.state.issues.find((candidate) => candidate.id === issue.id);
  if (!found) throw new Error(`issue ${issue.number} is gone`);
  return found;
}

export function stateOf(emulator: Emulator, issue: Issue): TrackerState {
  const state = readTrackerState(issueNow(emulator, issue).body);
  if (!state) throw new Error(`issue ${issue.number} has no state block`);
  return state;
}

export function webhookPath(emulator: Emulator): string {
  return new URL(emulator.webhook.url).pathname;
}
