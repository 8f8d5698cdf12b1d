/**
 * An organisation at scale, seeded straight into the emulator's state (no HTTP): repositories, advisories in a
 * realistic mix of states, and the tracking issues ack-report would have left for the open ones. Deterministic:
 * the same scale always gives the same world, so every sweep of a run starts from identical data.
 */
import { newTrackerState, reportMarker, type TrackerState } from '../../src/domain/tracker-state.js';
import { cvssFromVector } from '../emulator/cvss.js';
import { addAdvisory, addRepo } from '../emulator/state.js';
import type { Advisory, AdvisoryState, EmulatorState, Repo } from '../emulator/types.js';
import { addTrackingIssue, ORG, reportOf, TRACKER } from '../harness/seed.js';

export { ORG, TRACKER } from '../harness/seed.js';
/** A Monday morning: the sweeps run at this instant (DISCLOSURE_NOW and the emulator's clock). */
export const BENCH_NOW = '2026-06-01T09:00:00Z';

export interface Scale {
  readonly name: string;
  readonly repos: number;
  readonly advisories: number;
}

export const SCALES: readonly Scale[] = [
  { name: 'small', repos: 100, advisories: 200 },
  { name: 'medium', repos: 1_000, advisories: 2_000 },
  { name: 'large', repos: 5_000, advisories: 10_000 },
];

/** Shares of the advisory states: most published, some closed, a few percent open (in triage or draft). */
export const MIX: Readonly<Record<'published' | 'closed' | 'triage' | 'draft', number>> = {
  published: 0.85,
  closed: 0.1,
  triage: 0.03,
  draft: 0.02,
};

/** Share of the triage reports that arrived since the last sweep: no tracking issue yet (ack-report's work). */
export const NEW_REPORT_SHARE = 0.05;

export interface WorldCounts {
  readonly repos: number;
  readonly advisories: number;
  readonly byState: Readonly<Record<AdvisoryState, number>>;
  /** triage + draft */
  readonly open: number;
  readonly trackerIssues: number;
  /** Open triage reports without a tracking issue. */
  readonly newReports: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:L/A:N',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
];
/** Scored once: the emulator's CVSS calculator is not what is measured. */
const SCORED = VECTORS.map((vector) => {
  const scored = cvssFromVector(vector);
  if (!scored) throw new Error(`bench vector ${vector} does not parse`);
  return scored;
});
const SEVERITY_OF_VECTOR = ['critical', 'medium', 'low', 'critical'] as const;
const DESCRIPTION = [
  '### Impact',
  'A crafted input makes the parser read past the end of its buffer. Every release since 1.0 is affected.',
  '',
  '### Reproduction',
  '1. Install the package.',
  '2. Feed it the attached file.',
  '3. Observe the crash (or worse) in the log.',
  '',
  '### Suggested fix',
  'Check the declared length against the remaining input before copying. A patch is attached to this report.',
].join('\n');

/** mulberry32: a small seeded generator, so a scale always produces the same world. */
export function seededRandom(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many advisories of `total` go to each state; the shares are rounded so the counts add up to `total`. */
export function stateCounts(total: number): Record<'published' | 'closed' | 'triage' | 'draft', number> {
  const triage = Math.round(total * MIX.triage);
  const draft = Math.round(total * MIX.draft);
  const closed = Math.round(total * MIX.closed);
  return { published: total - triage - draft - closed, closed, triage, draft };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function seedRepositories(data: EmulatorState, count: number, random: () => number): Repo[] {
  const existing = data.repos.filter((repo) => repo.owner === ORG).length;
  const width = String(count).length;
  for (let index = 1; index <= count - existing; index += 1) {
    const roll = random();
    addRepo(data, `${ORG}/project-${String(index).padStart(width, '0')}`, {
      private: roll < 0.1,
      pvrEnabled: roll >= 0.1 && roll < 0.9,
      files: roll < 0.7 ? { 'SECURITY.md': '# Security policy\n' } : {},
      createdAt: '2020-01-01T00:00:00Z',
    });
  }
  // The tracker repository holds no advisories: it is not a project.
  return data.repos.filter((repo) => repo.owner === ORG && `${repo.owner}/${repo.name}` !== TRACKER);
}

/** Skewed towards the first repositories: a few projects get most reports, most get none or one. */
function pickRepository(repos: readonly Repo[], random: () => number): Repo {
  const repo = repos[Math.floor(repos.length * random() ** 2)] ?? repos[0];
  if (!repo) throw new Error('no repositories to put advisories in');
  return repo;
}

function openAdvisory(
  data: EmulatorState,
  repo: Repo,
  state: 'triage' | 'draft',
  createdMs: number,
  n: number,
): Advisory {
  const scored = n % 3 === 0 ? undefined : SCORED[n % SCORED.length];
  return addAdvisory(data, `${repo.owner}/${repo.name}`, {
    state,
    summary: `Report ${n}: buffer over-read in the parser`,
    description: DESCRIPTION,
    author: state === 'triage' ? 'reporter-rita' : 'alice',
    submissionAccepted: state === 'triage' ? false : true,
    createdAt: iso(createdMs),
    updatedAt: iso(createdMs),
    ...(scored ? { ...scored, severity: SEVERITY_OF_VECTOR[n % SCORED.length] } : {}),
  });
}

function settledAdvisory(data: EmulatorState, repo: Repo, state: 'published' | 'closed', nowMs: number, n: number) {
  const created = nowMs - (30 + Math.floor((n * 7919) % 1000)) * DAY_MS;
  const scored = SCORED[n % SCORED.length];
  addAdvisory(data, `${repo.owner}/${repo.name}`, {
    state,
    cveId: state === 'published' ? `CVE-2025-${String(10000 + n)}` : null,
    summary: `Advisory ${n}: buffer over-read in the parser`,
    description: DESCRIPTION,
    author: 'reporter-rita',
    submissionAccepted: true,
    createdAt: iso(created),
    updatedAt: iso(created + 20 * DAY_MS),
    publishedAt: state === 'published' ? iso(created + 20 * DAY_MS) : null,
    closedAt: state === 'closed' ? iso(created + 5 * DAY_MS) : null,
    severity: SEVERITY_OF_VECTOR[n % SCORED.length],
    ...scored,
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: repo.name },
        vulnerable_version_range: '< 1.4.2',
        patched_versions: '1.4.2',
        vulnerable_functions: [],
      },
    ],
  });
}

