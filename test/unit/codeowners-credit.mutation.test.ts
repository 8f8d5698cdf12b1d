/**
 * The parts of src/domain/codeowners.ts and src/domain/credit.ts that the mutation run found unguarded: the exact
 * messages for `***` and a trailing `\`, brackets at the very start of a pattern, indented lines, `/` and `/**`
 * patterns, `dir/` not covering a sibling whose name only starts the same, escaped wildcards, a doubled slash,
 * `dir/*` not covering the directory itself, paths with several `./` or `/` in front or a directory ending in a dot,
 * owners that only case-fold alike in upper case, owners splitOwners drops; the advisory credits (entries without a
 * login or a type, a repeated choice with its previous login, a removal leaving a prefix or nothing, a type changed on
 * a second entry) and the exact credit texts.
 */
import { describe, expect, it } from '@jest/globals';
import { ownersFor, ownersForPaths, parseCodeowners, splitOwners } from '../../src/domain/codeowners.js';
import { creditsWith, creditText } from '../../src/domain/credit.js';

function ownersIn(text: string, path: string): string[] {
  const { rules, errors } = parseCodeowners(text);
  expect(errors).toEqual([]);
  return ownersFor(rules, path);
}

describe('CODEOWNERS lines GitHub would not read as written', () => {
  it('reports three consecutive * with its message and skips the line', () => {
    const { rules, errors } = parseCodeowners('* @all\nsrc/***/x @a\n');
    expect(errors).toEqual([{ line: 2, message: 'pattern "src/***/x" has three consecutive "*"' }]);
    expect(rules.map((rule) => rule.pattern)).toEqual(['*']);
  });

  it('reports a pattern ending in an unfinished escape with its message and skips the line', () => {
    const { rules, errors } = parseCodeowners('docs\\ @a\n');
    expect(errors).toEqual([{ line: 1, message: 'pattern "docs\\" ends with an unfinished escape "\\"' }]);
    expect(rules).toEqual([]);
  });

  it('reports a bracket at the very start of a pattern as a character range', () => {
    const { rules, errors } = parseCodeowners('[notes.md @a\n');
    expect(errors).toEqual([
      {
        line: 1,
        message: 'character ranges "[ ]" are not supported in CODEOWNERS ("[notes.md"; GitHub ignores this line)',
      },
    ]);
    expect(rules).toEqual([]);
  });
});

describe('CODEOWNERS lines it reads', () => {
  it('reads an indented rule', () => {
    expect(ownersIn('   *.js   @js-owner\n', 'src/a.js')).toEqual(['@js-owner']);
  });

  it('keeps an escaped * or ? literal', () => {
    expect(ownersIn('a\\*b.md @a\n', 'a*b.md')).toEqual(['@a']);
    expect(ownersIn('a\\*b.md @a\n', 'axxb.md')).toEqual([]);
    expect(ownersIn('a\\?b.md @a\n', 'axb.md')).toEqual([]);
  });
});

describe('patterns at the root', () => {
  it('/** covers every path', () => {
    expect(ownersIn('/** @all\n', 'README.md')).toEqual(['@all']);
    expect(ownersIn('/** @all\n', 'src/deep/a.py')).toEqual(['@all']);
  });

  it('a lone / covers no file', () => {
    expect(ownersIn('* @all\n/ @root\n', 'README.md')).toEqual(['@all']);
    expect(ownersIn('* @all\n/ @root\n', 'src/a.py')).toEqual(['@all']);
  });

  it('a doubled slash in the middle still anchors the pattern to the root', () => {
    expect(ownersIn('docs//api @a\n', 'docs//api/x.md')).toEqual(['@a']);
    expect(ownersIn('docs//api @a\n', 'src/docs//api/x.md')).toEqual([]);
  });
});

describe('directories', () => {
  it('apps/ and /docs/** do not cover a sibling whose name starts the same', () => {
    expect(ownersIn('apps/ @o\n', 'appstore/x.rb')).toEqual([]);
    expect(ownersIn('/docs/** @d\n', 'docs-old/a.md')).toEqual([]);
  });

  it('docs/* covers the files in docs, not the docs directory itself', () => {
    expect(ownersIn('docs/* @d\n', 'docs/a.md')).toEqual(['@d']);
    expect(ownersIn('docs/* @d\n', 'docs/')).toEqual([]);
  });
});

