/**
 * Outputs, log lines and the job summary. Before every advisory is published they hold ids, states, links and counts
 * only; the announcement (subject, body, file) is given out once all of it is public.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blogPost, type RenderedAnnouncement } from '../../domain/announcement.js';
import { inertForLog } from '../../domain/sanitize.js';
import type { RunnerIO, RunnerLog, StepSummary } from '../common/runner.js';
import { headerRow } from '../common/summary.js';
import type { Progress } from './progress.js';

/** What the run produced, filled in as the steps go. */
export interface Outcome {
  published: string[];
  releaseUrl: string | undefined;
  announcementUrl: string | undefined;
  discussionUrl: string | undefined;
  retrospectiveIssue: number | undefined;
  /** The retrospective shared in a Discussion (step 8). */
  retrospectiveUrl: string | undefined;
  /** Set only once every advisory is published. */
  announcement: RenderedAnnouncement | undefined;
  bodyPath: string | undefined;
  /** The mailing-list message (To, Subject, body); set with `announcement`. */
  mail: string | undefined;
  mailPath: string | undefined;
  blogPostPath: string | undefined;
}

export function emptyOutcome(): Outcome {
  return {
    published: [],
    releaseUrl: undefined,
    announcementUrl: undefined,
    discussionUrl: undefined,
    retrospectiveIssue: undefined,
    retrospectiveUrl: undefined,
    announcement: undefined,
    bodyPath: undefined,
    mail: undefined,
    mailPath: undefined,
    blogPostPath: undefined,
  };
}

export interface AnnouncementFiles {
  readonly bodyPath: string;
  readonly mailPath: string;
  readonly blogPostPath: string;
}

/**
 * Writes the announcement for the channels the action does not post to, in the runner's temporary directory: the
 * body (Markdown), the mailing-list message (`.eml`: To, Subject, body, clearsigned with a signing key) and a blog post (Markdown with front matter).
 * Undefined outside a runner (no RUNNER_TEMP): the outputs hold the texts, and no file is written anywhere else.
 */
export function writeAnnouncementFiles(
  announcement: RenderedAnnouncement,
  mail: string,
  version: string,
  date: string,
  env: NodeJS.ProcessEnv,
): AnnouncementFiles | undefined {
  if (!env.RUNNER_TEMP) return undefined;
  // A directory of its own: two runs in one job (or parallel jobs sharing a temp dir) never overwrite each other.
  const dir = mkdtempSync(join(env.RUNNER_TEMP, 'security-announcement-'));
  const name = version.replace(/[^0-9A-Za-z.+_-]/g, '_');
  const files = {
    bodyPath: join(dir, `announcement-${name}.md`),
    mailPath: join(dir, `announcement-${name}.eml`),
    blogPostPath: join(dir, `${date}-security-release-${name}.md`),
  };
  writeFileSync(files.bodyPath, announcement.body);
  writeFileSync(files.mailPath, mail);
  writeFileSync(files.blogPostPath, blogPost(announcement, date));
  return files;
}

export function setOutputs(io: Pick<RunnerIO, 'setOutput'>, outcome: Outcome): void {
  io.setOutput('published', JSON.stringify(outcome.published));
  io.setOutput('release-url', outcome.releaseUrl ?? '');
  io.setOutput('announcement-url', outcome.announcementUrl ?? '');
  io.setOutput('discussion-url', outcome.discussionUrl ?? '');
  io.setOutput(
    'retrospective-issue',
    outcome.retrospectiveIssue === undefined ? '' : String(outcome.retrospectiveIssue),
  );
  io.setOutput('subject', outcome.announcement?.subject ?? '');
  io.setOutput('body', outcome.announcement?.body ?? '');
  io.setOutput('body-path', outcome.bodyPath ?? '');
  io.setOutput('retrospective-url', outcome.retrospectiveUrl ?? '');
  io.setOutput('mail', outcome.mail ?? '');
  io.setOutput('mail-path', outcome.mailPath ?? '');
  io.setOutput('blog-post-path', outcome.blogPostPath ?? '');
}

export function logProgress(log: Pick<RunnerLog, 'info'>, progress: Progress): void {
  for (const row of progress.rows()) {
    log.info(`Step ${row.step} ${row.title}: ${row.status}${row.detail ? ` (${inertForLog(row.detail)})` : ''}`);
  }
}

/** A collapsed `<details>` block, written exactly as the runner toolkit's `summary.addDetails` writes it. */
function addDetails(summary: StepSummary, label: string, content: string): StepSummary {
  return summary.addRaw(`<details><summary>${label}</summary>${content}</details>`).addEOL();
}

export async function writeSummary(summary: StepSummary, progress: Progress, outcome: Outcome): Promise<void> {
  summary
    .addHeading('Security release: publish and announce', 2)
    .addTable([
      headerRow('Step', 'What', 'Status', 'Details'),
      ...progress.rows().map((row) => [String(row.step), row.title, row.status, row.detail || '-']),
    ]);
  if (outcome.announcement) {
    addDetails(
      summary.addHeading(outcome.announcement.subject, 3),
      'The announcement (also in the `body` output and the `body-path` file)',
      `\n\n${outcome.announcement.body}\n`,
    );
  } else {
    summary.addRaw('The announcement text is given out once every advisory is published.', true);
  }
  await summary.write();
}
