import { describe, expect, it } from '@jest/globals';
import {
  escapeMarkdown,
  inertForLog,
  inertText,
  INERT_TEXT_MAX_LENGTH,
  neutraliseMentions,
  stripControlCharacters,
  truncate,
  ZERO_WIDTH_JOINER,
} from '../../src/domain/sanitize.js';

const ZWJ = ZERO_WIDTH_JOINER;

describe('escapeMarkdown', () => {
  it('leaves plain prose, identifiers and versions unchanged', () => {
    const plain = 'CVE-2026-1234 {{x}} affects versions 1.2.3 to 2.0 (see #123), thanks! {x} a-b a+b 3. ok';
    expect(escapeMarkdown(plain)).toBe(plain);
  });

  it('backslash-escapes inline Markdown specials', () => {
    expect(escapeMarkdown('*bold* _em_ `code` ~~del~~ a|b $x$ \\n')).toBe(
      '\\*bold\\* \\_em\\_ \\`code\\` \\~\\~del\\~\\~ a\\|b \\$x\\$ \\\\n',
    );
  });

  it('turns HTML into entities and escapes an entity-like &', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('&#64;everyone &amp; Tom & Jerry')).toBe('&amp;#64;everyone &amp;amp; Tom & Jerry');
  });

  it('breaks links, images and autolinks', () => {
    expect(escapeMarkdown('[click](https://evil.example)')).toBe('\\[click\\](https\\://evil.example)');
    expect(escapeMarkdown('![x](y)')).toBe('!\\[x\\](y)');
    expect(escapeMarkdown('<https://evil.example>')).toBe('&lt;https\\://evil.example&gt;');
    expect(escapeMarkdown('go to www.evil.example or WWW.Evil.example')).toBe(
      'go to www\\.evil.example or WWW\\.Evil.example',
    );
    expect(escapeMarkdown('ftp://x and HTTP://y')).toBe('ftp\\://x and HTTP\\://y');
  });

  it('escapes block markers at the start of any line, after indentation', () => {
    expect(escapeMarkdown('# Title\n  ## Sub\n- item\n+ item\n1. first\n 2) second\n> quote')).toBe(
      '\\# Title\n  \\## Sub\n\\- item\n\\+ item\n1\\. first\n 2\\) second\n&gt; quote',
    );
  });

  it('escapes setext underlines and thematic breaks, not dashes inside text', () => {
    expect(escapeMarkdown('Heading\n===\nText\n---\n- - -\na -- b')).toBe(
      'Heading\n\\===\nText\n\\---\n\\- - -\na -- b',
    );
  });

  it('escapes fences and table rows', () => {
    expect(escapeMarkdown('```js\n~~~\n| a | b |\n|---|---|')).toBe(
      '\\`\\`\\`js\n\\~\\~\\~\n\\| a \\| b \\|\n\\|---\\|---\\|',
    );
  });
});

describe('neutraliseMentions', () => {
  it('inserts a ZWJ after the @ of users, teams and everyone', () => {
    expect(neutraliseMentions('@user hi @org/team, (@everyone)')).toBe(
      `@${ZWJ}user hi @${ZWJ}org/team, (@${ZWJ}everyone)`,
    );
    expect(neutraliseMentions('cc:@a\n@b')).toBe(`cc:@${ZWJ}a\n@${ZWJ}b`);
  });

  it('leaves e-mail addresses and a bare @ intact', () => {
    const text = 'mail a@b.c or first_last@example.org; @ alone; @-dash';
    expect(neutraliseMentions(text)).toBe(text);
  });
});

