import { hasStatus } from './errors.js';
import type { GitHubClient } from './client.js';

export async function isActiveTeamMember(
  client: GitHubClient,
  org: string,
  teamSlug: string,
  username: string,
): Promise<boolean> {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username });
    return data.state === 'active';
  } catch (error) {
    if (hasStatus(error, 404)) return false;
    throw error;
  }
}

export async function listTeamMembers(client: GitHubClient, org: string, teamSlug: string): Promise<string[]> {
  const members = await client.paginate(client.rest.teams.listMembersInOrg, {
    org,
    team_slug: teamSlug,
    per_page: 100,
  });
  return members.map((member) => member.login);
}

/** Whether a team exists as the token sees it; `not-allowed`: the token may not look (no "Members: read"). */
export type TeamLookup = 'found' | 'not-found' | 'not-allowed';

/** Looks a team up with one small request (a page of one member). */
export async function lookUpTeam(client: GitHubClient, org: string, teamSlug: string): Promise<TeamLookup> {
  try {
    await client.rest.teams.listMembersInOrg({ org, team_slug: teamSlug, per_page: 1 });
    return 'found';
  } catch (error) {
    if (hasStatus(error, 401, 403)) return 'not-allowed';
    if (hasStatus(error, 404)) return 'not-found';
    throw error;
  }
}

/** Whether a user is an active member of a team, or the status (401/403) with which GitHub refused to say. */
export type TeamMembership =
  { readonly visible: true; readonly active: boolean } | { readonly visible: false; readonly status: number };

/** `isActiveTeamMember` (a 404 is "not a member"), with a token that may not read the team's members told apart. */
export async function teamMembership(
  client: GitHubClient,
  org: string,
  teamSlug: string,
  username: string,
): Promise<TeamMembership> {
  try {
    return { visible: true, active: await isActiveTeamMember(client, org, teamSlug, username) };
  } catch (error) {
    if (hasStatus(error, 401, 403)) return { visible: false, status: (error as { status: number }).status };
    throw error;
  }
}
