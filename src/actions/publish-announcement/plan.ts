/**
 * Everything read and rendered before the first write: the advisories, the repository, the release, the discussion
 * category, the tracking issues, and every text the run will post. A mistake found here writes nothing.
 */
import {
  buildAnnouncementData,
  defaultSubject,
  findPlaceholder,
  splitSubject,
  type AnnouncementData,
  type RenderedAnnouncement,
} from '../../domain/announcement.js';
import { ConfigurationError } from '../../domain/errors.js';
import { checkCoverage, checkNoPatch } from '../../domain/release-lines.js';
import type { ReporterCredit } from '../../domain/tracker-state.js';
import { renderTemplate, TemplateError } from '../../templates/engine/render.js';
import { findAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { findCategory, getDiscussionTarget } from '../../github/discussions.js';
import { getReleaseByTag } from '../../github/releases.js';
import { getRepository, type PrivacyLog } from '../../github/repos.js';
import { fullName, type Advisory, type Release, type Repository } from '../../github/types.js';
import { startedEarly } from '../common/concurrency.js';
import type { RunnerLog } from '../common/runner.js';
import { compiledTemplate } from '../common/template-render.js';
import { loadPrivateTracker, type TrackedReport } from '../common/tracker.js';
import type { PublishConfig } from './config.js';
import { renderRetrospective } from './retrospective.js';
import { renderThanks } from './thanks.js';
import type { DiscussionPlace, Plan } from './types.js';

/** Every read of the plan, started at once: none depends on another. */
interface Reads {
  readonly repository: Promise<Repository | undefined>;
  readonly tracked: Promise<Map<string, TrackedReport> | undefined>;
  readonly advisories: readonly { readonly ghsaId: string; readonly advisory: Promise<Advisory> }[];
  readonly releases: Promise<Release[]>;
  readonly discussion: Promise<DiscussionPlace | undefined>;
  readonly retrospectivePlace: Promise<DiscussionPlace | undefined>;
}

function startReads(client: GitHubClient, config: PublishConfig, log: PrivacyLog): Reads {
  const { tracker, releaseTags, announce } = config;
  const none = Promise.resolve(undefined);
  return {
    repository: startedEarly(getRepository(client, config.repository)),
    tracked: startedEarly(tracker ? loadPrivateTracker(client, tracker, 'tracker', log) : none),
    advisories: config.ghsaIds.map((ghsaId) => ({
      ghsaId,
      advisory: startedEarly(readAdvisory(client, config, ghsaId)),
    })),
    releases: startedEarly(Promise.all(releaseTags.map((tag, index) => readRelease(client, config, tag, index)))),
    discussion: startedEarly(
      announce?.kind === 'discussion'
        ? discussionPlace(client, config, announce.category, 'discussion-category')
        : none,
    ),
    retrospectivePlace: startedEarly(
      config.retrospectiveCategory === undefined
        ? none
        : discussionPlace(client, config, config.retrospectiveCategory, 'retrospective-category'),
    ),
  };
}

/** The reads are taken in the order they once were made one by one, so the first problem reported is the same. */
export async function planRelease(
  client: GitHubClient,
  config: PublishConfig,
  now: Date,
  log: Pick<RunnerLog, 'warning' | 'notice'>,
): Promise<Plan> {
  const reads = startReads(client, config, log);
  const repository = await reads.repository;
  if (!repository) {
    throw new ConfigurationError(
      `Input "repository": ${fullName(config.repository)} does not exist or the token cannot see it.`,
      'repository',
    );
  }
  const reports = reportsToClose(config, await reads.tracked, log);
  const advisories = await publishableAdvisories(config, reads.advisories);
  const releases = await reads.releases;
  const discussion = await reads.discussion;
  const retrospectivePlace = await reads.retrospectivePlace;
  const data = buildAnnouncementData([...advisories.values()], {
    ...config.text,
    repository: fullName(config.repository),
    releaseUrls: config.text.versions.map((_, index) => releases[index]?.html_url),
    releaseAssets: config.text.versions.map((_, index) => releases[index]?.assets),
    policyTeamName: config.policy.teamName,
    recordedCredits: recordedCredits(reports),
    now,
  });
  checkReleaseLines(config, data);
  const announcement = renderAnnouncement(config, data);
  const plan = {
    repositoryIsPublic: !repository.private,
    advisories,
    reports,
    releases,
    discussion,
    retrospectivePlace,
    data,
    announcement,
  };
  preflight(config, plan, now);
  return plan;
}

/** The reporter's credit each tracking issue records (ack-report, triage), by GHSA id. */
function recordedCredits(reports: ReadonlyMap<string, TrackedReport>): Map<string, ReporterCredit> {
  const credits = new Map<string, ReporterCredit>();
  for (const [ghsaId, report] of reports) if (report.state.credit) credits.set(ghsaId, report.state.credit);
  return credits;
}

/** Each version released is fixed for every advisory; a disclosure without a fix claims no patched version. */
function checkReleaseLines(config: PublishConfig, data: AnnouncementData): void {
  if (config.text.noFixReason !== undefined) checkNoPatch(data.advisories);
  else checkCoverage(data.advisories, config.text.versions);
}

/** The tracking issues of the advisories released, by GHSA id; a warning for each advisory without one. */
function reportsToClose(
  config: PublishConfig,
  all: ReadonlyMap<string, TrackedReport> | undefined,
  log: Pick<RunnerLog, 'warning'>,
): Map<string, TrackedReport> {
  const found = new Map<string, TrackedReport>();
  if (!config.tracker || !all) return found;
  for (const ghsaId of config.ghsaIds) {
    const report = all.get(ghsaId);
    if (report) found.set(ghsaId, report);
    else log.warning(`No tracking issue for ${ghsaId} in ${fullName(config.tracker)}: its tracker steps are skipped.`);
  }
  return found;
}

async function publishableAdvisories(
  config: PublishConfig,
  reads: Reads['advisories'],
): Promise<Map<string, Advisory>> {
  const advisories = new Map<string, Advisory>();
  for (const { ghsaId, advisory: read } of reads) {
    const advisory = await read;
    checkPublishable(config, advisory);
    advisories.set(ghsaId, advisory);
  }
  return advisories;
}

async function readAdvisory(client: GitHubClient, config: PublishConfig, ghsaId: string): Promise<Advisory> {
  const advisory = await findAdvisory(client, config.repository, ghsaId);
  if (advisory) return advisory;
  throw new ConfigurationError(
    `Input "ghsa-ids": ${ghsaId} is not an advisory of ${fullName(config.repository)} (GitHub answered 404: it does not exist there, or the token lacks "Repository security advisories: read").`,
    'ghsa-ids',
  );
}

function checkPublishable(config: PublishConfig, advisory: Advisory): void {
  const id = advisory.ghsa_id;
  if (advisory.state === 'published') return;
  if (advisory.state === 'triage') {
    throw new ConfigurationError(
      `Input "ghsa-ids": ${id} is still in triage. Accept the report first (triage with decision: accept) so it is a draft advisory.`,
      'ghsa-ids',
    );
  }
  if (advisory.state !== 'draft') {
    throw new ConfigurationError(
      `Input "ghsa-ids": ${id} is ${advisory.state}, so it cannot be published or announced.`,
      'ghsa-ids',
    );
  }
  if (!config.publishAdvisories) {
    throw new ConfigurationError(
      `Input "publish-advisories" is false but ${id} is still a draft: the release notes, announcement, chat message and thank-you would disclose an unpublished advisory. Publish it first or set "publish-advisories: true".`,
      'publish-advisories',
    );
  }
}

async function readRelease(client: GitHubClient, config: PublishConfig, tag: string, index: number): Promise<Release> {
  const release = await getReleaseByTag(client, config.repository, tag);
  if (release) return release;
  const version = config.text.versions[index] ?? config.text.version;
  throw new ConfigurationError(
    `There is no GitHub release with tag "${tag}" in ${fullName(config.repository)} for version ${version}. Create the release first, name its tag in "release-tag", or turn this step off with "release-notes: false".`,
    'release-tag',
  );
}

async function discussionPlace(
  client: GitHubClient,
  config: PublishConfig,
  wanted: string,
  input: 'discussion-category' | 'retrospective-category',
): Promise<DiscussionPlace> {
  const target = await getDiscussionTarget(client, config.repository);
  if (!target.discussionsEnabled) {
    const instead =
      input === 'discussion-category'
        ? 'announce in an issue with "announce-issue: true"'
        : 'leave "retrospective-category" empty';
    throw new ConfigurationError(
      `Input "${input}": Discussions are not enabled in ${fullName(config.repository)}. Enable them, or ${instead}.`,
      input,
    );
  }
  const category = findCategory(target, wanted);
  if (!category) {
    const names = target.categories.map((c) => c.name).join(', ') || 'none';
    throw new ConfigurationError(
      `Input "${input}" is "${wanted}", but ${fullName(config.repository)} has no such discussion category (it has: ${names}).`,
      input,
    );
  }
  return { repositoryId: target.repositoryId, category };
}

function renderAnnouncement(config: PublishConfig, data: AnnouncementData): RenderedAnnouncement {
  const template = compiledTemplate(config.templates.announcement);
  const rendered = renderTemplate(template, data);
  const placeholder = findPlaceholder(rendered);
  if (placeholder !== undefined) {
    throw new TemplateError(
      template.name,
      `the rendered announcement still holds SPEC 11's placeholder "${placeholder}": use the template fields instead (e.g. {{id}}, {{project}}, {{version}}).`,
      template.file,
    );
  }
  return splitSubject(rendered, defaultSubject(data.project, data.version));
}

/** Renders the thank-you and the retrospective once with provisional links, so a template error fails before writes. */
function preflight(config: PublishConfig, plan: Plan, now: Date): void {
  const links = { releaseUrl: plan.releases[0]?.html_url ?? null, announcementUrl: 'https://github.com/' };
  if (config.thankReporter) {
    for (const advisory of plan.advisories.values()) renderThanks(config, advisory, links);
  }
  if (config.tracker) renderRetrospective(config, plan, links, now);
}
