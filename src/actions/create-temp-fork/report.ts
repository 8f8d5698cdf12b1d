/**
 * Outputs and job summary. They may be public (a public repository's Actions run), so they carry only advisory ids,
 * repositories and fork names (temporary forks are private repositories: their names disclose nothing).
 */
import { forkDeletionSteps, KEEP_REASON_TEXT, type ForkKept } from '../../domain/fork.js';
import type { RunnerIO, StepSummary } from '../common/runner.js';
import { headerRow } from '../common/summary.js';
import type { CleanupOutcome, CleanupRow, CreateOutcome } from './outcome.js';

type Outputs = Pick<RunnerIO, 'setOutput'>;

export function setCreateOutputs(io: Outputs, outcome: CreateOutcome): void {
  io.setOutput('fork', outcome.fork.fullName);
  io.setOutput('fork-url', outcome.fork.htmlUrl);
  io.setOutput('clone-url', outcome.fork.cloneUrl);
  io.setOutput('created', String(outcome.created));
}

export async function writeCreateSummary(summary: StepSummary, outcome: CreateOutcome): Promise<void> {
  const { addedUsers, addedTeams } = outcome.collaborators;
  await summary
    .addHeading('Temporary private fork', 2)
    .addTable([
      headerRow('Advisory', 'Repository', 'Fork', 'Created now', 'Listed on the advisory'),
      [
        outcome.ghsaId,
        outcome.repository,
        outcome.fork.fullName,
        outcome.created ? 'yes' : 'no (reused)',
        outcome.ready ? 'yes' : 'not yet: re-run later',
      ],
    ])
    .addRaw(
      `Fix team added to the advisory's collaborators: ${addedUsers} user(s), ${addedTeams} team(s) ` +
        `(others were there already). Tracking issue ${outcome.tracked ? 'updated' : 'not updated'}.`,
      true,
    )
    .addEOL()
    .addRaw(FORK_RULES, true)
    .write();
}

/** What GitHub allows in a temporary private fork, and what is left to a person. */
const FORK_RULES =
  'GitHub keeps integrations, CI included, out of temporary private forks: this run learned of the fork only ' +
  'through the advisory, and no workflow or status check runs there (run the tests locally, the workflows with ' +
  '`act`; the tracking issue has the details). The fix team reaches it as collaborators of the advisory. Merging ' +
  'is a person\'s step: "Merge pull request(s)" on the advisory merges all of the fork\'s pull requests at once; ' +
  'publishing the advisory deletes the fork.';

export function keptRows(kept: readonly ForkKept[]): CleanupRow[] {
  return kept.map((item) => ({ ...item, action: `kept: ${KEEP_REASON_TEXT[item.reason]}` }));
}

export function setCleanupOutputs(io: Outputs, outcome: CleanupOutcome): void {
  io.setOutput('deleted', JSON.stringify(outcome.deleted));
  io.setOutput('pending', JSON.stringify(outcome.pending));
  io.setOutput('blind-spots', JSON.stringify(outcome.blindSpots));
}

export async function writeCleanupSummary(steps: StepSummary, outcome: CleanupOutcome): Promise<void> {
  const title = outcome.dryRun
    ? 'Temporary private fork cleanup (dry run: nothing deleted)'
    : 'Temporary private fork cleanup';
  const summary = steps.addHeading(title, 2);
  if (outcome.rows.length === 0) summary.addRaw('No advisory in scope has a temporary private fork.', true);
  else {
    summary.addTable([
      headerRow('Advisory', 'Repository', 'State', 'Fork', 'Action'),
      ...outcome.rows.map((row) => [row.ghsaId, row.repository, row.state, row.fork, row.action]),
    ]);
  }
  if (outcome.forAPerson.length > 0) {
    summary
      .addHeading('For a person to delete', 3)
      .addRaw(
        'GitHub keeps integrations (App installation tokens, GITHUB_TOKEN) out of temporary private forks, so this ' +
          'run made no request to them. An admin of each repository deletes these forks by hand:',
        true,
      )
      .addEOL()
      .addRaw(forkDeletionSteps(outcome.forAPerson).join('\n'), true);
  }
  if (outcome.blindSpots.length > 0) {
    summary.addRaw(
      `Not checked (the token cannot list their advisories): ${outcome.blindSpots.join(', ')}. Their forks, if any, were not looked at.`,
      true,
    );
  }
  await summary.write();
}
