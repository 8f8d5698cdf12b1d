/**
 * The worlds the reliability suite runs each action in, built from the integration tests' setup helpers
 * (test/actions/*.test.ts): an emulator behind a proxy (proxy.ts), a target advisory in a public or private
 * repository at a chosen stage, an embargoed bystander advisory beside it, the target's private tracking issue,
 * and the inputs of the action's main scenario. Every embargoed place carries a sentinel.
 */
import { TRACKER_LABEL, trackerBody } from '../../src/actions/common/tracker.js';
import { SPEC11 } from '../../src/domain/policy/presets.js';
import { newTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import { publicTextDigest } from '../../src/domain/release-checklist.js';
import { ACTION_NAMES, type ActionName } from '../../src/actions/metadata.generated.js';
import { startEmulator, type Emulator, type FaultOptions } from '../emulator/index.js';
import { addAdvisory, addIssue, addIssueComment, addRelease, addToken, addUser } from '../emulator/state.js';
import type { Advisory, AdvisoryState, Issue } from '../emulator/types.js';
import { embargoedDescription, SENTINELS } from '../harness/leaks.js';
import { runInProcess, type InProcessOptions } from '../harness/in-process.js';
import { runAction, type RunOptions, type RunResult } from '../harness/run-action.js';
import { startProxy, type Proxy } from './proxy.js';

export const ACTIONS = ACTION_NAMES;
export type { ActionName };
export type Visibility = 'public' | 'private';
export type Stage = 'triage' | 'draft' | 'published';
export const VISIBILITIES: readonly Visibility[] = ['public', 'private'];
export const STAGES: readonly Stage[] = ['triage', 'draft', 'published'];

/** The stage each action's main scenario starts from (the one with the most writes). */
export const MAIN_STAGE: Readonly<Record<ActionName, Stage>> = {
  'ack-report': 'triage',
  'sla-check': 'triage',
  triage: 'triage',
  'create-temp-fork': 'draft',
  'release-gate': 'draft',
  'publish-announcement': 'draft',
};

export const ORG = 'sample-org';
export const PROJECT = 'sample-org/sample-project';
export const PRIVATE_LIB = 'sample-org/private-lib';
export const TRACKER = 'sample-org/security-tracker';
export const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
export const V31_MEDIUM = 'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:L/A:N';

/** More embargoed strings than the harness plants: the reporter's login and a private triage note. */
export const MORE_SENTINELS = {
  reporterLogin: 'sentinel-rep-7c21e',
  trackerNote: 'SENTINEL-TRACKER-NOTE-4e9d01',
} as const;
export const ALL_SENTINELS: readonly string[] = [...Object.values(SENTINELS), ...Object.values(MORE_SENTINELS)];

/** Looks like an App installation token; it must appear in stdout only in `::add-mask::` lines. */
export const SECRET_TOKEN = 'ghs_ReliabilitySuiteSecret0123456789ABCDEF';
/** Chat webhook URLs embed a credential (Slack's `/services/T…/B…/secret`): masked like a token. */
export const WEBHOOK_SECRET_PATH = '/_webhooks/services/T0RELIABLE/B0SUITE/hookSecret9f8e7d';

/** The times each action's main scenario runs at (see each builder for why). */
const TIMES: Readonly<Record<ActionName, string>> = {
  'ack-report': '2026-01-06T10:00:00Z',
  'sla-check': '2026-01-13T10:00:00Z',
  triage: '2026-01-06T10:00:00Z',
  'create-temp-fork': '2026-01-06T10:00:00Z',
  // A Friday: the window is closed, so the main scenario is a recorded override.
  'release-gate': '2026-11-20T16:05:00Z',
  'publish-announcement': '2026-01-26T16:05:00Z',
};
const RECEIVED: Readonly<Record<ActionName, string>> = {
  'ack-report': '2026-01-05T09:00:00Z',
  'sla-check': '2026-01-05T09:00:00Z',
  triage: '2026-01-05T09:00:00Z',
  'create-temp-fork': '2026-01-05T09:00:00Z',
  'release-gate': '2026-11-02T09:00:00Z',
  'publish-announcement': '2026-01-05T09:00:00Z',
};

/** Text a world puts into the advisories (the injection tests swap in hostile text). */
export interface AdvisoryText {
  readonly summary: string;
  readonly description: string;
}

export interface WorldOptions {
  readonly visibility: Visibility;
  readonly stage: Stage;
  readonly faults?: FaultOptions;
  /** Replaces the embargoed text of the target and the bystander (hostile-content tests). */
  readonly text?: AdvisoryText;
  /** Plants a comment on the target's tracking issue (hostile-content tests). */
  readonly trackerComment?: string;
  /** Check every exchange against GitHub's OpenAPI description (default true; costly per emulator). */
  readonly validate?: boolean;
  /** Listings lag this many ms behind writes, as GitHub's do (emulator `listingLagMs`; default 0). */
  readonly listingLagMs?: number;
}

export interface RunExtra {
  readonly inputs?: Record<string, string>;
  readonly env?: Record<string, string>;
  /** Bundle runs only: kill the process when this aborts. */
  readonly killSignal?: AbortSignal;
  readonly now?: string;
  /** Another event than the main scenario's (e.g. an `issue_comment` carrying a ChatOps command). */
  readonly event?: { readonly name: string; readonly payload: unknown };
}

export interface World {
  readonly action: ActionName;
  readonly options: WorldOptions;
  readonly emulator: Emulator;
  readonly proxy: Proxy;
  readonly repo: string;
  readonly target: Advisory;
  readonly bystander: Advisory;
  readonly trackingIssue: Issue | undefined;
  readonly now: string;
  readonly inputs: Record<string, string>;
  readonly results: RunResult[];
  /** The webhook URL the action is given: through the proxy, carrying a secret. */
  readonly webhookUrl: string;
  /** Runs the action's `main` in this process (in-process.ts), against the proxy in front of the emulator. */
  run(extra?: RunExtra): Promise<RunResult>;
  /** The same through the built bundle in a child process: for real stdout, kills and start-up. */
  runBundle(extra?: RunExtra): Promise<RunResult>;
  /** The options a run with `extra` gets (for runners of its own, e.g. a timed in-process run). */
  runOptions(extra?: RunExtra): InProcessOptions;
  stop(): Promise<void>;
}

const PUBLIC_TEXT: AdvisoryText = {
  summary: 'Path traversal in extract_archive writes outside the target directory',
  description: 'Extracting a crafted archive writes files outside the target directory. Fixed in 1.4.2.',
};
const EMBARGOED_TEXT: AdvisoryText = { summary: SENTINELS.summary, description: embargoedDescription() };

/** Whether the target's own text is public when the run starts or is made public by the run itself. */
function targetTextIsPublic(action: ActionName, stage: Stage): boolean {
  return stage === 'published' || (action === 'publish-announcement' && stage === 'draft');
}

const VULNERABILITIES = [
  {
    package: { ecosystem: 'pip', name: 'sample-project' },
    vulnerable_version_range: '< 1.4.2',
    patched_versions: '1.4.2',
    vulnerable_functions: [],
  },
];

function addTarget(emulator: Emulator, action: ActionName, options: WorldOptions, repo: string): Advisory {
  const { stage } = options;
  const isPublic = targetTextIsPublic(action, stage);
  const text = options.text ?? (isPublic ? PUBLIC_TEXT : EMBARGOED_TEXT);
  const received = RECEIVED[action];
  const ready = stage !== 'triage' || action === 'release-gate';
  return addAdvisory(emulator.state, repo, {
    state: stage as AdvisoryState,
    ...text,
    author: isPublic ? 'reporter-rita' : MORE_SENTINELS.reporterLogin,
    submissionAccepted: stage === 'triage' ? false : true,
    createdAt: received,
    updatedAt: received,
    collaboratingUsers: ['carol'],
    credits: isPublic ? [{ login: 'reporter-rita', type: 'reporter' }] : [],
    ...(ready ? { cveId: 'CVE-2026-41234', severity: 'high' as const, cvssVectorString: V31 } : {}),
    ...(ready ? { vulnerabilities: VULNERABILITIES } : {}),
    ...(stage === 'published' ? { publishedAt: received, publisher: 'sirt-lead' } : {}),
  });
}

function addBystander(emulator: Emulator, action: ActionName, options: WorldOptions, repo: string): Advisory {
  return addAdvisory(emulator.state, repo, {
    state: 'draft',
    ...(options.text ?? EMBARGOED_TEXT),
    author: MORE_SENTINELS.reporterLogin,
    submissionAccepted: true,
    createdAt: RECEIVED[action],
    updatedAt: RECEIVED[action],
  });
}

function stageState(action: ActionName, options: WorldOptions, target: Advisory): Partial<TrackerState> {
  const at = (hours: number): string => new Date(Date.parse(RECEIVED[action]) + hours * 3600_000).toISOString();
  const acknowledged: Partial<TrackerState> = {
    acknowledgedAt: at(1),
    ackChannel: options.visibility === 'public' ? 'advisory-comment' : 'manual',
  };
  if (options.stage === 'triage') return acknowledged;
  const triaged: Partial<TrackerState> = {
    ...acknowledged,
    triagedAt: at(24),
    decision: 'accept',
    tlp: 'AMBER',
    severity: 'high',
    fixTeam: { users: ['bob'], teams: ['maintainers'] },
    fixTeamAt: at(24),
    ...(options.visibility === 'public' ? { cveRequestedAt: at(24) } : {}),
  };
  if (action === 'release-gate')
    return { ...triaged, agreedReleaseDate: TIMES[action].slice(0, 10), agreedVersion: '1.4.2' };
  if (options.stage === 'draft') return triaged;
  const fork = target.privateFork ?? forkGoneAtPublication(action, options, target);
  return {
    ...triaged,
    ...(fork ? { fork: { fullName: fork, url: `https://github.com/${fork}` }, forkCreatedAt: at(26) } : {}),
    releasedAt: target.publishedAt ?? at(48),
    publishedAt: target.publishedAt ?? at(48),
  };
}

function addTrackingIssue(emulator: Emulator, action: ActionName, options: WorldOptions, target: Advisory): Issue {
  const state: TrackerState = {
    ...newTrackerState(target.ghsaId, target.repo, 'spec11', target.createdAt),
    ...stageState(action, options, target),
  };
  const intro = [
    reportMarker(target.ghsaId),
    `## ${SENTINELS.summary}`,
    `Reproduction (private): ${SENTINELS.reproduction}`,
    `Reporter contact: ${SENTINELS.reporterEmail} (@${MORE_SENTINELS.reporterLogin})`,
    `Triage note: ${MORE_SENTINELS.trackerNote}`,
    '',
  ].join('\n');
  const issue = addIssue(emulator.state, TRACKER, {
    title: `[security] ${target.ghsaId}`,
    body: trackerBody(intro, SPEC11, state),
    labels: [TRACKER_LABEL],
    createdAt: target.createdAt,
    updatedAt: target.createdAt,
  });
  if (needsApproval(action, options.stage)) {
    // The publication approved by a member of the response team, as triage records a `/release approve`.
    const at = new Date(Date.parse(RECEIVED[action]) + 30 * 3600_000).toISOString();
    const comment = addIssueComment(emulator.state, TRACKER, issue.number, {
      body: '/release approve',
      user: APPROVER,
      createdAt: at,
      updatedAt: at,
    });
    // Its text reviewed for publication too, as triage records a `/triage sanitized` (release-checklist.ts).
    const digest = publicTextDigest({ summary: target.summary, description: target.description });
    const sanitized = { login: APPROVER, at, comment: comment.id, digest };
    issue.body = trackerBody(intro, SPEC11, {
      ...state,
      approvals: [{ login: APPROVER, at, comment: comment.id }],
      sanitized,
    });
  }
  return issue;
}

/** An active member of the response team (the emulator's seed) who approves the release. */
const APPROVER = 'sirt-lead';

/** Scenarios whose run checks `/release approve` approvals before its first write: a release about to be made. */
function needsApproval(action: ActionName, stage: Stage): boolean {
  return (action === 'publish-announcement' || action === 'release-gate') && stage !== 'triage';
}

/** Whether the action's main scenario starts from a tracking issue (ack-report opens it for reports it sweeps). */
function hasTrackingIssue(action: ActionName, stage: Stage): boolean {
  return action !== 'ack-report' || stage === 'published';
}

/**
 * The temporary private fork create-temp-fork made for the target. GitHub deleted it when the advisory was published
 * ("Publishing a security advisory deletes the temporary private fork"): the advisory no longer lists one, the
 * tracking issue still does, and cleanup records the deletion.
 */
function forkGoneAtPublication(action: ActionName, options: WorldOptions, target: Advisory): string | null {
  if (action !== 'create-temp-fork' || options.stage !== 'published') return null;
  return `${target.repo}-${target.ghsaId.toLowerCase()}`;
}

type InputBuilder = (world: Pick<World, 'options' | 'repo' | 'target' | 'webhookUrl'>) => Record<string, string>;

const isPublicRepo = (world: Pick<World, 'options'>): boolean => world.options.visibility === 'public';

/** Each action's main scenario, as its integration tests drive it, for a target at the world's stage. */
const INPUTS: Readonly<Record<ActionName, InputBuilder>> = {
  'ack-report': (world) => ({
    tracker: TRACKER,
    organization: ORG,
    'include-drafts': 'true',
    team: 'security-team',
    users: 'bob',
    accept: 'true',
    contact: 'security@example.org',
    'notify-webhook': world.webhookUrl,
  }),
  'sla-check': (world) => ({
    tracker: TRACKER,
    organization: ORG,
    team: 'security-team',
    inventory: 'true',
    'notify-webhook': world.webhookUrl,
  }),
  triage: (world) => {
    const base = { 'ghsa-id': world.target.ghsaId, repository: world.repo, tracker: TRACKER };
    const fixTeam = isPublicRepo(world) ? 'codeowners, bob' : 'bob';
    if (world.options.stage === 'triage') {
      return {
        ...base,
        'cvss-vector': V31,
        tlp: 'amber',
        decision: 'accept',
        'fix-team': fixTeam,
        'request-cve': 'true',
        'cwe-ids': 'CWE-22',
        vulnerabilities:
          '- ecosystem: pip\n  package: sample-project\n  vulnerable-version-range: "< 1.4.2"\n  patched-versions: "1.4.2"',
      };
    }
    if (world.options.stage === 'draft') {
      return {
        ...base,
        'cvss-vector': V31_MEDIUM,
        tlp: 'red',
        'fix-team': fixTeam,
        'release-date': '2026-01-21',
        'release-version': '1.4.2',
      };
    }
    return { ...base, tlp: 'clear', 'cwe-ids': 'CWE-22, CWE-20' };
  },
  'create-temp-fork': (world): Record<string, string> => {
    if (world.options.stage === 'published') return { mode: 'cleanup', organization: ORG, tracker: TRACKER };
    return {
      'ghsa-id': world.target.ghsaId,
      repository: world.repo,
      tracker: TRACKER,
      'fix-team': 'alice, sample-org/maintainers',
      'wait-timeout': '20s',
    };
  },
  'release-gate': (world) => ({
    tracker: TRACKER,
    repository: world.repo,
    team: 'security-team',
    force: 'true',
    'force-reason': 'Release agreed with the reporter; the window rule is waived this once',
  }),
  'publish-announcement': (world) => ({
    'gate-open': 'true',
    team: 'security-team',
    'ghsa-ids': world.target.ghsaId,
    repository: world.repo,
    tracker: TRACKER,
    project: world.repo.split('/')[1] ?? 'project',
    version: '1.4.2',
    'upgrade-command': 'pip install --upgrade sample-project',
    'version-command': 'python -c "import sample_project; print(sample_project.__version__)"',
    'discussion-category': isPublicRepo(world) ? 'Announcements' : '',
    'release-notes': isPublicRepo(world) ? 'true' : 'false',
    'notify-webhook': world.webhookUrl,
  }),
};

/** Event, repository and environment of the main scenario. */
function runOptions(action: ActionName, repo: string): Partial<RunOptions> {
  if (action === 'ack-report' || action === 'sla-check') return { eventName: 'schedule' };
  if (action === 'publish-announcement') return { eventName: 'workflow_dispatch', repository: repo };
  return { eventName: 'workflow_dispatch' };
}

/** A fresh emulator per world: its GitHub schemas are compiled once per process, so a new one costs little. */
async function acquireEmulator(now: string, options: WorldOptions): Promise<Emulator> {
  return startEmulator({
    now,
    validate: options.validate ?? true,
    faults: options.faults ?? {},
    listingLagMs: options.listingLagMs ?? 0,
  });
}

async function releaseEmulator(emulator: Emulator): Promise<void> {
  await emulator.stop();
}

export async function createWorld(action: ActionName, options: WorldOptions): Promise<World> {
  const now = TIMES[action];
  const emulator = await acquireEmulator(now, options);
  const proxy = await startProxy(emulator.url);
  const { state } = emulator;
  addUser(state, MORE_SENTINELS.reporterLogin);
  addToken(state, SECRET_TOKEN, {
    login: 'disclosure-app[bot]',
    orgOwner: true,
    advisoriesWrite: true,
    issuesWrite: true,
    contentsWrite: true,
    administration: true,
    discussionsWrite: true,
  });
  const repo = options.visibility === 'public' ? PROJECT : PRIVATE_LIB;
  const target = addTarget(emulator, action, options, repo);
  const bystander = addBystander(emulator, action, options, repo);
  if (action === 'publish-announcement' && options.visibility === 'public') {
    addRelease(state, PROJECT, 'v1.4.2', { body: 'Bug fixes and a security fix.', createdAt: now });
  }
  const trackingIssue = hasTrackingIssue(action, options.stage)
    ? addTrackingIssue(emulator, action, options, target)
    : undefined;
  if (trackingIssue && options.trackerComment !== undefined) {
    state.issueComments.push({
      id: 990_001,
      repo: TRACKER,
      issueNumber: trackingIssue.number,
      body: options.trackerComment,
      user: 'carol',
      createdAt: target.createdAt,
      updatedAt: target.createdAt,
    });
  }
  const webhookUrl = `${proxy.url}${WEBHOOK_SECRET_PATH}`;
  const base = { options, repo, target, webhookUrl };
  const inputs = { token: SECRET_TOKEN, ...INPUTS[action](base) };
  const results: RunResult[] = [];
  emulator.resetLog();
  const world: World = {
    action,
    options,
    emulator,
    proxy,
    repo,
    target,
    bystander,
    trackingIssue,
    now,
    inputs,
    results,
    webhookUrl,
    runOptions(extra = {}) {
      return {
        emulator: { url: proxy.url },
        now: extra.now ?? now,
        ...runOptions(action, repo),
        ...(extra.event ? { eventName: extra.event.name, eventPayload: extra.event.payload } : {}),
        inputs: withoutEmpty({ ...inputs, ...extra.inputs }),
        ...(extra.env ? { env: extra.env } : {}),
      };
    },
    async run(extra = {}) {
      if (extra.killSignal) throw new Error('A kill needs a process: use runBundle.');
      const result = await runInProcess(action, world.runOptions(extra));
      results.push(result);
      return result;
    },
    async runBundle(extra = {}) {
      const result = await runAction(action, {
        ...world.runOptions(extra),
        ...(extra.killSignal ? { killSignal: extra.killSignal } : {}),
      });
      results.push(result);
      return result;
    },
    async stop() {
      await proxy.stop();
      await releaseEmulator(emulator);
    },
  };
  return world;
}

/** Inputs set to '' are dropped, as the runner drops an empty `with:` value. */
function withoutEmpty(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== ''));
}

/** `METHOD /path` of each write the emulator accepted (webhook deliveries included). */
export function writesOf(emulator: Emulator): string[] {
  return emulator.writes().map((write) => `${write.method} ${write.path}`);
}

/** Runs `work` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
