/**
 * The parts of the template engine (src/templates/engine.ts, engine/analysis.ts, builtin.ts) that the mutation run
 * found unguarded: the exact messages for an unknown field (with the available ones and the line of first use) and an
 * unknown helper (with the known ones), a call with only named arguments, a known helper used without arguments,
 * comments, `{{this}}` and data variables that are no field, `each` over a sub-expression or without a subject,
 * block parameters against `this.`, `./`, `../` and segment literals, a compiler error surfacing at compile time
 * rather than at the first render, and a null value in a sample read for its fields.
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

const KNOWN = 'md, code, date, join, eq, checkbox, default, if, unless, each, with';

const templateErrorOf = (run: () => unknown): TemplateError => thrownBy(run, TemplateError);

describe('the fields a template references', () => {
  it('finds no field in `this`, `.` or `@root` alone', () => {
    expect(templateFields('{{this}} {{.}} {{@root}}')).toEqual([]);
    expect(() => assertTemplateFields('{{this}}', 'custom', ['title'])).not.toThrow();
  });

  it('takes a data variable with members for no field, and `@root.x` for `x`', () => {
    expect(templateFields('{{#each cves}}{{@index.x}} {{@first.id}} {{@root.title}}{{/each}}')).toEqual([
      'cves',
      'title',
    ]);
  });

  it('takes a known helper without arguments for a helper, not a field', () => {
    expect(templateFields('{{date}} {{checkbox}} {{title}}')).toEqual(['title']);
  });

  it('takes a call with only named arguments for a helper call: its arguments are the fields', () => {
    expect(templateFields('{{shout text=title}}')).toEqual(['title']);
  });

  it('does not report the fields inside an `each` over a sub-expression, nor its block parameter', () => {
    expect(templateFields('{{#each (default cves otherCves) as |cve|}}{{id}} {{cve.id}}{{/each}}')).toEqual([
      'cves',
      'otherCves',
    ]);
  });

  it('does not report a member of an index parameter', () => {
    expect(templateFields('{{#each cves as |cve i|}}{{i.x}} {{cve.id}}{{/each}}')).toEqual(['cves', 'cves[].id']);
  });

  it('reads an `each` without a subject as not changing the context', () => {
    expect(templateFields('{{#each}}{{title}}{{/each}}')).toEqual(['title']);
  });

  it('takes no name for a block parameter when the block declares none', () => {
    // A segment literal can name a field anything, spaces included.
    expect(templateFields('{{#each cves}}{{[Stryker was here]}}{{/each}}')).toEqual([
      'cves',
      'cves[].Stryker was here',
    ]);
  });
});

describe('block parameters against explicit contexts', () => {
  it('resolves `this.name` and `./name` against the context, not the block parameter', () => {
    expect(templateFields('{{#each cves as |cve|}}{{this.cve}} {{./cve}} {{cve.id}}{{/each}}')).toEqual([
      'cves',
      'cves[].cve',
      'cves[].id',
    ]);
  });

  it('resolves `../name` against the parent context, not the block parameter', () => {
    expect(templateFields('{{#each cves as |cve|}}{{../cve}}{{/each}}')).toEqual(['cves', 'cve']);
  });

  it('keeps a block parameter whose later segment holds `./` (a segment literal) a block parameter', () => {
    expect(templateFields('{{#each cves as |cve|}}{{cve.[x./y]}}{{/each}}')).toEqual(['cves', 'cves[].x./y']);
  });
});

describe('messages for what a template may not use', () => {
  it('names an unknown field, every available field and the line of its first use', () => {
    const source = 'Dear reporter,\n{{titel}}\n\n{{md titel}}\n';
    const error = templateErrorOf(() => assertTemplateFields(source, 'custom', ['title', 'cves[].id']));
    expect(error.message).toBe(
      'template "custom": "titel" is not an available field (available: title, cves[].id) (line 2)',
    );
    expect(error.details).toEqual([
      { detail: '"titel" is not an available field (available: title, cves[].id) (line 2)', line: 2 },
    ]);
  });

  it('names an unknown helper called with only named arguments, and lists the known ones', () => {
    const error = templateErrorOf(() => compileTemplate('{{shout text=title}}', 'custom'));
    expect(error.message).toBe(`template "custom": "shout" is not a helper (known: ${KNOWN}) (line 1)`);
  });

  it('says a block helper used without arguments needs a block', () => {
    const error = templateErrorOf(() => compileTemplate('Hi\n{{if}}', 'custom'));
    expect(error.message).toBe('template "custom": "if" needs a block: {{#if …}}…{{/if}} (line 2)');
  });

  it('calls a template "template" in a parse error when no name is given', () => {
    const error = templateErrorOf(() => templateFields('{{#if x}}'));
    expect(error.message).toMatch(/^template "template": Parse error on line 1:/);
  });
});

describe('compiling a project template', () => {
  it('allows comments, and renders nothing for them', () => {
    const template = compileTemplate('{{! for maintainers }}Hello{{!-- {{not a field}} --}}', 'custom');
    expect(renderTemplate(template, {})).toBe('Hello');
  });

  it('reports an error of the Handlebars compiler at compile time, located in the file', () => {
    // The analysis takes `(title)` for a field; the compiler calls it an unknown helper.
    const error = templateErrorOf(() =>
      compileTemplate('{{md (title)}}', 'custom', { file: '.github/disclosure/announcement.md' }),
    );
    expect(error.message).toBe(
      'template "custom": You specified knownHelpersOnly, but used the unknown helper title - 1:5',
    );
    expect(error.file).toBe('.github/disclosure/announcement.md');
  });
});

describe('the fields of a sample', () => {
  it('takes a null value, or a list of nulls, for a leaf', () => {
    expect(fieldsOf({ mitigation: null, tags: [null], cvss: { score: 1 } })).toEqual([
      'mitigation',
      'tags[]',
      'cvss.score',
    ]);
  });
});
