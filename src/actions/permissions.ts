/**
 * The GitHub App permissions each action needs, mode by mode: the one table the README's permission tables are
 * generated from (`npm run docs`) and every workflow template's App token is tested against
 * (test/metadata/app-tokens.test.ts). Pure data, read by the docs and the tests, never at run time.
 *
 * Each grant names the requests that need it (GitHub's "Permissions required for GitHub Apps", the
 * server-to-server table for api.github.com), read from the code under src/actions/<name>/ and src/github/.
 * "Metadata: read" is not listed: GitHub grants it to every App and every token (`GET /repos/{owner}/{repo}`,
 * `GET /orgs/{org}/repos` and `GET /repos/{owner}/{repo}/private-vulnerability-reporting` need nothing more).
 */
import type { ActionName } from './metadata.generated.js';

export type Access = 'read' | 'write';

/** A GitHub App permission, named as actions/create-github-app-token names its input: `permission-<name>`. */
export type AppPermission =
  'repository-advisories' | 'issues' | 'contents' | 'administration' | 'discussions' | 'members';

/** How GitHub's App settings page names each permission, and whether it is a repository or organization one. */
export const PERMISSION_TITLES: Readonly<Record<AppPermission, string>> = {
  'repository-advisories': 'Repository: Security advisories',
  issues: 'Repository: Issues',
  contents: 'Repository: Contents',
  administration: 'Repository: Administration',
  discussions: 'Repository: Discussions',
  members: 'Organization: Members',
};

/**
 * Where a grant is used: the private tracker, the project repositories whose reports it tracks, the organization
 * (team membership), or the temporary private forks. A token's permissions hold on every repository it covers, so
 * the token of a job is the union of its grants over the tracker and the projects; a fork is a repository created
 * after the token was minted, and GitHub lets no integration access it (`fork` grants are never given to a token).
 */
export type Where = 'tracker' | 'projects' | 'organization' | 'forks';

/** The places a token can be given a grant for: every place but the forks. */
export const TOKEN_REACHES: readonly Where[] = ['tracker', 'projects', 'organization'];

export interface Grant {
  readonly permission: AppPermission;
  readonly access: Access;
  readonly on: Where;
  /** The requests that need it. */
  readonly for: string;
}

/**
 * When a mode applies, read from a step's `with:` (after its action.yml's defaults) and the events the job runs on.
 * `is`/`not` compare case-insensitively; `set` is a non-empty value; `contains` a substring.
 */
