import { nodeId } from '../ids.js';
import { addUser, findUser } from '../state.js';
import type { Team } from '../types.js';
import type { View } from './view.js';

export function simpleUser(view: View, login: string) {
  const user = findUser(view.state, login) ?? addUser(view.state, login);
  // GitHub percent-encodes bot logins (`dependabot%5Bbot%5D`) and links a bot to its App's page.
  const url = `${view.api}/users/${encodeURIComponent(user.login)}`;
  const htmlUrl =
    user.type === 'Bot' ? `${view.web}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${view.web}/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Organization' ? 'Organization' : 'User', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: htmlUrl,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

export function teamObject(view: View, team: Team) {
  const url = `${view.api}/organizations/${team.org}/team/${team.id}`;
  return {
    id: team.id,
    node_id: nodeId('Team', team.id),
    url,
    html_url: `${view.web}/orgs/${team.org}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    parent: null,
  };
}
