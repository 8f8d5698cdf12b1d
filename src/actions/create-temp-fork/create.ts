import { ExpectedFailure } from '../../domain/errors.js';
import { isEmptyTeam, parseFixTeam, stillCreatingMessage, teamSlugsFor, type FixTeam } from '../../domain/fork.js';
import { getAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { requirePrivateTracker } from '../../github/repos.js';
import { fullName, splitFullName, type Advisory, type RepoRef } from '../../github/types.js';
import type { RunnerIO, RunnerLog } from '../common/runner.js';
import { loadPrivateTracker, type TrackedReport } from '../common/tracker.js';
import { replyToCommand, resolveCommentJob } from './chatops.js';
import type { CreateConfig } from './config.js';
import type { ForkRun } from './context.js';
import type { CreateOutcome } from './outcome.js';
import { ensureCollaborators, ensureFork, requireKnownTeams, type ForkLinks } from './provision.js';
import { setCreateOutputs, writeCreateSummary } from './report.js';
import { renderGuidance } from './guidance.js';
import { recordFork } from './tracker-update.js';
import { waitUntilLinked } from './wait.js';

interface Job {
  readonly ghsaId: string;
  readonly repository: RepoRef;
  readonly tracker: RepoRef | undefined;
  readonly report: TrackedReport | undefined;
  readonly fixTeam: FixTeam;
  /** Answers the `/fork` comment, when the job came from one. */
  readonly reply: (outcome: 'ready' | 'waiting' | 'failed', text: string) => Promise<void>;
}

const noReply = async (): Promise<void> => undefined;

export async function runCreate(config: CreateConfig, run: ForkRun): Promise<void> {
  const client = await run.openClient(config.token);
  const job = await resolveJob(client, run.io, config);
  if (!job) return;
  try {
    await provision(client, run, config, job);
  } catch (error) {
    if (!(error instanceof ForkStillCreating)) await job.reply('failed', `\`/fork\` failed: ${messageOf(error)}`);
    throw error;
  }
}

/** The fork exists but GitHub has not finished it; the comment was answered already. */
class ForkStillCreating extends ExpectedFailure {}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function resolveJob(client: GitHubClient, log: RunnerLog, config: CreateConfig): Promise<Job | undefined> {
  const target = config.target;
  if (target.kind === 'comment') {
    const tracker = splitFullName(target.repository);
    await requirePrivateTracker(client, tracker, 'tracker', log);
    const found = await resolveCommentJob(client, log, tracker, target.event, target.team);
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
  const report = config.tracker ? await trackedReport(client, log, config.tracker, target.ghsaId) : undefined;
  return { ...target, tracker: config.tracker, report, fixTeam: fixTeamOf(config, report), reply: noReply };
}

async function trackedReport(client: GitHubClient, log: RunnerLog, tracker: RepoRef, ghsaId: string) {
  const report = (await loadPrivateTracker(client, tracker, 'tracker', log)).get(ghsaId);
  if (!report) log.warning(`No tracking issue for ${ghsaId} in ${fullName(tracker)}: the fork is not recorded there.`);
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

async function provision(client: GitHubClient, run: ForkRun, config: CreateConfig, job: Job): Promise<void> {
  const { io } = run;
  const repo = fullName(job.repository);
  const teamSlugs = teamSlugsFor(job.fixTeam, job.repository.owner, 'fix-team');
  if (isEmptyTeam(job.fixTeam)) {
    io.warning(
      'No fix team given (`fix-team`, nor one recorded by triage): only current collaborators reach the fork.',
    );
  }
  const advisory = await getAdvisory(client, job.repository, job.ghsaId);
  refuseFinished(advisory);
  await requireKnownTeams(client, job.repository.owner, teamSlugs);
  const { fork, created } = await ensureFork(client, io, job.repository, advisory);
  const collaborators = await ensureCollaborators(client, io, job.repository, advisory, job.fixTeam.users, teamSlugs);
  const linked = created
    ? await waitUntilLinked(client, io, job.repository, job.ghsaId, fork.fullName, config.waitTimeoutMs)
    : advisory;
  const outcome = { ghsaId: job.ghsaId, repository: repo, fork, created, collaborators };
  if (!linked) {
    const message = stillCreatingMessage(fork.fullName, job.ghsaId, config.waitTimeoutMs);
    await finish(io, { ...outcome, ready: false, tracked: false });
    await job.reply('waiting', `${message} Comment \`/fork\` again later.`);
    throw new ForkStillCreating(message);
  }
  const tracked = await record(client, io, config, job, fork, run.now);
  await finish(io, { ...outcome, ready: true, tracked });
  await job.reply(
    'ready',
    `the temporary private fork [${fork.fullName}](${fork.htmlUrl}) is linked to the advisory; the fix team opens it ` +
      'from the advisory page once GitHub has made it (up to a few minutes).',
  );
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
  log: RunnerLog,
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
  const written = await recordFork(client, job.tracker, job.report, config.policy, fork, guidance, now, log);
  log.info(
    written
      ? `Linked the fork in ${fullName(job.tracker)}#${job.report.issue.number}.`
      : `${fullName(job.tracker)}#${job.report.issue.number} already links the fork.`,
  );
  return true;
}

async function finish(io: RunnerIO, outcome: CreateOutcome): Promise<void> {
  setCreateOutputs(io, outcome);
  await writeCreateSummary(io.summary, outcome);
}
