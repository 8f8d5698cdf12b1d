/**
 * @mentions as GitHub finds them in Markdown it renders: `@login` of a user and `@org/team` of a team that exists,
 * outside code blocks, code spans and HTML comments (no mention is rendered, so nobody is notified there), not glued
 * to a word (`security@sample-org.example` is an address, not a mention) and never the author. Each created text
 * with mentions appends one notification to `state.notifications`; an edit appends the mentions it added.
 */
import { findTeam, findUser } from './state.js';
import type { EmulatorState, MentionNotification } from './types.js';

/** A login: alphanumerics and single inner hyphens, at most 39; then, for a team, `/slug`. */
const MENTION =
  /(?<![A-Za-z0-9_`@/\\.+-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?:\/([A-Za-z0-9][A-Za-z0-9_-]*))?(?![A-Za-z0-9_])/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The text GitHub would scan: without HTML comments, fenced code blocks and code spans. */
function prose(text: string): string {
  const lines = text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').split(/\r?\n/);
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    kept.push(line);
  }
  // A code span: a run of backticks, then anything up to the same run (within one paragraph).
  return kept.join('\n').replace(/(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?[^`]\1(?!`)/g, ' ');
}

/** Who `text` mentions, as GitHub spells them: `alice`, `sample-org/maintainers`; unknown handles are not mentions. */
export function mentionsIn(state: EmulatorState, text: string, author: string): string[] {
  const found: string[] = [];
  for (const match of prose(text).matchAll(MENTION)) {
    const [, login = '', slug] = match;
    let handle: string | undefined;
    if (slug !== undefined) {
      const team = findTeam(state, login, slug);
      handle = team ? `${team.org}/${team.slug}` : undefined;
    } else {
      const user = findUser(state, login);
      handle = user?.type === 'User' && user.login.toLowerCase() !== author.toLowerCase() ? user.login : undefined;
    }
    if (handle && !found.some((seen) => seen.toLowerCase() === handle.toLowerCase())) found.push(handle);
  }
  return found;
}

export type MentionSource = Pick<MentionNotification, 'kind' | 'author' | 'commentId'> &
  Partial<Pick<MentionNotification, 'issue' | 'advisory' | 'discussion'>>;

/**
 * Records the notification a created text (`previous` undefined) or an edit sends. An edit notifies only the mentions
 * it added: those already in `previous` were notified when they were written.
 */
export function recordMentions(
  state: EmulatorState,
  source: MentionSource,
  text: string | null,
  previous?: string | null,
): void {
  const before = previous === undefined ? [] : mentionsIn(state, previous ?? '', source.author);
  const known = new Set(before.map((handle) => handle.toLowerCase()));
  const mentioned = mentionsIn(state, text ?? '', source.author).filter((handle) => !known.has(handle.toLowerCase()));
  if (mentioned.length === 0) return;
  state.notifications.push({
    at: state.now,
    mentioned,
    commentId: source.commentId,
    issue: source.issue ?? null,
    advisory: source.advisory ?? null,
    discussion: source.discussion ?? null,
    kind: source.kind,
    on: previous === undefined ? 'create' : 'edit',
    author: source.author,
  });
}
