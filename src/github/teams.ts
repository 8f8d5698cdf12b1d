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
