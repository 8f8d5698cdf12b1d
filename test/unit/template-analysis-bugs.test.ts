/**
 * Two ways a project's template once got past, or crashed, the check of its fields (src/templates/engine/analysis.ts):
 * a block named by a literal (`{{#"if" x}}`, `{{#1}}`) threw a bare TypeError instead of a TemplateError, and a block
 * parameter path with `this` in a later segment (`{{cve.is-this}}`) was read as the block parameter's field while
 * Handlebars reads it on the context. Each case is rendered by Handlebars, compiled as the engine compiles it, so the
 * analysis is held to what Handlebars really does.
 */
import { describe, expect, it } from '@jest/globals';
import { fieldsOf } from '../../src/templates/builtin.js';
import {
  assertTemplateFields,
  compileTemplate,
  renderTemplate,
  TemplateError,
  templateFields,
} from '../../src/templates/engine.js';
import { thrownBy } from './thrown.js';

const FILE = '.github/disclosure/announcement.md';

const templateErrorOf = (run: () => unknown): TemplateError => thrownBy(run, TemplateError);

describe('a block named by a literal', () => {
  const LITERAL_PROBLEM = 'a literal in place of a field or helper name is not supported (line 2)';

  it.each(['{{#"if" x}}y{{/"if"}}', '{{#"foo"}}y{{/"foo"}}', '{{#1}}y{{/1}}', '{{#true}}y{{/true}}'])(
    'is refused with a TemplateError naming the file and line: %s',
    (block) => {
      const source = `Intro\n${block}\n`;
      const error = templateErrorOf(() => assertTemplateFields(source, 'custom', ['x', 'foo'], FILE));
      expect(error.message).toBe(`template "custom": ${LITERAL_PROBLEM}`);
      expect(error.details).toEqual([{ detail: LITERAL_PROBLEM, line: 2 }]);
      expect(error.file).toBe(FILE);
      expect(templateErrorOf(() => compileTemplate(source, 'custom')).message).toBe(
        `template "custom": ${LITERAL_PROBLEM}`,
      );
    },
  );
});

/** The value at an analysis field path (`cves[].cve.id`), taking a list's first item for `[]`. */
function valueAt(data: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((value, part) => {
    const key = part.endsWith('[]') ? part.slice(0, -2) : part;
    const next = (value as Record<string, unknown>)[key];
    return part.endsWith('[]') ? (next as unknown[])[0] : next;
  }, data);
}

describe('a block parameter path with `this` in a later segment, as Handlebars renders it', () => {
  // Every path below names a different value, so the rendered text tells which one Handlebars looked up.
  const data = {
    id: 'root id',
    cves: [
      {
        id: 'item id',
        thistle: 'item thistle',
        'is-this': 'item is-this',
        'is this': 'item is this',
        cve: { 'is-this': 'context cve.is-this', 'is this': 'context cve.is this' },
        is_this: { id: 'context is_this.id' },
      },
    ],
  };

  it.each([
    ['{{cve.is-this}}', 'cve', 'cves[].cve.is-this', 'context cve.is-this'],
    ['{{cve.[is this]}}', 'cve', 'cves[].cve.is this', 'context cve.is this'],
    ['{{is_this.id}}', 'is_this', 'cves[].is_this.id', 'context is_this.id'],
    // `this` with no word boundary after it does not count: still the block parameter.
    ['{{cve.thistle}}', 'cve', 'cves[].thistle', 'item thistle'],
    ['{{cve.id}}', 'cve', 'cves[].id', 'item id'],
    // A data variable named like a block parameter is the block parameter: Handlebars checks those first.
    ['{{@root.id}}', 'root', 'cves[].id', 'item id'],
  ])('%s under `as |%s|` is %s', (mustache, param, field, rendered) => {
    const source = `{{#each cves as |${param}|}}${mustache}{{/each}}`;
    expect(templateFields(source)).toEqual(['cves', field]);
    expect(renderTemplate(compileTemplate(source, 'custom'), data)).toBe(rendered);
    expect(valueAt(data, field)).toBe(rendered);
  });

  it('refuses `{{cve.is-this}}` when only the item has `is-this`, as rendering it fails', () => {
    const source = '{{#each cves as |cve|}}{{cve.is-this}}{{/each}}';
    const sample = { cves: [{ 'is-this': 'item is-this' }] };
    const refused = templateErrorOf(() => assertTemplateFields(source, 'custom', fieldsOf(sample), FILE));
    expect(refused.details).toEqual([
      { detail: '"cves[].cve.is-this" is not an available field (available: cves[].is-this) (line 1)', line: 1 },
    ]);
    const failed = templateErrorOf(() => renderTemplate(compileTemplate(source, 'custom'), sample));
    expect(failed.message).toBe('template "custom": "cve.is-this" is not defined (line 1)');
  });

  it('accepts `{{cve.is-this}}` when the context has `cve.is-this`, and renders it', () => {
    const source = '{{#each cves as |cve|}}{{cve.is-this}}{{/each}}';
    const sample = { cves: [{ cve: { 'is-this': 'context cve.is-this' } }] };
    expect(() => assertTemplateFields(source, 'custom', fieldsOf(sample), FILE)).not.toThrow();
    expect(renderTemplate(compileTemplate(source, 'custom'), sample)).toBe('context cve.is-this');
  });
});

describe('a block parameter named like a helper', () => {
  it.each([
    ['date', '{{#each cves as |date|}}{{date}}{{/each}}'],
    ['if', '{{#each cves as |if|}}{{#if x}}y{{/if}}{{/each}}'],
    ['md', '{{#each cves as |cve md|}}{{cve}}{{/each}}'],
  ])('is refused, as it would hide the helper %s inside the block', (name, block) => {
    const source = `Intro\n${block}\n`;
    const problem = `the block parameter "${name}" has the name of a helper, which it would hide inside the block: rename it (line 2)`;
    const error = templateErrorOf(() => assertTemplateFields(source, 'custom', ['cves[]', 'x'], FILE));
    expect(error.details).toContainEqual({ detail: problem, line: 2 });
  });

  it('leaves a block parameter with a name of its own alone', () => {
    expect(() =>
      assertTemplateFields('{{#each cves as |cve|}}{{cve}}{{/each}}', 'custom', ['cves[]'], FILE),
    ).not.toThrow();
  });
});