export type Condition =
  | { readonly always: true }
  | { readonly input: string; readonly is: string }
  | { readonly input: string; readonly not: string }
  | { readonly input: string; readonly set: true }
  | { readonly input: string; readonly contains: string }
  | { readonly event: string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

export interface Mode {
  /** What the mode is, as the README's table says it. */
  readonly name: string;
  readonly when: Condition;
  readonly grants: readonly Grant[];
}

export interface ActionPermissions {
  readonly modes: readonly Mode[];
  /**
   * The input that widens a sweep to every repository of an organization. A token limited with `repositories:`
   * would make that sweep blind to the others (GitHub lists only what the token covers), so a step that sets it
   * needs a token over the whole installation.
   */
  readonly organizationInput?: string;
  /**
   * Repositories beyond the tracker and the projects a mode may read when they exist: the inventory looks for the
   * organization's default SECURITY.md in its `.github` repository. A token may list it; it need not.
   */
  readonly optionalRepositories?: readonly { readonly name: string; readonly when: Condition }[];
}

const ALWAYS: Condition = { always: true };
const COMMAND: Condition = { event: 'issue_comment' };
const WITH_TRACKER: Condition = { input: 'tracker', set: true };

/** Approval of a release is a `/release approve` comment in the tracking issue by a member of the response team. */
const APPROVAL_CHECK: Grant = {
  permission: 'members',
  access: 'read',
  on: 'organization',
  for: '`GET /orgs/{org}/teams/{team}/memberships/{user}`: each `/release approve` comes from an active member of the response team',
};

export const ACTION_PERMISSIONS: Readonly<Record<ActionName, ActionPermissions>> = {
  'ack-report': {
    organizationInput: 'organization',
    modes: [
      {
        name: 'every run (sweep, one GHSA id, an App relay, an issue filed by hand)',
        when: ALWAYS,
        grants: [
          {
            permission: 'repository-advisories',
            access: 'write',
            on: 'projects',
            for: 'list and read the reports, add the response team as collaborators, `accept` (PATCH), the acknowledgement as an advisory comment',
          },
          {
            permission: 'issues',
            access: 'write',
            on: 'tracker',
            for: 'the tracking issues, their labels and comments; a report filed as an issue and its acknowledgement',
          },
        ],
      },
    ],
  },
  'sla-check': {
    organizationInput: 'organization',
    optionalRepositories: [{ name: '.github', when: { input: 'inventory', not: 'false' } }],
    modes: [
      {
        name: 'every sweep',
        when: ALWAYS,
        grants: [
          {
            permission: 'repository-advisories',
            access: 'read',
            on: 'projects',
            for: 'list open advisories, read the tracked ones (the one-request organization list needs write and the security manager role; without them each repository is listed)',
          },
        ],
      },
      {
        name: 'every sweep but a dry run',
        when: { input: 'dry-run', not: 'true' },
        grants: [
          {
            permission: 'issues',
            access: 'write',
            on: 'tracker',
            for: 'the dashboard issue, the `sla:` labels, one status comment per report, the escalation comments',
          },
        ],
      },
      {
        name: '`dry-run: true`',
        when: { input: 'dry-run', is: 'true' },
        grants: [
          { permission: 'issues', access: 'read', on: 'tracker', for: 'read the tracking issues and the dashboard' },
        ],
      },
      {
        name: '`inventory` (default on)',
        when: { input: 'inventory', not: 'false' },
        grants: [
          {
            permission: 'contents',
            access: 'read',
            on: 'projects',
            for: 'look for SECURITY.md (also in the organization `.github` repository, when the token covers it); the reporting setting needs only Metadata',
          },
        ],
      },
    ],
  },
  triage: {
    modes: [
      {
        name: 'every triage (by hand or `/triage`)',
        when: ALWAYS,
        grants: [
          {
            permission: 'repository-advisories',
            access: 'write',
            on: 'projects',
            for: 'read and PATCH the advisory (score, CWE, packages, state, collaborators), request the CVE, tell a rejected reporter in an advisory comment',
          },
        ],
      },
      {
        name: 'with a tracker (always for `/triage`)',
        when: { any: [COMMAND, WITH_TRACKER] },
        grants: [
          {
            permission: 'issues',
            access: 'write',
            on: 'tracker',
            for: 'timeline, TLP label, decision and state in the tracking issue; the reply to the command',
          },
        ],
      },
      {
        name: '`fix-team: codeowners` (a `/triage` command may ask for it)',
        when: { any: [COMMAND, { input: 'fix-team', contains: 'codeowners' }] },
        grants: [{ permission: 'contents', access: 'read', on: 'projects', for: 'read CODEOWNERS' }],
      },
      {
        name: '`/triage` command',
        when: COMMAND,
        grants: [
          {
            permission: 'members',
            access: 'read',
            on: 'organization',
            for: '`GET /orgs/{org}/teams/{team}/memberships/{user}`: only the response team may run it',
          },
        ],
      },
    ],
  },
  'create-temp-fork': {
    organizationInput: 'organization',
    modes: [
      {
        name: '`mode: create` (by hand or `/fork`)',
        when: { input: 'mode', not: 'cleanup' },
        grants: [
          {
            permission: 'repository-advisories',
            access: 'write',
            on: 'projects',
            for: 'read the advisory, add the fix team as collaborators; `POST …/forks` needs read here too',
          },
          {
            permission: 'administration',
            access: 'write',
            on: 'projects',
            for: '`POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks`',
          },
        ],
      },
      {
        name: '`mode: create` with a tracker (always for `/fork`)',
        when: { all: [{ input: 'mode', not: 'cleanup' }, { any: [COMMAND, WITH_TRACKER] }] },
        grants: [
          {
            permission: 'issues',
            access: 'write',
            on: 'tracker',
            for: 'the fork link, the guidance and the checked-off step in the tracking issue; the reply to the command',
          },
        ],
      },
      {
        name: '`/fork` command',
        when: { all: [{ input: 'mode', not: 'cleanup' }, COMMAND] },
        grants: [
          {
            permission: 'members',
            access: 'read',
            on: 'organization',
            for: '`GET /orgs/{org}/teams/{team}/memberships/{user}`: only the response team may run it',
          },
        ],
      },
      {
        name: '`mode: cleanup`',
        when: { input: 'mode', is: 'cleanup' },
        grants: [
          {
            permission: 'repository-advisories',
            access: 'read',
            on: 'projects',
            for: 'list the advisories and their forks',
          },
          {
            permission: 'administration',
            access: 'write',
            on: 'forks',
            for: "`DELETE /repos/{fork}`, with a person's token only: GitHub lets no integration reach a temporary private fork, so with an App token cleanup lists the forks of closed and withdrawn advisories for a person to delete (publishing deletes the fork)",
          },
        ],
      },
      {
        name: '`mode: cleanup` with a tracker',
        when: { all: [{ input: 'mode', is: 'cleanup' }, WITH_TRACKER] },
        grants: [
          { permission: 'issues', access: 'write', on: 'tracker', for: 'record the deletion in the tracking issue' },
        ],
      },
    ],
  },
  'release-gate': {
    modes: [
      {
        name: 'with `ghsa-ids` or `tracker` (the window alone needs no token)',
        when: { any: [{ input: 'ghsa-ids', set: true }, WITH_TRACKER] },
        grants: [
          {
            permission: 'repository-advisories',
            access: 'read',
            on: 'projects',
            for: 'check each advisory: not published, CVE, severity, patched versions',
          },
        ],
      },
      {
        name: 'with `tracker`',
        when: WITH_TRACKER,
        grants: [
          { permission: 'issues', access: 'read', on: 'tracker', for: 'the release day and version triage agreed' },
        ],
      },
      {
        name: 'with `versions`',
        when: { input: 'versions', set: true },
        grants: [
          {
            permission: 'contents',
            access: 'read',
            on: 'projects',
            for: "each version's release and, with the policy's `signing-key`, its assets and signatures (a public project's need no permission)",
          },
        ],
      },
      {
        name: 'a scheduled run with `tracker`',
        when: WITH_TRACKER,
        grants: [
          {
            permission: 'issues',
            access: 'write',
            on: 'tracker',
            for: 'a release missed on its agreed day: the team told once in each tracking issue, recorded there',
          },
        ],
      },
      {
        name: '`force` with `tracker`',
        when: { all: [{ input: 'force', not: 'false' }, WITH_TRACKER] },
        grants: [
          { permission: 'issues', access: 'write', on: 'tracker', for: 'record the override in the tracking issues' },
          APPROVAL_CHECK,
        ],
      },
    ],
  },
  'publish-announcement': {
    modes: [
      {
        name: 'every release',
        when: ALWAYS,
        grants: [
          {
            permission: 'repository-advisories',
            access: 'write',
            on: 'projects',
            for: 'publish the drafts (PATCH `state`), thank each reporter in an advisory comment',
          },
          APPROVAL_CHECK,
        ],
      },
      {
        name: '`release-notes` (default on)',
        when: { input: 'release-notes', not: 'false' },
        grants: [
          {
            permission: 'contents',
            access: 'write',
            on: 'projects',
            for: '`GET …/releases/tags/{tag}`, `PATCH …/releases/{id}`: the Security section of the release',
          },
        ],
      },
      {
        name: '`discussion-category`',
        when: { input: 'discussion-category', set: true },
        grants: [
          {
            permission: 'discussions',
            access: 'write',
            on: 'projects',
            for: 'the announcement Discussion (GraphQL `createDiscussion`)',
          },
        ],
      },
      {
        name: '`announce-issue: true`',
        when: { input: 'announce-issue', is: 'true' },
        grants: [
          { permission: 'issues', access: 'write', on: 'projects', for: 'the announcement issue and its label' },
        ],
      },
      {
        name: 'with `tracker`',
        when: WITH_TRACKER,
        grants: [
          {
            permission: 'issues',
            access: 'write',
            on: 'tracker',
            for: 'read the approvals, check off and close the tracking issues, open the retrospective issue',
          },
        ],
      },
    ],
  },
};
