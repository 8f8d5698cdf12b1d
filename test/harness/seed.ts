/**
 * What scenarios add to the emulator's default world (test/emulator/seed.ts: the organization `sample-org`, its
 * users, teams, repositories and tokens) before a run: the names they use, advisories whose text is embargoed (the
 * sentinels of leaks.ts, so the leak check can see where it went), and the tracking issues the actions leave in the
 * private tracker. Each writes straight into `emulator.state`, as GitHub would already hold it.
 */
import { policyForState, TRACKER_LABEL, trackerBody } from '../../src/actions/common/tracker.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import type { Policy } from '../../src/domain/policy/types.js';
import { publicTextDigest } from '../../src/domain/release-checklist.js';
import {
  newTrackerState,
  readTrackerState,
  reportMarker,
  writeTrackerState,
  type TrackerState,
} from '../../src/domain/tracker-state.js';
import { addAdvisory, addIssue, addIssueComment, type AdvisoryInput } from '../emulator/state.js';
import type { Advisory, EmulatorState, Issue, IssueComment } from '../emulator/types.js';
import { embargoedReportText, SENTINELS } from './leaks.js';

export const ORG = 'sample-org';
/** Public, private vulnerability reporting on, a CODEOWNERS file, discussions with an `Announcements` category. */
export const PROJECT = 'sample-org/sample-project';
export const PRIVATE_LIB = 'sample-org/private-lib';
/** The private tracker the actions keep their tracking issues in. */
export const TRACKER = 'sample-org/security-tracker';

/** An advisory whose summary and description carry the embargoed sentinels, reported by `reporter-rita`. */
export function addEmbargoedAdvisory(state: EmulatorState, repo: string, fields: AdvisoryInput = {}): Advisory {
  return addAdvisory(state, repo, { ...embargoedReportText(), ...fields });
}

/** A private vulnerability report as its reporter files it: in triage, not accepted yet, its text embargoed. */
export function addPrivateReport(state: EmulatorState, repo: string, fields: AdvisoryInput = {}): Advisory {
  return addEmbargoedAdvisory(state, repo, { state: 'triage', submissionAccepted: false, ...fields });
}

export interface TrackingIssueSeed {
  /** The report key: a GHSA id, or `issue-<n>` for a report filed by hand. */
  readonly key: string;
  readonly repository: string | null;
  readonly receivedAt: string;
  /** What the state block holds beyond a new one's: acknowledged, triaged, a fork... */
  readonly state?: Partial<TrackerState>;
  /** The text above the checklist; default: the report marker and the embargoed summary (the tracker is private). */
  readonly intro?: string;
  /** Default `[security] <key>`. */
  readonly title?: string;
  /** Labels besides the tracker label. */
  readonly labels?: readonly string[];
  readonly createdAt?: string;
  readonly updatedAt?: string;
  /** The policy of the checklist; default the preset the state records, as the actions render it. */
  readonly checklistPolicy?: Policy;
  /**
   * Whether the advisory's text (as the emulator holds it now) is recorded as reviewed for publication, as
   * `/triage sanitized` records it (by `sirt-lead`): the release gate and publish-announcement require it. Default
   * true when the emulator holds an advisory with the key; false: not reviewed.
   */
  readonly sanitized?: boolean;
}

/** The `/triage sanitized` record of the advisory `key` as the emulator holds it; undefined without one. */
function sanitizedRecord(state: EmulatorState, seed: TrackingIssueSeed): Pick<TrackerState, 'sanitized'> {
  const advisory = state.advisories.find((candidate) => candidate.ghsaId === seed.key);
  if (seed.sanitized === false || !advisory) return {};
  const digest = publicTextDigest({ summary: advisory.summary, description: advisory.description });
  return { sanitized: { login: 'sirt-lead', at: seed.receivedAt, comment: 0, digest } };
}

/** The key, repository and received time of an advisory's report, for `addTrackingIssue`. */
export function reportOf(advisory: Advisory): Pick<TrackingIssueSeed, 'key' | 'repository' | 'receivedAt'> {
  return { key: advisory.ghsaId, repository: advisory.repo, receivedAt: advisory.createdAt };
}

/** A tracking issue in the tracker: the intro, the checklist and the state block, labelled as ack-report opens it. */
export function addTrackingIssue(state: EmulatorState, seed: TrackingIssueSeed): Issue {
  const trackerState: TrackerState = {
    ...newTrackerState(seed.key, seed.repository, 'spec11', seed.receivedAt),
    ...sanitizedRecord(state, seed),
    ...seed.state,
  };
  const intro = seed.intro ?? `${reportMarker(seed.key)}\n## ${SENTINELS.summary}\n`;
  return addIssue(state, TRACKER, {
    title: seed.title ?? `[security] ${seed.key}`,
    body: trackerBody(intro, seed.checklistPolicy ?? policyForState(SPEC11, trackerState), trackerState),
    labels: [TRACKER_LABEL, ...(seed.labels ?? [])],
    ...(seed.createdAt === undefined ? {} : { createdAt: seed.createdAt }),
    ...(seed.updatedAt === undefined ? {} : { updatedAt: seed.updatedAt }),
  });
}

/**
 * A `/release approve` comment by `login` (default `sirt-lead`, a member of `security-team`) in a tracking issue,
 * recorded in its state block as triage records it: the approval publish-announcement and a forced gate check.
 */
export function addReleaseApproval(state: EmulatorState, issue: Issue, login = 'sirt-lead'): IssueComment {
  const comment = addIssueComment(state, TRACKER, issue.number, { body: '/release approve', user: login });
  const tracker = readTrackerState(issue.body);
  if (!tracker) throw new Error(`issue ${issue.number} has no state block`);
  const approval = { login, at: comment.createdAt, comment: comment.id };
  issue.body = writeTrackerState(issue.body ?? '', { ...tracker, approvals: [...(tracker.approvals ?? []), approval] });
  return comment;
}

/** A draft advisory ready to release 1.4.2: CVE assigned, rated, its fix named (`addEmbargoedAdvisory`'s fields). */
export const READY_TO_RELEASE = {
  state: 'draft' as const,
  cveId: 'CVE-2026-41234',
  severity: 'high' as const,
  vulnerabilities: [
    {
      package: { ecosystem: 'pip', name: 'sample-project' },
      vulnerable_version_range: '< 1.4.2',
      patched_versions: '1.4.2',
      vulnerable_functions: null,
    },
  ],
};
