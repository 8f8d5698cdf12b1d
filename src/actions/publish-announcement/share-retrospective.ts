/**
 * Step 8: the retrospective, once written, shared with the community (Stacklok sends it to its community channel once
 * the advisory is public). The team marks it written by closing the retrospective issue as completed; a later run of
 * the same workflow posts its body as a Discussion in `retrospective-category`, once (found again by its title).
 */
import { createDiscussion, findDiscussionByTitle } from '../../github/discussions.js';
import type { GitHubClient } from '../../github/client.js';
import { getIssue } from '../../github/issues.js';
import { fullName, type RepoRef } from '../../github/types.js';
import type { DiscussionPlace } from './types.js';

export type ShareResult =
  | { readonly kind: 'not yet'; readonly detail: string }
  | { readonly kind: 'shared' | 'already shared'; readonly url: string };

/** The issue body without hidden comments (markers, prompts) and the sharing instructions. */
export function sharedBody(body: string): string {
  const withoutComments = body.replace(/<!--[\s\S]*?-->/g, '');
  const cut = withoutComments.indexOf('\n### Sharing\n');
  return `${(cut === -1 ? withoutComments : withoutComments.slice(0, cut)).trim()}\n`;
}

export async function shareRetrospective(
  client: GitHubClient,
  tracker: RepoRef,
  repository: RepoRef,
  issueNumber: number,
  place: DiscussionPlace,
): Promise<ShareResult> {
  const issue = await getIssue(client, tracker, issueNumber);
  if (issue.state !== 'closed' || issue.state_reason !== 'completed') {
    return {
      kind: 'not yet',
      detail: `retrospective ${fullName(tracker)}#${issueNumber} is not closed as completed: close it once written, then re-run to share it`,
    };
  }
  const existing = await findDiscussionByTitle(client, repository, place.category.id, issue.title);
  if (existing) return { kind: 'already shared', url: existing.url };
  const created = await createDiscussion(client, repository, {
    repositoryId: place.repositoryId,
    categoryId: place.category.id,
    title: issue.title,
    body: sharedBody(issue.body ?? ''),
  });
  return { kind: 'shared', url: created.url };
}
