/**
 * CODEOWNERS as GitHub documents it ("About code owners"): gitignore-style patterns followed by
 * owners, the last matching rule wins, paths are case-sensitive.
 *
 * GitHub's documented exceptions to gitignore are reported as line errors and the line skipped,
 * as GitHub does: `!` negation, `[ ]` character ranges, and `\#` at the start of a pattern
 * (GitHub does not honour the escape, so the line would not mean what it says).
 * One more GitHub difference from gitignore: a pattern ending in `/*` (e.g. `docs/*`) matches
 * only the files directly in that directory, not nested ones.
 */
import { firstOfEachIgnoringCase } from './first-of-each.js';

/**
 * Where GitHub looks for the file, in its order: `.github/`, the root, then `docs/`.
 * The first one found is used and the others are ignored.
 */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeownersRule {
  /** The pattern as written (escapes kept). */
  pattern: string;
  /** `@user`, `@org/team` or `email@example.com`; empty means the rule unsets ownership. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
  /** Matches a repository-relative path (no leading slash). */
  regex: RegExp;
}

export interface CodeownersError {
  line: number;
  message: string;
}

export interface ParsedCodeowners {
  rules: CodeownersRule[];
  errors: CodeownersError[];
}

export interface SplitOwners {
  /** Logins without the `@`. */
  users: string[];
  teams: { org: string; slug: string }[];
  emails: string[];
}

const USER = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Parses a CODEOWNERS file; invalid lines are reported in `errors` and left out of `rules`. */
export function parseCodeowners(text: string): ParsedCodeowners {
  const rules: CodeownersRule[] = [];
  const errors: CodeownersError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const tokens = tokenize(raw);
    const [pattern, ...owners] = tokens;
    if (pattern === undefined) return;
    const problem = patternProblem(pattern) ?? ownersProblem(owners);
    if (problem) {
      errors.push({ line, message: problem });
      return;
    }
    rules.push({ pattern, owners, line, regex: patternToRegex(pattern) });
  });
  return { rules, errors };
}

/** Splits a line on whitespace, dropping a comment: from a token that starts with `#` to the end of the line. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  for (const token of line.trim().split(/\s+/)) {
    if (token === '' || token.startsWith('#')) break;
    tokens.push(token);
  }
  return tokens;
}

function patternProblem(pattern: string): string | undefined {
  if (pattern.startsWith('!')) return `negation "${pattern}" is not supported in CODEOWNERS (GitHub ignores this line)`;
  if (pattern.startsWith('\\#')) {
    return `escaping a leading "#" ("${pattern}") does not work in CODEOWNERS (GitHub ignores this line)`;
  }
  if (/(^|[^\\])[[\]]/.test(pattern)) {
    return `character ranges "[ ]" are not supported in CODEOWNERS ("${pattern}"; GitHub ignores this line)`;
  }
  if (pattern.includes('***')) return `pattern "${pattern}" has three consecutive "*"`;
  if (pattern.endsWith('\\')) return `pattern "${pattern}" ends with an unfinished escape "\\"`;
  return undefined;
}

function ownersProblem(owners: readonly string[]): string | undefined {
  const invalid = owners.filter((owner) => !USER.test(owner) && !TEAM.test(owner) && !EMAIL.test(owner));
  if (invalid.length === 0) return undefined;
  return `invalid owner(s) ${invalid.map((owner) => `"${owner}"`).join(', ')}: use @user, @org/team or an email address`;
}

/**
 * gitignore semantics as GitHub applies them: a pattern without a slash (other than a trailing one)
 * matches at any depth; a leading or middle slash anchors it to the root; a trailing slash means the
 * directory and everything below it; a match on a directory covers everything below it, except for
 * a final lone `*`, which matches direct children only.
 */
function patternToRegex(pattern: string): RegExp {
  const segments = pattern.split('/');
  if (segments[0] === '') segments.shift();
  else if (segments.length === 1 || (segments.length === 2 && segments[1] === '')) segments.unshift('**');
  if (segments.length > 1 && segments[segments.length - 1] === '') segments[segments.length - 1] = '**';

  const last = segments.length - 1;
  let source = '';
  let needSlash = false;
  segments.forEach((segment, index) => {
    if (segment === '**') {
      if (index === 0 && index === last) source += '.+';
      else if (index === 0) source += '(?:.+/)?';
      else if (index === last) source += '/.+';
      else source += '(?:/.+)?';
      needSlash = index !== 0;
      return;
    }
    if (needSlash) source += '/';
    source += segmentToRegex(segment);
    if (index === last && segment !== '*') source += '(?:/.+)?';
    needSlash = true;
  });
  return new RegExp(`^${source}$`);
}

function segmentToRegex(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; i += 1) {
    const char = segment.charAt(i);
    if (char === '\\') {
      i += 1;
      source += escapeRegex(segment.charAt(i));
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += escapeRegex(char);
  }
  return segment === '*' ? '[^/]+' : source;
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function normalizePath(path: string): string {
  return path.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/** The rule that decides a path's owners: the last one that matches, as on GitHub. */
export function matchingRule(rules: readonly CodeownersRule[], path: string): CodeownersRule | undefined {
  const normalized = normalizePath(path);
  for (let i = rules.length - 1; i >= 0; i -= 1) {
    const rule = rules[i];
    if (rule?.regex.test(normalized)) return rule;
  }
  return undefined;
}

/** Owners of a path; empty when no rule matches or the last matching rule has no owners. */
export function ownersFor(rules: readonly CodeownersRule[], path: string): string[] {
  return [...(matchingRule(rules, path)?.owners ?? [])];
}

/**
 * Owners of any of the paths, in order of first appearance, without duplicates
 * (compared case-insensitively, as GitHub logins, team slugs and emails are).
 */
export function ownersForPaths(rules: readonly CodeownersRule[], paths: readonly string[]): string[] {
  return firstOfEachIgnoringCase(paths.flatMap((path) => ownersFor(rules, path)));
}

/** Sorts owners into users (login without `@`), teams and emails; anything else is dropped. */
export function splitOwners(owners: readonly string[]): SplitOwners {
  const split: SplitOwners = { users: [], teams: [], emails: [] };
  for (const owner of owners) {
    const team = TEAM.exec(owner);
    const user = USER.exec(owner);
    if (team?.[1] && team[2]) split.teams.push({ org: team[1], slug: team[2] });
    else if (user?.[1]) split.users.push(user[1]);
    else if (EMAIL.test(owner)) split.emails.push(owner);
  }
  return split;
}