describe('stripControlCharacters', () => {
  it('keeps tab and newline, normalises CR and CRLF to LF', () => {
    expect(stripControlCharacters('a\tb\r\nc\rd\ne')).toBe('a\tb\nc\nd\ne');
  });

  it('removes C0, DEL, C1 controls and ANSI escape starts', () => {
    expect(stripControlCharacters('a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u009bg')).toBe('abc[31mdefg');
  });

  it('removes bidi overrides, isolates and marks', () => {
    const spoofed = 'invoice\u202Egpj.exe \u2066x\u2069 \u200Fy\u200E \u061Cz \u202Aw\u202C';
    expect(stripControlCharacters(spoofed)).toBe('invoicegpj.exe x y z w');
  });

  it('removes zero-width and invisible characters and Unicode tags but keeps ZWJ', () => {
    const hidden = 'a\u200Bb\u200Cc\u2060d\uFEFFe\u00ADf\u180Eg\u{E0041}\u{E0042}h';
    expect(stripControlCharacters(hidden)).toBe('abcdefgh');
    const family = '👨\u200D👩\u200D👧';
    expect(stripControlCharacters(family)).toBe(family);
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(stripControlCharacters('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('cuts to max including the marker', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 4, '...')).toBe('a...');
    expect(truncate('abcdef', 4).length).toBe(4);
  });

  it('never splits a surrogate pair', () => {
    const result = truncate('ab😀cd', 4);
    expect(result).toBe('ab…');
    expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(truncate('a😀cd', 4)).toBe('a😀…');
  });

  it('copes with a limit smaller than the marker', () => {
    expect(truncate('abcdef', 2, '...')).toBe('..');
    expect(truncate('abcdef', 0)).toBe('');
  });
});

describe('inertForLog', () => {
  it('escapes % and newlines as the runner expects', () => {
    expect(inertForLog('50% done\r\nnext\nline')).toBe('50%25 done%0Anext%0Aline');
  });

  it('breaks workflow commands at the start, also after whitespace', () => {
    expect(inertForLog('::set-output name=x::y')).toBe('%3A:set-output name=x::y');
    expect(inertForLog('  ::add-mask::secret')).toBe('  %3A:add-mask::secret');
    expect(inertForLog('##[set-env name=A]b')).toBe('%23#[set-env name=A]b');
    expect(inertForLog('::error::x')).not.toMatch(/^\s*::/);
  });

  it('cannot smuggle a command onto a new line', () => {
    const result = inertForLog('ok\n::error::pwned\r::warning::x');
    expect(result).toBe('ok%0A::error::pwned%0A::warning::x');
    expect(result).not.toMatch(/[\r\n]/);
  });

  it('neutralises ${{ and strips controls', () => {
    expect(inertForLog('${{ secrets.TOKEN }} and ${{github.token}}')).toBe(
      '$\\{{ secrets.TOKEN }} and $\\{{github.token}}',
    );
    expect(inertForLog('\u001b[2Kred\u202E')).toBe('[2Kred');
  });

  it('leaves ordinary text alone', () => {
    expect(inertForLog('Report GHSA-abcd-1234-wxyz acknowledged: a::b')).toBe(
      'Report GHSA-abcd-1234-wxyz acknowledged: a::b',
    );
  });
});

describe('inertText', () => {
  it('strips, escapes and neutralises together', () => {
    expect(inertText('hi @admin\u202E <b>*x*</b>\u0000')).toBe(`hi @${ZWJ}admin &lt;b&gt;\\*x\\*&lt;/b&gt;`);
  });

  it('escapes ${{ so it is not a template expression in the source', () => {
    expect(inertText('${{ secrets.X }}')).toBe('\\$\\{{ secrets.X }}');
    expect(inertText('${{ secrets.X }}')).not.toContain('${{');
  });

  it('truncates huge input before escaping', () => {
    const huge = '*'.repeat(100_000);
    const result = inertText(huge);
    expect(result).toBe(`${'\\*'.repeat(INERT_TEXT_MAX_LENGTH - 1)}…`);
    expect(inertText('abcdef', 4)).toBe('abc…');
  });

  it('does not leave a dangling escape or entity at the cut', () => {
    expect(inertText('abc<def', 5)).toBe('abc&lt;…');
  });
});
