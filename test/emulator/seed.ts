import {
  addAdvisory,
  addDiscussionCategory,
  addLabel,
  addRelease,
  addRepo,
  addTeam,
  addToken,
  addUser,
  type AdvisoryInput,
  type PendingInput,
} from './state.js';
import type { BasePermission, EmulatorState, Release, Repo, TokenGrant } from './types.js';

export interface SeedData {
  org: string;
  /**
   * The org's base permission (default `none`: members see only the repositories they are given; GitHub's own default
   * for a new organization is `read`, which lets every member read every private repository).
   */
  orgBasePermission?: BasePermission;
  users: string[];
  /** `pending`: invitations not yet accepted, a login (role `member`) or `{ login, role: 'maintainer' }`. */
  teams: { slug: string; name?: string; members: string[]; maintainers?: string[]; pending?: PendingInput[] }[];
  /** `visibility: 'internal'` makes an internal repository (answered with `private: true`, as GitHub does). */
  repos: ({ fullName: string } & Partial<Repo>)[];
  tokens: Record<string, Partial<TokenGrant> & { login: string }>;
  advisories?: ({ repo: string } & AdvisoryInput)[];
  labels?: { repo: string; name: string; color?: string; description?: string }[];
  releases?: ({ repo: string; tagName: string } & Partial<Release>)[];
  discussionCategories?: { repo: string; name: string }[];
}

const CODEOWNERS = ['# Fix teams for security reports', '* @sample-org/maintainers', '/src/parser/ @alice', ''].join(
  '\n',
);
const SECURITY_MD = [
  '# Security policy',
  '',
  'Report vulnerabilities privately through "Report a vulnerability" on the Security tab.',
  '',
].join('\n');

export function defaultSeed(): SeedData {
  return {
    org: 'sample-org',
    users: ['sirt-lead', 'sirt-member', 'alice', 'bob', 'reporter-rita', 'carol'],
    teams: [
      {
        slug: 'security-team',
        name: 'Security team',
        members: ['sirt-lead', 'sirt-member'],
        maintainers: ['sirt-lead'],
      },
      { slug: 'maintainers', name: 'Maintainers', members: ['alice', 'bob'], maintainers: ['alice'] },
    ],
    repos: [
      {
        fullName: 'sample-org/sample-project',
        description: 'A sample project that takes private vulnerability reports',
        pvrEnabled: true,
        hasDiscussions: true,
        files: { '.github/CODEOWNERS': CODEOWNERS, 'SECURITY.md': SECURITY_MD, 'README.md': '# sample-project\n' },
      },
      { fullName: 'sample-org/security-tracker', private: true, description: 'Private tracker of security reports' },
      { fullName: 'sample-org/private-lib', private: true, files: { 'README.md': '# private-lib\n' } },
      { fullName: 'sample-org/docs-site', files: { 'README.md': '# docs-site\n' } },
    ],
    tokens: {
      'token-admin': {
        login: 'sirt-lead',
        orgOwner: true,
        advisoriesWrite: true,
        issuesWrite: true,
        contentsWrite: true,
        administration: true,
        discussionsWrite: true,
      },
      'token-repo-writer': {
        login: 'disclosure-bot[bot]',
        advisoriesWrite: true,
        issuesWrite: true,
        contentsWrite: true,
        administration: true,
        discussionsWrite: true,
      },
      'token-no-advisories': { login: 'triage-bot[bot]', issuesWrite: true, contentsWrite: true },
      'token-no-admin': { login: 'advisory-bot[bot]', advisoriesWrite: true, issuesWrite: true, contentsWrite: true },
      'token-reporter': { login: 'reporter-rita', publicOnly: true },
    },
    releases: [{ repo: 'sample-org/sample-project', tagName: 'v1.0.0', body: 'First release' }],
    discussionCategories: [
      { repo: 'sample-org/sample-project', name: 'Announcements' },
      { repo: 'sample-org/sample-project', name: 'General' },
    ],
  };
}

export function applySeed(state: EmulatorState, seed: SeedData): void {
  state.org = seed.org;
  state.orgBasePermission = seed.orgBasePermission ?? 'none';
  addUser(state, seed.org, { type: 'Organization' });
  for (const login of seed.users) addUser(state, login);
  for (const team of seed.teams) addTeam(state, team.slug, team);
  for (const { fullName, ...repo } of seed.repos) addRepo(state, fullName, repo);
  for (const [token, grant] of Object.entries(seed.tokens)) addToken(state, token, grant);
  for (const { repo, ...advisory } of seed.advisories ?? []) addAdvisory(state, repo, advisory);
  for (const { repo, name, ...label } of seed.labels ?? []) addLabel(state, repo, name, label);
  for (const { repo, tagName, ...release } of seed.releases ?? []) addRelease(state, repo, tagName, release);
  for (const { repo, name } of seed.discussionCategories ?? []) addDiscussionCategory(state, repo, name);
}
