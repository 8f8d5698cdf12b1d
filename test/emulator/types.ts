/** In-memory data of the GitHub emulator. Logins, slugs and repository names are stored as given. */
export type AdvisoryState = 'triage' | 'draft' | 'published' | 'closed' | 'withdrawn';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  name: string;
  members: string[];
  maintainers: string[];
}

export interface Repo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  fork: boolean;
  description: string | null;
  defaultBranch: string;
  pvrEnabled: boolean;
  hasDiscussions: boolean;
  files: Record<string, string>;
  createdAt: string;
  /** Real wall-clock epoch ms before which the repository answers 404 (temporary private forks). */
  readyAt: number;
}

export interface CvssScore {
  vector_string: string;
  score: number | null;
}

export interface Vulnerability {
  package: { ecosystem: string; name: string | null } | null;
  vulnerable_version_range: string | null;
  patched_versions: string | null;
  vulnerable_functions: string[] | null;
}

export interface Credit {
  login: string;
  type: string;
}

export interface Advisory {
  seq: number;
  ghsaId: string;
  repo: string;
  cveId: string | null;
  summary: string;
  description: string | null;
  severity: Severity | null;
  state: AdvisoryState;
  author: string | null;
  publisher: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  /** Non-null only for advisories that came from a private vulnerability report. */
  submissionAccepted: boolean | null;
  vulnerabilities: Vulnerability[];
  cvssV3: CvssScore | null;
  cvssV4: CvssScore | null;
  cweIds: string[];
  credits: Credit[];
  collaboratingUsers: string[];
  collaboratingTeams: string[];
  privateFork: string | null;
  cveRequested: boolean;
}

export interface Issue {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  labels: string[];
  assignees: string[];
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface IssueComment {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface Label {
  id: number;
  repo: string;
  name: string;
  color: string;
  description: string | null;
}

export interface Release {
  id: number;
  repo: string;
  tagName: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface AdvisoryComment {
  id: number;
  repo: string;
  ghsaId: string;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface DiscussionCategory {
  id: string;
  repo: string;
  name: string;
}

export interface Discussion {
  id: string;
  repo: string;
  number: number;
  categoryId: string;
  title: string;
  body: string;
  url: string;
  createdAt: string;
}

export interface Dispatch {
  repo: string;
  eventType: string;
  clientPayload: unknown;
}

export interface TokenGrant {
  login: string;
  orgOwner: boolean;
  advisoriesWrite: boolean;
  issuesWrite: boolean;
  contentsWrite: boolean;
  administration: boolean;
  discussionsWrite: boolean;
  /** Only public repositories are visible (e.g. an outside reporter). */
  publicOnly: boolean;
}

export interface WebhookDelivery {
  path: string;
  body: unknown;
}

export interface EmulatorState {
  org: string;
  now: string;
  nextId: number;
  features: { advisoryComments: boolean };
  users: User[];
  teams: Team[];
  repos: Repo[];
  tokens: Record<string, TokenGrant>;
  advisories: Advisory[];
  issues: Issue[];
  issueComments: IssueComment[];
  labels: Label[];
  releases: Release[];
  advisoryComments: AdvisoryComment[];
  discussionCategories: DiscussionCategory[];
  discussions: Discussion[];
  dispatches: Dispatch[];
  webhookDeliveries: WebhookDelivery[];
}
