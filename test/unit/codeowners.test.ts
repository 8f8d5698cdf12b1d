import { describe, expect, it } from '@jest/globals';
import {
  CODEOWNERS_LOCATIONS,
  matchingRule,
  ownersFor,
  ownersForPaths,
  parseCodeowners,
  splitOwners,
} from '../../src/domain/codeowners.js';

// The example file from GitHub's "About code owners" page (the two /apps/ variants are tested separately).
const GITHUB_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
# @global-owner1 and @global-owner2 will be requested for
# review when someone opens a pull request.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence.
*.js    @js-owner #This is an inline comment.

*.go docs@example.com

*.txt @octo-org/octocats

/build/logs/ @doctocat

docs/* docs@example.com

apps/ @octocat

/docs/ @doctocat

/scripts/ @doctocat @octocat

**/logs @octocat
`;

function ownersIn(text: string, path: string): string[] {
  const { rules, errors } = parseCodeowners(text);
  expect(errors).toEqual([]);
  return ownersFor(rules, path);
}

describe('parseCodeowners', () => {
  it('parses rules with their line numbers and skips comments, blank lines and inline comments', () => {
    const { rules, errors } = parseCodeowners(GITHUB_EXAMPLE);
    expect(errors).toEqual([]);
    expect(rules.map(({ pattern, owners, line }) => ({ pattern, owners, line }))).toEqual([
      { pattern: '*', owners: ['@global-owner1', '@global-owner2'], line: 8 },
      { pattern: '*.js', owners: ['@js-owner'], line: 12 },
      { pattern: '*.go', owners: ['docs@example.com'], line: 14 },
      { pattern: '*.txt', owners: ['@octo-org/octocats'], line: 16 },
      { pattern: '/build/logs/', owners: ['@doctocat'], line: 18 },
      { pattern: 'docs/*', owners: ['docs@example.com'], line: 20 },
      { pattern: 'apps/', owners: ['@octocat'], line: 22 },
      { pattern: '/docs/', owners: ['@doctocat'], line: 24 },
      { pattern: '/scripts/', owners: ['@doctocat', '@octocat'], line: 26 },
      { pattern: '**/logs', owners: ['@octocat'], line: 28 },
    ]);
  });

  it('accepts a rule without owners and CRLF line ends', () => {
    const { rules, errors } = parseCodeowners('/apps/ @octocat\r\n/apps/github\r\n');
    expect(errors).toEqual([]);
    expect(rules.map((rule) => [rule.pattern, rule.owners])).toEqual([
      ['/apps/', ['@octocat']],
      ['/apps/github', []],
    ]);
  });

  it('reports negation as an error for its line and skips it', () => {
    const { rules, errors } = parseCodeowners('* @a\n!*.md @b\n*.js @c\n');
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('negation "!*.md" is not supported') }]);
    expect(rules.map((rule) => rule.pattern)).toEqual(['*', '*.js']);
  });

  it('reports character ranges as an error', () => {
    const { rules, errors } = parseCodeowners('Python/ceval*.[ch] @markshannon\n');
    expect(rules).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('character ranges "[ ]" are not supported') }]);
  });

  it('reports an escaped leading # as an error, since GitHub does not honour the escape', () => {
    const { rules, errors } = parseCodeowners('\\#notes.md @a\n');
    expect(rules).toEqual([]);
    expect(errors[0]?.message).toContain('escaping a leading "#"');
  });

  it('reports invalid owners, naming them', () => {
    const { rules, errors } = parseCodeowners('*.js @ok not-an-owner @org/\n');
    expect(rules).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('"not-an-owner", "@org/"') }]);
  });

  it('keeps an escaped # inside a pattern as a literal character', () => {
    expect(ownersIn('a\\#b.md @a\n', 'a#b.md')).toEqual(['@a']);
  });
});

describe('ownersFor with GitHub example file', () => {
  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/deep/index.js', ['@js-owner']],
    ['cmd/main.go', ['docs@example.com']],
    ['notes/todo.txt', ['@octo-org/octocats']],
    ['build/logs/today.log', ['@octocat']], // **/logs comes after /build/logs/
    ['build/logs/2024/01.log', ['@octocat']],
    ['docs/getting-started.md', ['@doctocat']],
    ['apps/web/main.rb', ['@octocat']],
    ['services/apps/main.rb', ['@octocat']],
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deeply/nested/logs/x.txt', ['@octocat']],
    ['scripts/logs/run.txt', ['@octocat']],
  ])('%s is owned by %j', (path, owners) => {
    expect(ownersIn(GITHUB_EXAMPLE, path)).toEqual(owners);
  });

  it('uses the last matching rule', () => {
    expect(ownersIn(GITHUB_EXAMPLE, 'build/logs/app.js')).toEqual(['@octocat']);
    expect(ownersIn(GITHUB_EXAMPLE.replace('**/logs @octocat', ''), 'build/logs/app.js')).toEqual(['@doctocat']);
    expect(ownersIn(GITHUB_EXAMPLE, 'app.js')).toEqual(['@js-owner']);
    expect(ownersIn('*.js @first\n*.js @second\n', 'a.js')).toEqual(['@second']);
  });

  it('accepts paths with a leading slash or ./', () => {
    expect(ownersIn(GITHUB_EXAMPLE, '/scripts/x.sh')).toEqual(['@doctocat', '@octocat']);
    expect(ownersIn(GITHUB_EXAMPLE, './scripts/x.sh')).toEqual(['@doctocat', '@octocat']);
  });
});

describe('pattern semantics', () => {
  it('docs/* matches files directly in docs only', () => {
    const text = '* @all\ndocs/* docs@example.com\n';
    expect(ownersIn(text, 'docs/getting-started.md')).toEqual(['docs@example.com']);
    expect(ownersIn(text, 'docs/build-app/troubleshooting.md')).toEqual(['@all']);
    expect(ownersIn(text, 'src/docs/a.md')).toEqual(['@all']);
  });

  it('/build/logs/ is anchored to the root and covers everything below', () => {
    expect(ownersIn('/build/logs/ @d\n', 'build/logs/a/b/c.log')).toEqual(['@d']);
    expect(ownersIn('/build/logs/ @d\n', 'src/build/logs/a.log')).toEqual([]);
    expect(ownersIn('/build/logs/ @d\n', 'build/logs')).toEqual([]);
  });

  it('a pattern with a middle slash is anchored to the root', () => {
    expect(ownersIn('src/lib @a\n', 'src/lib/x.ts')).toEqual(['@a']);
    expect(ownersIn('src/lib @a\n', 'pkg/src/lib/x.ts')).toEqual([]);
  });

  it('a pattern without a slash matches at any depth, as a file or a directory', () => {
    expect(ownersIn('Makefile @a\n', 'Makefile')).toEqual(['@a']);
    expect(ownersIn('Makefile @a\n', 'tools/Makefile')).toEqual(['@a']);
    expect(ownersIn('vendor @a\n', 'lib/vendor/x/y.c')).toEqual(['@a']);
    expect(ownersIn('vendor @a\n', 'vendored.c')).toEqual([]);
  });

  it('apps/ matches an apps directory anywhere but not a file named apps', () => {
    expect(ownersIn('apps/ @o\n', 'apps/x')).toEqual(['@o']);
    expect(ownersIn('apps/ @o\n', 'a/b/apps/x/y')).toEqual(['@o']);
    expect(ownersIn('apps/ @o\n', 'apps')).toEqual([]);
  });

  it('**/logs matches a logs directory or file at any depth', () => {
    expect(ownersIn('**/logs @o\n', 'logs')).toEqual(['@o']);
    expect(ownersIn('**/logs @o\n', 'build/logs/x')).toEqual(['@o']);
    expect(ownersIn('**/logs @o\n', 'build/catalogs/x')).toEqual([]);
  });

  it('/docs/** matches everything below the root docs directory', () => {
    expect(ownersIn('/docs/** @d\n', 'docs/a/b.md')).toEqual(['@d']);
    expect(ownersIn('/docs/** @d\n', 'x/docs/a.md')).toEqual([]);
  });

  it('* matches everything and ? one character', () => {
    expect(ownersIn('* @all\n', 'a/b/c/d.e')).toEqual(['@all']);
    expect(ownersIn('file?.md @q\n', 'x/file1.md')).toEqual(['@q']);
    expect(ownersIn('file?.md @q\n', 'file10.md')).toEqual([]);
  });

  it('is case-sensitive, like GitHub', () => {
    expect(ownersIn('/Docs/ @d\n', 'docs/a.md')).toEqual([]);
  });

  it('a middle ** matches zero or more directories', () => {
    expect(ownersIn('src/**/test @t\n', 'src/test/a.ts')).toEqual(['@t']);
    expect(ownersIn('src/**/test @t\n', 'src/a/b/test/a.ts')).toEqual(['@t']);
  });

  it('regex metacharacters in patterns are literal', () => {
    expect(ownersIn('a+b.(c) @m\n', 'a+b.(c)')).toEqual(['@m']);
    expect(ownersIn('a+b.(c) @m\n', 'aab.(c)')).toEqual([]);
  });
});

describe('rules without owners', () => {
  const text = '/apps/ @octocat\n/apps/github\n';

  it('unset ownership for what they match', () => {
    expect(ownersIn(text, 'apps/main/index.js')).toEqual(['@octocat']);
    expect(ownersIn(text, 'apps/github/index.js')).toEqual([]);
    const { rules } = parseCodeowners(text);
    expect(matchingRule(rules, 'apps/github/index.js')?.pattern).toBe('/apps/github');
    expect(matchingRule(rules, 'README.md')).toBeUndefined();
  });

  it('are overridden by a later rule with owners', () => {
    expect(ownersIn(`${text}/apps/github @doctocat\n`, 'apps/github/x')).toEqual(['@doctocat']);
  });
});

describe('ownersForPaths', () => {
  it('returns the union in first-appearance order without duplicates', () => {
    const { rules } = parseCodeowners(GITHUB_EXAMPLE);
    expect(ownersForPaths(rules, ['scripts/a.sh', 'lib/b.js', 'apps/x', 'scripts/c.sh', 'README.md'])).toEqual([
      '@doctocat',
      '@octocat',
      '@js-owner',
      '@global-owner1',
      '@global-owner2',
    ]);
  });

  it('compares owners case-insensitively', () => {
    const { rules } = parseCodeowners('*.js @Alice\n*.ts @alice @bob\n');
    expect(ownersForPaths(rules, ['a.js', 'b.ts'])).toEqual(['@Alice', '@bob']);
  });

  it('is empty for no paths', () => {
    expect(ownersForPaths(parseCodeowners('* @a\n').rules, [])).toEqual([]);
  });
});

describe('splitOwners', () => {
  it('separates users, teams and emails', () => {
    expect(
      splitOwners(['@octocat', '@octo-org/octocats', 'docs@example.com', '@doc-tocat', '@org/team_name.x']),
    ).toEqual({
      users: ['octocat', 'doc-tocat'],
      teams: [
        { org: 'octo-org', slug: 'octocats' },
        { org: 'org', slug: 'team_name.x' },
      ],
      emails: ['docs@example.com'],
    });
  });
});

describe('CODEOWNERS_LOCATIONS', () => {
  it('lists .github/, the root, then docs/', () => {
    expect(CODEOWNERS_LOCATIONS).toEqual(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
  });
});