/** The state block as ack-report (and for drafts, triage) left it. */
function trackedState(advisory: Advisory, random: () => number): TrackerState {
  const received = Date.parse(advisory.createdAt);
  const at = (hours: number): string => new Date(received + hours * HOUR_MS).toISOString();
  const state: TrackerState = {
    ...newTrackerState(advisory.ghsaId, advisory.repo, 'spec11', advisory.createdAt),
    acknowledgedAt: at(2 + random() * 40),
    ackChannel: 'advisory-comment',
  };
  if (advisory.state !== 'draft') return state;
  return {
    ...state,
    triagedAt: at(30 + random() * 120),
    decision: 'accept',
    tlp: 'AMBER',
    severity: advisory.severity ?? 'medium',
    fixTeam: { users: ['bob'], teams: ['maintainers'] },
    fixTeamAt: at(30 + random() * 120),
    ...(random() < 0.5 ? { cveRequestedAt: at(160 + random() * 40) } : {}),
  };
}

function trackReport(data: EmulatorState, advisory: Advisory, state: TrackerState): void {
  const intro = [
    reportMarker(advisory.ghsaId),
    `## ${advisory.summary}`,
    '',
    `Repository: ${advisory.repo} · state: ${advisory.state} · received ${advisory.createdAt}`,
    '',
    advisory.description ?? '',
  ].join('\n');
  addTrackingIssue(data, {
    ...reportOf(advisory),
    state,
    intro,
    title: `[security] ${advisory.ghsaId} in ${advisory.repo}`,
    createdAt: state.receivedAt,
    updatedAt: state.acknowledgedAt ?? state.receivedAt,
  });
}

/**
 * Adds the scale's repositories (to the default seed's four), advisories and tracking issues. Open reports were
 * received in the last weeks (triage: up to 10 days ago; draft: 5 to 80 days), so a sweep finds a mix of on-time,
 * due-soon and breached deadlines; the newest few triage reports have no tracking issue yet.
 */
export function seedWorld(data: EmulatorState, scale: Scale): WorldCounts {
  const random = seededRandom(scale.repos * 31 + scale.advisories);
  const nowMs = Date.parse(BENCH_NOW);
  const repos = seedRepositories(data, scale.repos, random);
  const counts = stateCounts(scale.advisories);
  const newReports = Math.max(1, Math.round(counts.triage * NEW_REPORT_SHARE));
  let n = 0;
  let trackerIssues = 0;
  for (const state of ['published', 'closed'] as const) {
    for (let i = 0; i < counts[state]; i += 1) settledAdvisory(data, pickRepository(repos, random), state, nowMs, ++n);
  }
  for (let i = 0; i < counts.triage; i += 1) {
    // The first `newReports` are the newest (hours old) and untracked.
    const ageMs = i < newReports ? (1 + i) * HOUR_MS : (1 + random() * 9) * DAY_MS;
    const advisory = openAdvisory(data, pickRepository(repos, random), 'triage', nowMs - ageMs, ++n);
    if (i < newReports) continue;
    trackReport(data, advisory, trackedState(advisory, random));
    trackerIssues += 1;
  }
  for (let i = 0; i < counts.draft; i += 1) {
    const ageMs = (5 + random() * 75) * DAY_MS;
    const advisory = openAdvisory(data, pickRepository(repos, random), 'draft', nowMs - ageMs, ++n);
    trackReport(data, advisory, trackedState(advisory, random));
    trackerIssues += 1;
  }
  return {
    repos: data.repos.filter((repo) => repo.owner === ORG).length,
    advisories: data.advisories.length,
    byState: { ...counts, withdrawn: 0 },
    open: counts.triage + counts.draft,
    trackerIssues,
    newReports,
  };
}

/** The floor: one list request per 100 open advisories plus one per 100 tracking issues. */
export function floorRequests(world: Pick<WorldCounts, 'open' | 'trackerIssues'>): number {
  return Math.ceil(world.open / 100) + Math.ceil(world.trackerIssues / 100);
}
