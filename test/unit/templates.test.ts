import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { ZERO_WIDTH_JOINER } from '../../src/domain/sanitize.js';
import { ACKNOWLEDGEMENT_TEMPLATE } from '../../src/templates/acknowledgement.js';
import { ANNOUNCEMENT_TEMPLATE } from '../../src/templates/announcement.js';
import { fieldsOf, type BuiltinTemplate } from '../../src/templates/builtin.js';
import { FORK_GUIDANCE_TEMPLATE } from '../../src/templates/fork-guidance.js';
import { REJECTION_TEMPLATE } from '../../src/templates/rejection.js';
import { REPORTER_THANKS_TEMPLATE } from '../../src/templates/reporter-thanks.js';
import { RETROSPECTIVE_TEMPLATE } from '../../src/templates/retrospective.js';
import { TRACKER_ISSUE_TEMPLATE } from '../../src/templates/tracker-issue.js';
import {
  assertTemplateFields,
  compileTemplate,
  renderTemplate,
  TemplateError,
  templateFields,
} from '../../src/templates/engine.js';

const ZWJ = ZERO_WIDTH_JOINER;

function render(source: string, data: object, name = 'test'): string {
  return renderTemplate(compileTemplate(source, name), data);
}

function renderError(source: string, data: object, name = 'test'): TemplateError {
  try {
    render(source, data, name);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to fail`);
}

const ANNOUNCEMENT = `# {{md summary}}

{{#each cves}}
- {{code id}} (CVSS {{score}}){{#if @last}}.{{/if}}
{{/each}}
Release: {{date released_at}}
{{#if mitigation}}
## Mitigation
{{md mitigation}}
{{else}}
No mitigation.
{{/if}}
- {{checkbox fixed}} fixed
Credits: {{join credits " and "}}
`;

describe('renderTemplate', () => {
  it('renders an announcement with the helpers', () => {
    const output = render(ANNOUNCEMENT, {
      summary: 'Path traversal in *loader*',
      cves: [
        { id: 'CVE-2026-0001', score: 9.8 },
        { id: 'CVE-2026-0002', score: 5.3 },
      ],
      released_at: '2026-11-24T17:00:00+01:00',
      mitigation: null,
      fixed: true,
      credits: ['Ada', '@mallory'],
    });
    expect(output).toBe(`# Path traversal in \\*loader\\*

- \`CVE-2026-0001\` (CVSS 9.8)
- \`CVE-2026-0002\` (CVSS 5.3).
Release: 2026-11-24 16:00 UTC
No mitigation.
- [x] fixed
Credits: Ada and @${ZWJ}mallory
`);
  });

  it('renders an optional section when the value is present', () => {
    const output = render('{{#if mitigation}}Mitigation: {{md mitigation}}{{/if}}', { mitigation: 'Disable _x_' });
    expect(output).toBe('Mitigation: Disable \\_x\\_');
  });

  it('does not HTML-escape plain mustaches (we write Markdown)', () => {
    expect(render('{{a}} & {{b}}', { a: 'x & y', b: '"q"' })).toBe('x & y & "q"');
  });

  it('supports eq, default, unless, with and block params', () => {
    const source =
      '{{#if (eq severity "high")}}H{{/if}}{{#unless patched}}U{{/unless}} {{md (default note "none")}} ' +
      '{{#with owner}}{{login}}{{/with}} {{#each tags as |tag i|}}{{i}}={{md tag}};{{/each}}';
    const output = render(source, { severity: 'high', patched: false, note: '', owner: { login: 'bob' }, tags: ['a'] });
    expect(output).toBe('HU none bob 0=a;');
  });

  it('renders null as empty in md, code, date and join', () => {
    expect(render('[{{md a}}|{{code b}}|{{date c}}|{{join d}}]', { a: null, b: null, c: null, d: null })).toBe('[|||]');
  });

  it('formats dates in UTC from strings with an offset and from Date objects', () => {
    expect(render('{{date d}}', { d: '2026-03-05T23:30:00-05:00' })).toBe('2026-03-06 04:30 UTC');
    expect(render('{{date d}}', { d: new Date(Date.UTC(2026, 0, 2, 3, 4)) })).toBe('2026-01-02 03:04 UTC');
    expect(render('{{date d}}', { d: '2026-11-24' })).toBe('2026-11-24 00:00 UTC');
  });

  it('rejects dates without an offset or that are not ISO', () => {
    expect(renderError('{{date d}}', { d: '2026-11-24T16:00' }).message).toMatch(/"date" expects an ISO 8601/);
    expect(renderError('{{date d}}', { d: 'next Tuesday' }).message).toContain('"next Tuesday"');
  });

  it('makes code spans that survive backticks and newlines', () => {
    expect(render('{{code v}}', { v: 'npm i x' })).toBe('`npm i x`');
    expect(render('{{code v}}', { v: 'a`b' })).toBe('``a`b``');
    expect(render('{{code v}}', { v: '`x```' })).toBe('```` `x``` ````');
    expect(render('{{code v}}', { v: 'line1\n\n# line2' })).toBe('`line1  # line2`');
    expect(render('{{code v}}', { v: '' })).toBe('');
  });
});

describe('strict values', () => {
  it('names the template and the missing field', () => {
    const error = renderError('Hello {{cve_id}}', {}, 'announcement');
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('template "announcement": "cve_id" is not defined (line 1)');
    expect(error.templateName).toBe('announcement');
  });

  it('names a nested path in full, with its line', () => {
    expect(renderError('a\nb {{advisory.cve.id}}', { advisory: {} }).message).toBe(
      'template "test": "advisory.cve.id" is not defined (line 2)',
    );
  });

  it('reports a missing field inside each', () => {
    expect(renderError('{{#each cves}}{{id}}{{/each}}', { cves: [{}] }).message).toContain('"id" is not defined');
  });

  it('treats a missing helper argument as an error, naming it', () => {
    expect(renderError('{{md summary}}', {}).message).toBe('template "test": "summary" is not defined (line 1)');
    expect(renderError('{{md a.b.c}}', { a: {} }).message).toContain('"a.b.c" is not defined');
  });

  it('requires optional fields to be present as null for if/unless/each/with', () => {
    expect(renderError('{{#if mitigaton}}x{{/if}}', { mitigation: null }).message).toContain(
      '"mitigaton" is not defined',
    );
    expect(renderError('{{#unless x}}x{{/unless}}', {}).message).toContain('"x" is not defined');
    expect(renderError('{{#each x}}x{{/each}}', {}).message).toContain('"x" is not defined');
    expect(renderError('{{#with x}}x{{/with}}', {}).message).toContain('"x" is not defined');
    expect(render('{{#if x}}x{{else}}none{{/if}}{{#each y}}y{{else}}empty{{/each}}', { x: null, y: null })).toBe(
      'noneempty',
    );
  });

  it('checks helper arity, named arguments and argument types', () => {
    expect(renderError('{{md}}', {}).message).toContain('"md" takes 1 argument(s), got 0');
    expect(renderError('{{md a b}}', { a: 1, b: 2 }).message).toContain('got 2');
    expect(renderError('{{md a x=1}}', { a: 1 }).message).toContain('takes no named arguments');
    expect(renderError('{{md a}}', { a: { b: 1 } }).message).toContain('"md" expects text, got object (line 1)');
    expect(renderError('{{md a}}', { a: ['x'] }).message).toContain('a list (use join)');
    expect(renderError('{{join a}}', { a: 'x' }).message).toContain('"join" expects a list');
  });
});

describe('compileTemplate', () => {
  it('reports syntax errors with the template name and parse message', () => {
    expect(() => compileTemplate('{{#if x}}unclosed', 'retrospective')).toThrow(TemplateError);
    expect(() => compileTemplate('{{#if x}', 'retrospective')).toThrow(
      /^template "retrospective": Parse error on line 1/,
    );
    expect(() => compileTemplate('{{#if x}}a{{/each}}', 'ack')).toThrow(/^template "ack": if doesn't match each/);
  });

  it('rejects unknown helpers, lookup and log', () => {
    expect(() => compileTemplate('{{shout name}}', 't')).toThrow(/"shout" is not a helper/);
    expect(() => compileTemplate('{{lookup this "constructor"}}', 't')).toThrow(/"lookup" is not a helper/);
    expect(() => compileTemplate('{{log "x"}}', 't')).toThrow(/"log" is not a helper/);
  });

  it('rejects partials, decorators, sections and misused helpers', () => {
    expect(() => compileTemplate('{{> footer}}', 't')).toThrow(/partials are not supported/);
    expect(() => compileTemplate('{{#> layout}}x{{/layout}}', 't')).toThrow(/partials are not supported/);
    expect(() => compileTemplate('{{* deco}}', 't')).toThrow(/Decorator is not supported/);
    expect(() => compileTemplate('{{#advisory}}x{{/advisory}}', 't')).toThrow(/\{\{#advisory\}\} is not a helper/);
    expect(() => compileTemplate('{{^advisory}}x{{/advisory}}', 't')).toThrow(/is not a helper/);
    expect(() => compileTemplate('{{if x}}', 't')).toThrow(/"if" needs a block/);
    expect(() => compileTemplate('{{#md x}}y{{/md}}', 't')).toThrow(/"md" is not a block helper/);
    expect(() => compileTemplate('{{"name"}}', 't')).toThrow(/literal/);
  });
});

describe('prototype access from templates', () => {
  it('cannot call constructor.constructor', () => {
    expect(() => compileTemplate('{{constructor.constructor "return process"}}', 't')).toThrow(TemplateError);
    expect(() => compileTemplate('{{#with (constructor.constructor "return process")}}{{/with}}', 't')).toThrow(
      TemplateError,
    );
  });

  it('renders __proto__ and constructor as nothing, never as code', () => {
    expect(render('{{#with this}}[{{__proto__}}]{{/with}}', {})).toBe('[]');
    expect(render('[{{constructor}}][{{__proto__}}]', {})).toBe('[][]');
    expect(render('[{{title.constructor}}]', { title: {} })).toBe('[]');
    expect(renderError('{{constructor.constructor}}', {}).message).toContain(
      '"constructor.constructor" is not defined',
    );
    expect(renderError('{{constructor.name}}', {}).message).toContain('is not defined');
  });

  it('does not expose inherited methods through md', () => {
    expect(renderError('{{md toString}}', {}).message).toContain('"toString" is not defined');
    expect(renderError('{{md title.toString}}', { title: {} }).message).toContain('"title.toString" is not defined');
    expect(renderError('{{md title.__proto__}}', { title: {} }).message).toContain('is not defined');
  });
});

describe('hostile data through md', () => {
  const render1 = (value: string): string => render('{{md value}}', { value });

  it('keeps template syntax in data as text', () => {
    expect(render1('{{constructor.constructor "return process"}}')).toBe(
      '{{constructor.constructor "return process"}}',
    );
  });

  it('escapes HTML and links', () => {
    expect(render1('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(render1('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
  });

  it('does not ping anyone', () => {
    expect(render1('@org/everyone @admin')).toBe(`@${ZWJ}org/everyone @${ZWJ}admin`);
  });

  it('keeps workflow commands and expressions inert', () => {
    const output = render1('::set-output name=x::y\n${{ secrets.X }}');
    expect(output).toBe('::set-output name=x::y\n\\$\\{{ secrets.X }}');
    expect(output).not.toContain('${{');
  });

  it('strips control characters and bidi overrides', () => {
    expect(render1('safe\u202Eexe.txt\u0000\u001b[31m')).toBe('safeexe.txt\\[31m');
  });

  it('truncates a 100k-character field', () => {
    const output = render1('a'.repeat(100_000));
    expect(output).toHaveLength(4000);
    expect(output.endsWith('…')).toBe(true);
  });

  it('keeps items of join inert too', () => {
    expect(render('{{join names}}', { names: ['@a', '<b>', 3] })).toBe(`@${ZWJ}a, &lt;b&gt;, 3`);
  });
});

describe('templateFields', () => {
  it('lists top-level and nested paths in order of first use, without duplicates', () => {
    expect(templateFields('{{md advisory.summary}} {{cve_id}} {{cve_id}} {{#if advisory.severity}}!{{/if}}')).toEqual([
      'advisory.summary',
      'cve_id',
      'advisory.severity',
    ]);
  });

  it('follows each, with, block params, ../ and @root', () => {
    const source =
      '{{#each cves as |cve i|}}{{cve.id}} {{i}} {{@index}} {{this.score}} {{../product}} {{@root.repo}}' +
      '{{#with owner}}{{login}}{{/with}}{{else}}{{empty_text}}{{/each}}' +
      '{{#with release}}{{#if draft}}{{../title}}{{/if}}{{/with}}';
    expect(templateFields(source)).toEqual([
      'cves',
      'cves[].id',
      'cves[].score',
      'product',
      'repo',
      'cves[].owner',
      'cves[].owner.login',
      'empty_text',
      'release',
      'release.draft',
      'title',
    ]);
  });

  it('looks inside helper arguments and sub-expressions, not at helper names', () => {
    expect(templateFields('{{md (default note fallback)}} {{join tags ", "}} {{#if (eq a "x")}}{{/if}}')).toEqual([
      'note',
      'fallback',
      'tags',
      'a',
    ]);
  });

  it('reports a syntax error by name', () => {
    expect(() => templateFields('{{oops', 'mine')).toThrow(/^template "mine": Parse error/);
  });
});

describe('assertTemplateFields', () => {
  const available = ['cve_id', 'summary', 'mitigation', 'cves[].id', 'cves[].score', 'tags'];

  it('accepts a template that uses only available fields', () => {
    expect(() =>
      assertTemplateFields(
        '{{md summary}} {{#each cves}}{{id}} {{score}}{{/each}} {{#each tags}}{{this}}{{/each}}',
        'ann',
        available,
      ),
    ).not.toThrow();
  });

  it('names the first unknown field', () => {
    expect(() => assertTemplateFields('{{md summary}} {{md sumary}} {{md other}}', 'ann', available)).toThrow(
      /^template "ann": "sumary" is not an available field/,
    );
    expect(() => assertTemplateFields('{{#each cves}}{{scroe}}{{/each}}', 'ann', available)).toThrow(
      /"cves\[\]\.scroe" is not an available field/,
    );
  });

  it('does not treat a listed container as providing everything below it', () => {
    expect(() => assertTemplateFields('{{summary.length}}', 'ann', available)).toThrow(/"summary.length"/);
    expect(() => assertTemplateFields('{{constructor.constructor}}', 'ann', available)).toThrow(TemplateError);
  });

  it('rejects templates with disallowed constructs before looking at fields', () => {
    expect(() => assertTemplateFields('{{> partial}}', 'ann', available)).toThrow(/partials are not supported/);
  });
});

describe('the built-in templates', () => {
  const BUILTINS: readonly BuiltinTemplate[] = [
    ACKNOWLEDGEMENT_TEMPLATE,
    ANNOUNCEMENT_TEMPLATE,
    FORK_GUIDANCE_TEMPLATE,
    REJECTION_TEMPLATE,
    REPORTER_THANKS_TEMPLATE,
    RETROSPECTIVE_TEMPLATE,
    TRACKER_ISSUE_TEMPLATE,
  ];

  it.each(BUILTINS.map((builtin) => [builtin.name, builtin] as const))(
    '%s uses only the fields of its data, and renders every sample',
    (_name, builtin) => {
      expect(() => assertTemplateFields(builtin.source, builtin.name, builtin.fields)).not.toThrow();
      const template = compileTemplate(builtin.source, builtin.name);
      for (const sample of builtin.samples) expect(renderTemplate(template, sample)).not.toBe('');
    },
  );

  it('reads the fields from a sample: nested objects with `.`, list items with `[]`', () => {
    const sample = { id: 'x', cvss: { score: 1 }, cves: [{ id: 'y', tags: ['z'] }], names: ['n'], note: 'm' };
    expect(fieldsOf(sample)).toEqual(['id', 'cvss.score', 'cves[].id', 'cves[].tags[]', 'names[]', 'note']);
  });

  it('names the fields a project template may use, nested ones included', () => {
    expect(ANNOUNCEMENT_TEMPLATE.fields).toContain('advisories[].packages[].vulnerableRange');
    expect(RETROSPECTIVE_TEMPLATE.fields).toContain('people.fixTeam[]');
    expect(REPORTER_THANKS_TEMPLATE.fields).toContain('creditTypes[]');
  });
});
