/** In-memory data of the GitHub emulator. Logins, slugs and repository names are stored as given. */
export type AdvisoryState = 'triage' | 'draft' | 'published' | 'closed' | 'withdrawn';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
}

export type TeamRole = 'member' | 'maintainer';

/** An invitation to the team not yet accepted: GitHub reports the membership as `pending`, and lists it nowhere else. */
export interface PendingMembership {
  login: string;
  role: TeamRole;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  name: string;
  /** Active members, maintainers included or not (a maintainer counts as one either way). */
  members: string[];
  maintainers: string[];
  /** Invited, not yet accepted. Never also in `members` or `maintainers`. */
  pending: PendingMembership[];
}

/** `internal` (GitHub Enterprise Cloud) repositories are visible to the enterprise; GitHub answers `private: true`. */
export type Visibility = 'public' | 'private' | 'internal';

export interface Repo {
  id: number;
  owner: string;
  name: string;
  /** True for `private` and `internal` repositories, as GitHub returns it; keep it in step with `visibility`. */
  private: boolean;
  visibility: Visibility;
  fork: boolean;
  description: string | null;
  defaultBranch: string;
  pvrEnabled: boolean;
  hasDiscussions: boolean;
  files: Record<string, string>;
  createdAt: string;
  /** Real wall-clock epoch ms before which the repository answers 404 (temporary private forks). */
  readyAt: number;
  /**
   * A temporary private fork of an advisory. GitHub: "To keep information about vulnerabilities secure, integrations,
   * including CI, cannot access temporary private forks": App installation tokens and GITHUB_TOKEN get a 404.
   */
  temporaryFork?: boolean;
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
  /** What the credited user answered (credits_detailed[].state); GitHub starts every credit `pending`. */
  state?: 'accepted' | 'declined' | 'pending';
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
  listedAt?: number;
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
  /** Real epoch ms at which it was created through the API (listings lag behind it, see `listingLagMs`); unset if seeded. */
  listedAt?: number;
}

export interface IssueComment {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  listedAt?: number;
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
  /** Files uploaded to the release (binaries, their detached signatures). */
  assets?: ReleaseAsset[];
}

/** One uploaded file of a release, as GitHub's release-asset endpoints serve it. */
export interface ReleaseAsset {
  id: number;
  name: string;
  label: string | null;
  contentType: string;
  /** The file's bytes, served with `Accept: application/octet-stream`. */
  content: Buffer;
  uploader: string;
  createdAt: string;
}

export interface AdvisoryComment {
  id: number;
  repo: string;
  ghsaId: string;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
  listedAt?: number;
}

/** A comment deleted through the API, still in listings until `listingLagMs` has passed (real epoch ms). */
export interface DeletedIssueComment {
  comment: IssueComment;
  deletedAt: number;
}

/**
 * A notification GitHub sends for an @mention: `@login` or `@org/team` in a created issue, issue comment, advisory
 * comment or discussion, and the mentions an edit adds (GitHub: "People will also receive a notification if you edit
 * a comment to mention their username or team name"). Deleting or editing the text later does not take it back.
 */
export interface MentionNotification {
  /** The emulator clock (`state.now`) when it was sent. */
  at: string;
  /** Logins and `org/team` slugs GitHub resolved, as GitHub spells them, without the `@`; never the author. */
  mentioned: string[];
  /** The issue comment or advisory comment; null for an issue body or a discussion. */
  commentId: number | null;
  /** The issue the body or comment belongs to; null for an advisory comment or a discussion. */
  issue: { repo: string; number: number } | null;
  advisory: { repo: string; ghsaId: string } | null;
  discussion: { repo: string; number: number } | null;
  kind: 'issue' | 'issue-comment' | 'advisory-comment' | 'discussion';
  /** `create`, or `edit` for the mentions an edit added. */
  on: 'create' | 'edit';
  author: string;
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

/**
 * Who holds the token: a person (a fine-grained or classic personal access token, a GitHub App user access token),
 * a GitHub App installation, or the workflow's GITHUB_TOKEN (an installation token of the GitHub Actions app).
 */
export type TokenKind = 'user' | 'installation' | 'github-token';

export interface TokenGrant {
  login: string;
  /** Default from the login: `github-actions[bot]` is GITHUB_TOKEN, another `[bot]` an installation, else a user. */
  kind: TokenKind;
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

/** An organization's base permission: what every member may do in every repository (`default_repository_permission`). */
export type BasePermission = 'read' | 'write' | 'admin' | 'none';

export interface EmulatorState {
  org: string;
  /** The org's base permission; GitHub answers it to organization owners only (GET /orgs/{org}). */
  orgBasePermission: BasePermission;
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
  /** Comments deleted while listings lag behind (only with `listingLagMs`). */
  deletedIssueComments: DeletedIssueComment[];
  /** Every @mention notification GitHub would have sent, oldest first. */
  notifications: MentionNotification[];
}
