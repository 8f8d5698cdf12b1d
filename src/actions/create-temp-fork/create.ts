import * as core from '@actions/core';
import { ExpectedFailure } from '../../domain/errors.js';
import { isEmptyTeam, parseFixTeam, stillCreatingMessage, teamSlugsFor, type FixTeam } from '../../domain/fork.js';
import { getAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { openClient } from '../../github/connect.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { fullName, splitFullName, type Advisory, type RepoRef } from '../../github/types.js';
import type { RepositoryRef } from '../common/inputs.js';
import { loadPrivateTracker, type TrackedReport } from '../common/tracker.js';
import { replyToCommand, resolveCommentJob } from './chatops.js';
import type { CreateConfig } from './config.js';
import {
  ensureCollaborators,
  ensureFork,
  linksOf,
  requireKnownTeams,
  type CollaboratorsOutcome,
  type ForkLinks,
} from './provision.js';
import { setCreateOutputs, writeCreateSummary } from './report.js';
import { renderGuidance } from './guidance.js';
import { recordFork } from './tracker-update.js';
import { waitUntilReady } from './wait.js';

interface Job {
  readonly ghsaId: string;
  readonly repository: RepositoryRef;
  readonly tracker: RepoRef | undefined;
  readonly report: TrackedReport | undefined;
  readonly fixTeam: FixTeam;
  /** Answers the `/fork` comment, when the job came from one. */
  readonly reply: (outcome: 'ready' | 'waiting' | 'failed', text: string) => Promise<void>;
}

const noReply = async (): Promise<void> => undefined;

export async function runCreate(config: CreateConfig, now: Date): Promise<void> {
  const client = await openClient(config.token);
  const job = await resolveJob(client, config);
  if (!job) return;
  try {
    await provision(client, config, job, now);
  } catch (error) {
    if (!(error instanceof ForkStillCreating)) await job.reply('failed', `\`/fork\` failed: ${messageOf(error)}`);
    throw error;
  }
}

/** The fork exists but GitHub has not finished it; the comment was answered already. */
class ForkStillCreating extends ExpectedFailure {}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function resolveJob(client: GitHubClient, config: CreateConfig): Promise<Job | undefined> {
  const target = config.target;
  if (target.kind === 'comment') {
    const tracker = splitFullName(target.event.repository);
    await requirePrivateTracker(client, tracker, 'tracker');
    const found = await resolveCommentJob(client, tracker, target.event, target.team);
    if (!found) return undefined;
    const reply = (outcome: 'ready' | 'waiting' | 'failed', text: string) =>
      replyToCommand(client, tracker, target.event, outcome, text);
    try {
      const fixTeam = found.fixTeam ? parseFixTeam(found.fixTeam, 'fix-team') : fixTeamOf(config, found.report);
      return { ...found, tracker, fixTeam, reply };
    } catch (error) {
      await reply('failed', `\`/fork\` not run: ${messageOf(error)}`);
      throw error;
    }
  }
  const report = config.tracker ? await trackedReport(client, config.tracker, target.ghsaId) : undefined;
  return { ...target, tracker: config.tracker, report, fixTeam: fixTeamOf(config, report), reply: noReply };
}

async function trackedReport(client: GitHubClient, tracker: RepoRef, ghsaId: string) {
  const report = (await loadPrivateTracker(client, tracker)).get(ghsaId);
  if (!report) core.warning(`No tracking issue for ${ghsaId} in ${fullName(tracker)}: the fork is not recorded there.`);
  return report;
}

/** The `fix-team` input, else the fix team triage recorded in the tracker state. */
function fixTeamOf(config: CreateConfig, report: TrackedReport | undefined): FixTeam {
  if (config.fixTeam) return config.fixTeam;
  const recorded = report?.state.fixTeam;
  if (!recorded) return { users: [], teams: [] };
  return parseFixTeam([...recorded.users, ...recorded.teams.map(asTeamEntry)], 'the tracker state (fixTeam)');
}

/** Triage records teams as `org/slug` or bare slugs; a bare slug is a team of the advisory's organization. */
function asTeamEntry(team: string): string {
  return team.includes('/') ? team : `team:${team}`;
}

async function provision(client: GitHubClient, config: CreateConfig, job: Job, now: Date): Promise<void> {
  const repo = fullName(job.repository);
  const teamSlugs = teamSlugsFor(job.fixTeam, job.repository.owner, 'fix-team');
  if (isEmptyTeam(job.fixTeam)) {
    core.warning(
      'No fix team given (`fix-team`, nor one recorded by triage): only current collaborators reach the fork.',
    );
  }
  const advisory = await getAdvisory(client, job.repository, job.ghsaId);
  refuseFinished(advisory);
  await requireKnownTeams(client, job.repository.owner, teamSlugs);
  const { fork, created } = await ensureFork(client, job.repository, advisory);
  const collaborators = await ensureCollaborators(client, job.repository, advisory, job.fixTeam.users, teamSlugs);
  const readiness = await waitUntilReady(client, splitFullName(fork.fullName), config.waitTimeoutMs);
  if (!readiness.ready) {
    const message = stillCreatingMessage(fork.fullName, job.ghsaId, config.waitTimeoutMs);
    await finish({ ghsaId: job.ghsaId, repository: repo, fork, created, ready: false, collaborators, tracked: false });
    await job.reply('waiting', `${message} Comment \`/fork\` again later.`);
    throw new ForkStillCreating(message);
  }
  const links = linksOf(readiness.repository);
  const tracked = await record(client, config, job, links, now);
  await finish({ ghsaId: job.ghsaId, repository: repo, fork: links, created, ready: true, collaborators, tracked });
  await job.reply('ready', `the temporary private fork [${links.fullName}](${links.htmlUrl}) is ready.`);
}

/** A fork is for a fix not yet disclosed; a finished advisory gets none (an existing one is still reported). */
function refuseFinished(advisory: Advisory): void {
  if (advisory.private_fork || !['published', 'closed', 'withdrawn'].includes(advisory.state)) return;
  throw new ExpectedFailure(
    `${advisory.ghsa_id} is ${advisory.state}: a temporary private fork is for a fix that is not disclosed yet, so none is created.`,
  );
}

async function record(
  client: GitHubClient,
  config: CreateConfig,
  job: Job,
  fork: ForkLinks,
  now: Date,
): Promise<boolean> {
  if (!job.tracker || !job.report) return false;
  const guidance = renderGuidance(config.guidance, fork, {
    ghsaId: job.ghsaId,
    repository: fullName(job.repository),
    testCommand: config.testCommand,
  });
  const written = await recordFork(client, job.tracker, job.report, config.policy, fork, guidance, now);
  core.info(
    written
      ? `Linked the fork in ${fullName(job.tracker)}#${job.report.issue.number}.`
      : `${fullName(job.tracker)}#${job.report.issue.number} already links the fork.`,
  );
  return true;
}

interface CreateOutcome {
  readonly ghsaId: string;
  readonly repository: string;
  readonly fork: ForkLinks;
  readonly created: boolean;
  readonly ready: boolean;
  readonly collaborators: CollaboratorsOutcome;
  readonly tracked: boolean;
}

async function finish(outcome: CreateOutcome): Promise<void> {
  setCreateOutputs(outcome);
  await writeCreateSummary(outcome);
}

export type { CreateOutcome };
