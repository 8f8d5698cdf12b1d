import { cvssFromVector } from './cvss.js';
import { ghsaIdFor, nextId } from './ids.js';
import type {
  Advisory,
  EmulatorState,
  Issue,
  IssueComment,
  Label,
  Release,
  Repo,
  Team,
  TeamRole,
  TokenGrant,
  TokenKind,
  User,
  Visibility,
} from './types.js';

export const DEFAULT_NOW = '2026-01-05T09:00:00Z';

/** GitHub's timestamps: UTC, to the second, no milliseconds (`2026-01-05T09:00:00Z`). */
export function githubTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createState(now: string = DEFAULT_NOW): EmulatorState {
  return {
    org: '',
    orgBasePermission: 'none',
    now: githubTime(now),
    nextId: 1000,
    features: { advisoryComments: true },
    users: [],
    teams: [],
    repos: [],
    tokens: {},
    advisories: [],
    issues: [],
    issueComments: [],
    labels: [],
    releases: [],
    advisoryComments: [],
    discussionCategories: [],
    discussions: [],
    dispatches: [],
    webhookDeliveries: [],
    deletedIssueComments: [],
    notifications: [],
  };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function findUser(state: EmulatorState, login: string): User | undefined {
  return state.users.find((user) => same(user.login, login));
}

export function findTeam(state: EmulatorState, org: string, slug: string): Team | undefined {
  return state.teams.find((team) => same(team.org, org) && same(team.slug, slug));
}

export function findRepo(state: EmulatorState, fullName: string): Repo | undefined {
  return state.repos.find((repo) => same(`${repo.owner}/${repo.name}`, fullName));
}

export function fullName(repo: Repo): string {
  return `${repo.owner}/${repo.name}`;
}

export function findAdvisory(state: EmulatorState, repo: string, ghsaId: string): Advisory | undefined {
  return state.advisories.find((advisory) => same(advisory.repo, repo) && same(advisory.ghsaId, ghsaId));
}

export function addUser(state: EmulatorState, login: string, partial: Partial<User> = {}): User {
  const existing = findUser(state, login);
  if (existing) return existing;
  const user: User = { login, id: nextId(state), type: 'User', name: null, ...partial };
  state.users.push(user);
  return user;
}

/** A pending membership as a seed may give it: a login (role `member`) or `{ login, role }`. */
export type PendingInput = string | { login: string; role?: TeamRole };

export type TeamInput = Partial<Omit<Team, 'pending'>> & { pending?: PendingInput[] };

export function addTeam(state: EmulatorState, slug: string, partial: TeamInput = {}): Team {
  const { pending = [], ...fields } = partial;
  const team: Team = {
    id: nextId(state),
    org: state.org,
    slug,
    name: slug,
    members: [],
    maintainers: [],
    ...fields,
    pending: pending.map((entry) =>
      typeof entry === 'string'
        ? { login: entry, role: 'member' }
        : { login: entry.login, role: entry.role ?? 'member' },
    ),
  };
  const active = [...team.members, ...team.maintainers];
  const both = team.pending.filter((invite) => active.some((login) => same(login, invite.login)));
  if (both.length > 0) {
    throw new Error(
      `team ${slug}: ${both.map((invite) => invite.login).join(', ')} cannot be both an active and a pending member`,
    );
  }
  for (const login of [...active, ...team.pending.map((invite) => invite.login)]) addUser(state, login);
  state.teams.push(team);
  return team;
}

/**
 * The visibility of a new repository from what the caller gave: `visibility` wins, `private: true` alone means
 * `private`. GitHub answers `private: true` for `private` and `internal` repositories, so a contradiction is refused.
 */
function visibilityFrom(repoFullName: string, partial: Partial<Repo>): { private: boolean; visibility: Visibility } {
  const visibility = partial.visibility ?? (partial.private ? 'private' : 'public');
  const isPrivate = visibility !== 'public';
  if (partial.private !== undefined && partial.private !== isPrivate) {
    throw new Error(
      `repository ${repoFullName}: private: ${partial.private} contradicts visibility: ${visibility} ` +
        '(GitHub answers private: true for private and internal repositories, false for public ones)',
    );
  }
  return { private: isPrivate, visibility };
}

/** The visibility fields every repository answer carries; throws when a test changed one without the other. */
export function visibilityOf(repo: Repo): { private: boolean; visibility: Visibility } {
  if (repo.private !== (repo.visibility !== 'public')) {
    throw new Error(
      `repository ${fullName(repo)} has private: ${repo.private} and visibility: ${repo.visibility}; change both`,
    );
  }
  return { private: repo.private, visibility: repo.visibility };
}

export function addRepo(state: EmulatorState, repoFullName: string, partial: Partial<Repo> = {}): Repo {
  const [owner = state.org, name = repoFullName] = repoFullName.split('/');
  const repo: Repo = {
    id: nextId(state),
    owner,
    name,
    fork: false,
    description: null,
    defaultBranch: 'main',
    pvrEnabled: false,
    hasDiscussions: false,
    files: {},
    createdAt: state.now,
    readyAt: 0,
    ...partial,
    ...visibilityFrom(repoFullName, partial),
  };
  state.repos.push(repo);
  return repo;
}

export type AdvisoryInput = Partial<Omit<Advisory, 'seq' | 'repo'>> & { cvssVectorString?: string };

export function addAdvisory(state: EmulatorState, repoFullName: string, partial: AdvisoryInput = {}): Advisory {
  const { cvssVectorString, ...fields } = partial;
  const seq = state.advisories.length + 1;
  const cvss = cvssVectorString ? cvssFromVector(cvssVectorString) : null;
  const advisory: Advisory = {
    seq,
    ghsaId: ghsaIdFor(seq),
    repo: repoFullName,
    cveId: null,
    summary: `Advisory ${seq}`,
    description: null,
    severity: null,
    state: 'draft',
    author: null,
    publisher: null,
    createdAt: state.now,
    updatedAt: partial.createdAt ?? state.now,
    publishedAt: null,
    closedAt: null,
    withdrawnAt: null,
    submissionAccepted: null,
    vulnerabilities: [],
    cvssV3: cvss?.cvssV3 ?? null,
    cvssV4: cvss?.cvssV4 ?? null,
    cweIds: [],
    credits: [],
    collaboratingUsers: [],
    collaboratingTeams: [],
    privateFork: null,
    cveRequested: false,
    ...fields,
  };
  state.advisories.push(advisory);
  return advisory;
}

export function addIssue(state: EmulatorState, repoFullName: string, partial: Partial<Issue> = {}): Issue {
  const numbers = state.issues.filter((issue) => same(issue.repo, repoFullName)).map((issue) => issue.number);
  const issue: Issue = {
    id: nextId(state),
    repo: repoFullName,
    number: Math.max(0, ...numbers) + 1,
    title: 'Issue',
    body: null,
    state: 'open',
    stateReason: null,
    labels: [],
    assignees: [],
    user: 'sirt-lead',
    createdAt: state.now,
    updatedAt: state.now,
    closedAt: null,
    ...partial,
  };
  // An issue can only carry labels the repository has.
  for (const label of issue.labels) addLabel(state, repoFullName, label);
  state.issues.push(issue);
  return issue;
}

export function addIssueComment(
  state: EmulatorState,
  repoFullName: string,
  issueNumber: number,
  partial: Partial<IssueComment> = {},
): IssueComment {
  const comment: IssueComment = {
    id: nextId(state),
    repo: repoFullName,
    issueNumber,
    body: '',
    user: 'sirt-lead',
    createdAt: state.now,
    updatedAt: state.now,
    ...partial,
  };
  state.issueComments.push(comment);
  return comment;
}

export function findLabel(state: EmulatorState, repoFullName: string, name: string): Label | undefined {
  return state.labels.find((label) => same(label.repo, repoFullName) && same(label.name, name));
}

export function addLabel(
  state: EmulatorState,
  repoFullName: string,
  name: string,
  partial: Partial<Label> = {},
): Label {
  const existing = findLabel(state, repoFullName, name);
  if (existing) return existing;
  const label: Label = { id: nextId(state), repo: repoFullName, name, color: 'ededed', description: null, ...partial };
  state.labels.push(label);
  return label;
}

export function addRelease(
  state: EmulatorState,
  repoFullName: string,
  tagName: string,
  partial: Partial<Release> = {},
) {
  const release: Release = {
    id: nextId(state),
    repo: repoFullName,
    tagName,
    name: tagName,
    body: null,
    draft: false,
    prerelease: false,
    author: 'sirt-lead',
    createdAt: state.now,
    publishedAt: state.now,
    ...partial,
  };
  state.releases.push(release);
  return release;
}

export function addDiscussionCategory(state: EmulatorState, repoFullName: string, name: string) {
  const category = { id: `DIC_${nextId(state)}`, repo: repoFullName, name };
  state.discussionCategories.push(category);
  return category;
}

export function addToken(state: EmulatorState, token: string, grant: Partial<TokenGrant> & { login: string }): void {
  addUser(state, grant.login, grant.login.endsWith('[bot]') ? { type: 'Bot' } : {});
  state.tokens[token] = {
    orgOwner: false,
    advisoriesWrite: false,
    issuesWrite: false,
    contentsWrite: false,
    administration: false,
    discussionsWrite: false,
    publicOnly: false,
    kind: tokenKindOf(grant.login),
    ...grant,
  };
}

function tokenKindOf(login: string): TokenKind {
  if (same(login, 'github-actions[bot]')) return 'github-token';
  return login.endsWith('[bot]') ? 'installation' : 'user';
}

/**
 * Removes a temporary private fork and the advisory's link to it: a person deleting it, or GitHub when its advisory
 * is published ("Publishing a security advisory deletes the temporary private fork").
 */
export function removeRepo(state: EmulatorState, repo: Repo): void {
  const name = fullName(repo);
  state.repos = state.repos.filter((candidate) => candidate !== repo);
  for (const advisory of state.advisories) {
    if (advisory.privateFork !== null && same(advisory.privateFork, name)) advisory.privateFork = null;
  }
}
