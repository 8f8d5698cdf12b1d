import type { FixTeamRequest } from '../../domain/chatops.js';
import { CODEOWNERS_LOCATIONS, ownersForPaths, parseCodeowners, splitOwners } from '../../domain/codeowners.js';
import { firstOfEachIgnoringCase } from '../../domain/first-of-each.js';
import type { GitHubClient } from '../../github/client.js';
import { getFirstFile } from '../../github/repos.js';
import { fullName, type RepoRef } from '../../github/types.js';
import type { FixTeamMembers } from './advisory-patch.js';

export interface ResolvedFixTeam extends FixTeamMembers {
  /** What could not be added, and why; printed as warnings (logins and paths only). */
  readonly warnings: string[];
}

interface Owners {
  users: string[];
  teams: { org: string; slug: string }[];
  emails: string[];
}

/** The owners of `paths` in the affected repository's CODEOWNERS (the first of GitHub's locations found). */
async function codeownersOf(
  client: GitHubClient,
  repository: RepoRef,
  paths: readonly string[],
  warnings: string[],
): Promise<Owners> {
  const file = await getFirstFile(client, repository, CODEOWNERS_LOCATIONS);
  if (!file) {
    warnings.push(
      `fix-team codeowners: ${fullName(repository)} has no CODEOWNERS file (looked in ${CODEOWNERS_LOCATIONS.join(', ')}).`,
    );
    return { users: [], teams: [], emails: [] };
  }
  const parsed = parseCodeowners(file.text);
  for (const error of parsed.errors) warnings.push(`${file.path} line ${error.line}: ${error.message}`);
  const owners = ownersForPaths(parsed.rules, paths);
  if (owners.length === 0) warnings.push(`fix-team codeowners: ${file.path} names no owner for ${paths.join(', ')}.`);
  return splitOwners(owners);
}

/**
 * The users and team slugs to add as advisory collaborators. Advisories take teams of the repository's own
 * organization only, and no e-mail addresses: those are left out with a warning.
 */
export async function resolveFixTeam(
  client: GitHubClient,
  repository: RepoRef,
  request: FixTeamRequest,
  paths: readonly string[],
): Promise<ResolvedFixTeam> {
  const warnings: string[] = [];
  const fromCodeowners = request.codeowners
    ? await codeownersOf(client, repository, paths, warnings)
    : { users: [], teams: [], emails: [] };
  const teams = [...request.teams, ...fromCodeowners.teams];
  const foreign = teams.filter((team) => team.org.toLowerCase() !== repository.owner.toLowerCase());
  if (foreign.length > 0) {
    warnings.push(
      `Team(s) ${foreign.map((t) => `${t.org}/${t.slug}`).join(', ')} are not in ${repository.owner}: ` +
        `an advisory takes teams of its repository's organization only; add their members by login instead.`,
    );
  }
  const emails = [...request.emails, ...fromCodeowners.emails];
  if (emails.length > 0) {
    warnings.push(
      `${emails.length} e-mail owner(s) left out: e-mail addresses cannot be advisory collaborators; ` +
        `add the people by GitHub login in fix-team.`,
    );
  }
  return {
    users: firstOfEachIgnoringCase([...request.users, ...fromCodeowners.users]),
    teams: firstOfEachIgnoringCase(teams.filter((team) => !foreign.includes(team)).map((team) => team.slug)),
    warnings,
  };
}
