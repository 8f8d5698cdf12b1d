import { hasPermission } from '../access.js';
import { nodeId } from '../ids.js';
import { fullName, visibilityOf } from '../state.js';
import type { Repo } from '../types.js';
import { simpleUser } from './users.js';
import type { View } from './view.js';

const TEMPLATE_URLS: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

export function simpleRepository(view: View, repo: Repo) {
  const url = `${view.api}/repos/${fullName(repo)}`;
  const urls = Object.fromEntries(Object.entries(TEMPLATE_URLS).map(([key, suffix]) => [key, url + suffix]));
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName(repo),
    owner: simpleUser(view, repo.owner),
    private: visibilityOf(repo).private,
    html_url: `${view.web}/${fullName(repo)}`,
    description: repo.description,
    fork: repo.fork,
    url,
    ...urls,
  };
}

/**
 * The caller's role on the repository, as GitHub reports it. `admin` here means what it decides for advisories: an
 * admin (or security manager) sees unpublished ones; anyone else gets a quiet list of the published ones only.
 */
function permissionsOf(view: View) {
  const grant = view.grant;
  if (!grant) return { admin: true, maintain: true, push: true, triage: true, pull: true };
  const admin = hasPermission(grant, 'advisories');
  return {
    admin,
    maintain: admin,
    push: hasPermission(grant, 'contents'),
    triage: hasPermission(grant, 'issues'),
    pull: true,
  };
}

function repositoryDetails(view: View, repo: Repo) {
  const openIssues = view.state.issues.filter(
    (issue) => issue.repo === fullName(repo) && issue.state === 'open',
  ).length;
  return {
    git_url: `git://github.com/${fullName(repo)}.git`,
    ssh_url: `git@github.com:${fullName(repo)}.git`,
    clone_url: `${view.web}/${fullName(repo)}.git`,
    svn_url: `${view.web}/${fullName(repo)}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: repo.hasDiscussions,
    archived: false,
    disabled: false,
    visibility: visibilityOf(repo).visibility,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    permissions: permissionsOf(view),
    license: null,
    allow_forking: !repo.private,
    web_commit_signoff_required: false,
  };
}

export function minimalRepository(view: View, repo: Repo) {
  return { ...simpleRepository(view, repo), ...repositoryDetails(view, repo) };
}

export function fullRepository(view: View, repo: Repo) {
  return {
    ...minimalRepository(view, repo),
    subscribers_count: 0,
    network_count: 0,
    organization: repo.owner === view.state.org ? simpleUser(view, repo.owner) : null,
  };
}
