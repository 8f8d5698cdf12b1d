import { ConfigurationError } from '../../domain/errors.js';
import { createTemporaryFork, mergeCollaborators, updateAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { lookUpTeam } from '../../github/teams.js';
import type { Advisory, RepoRef } from '../../github/types.js';
import type { RunnerLog } from '../common/runner.js';

export interface ForkLinks {
  /** `owner/name`. */
  readonly fullName: string;
  readonly htmlUrl: string;
  readonly cloneUrl: string;
}

/**
 * The advisory's temporary private fork: the one it already points at (a re-run, or one created by hand), else a new
 * one. Never asks for a second fork of the same advisory. Everything known of the fork comes from the advisory
 * endpoints (`private_fork`, the fork request's answer): integrations cannot read the fork repository itself.
 */
export async function ensureFork(
  client: GitHubClient,
  log: RunnerLog,
  ref: RepoRef,
  advisory: Advisory,
): Promise<{ fork: ForkLinks; created: boolean }> {
  const existing = advisory.private_fork;
  if (existing) {
    log.info(`${advisory.ghsa_id} already has its temporary private fork ${existing.full_name}: reusing it.`);
    return { fork: linksOf(existing), created: false };
  }
  const fork = await createTemporaryFork(client, ref, advisory.ghsa_id);
  log.info(`Requested the temporary private fork ${fork.fullName} for ${advisory.ghsa_id}.`);
  return { fork, created: true };
}

/** The links of the advisory's `private_fork` (a simple repository: its clone address is the page's, with `.git`). */
export function linksOf(fork: { readonly full_name: string; readonly html_url: string }): ForkLinks {
  return { fullName: fork.full_name, htmlUrl: fork.html_url, cloneUrl: `${fork.html_url}.git` };
}

export interface CollaboratorsOutcome {
  readonly addedUsers: number;
  readonly addedTeams: number;
}

/**
 * Fork access follows the advisory: GitHub gives the advisory's collaborators access to its temporary private fork
 * ("collaborators on the security advisory can access the temporary private fork"), so the fix team is staffed
 * through the advisory's `collaborating_users` / `collaborating_teams`, never through the fork's own collaborators
 * (an integration cannot reach the fork). GitHub replaces the lists on PATCH, so the current collaborators are kept;
 * nothing is written when everyone is there already.
 */
export async function ensureCollaborators(
  client: GitHubClient,
  log: RunnerLog,
  ref: RepoRef,
  advisory: Advisory,
  users: readonly string[],
  teamSlugs: readonly string[],
): Promise<CollaboratorsOutcome> {
  const change = mergeCollaborators(advisory, users, teamSlugs);
  if (!change) return { addedUsers: 0, addedTeams: 0 };
  await updateAdvisory(client, ref, advisory.ghsa_id, {
    collaborating_users: change.collaborating_users,
    collaborating_teams: change.collaborating_teams,
  });
  log.info(
    `Added ${change.addedUsers.length} user(s) and ${change.addedTeams.length} team(s) of the fix team to ${advisory.ghsa_id}'s collaborators.`,
  );
  return { addedUsers: change.addedUsers.length, addedTeams: change.addedTeams.length };
}

/**
 * GitHub checks the fix team's teams only when the collaborators are written, after the fork exists: look them up
 * first, so a team it does not know stops the run before anything is written. A token without "Members: read"
 * cannot look, and the check is left to GitHub.
 */
export async function requireKnownTeams(client: GitHubClient, org: string, slugs: readonly string[]): Promise<void> {
  for (const slug of slugs) {
    const lookup = await lookUpTeam(client, org, slug);
    if (lookup === 'not-allowed') return;
    if (lookup === 'not-found') {
      throw new ConfigurationError(
        `"fix-team" names the team ${org}/${slug}, which does not exist or the token cannot see it: nothing was written.`,
        'fix-team',
      );
    }
  }
}