describe('paths as the team types them', () => {
  it('drops any number of leading ./ and /', () => {
    expect(ownersIn('/scripts/ @s\n', '././scripts/x.sh')).toEqual(['@s']);
    expect(ownersIn('/scripts/ @s\n', '//scripts/x.sh')).toEqual(['@s']);
  });

  it('keeps ./ inside a path: a directory name ending in a dot stays as it is', () => {
    expect(ownersIn('/tools./ @t\n', 'tools./x.py')).toEqual(['@t']);
  });
});

describe('owners of several paths', () => {
  it('keeps two e-mail addresses that only match when upper-cased (ß and ss) apart', () => {
    const { rules } = parseCodeowners('*.py straße@example.com\n*.md strasse@example.com\n');
    expect(ownersForPaths(rules, ['a.py', 'b.md'])).toEqual(['straße@example.com', 'strasse@example.com']);
  });

  it('splitOwners drops what is neither a user, a team nor an e-mail address', () => {
    expect(splitOwners(['plain', '@org/', 'a@b', '@octocat'])).toEqual({ users: ['octocat'], teams: [], emails: [] });
  });
});

describe("the reporter's credit on the advisory", () => {
  it('keeps entries with a login, typed "other" when GitHub gives no type, and drops entries without a login', () => {
    expect(creditsWith([{ type: 'finder' }, { login: 'alice' }], { login: 'rita' })).toEqual([
      { login: 'alice', type: 'other' },
      { login: 'rita', type: 'reporter' },
    ]);
  });

  it('credits a login on an advisory with no credits yet (null)', () => {
    expect(creditsWith(null, { login: 'rita' })).toEqual([{ login: 'rita', type: 'reporter' }]);
  });

  it('changes nothing when the same login is chosen again, its previous login being itself', () => {
    const current = [
      { login: 'rita', type: 'reporter' },
      { login: 'alice', type: 'analyst' },
    ];
    expect(creditsWith(current, { login: 'rita' }, 'rita')).toBeUndefined();
    expect(creditsWith(current, { login: 'Rita', type: 'finder' }, 'rita')).toEqual([
      { login: 'rita', type: 'finder' },
      { login: 'alice', type: 'analyst' },
    ]);
  });

  it('removes the last entry or the only one, leaving what came before or nothing', () => {
    const current = [
      { login: 'alice', type: 'analyst' },
      { login: 'rita', type: 'reporter' },
    ];
    expect(creditsWith(current, { declined: true }, 'rita')).toEqual([{ login: 'alice', type: 'analyst' }]);
    expect(creditsWith([{ login: 'rita', type: 'reporter' }], { declined: true }, 'rita')).toEqual([]);
  });

  it('changes the type of the second entry', () => {
    const current = [
      { login: 'alice', type: 'analyst' },
      { login: 'rita', type: 'reporter' },
    ];
    expect(creditsWith(current, { login: 'rita', type: 'finder' })).toEqual([
      { login: 'alice', type: 'analyst' },
      { login: 'rita', type: 'finder' },
    ]);
  });

  it('changes nothing when a declined credit meets an advisory without credits', () => {
    expect(creditsWith([], { declined: true })).toBeUndefined();
  });
});

describe('how the credit reads', () => {
  it('names the login and its type, reporter when not said', () => {
    expect(creditText({ login: 'rita' })).toBe("`@rita` (reporter), on the advisory's credits");
    expect(creditText({ login: 'rita', type: 'finder' })).toBe("`@rita` (finder), on the advisory's credits");
  });

  it('quotes the name for the announcement text, or nothing when there is none', () => {
    expect(creditText({ name: 'Jane Doe' })).toBe(
      `"Jane Doe", in the announcement text (GitHub's credits take logins only)`,
    );
    expect(creditText({})).toBe(`"", in the announcement text (GitHub's credits take logins only)`);
  });

  it('says a declined credit goes nowhere', () => {
    expect(creditText({ declined: true, login: 'rita' })).toBe('declined (no credit anywhere)');
  });
});
