import { createOnce, NO_BLIND_RETRY, sameText } from './create-once.js';
import type { GitHubClient } from './client.js';
import { hasStatus } from './errors.js';
import type { Issue, IssueComment, RepoRef } from './types.js';

/** Every issue (open and closed) carrying `label`: one request per 100 issues. */
export async function listIssuesWithLabel(
  client: GitHubClient,
  ref: RepoRef,
  label: string,
  state: 'open' | 'closed' | 'all' = 'all',
): Promise<Issue[]> {
  const issues = await client.paginate(client.rest.issues.listForRepo, { ...ref, labels: label, state, per_page: 100 });
  return issues.filter((issue) => !issue.pull_request);
}

export function findByMarker(issues: readonly Issue[], marker: string): Issue | undefined {
  return [...issues].sort((a, b) => a.number - b.number).find((issue) => (issue.body ?? '').includes(marker));
}

export interface NewIssue {
  readonly title: string;
  readonly body: string;
  readonly labels?: string[];
  readonly assignees?: string[];
}

/** Opens an issue once, even when GitHub's answer to the create is lost (see create-once.ts). */
export async function createIssue(client: GitHubClient, ref: RepoRef, issue: NewIssue): Promise<Issue> {
  const create = async (): Promise<Issue> =>
    (await client.rest.issues.create({ ...ref, ...issue, ...NO_BLIND_RETRY })).data;
  return createOnce(client, create, () => findIssueLike(client, ref, issue));
}

/** The newest issues (with the first label, when there is one) whose title and body are the ones we sent. */
async function findIssueLike(client: GitHubClient, ref: RepoRef, issue: NewIssue): Promise<Issue | undefined> {
  const { data } = await client.rest.issues.listForRepo({
    ...ref,
    state: 'all',
    sort: 'created',
    direction: 'desc',
    per_page: 100,
    ...(issue.labels?.[0] ? { labels: issue.labels[0] } : {}),
  });
  return data.find((candidate) => candidate.title === issue.title && sameText(candidate.body, issue.body));
}

export interface IssueUpdate {
  body?: string;
  title?: string;
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
  labels?: string[];
}

export async function updateIssue(
  client: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
  update: IssueUpdate,
): Promise<Issue> {
  const { data } = await client.rest.issues.update({ ...ref, issue_number: issueNumber, ...update });
  return data;
}

export async function getIssue(client: GitHubClient, ref: RepoRef, issueNumber: number): Promise<Issue> {
  const { data } = await client.rest.issues.get({ ...ref, issue_number: issueNumber });
  return data;
}

export function labelNames(issue: Pick<Issue, 'labels'>): string[] {
  return issue.labels
    .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
    .filter((name) => name !== '');
}

export async function listComments(client: GitHubClient, ref: RepoRef, issueNumber: number): Promise<IssueComment[]> {
  return client.paginate(client.rest.issues.listComments, { ...ref, issue_number: issueNumber, per_page: 100 });
}

/** Comments once, even when GitHub's answer to the create is lost (see create-once.ts). */
export async function createComment(
  client: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
  body: string,
): Promise<IssueComment> {
  const create = async (): Promise<IssueComment> =>
    (await client.rest.issues.createComment({ ...ref, issue_number: issueNumber, body, ...NO_BLIND_RETRY })).data;
  const findMade = async (): Promise<IssueComment | undefined> =>
    (await listComments(client, ref, issueNumber)).find((comment) => sameText(comment.body, body));
  return createOnce(client, create, findMade);
}

export async function updateComment(
  client: GitHubClient,
  ref: RepoRef,
  commentId: number,
  body: string,
): Promise<IssueComment> {
  const { data } = await client.rest.issues.updateComment({ ...ref, comment_id: commentId, body });
  return data;
}

/** Deletes a comment; one already gone (a retried delete whose first answer was lost) counts as deleted. */
export async function deleteComment(client: GitHubClient, ref: RepoRef, commentId: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ ...ref, comment_id: commentId });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}

/**
 * The oldest comment carrying `marker`. When two runs post the same marked comment at once, each lists the comments
 * again after posting: both see the older one (it was there before the younger was posted), so both keep it.
 */
export function oldestWithMarker(comments: readonly IssueComment[], marker: string): IssueComment | undefined {
  return comments.filter((comment) => (comment.body ?? '').includes(marker)).sort((a, b) => a.id - b.id)[0];
}

export type CommentOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Keeps exactly one comment carrying `marker` on the issue: creates it, edits it in place when the text changed,
 * and writes nothing when it is already as wanted. Pass `existing` when the comments were listed already.
 */
export async function upsertMarkedComment(
  client: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
  marker: string,
  body: string,
  existing?: readonly IssueComment[],
): Promise<CommentOutcome> {
  const wanted = `${body.trimEnd()}\n\n${marker}`;
  const comments = existing ?? (await listComments(client, ref, issueNumber));
  const current = comments.find((comment) => (comment.body ?? '').includes(marker));
  if (!current) {
    await createComment(client, ref, issueNumber, wanted);
    return 'created';
  }
  if ((current.body ?? '').trim() === wanted.trim()) return 'unchanged';
  await updateComment(client, ref, current.id, wanted);
  return 'updated';
}

/** Posts a comment carrying `marker` once; never edits it afterwards (acknowledgements, escalations). */
export async function postOnce(
  client: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<'created' | 'exists'> {
  const comments = await listComments(client, ref, issueNumber);
  if (comments.some((comment) => (comment.body ?? '').includes(marker))) return 'exists';
  await createComment(client, ref, issueNumber, `${body.trimEnd()}\n\n${marker}`);
  return 'created';
}

/** The issue, or undefined when it is gone (deleted: 410, or not found: 404). */
export async function getIssueUnlessGone(
  client: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
): Promise<Issue | undefined> {
  try {
    return await getIssue(client, ref, issueNumber);
  } catch (error) {
    if (hasStatus(error, 404, 410)) return undefined;
    throw error;
  }
}

/** Edits a comment; undefined when it no longer exists (404), e.g. deleted by hand. */
export async function updateCommentUnlessGone(
  client: GitHubClient,
  ref: RepoRef,
  commentId: number,
  body: string,
): Promise<IssueComment | undefined> {
  try {
    return await updateComment(client, ref, commentId, body);
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * Updates an issue without octokit's blind retry: a retry after a lost answer would send a body computed from an
 * older read again. The tracker's writer (actions/common/tracker.ts) re-reads and decides instead.
 */
export async function updateIssueWithoutRetry(
  client: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
  update: IssueUpdate,
): Promise<Issue> {
  const { data } = await client.rest.issues.update({ ...ref, issue_number: issueNumber, ...update, ...NO_BLIND_RETRY });
  return data;
}

/** A comment by its id; undefined when it no longer exists (404, deleted). */
export async function getCommentUnlessGone(
  client: GitHubClient,
  ref: RepoRef,
  commentId: number,
): Promise<IssueComment | undefined> {
  try {
    const { data } = await client.rest.issues.getComment({ ...ref, comment_id: commentId });
    return data;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}
