/** Step 4: the announcement, as a Discussion in the named category or as an issue, found again by its title. */
import type { RenderedAnnouncement } from '../../domain/announcement.js';
import type { GitHubClient } from '../../github/client.js';
import { createDiscussion, findDiscussionByTitle } from '../../github/discussions.js';
import { createIssue, listIssuesWithLabel } from '../../github/issues.js';
import type { RepoRef } from '../../github/types.js';
import type { PublishConfig } from './config.js';
import type { Plan } from './types.js';

export const ANNOUNCEMENT_LABEL = 'security-announcement';

export interface Announced {
  readonly url: string;
  readonly kind: 'discussion' | 'issue';
  readonly created: boolean;
}

export function announcementMarker(project: string, version: string): string {
  return `<!-- disclosure-actions:announcement ${project.replace(/--/g, '-')} ${version} -->`;
}

function postedBody(announcement: RenderedAnnouncement, marker: string): string {
  return `${announcement.body.trimEnd()}\n\n${marker}\n`;
}

export async function announce(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
): Promise<Announced | undefined> {
  const marker = announcementMarker(config.text.project, config.text.version);
  if (config.announce?.kind === 'issue') return announceInIssue(client, config.repository, plan.announcement, marker);
  if (!plan.discussion) return undefined;
  const { subject } = plan.announcement;
  const existing = await findDiscussionByTitle(client, config.repository, plan.discussion.category.id, subject);
  if (existing) return { url: existing.url, kind: 'discussion', created: false };
  const created = await createDiscussion(client, config.repository, {
    repositoryId: plan.discussion.repositoryId,
    categoryId: plan.discussion.category.id,
    title: subject,
    body: postedBody(plan.announcement, marker),
  });
  return { url: created.url, kind: 'discussion', created: true };
}

async function announceInIssue(
  client: GitHubClient,
  repository: RepoRef,
  announcement: RenderedAnnouncement,
  marker: string,
): Promise<Announced> {
  const issues = await listIssuesWithLabel(client, repository, ANNOUNCEMENT_LABEL, 'all');
  const existing = issues.find((issue) => (issue.body ?? '').includes(marker) || issue.title === announcement.subject);
  if (existing) return { url: existing.html_url, kind: 'issue', created: false };
  const created = await createIssue(client, repository, {
    title: announcement.subject,
    body: postedBody(announcement, marker),
    labels: [ANNOUNCEMENT_LABEL],
  });
  return { url: created.html_url, kind: 'issue', created: true };
}
