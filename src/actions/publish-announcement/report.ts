/**
 * Outputs, log lines and the job summary. Before every advisory is published they hold ids, states, links and counts
 * only; the announcement (subject, body, file) is given out once all of it is public.
 */
import * as core from '@actions/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedAnnouncement } from '../../domain/announcement.js';
import { inertForLog } from '../../domain/sanitize.js';
import { headerRow } from '../common/summary.js';
import type { Progress } from './progress.js';

/** What the run produced, filled in as the steps go. */
export interface Outcome {
  published: string[];
  releaseUrl: string | undefined;
  announcementUrl: string | undefined;
  discussionUrl: string | undefined;
  retrospectiveIssue: number | undefined;
  /** Set only once every advisory is published. */
  announcement: RenderedAnnouncement | undefined;
  bodyPath: string | undefined;
}

export function emptyOutcome(): Outcome {
  return {
    published: [],
    releaseUrl: undefined,
    announcementUrl: undefined,
    discussionUrl: undefined,
    retrospectiveIssue: undefined,
    announcement: undefined,
    bodyPath: undefined,
  };
}

/** Writes the announcement body for channels the action does not post to (a mailing list). */
export function writeBodyFile(announcement: RenderedAnnouncement, version: string, env = process.env): string {
  // A directory of its own: two runs in one job (or parallel jobs sharing a temp dir) never overwrite each other.
  const dir = mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), 'security-announcement-'));
  const path = join(dir, `announcement-${version.replace(/[^0-9A-Za-z.+_-]/g, '_')}.md`);
  writeFileSync(path, announcement.body);
  return path;
}

export function setOutputs(outcome: Outcome): void {
  core.setOutput('published', JSON.stringify(outcome.published));
  core.setOutput('release-url', outcome.releaseUrl ?? '');
  core.setOutput('announcement-url', outcome.announcementUrl ?? '');
  core.setOutput('discussion-url', outcome.discussionUrl ?? '');
  core.setOutput(
    'retrospective-issue',
    outcome.retrospectiveIssue === undefined ? '' : String(outcome.retrospectiveIssue),
  );
  core.setOutput('subject', outcome.announcement?.subject ?? '');
  core.setOutput('body', outcome.announcement?.body ?? '');
  core.setOutput('body-path', outcome.bodyPath ?? '');
}

export function logProgress(progress: Progress): void {
  for (const row of progress.rows()) {
    core.info(`Step ${row.step} ${row.title}: ${row.status}${row.detail ? ` (${inertForLog(row.detail)})` : ''}`);
  }
}

export async function writeSummary(progress: Progress, outcome: Outcome): Promise<void> {
  const summary = core.summary
    .addHeading('Security release: publish and announce', 2)
    .addTable([
      headerRow('Step', 'What', 'Status', 'Details'),
      ...progress.rows().map((row) => [String(row.step), row.title, row.status, row.detail || '-']),
    ]);
  if (outcome.announcement) {
    summary
      .addHeading(outcome.announcement.subject, 3)
      .addDetails(
        'The announcement (also in the `body` output and the `body-path` file)',
        `\n\n${outcome.announcement.body}\n`,
      );
  } else {
    summary.addRaw('The announcement text is given out once every advisory is published.', true);
  }
  await summary.write();
}
