import type { GitHubClient } from './client.js';

type Rest = GitHubClient['rest'];
type DataOf<F extends (...args: never[]) => Promise<{ data: unknown }>> = Awaited<ReturnType<F>>['data'];

export type Advisory = DataOf<Rest['securityAdvisories']['getRepositoryAdvisory']>;
export type AdvisoryState = Advisory['state'];
export type Issue = DataOf<Rest['issues']['get']>;
export type IssueComment = DataOf<Rest['issues']['getComment']>;
export type Repository = DataOf<Rest['repos']['get']>;
export type Release = DataOf<Rest['repos']['getReleaseByTag']>;

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export function fullName(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}

export function splitFullName(name: string): RepoRef {
  const [owner = '', repo = ''] = name.split('/');
  return { owner, repo };
}
