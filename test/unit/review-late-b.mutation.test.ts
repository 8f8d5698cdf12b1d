/**
 * The parts of src/templates/engine/render.ts and src/domain/announcement.ts that the mutation run found unguarded:
 * the values hidden from a render error (exactly four characters, the longer of two overlapping values first, null
 * and undefined in the data, lists left as they are) and a fence of the other character inside a fenced code block of
 * an advisory's description; and in src/templates/engine/analysis.ts, a data variable with `../` named like a block
 * parameter, which Handlebars looks up in the data, not on the block parameter.
 */
import { describe, expect, it } from '@jest/globals';
import { splitDescription } from '../../src/domain/announcement.js';
import { compileTemplate, renderTemplate, TemplateError, templateFields } from '../../src/templates/engine.js';
import { thrownBy } from './thrown.js';

const IN_WITH = '{{#with summary}}{{text}}{{/with}}';
const QUOTED = "template \"custom\": could not be rendered: Cannot use 'in' operator to search for 'text' in ";

function renderError(source: string, data: object): TemplateError {
  return thrownBy(() => renderTemplate(compileTemplate(source, 'custom'), data), TemplateError);
}

describe('the values a render error hides', () => {
  it('hides a value of exactly four characters', () => {
    expect(renderError(IN_WITH, { summary: 'Leak' }).message).toBe(`${QUOTED}[a value of the data]`);
  });

  it('hides the longer of two values first when the shorter, listed first, is part of it', () => {
    const data = { short: 'Secret', other: 'Secret RCE', summary: 'Secret RCE in loader' };
    expect(renderError(IN_WITH, data).message).toBe(`${QUOTED}[a value of the data]`);
  });

  it('copes with null and undefined among the values', () => {
    const data = { none: null, missing: undefined, summary: 'Secret RCE in loader' };
    expect(renderError(IN_WITH, data).message).toBe(`${QUOTED}[a value of the data]`);
  });

  it('hides strings only, not a list written out', () => {
    const data = { parts: ['ab', 'cd', 'ef', 'gh'] };
    expect(renderError('{{#with "ab,cd,ef,gh"}}{{text}}{{/with}}', data).message).toBe(`${QUOTED}ab,cd,ef,gh`);
  });
});

describe('a fenced code block of an advisory description', () => {
  it('is not closed by a fence of the other character, so a `#` line after it stays code', () => {
    const text = '### Impact\nBad.\n```\n~~~\n# not a heading\n```\n### Patches\nFixed in 2.';
    expect(splitDescription(text)).toEqual({
      description: 'Patches:\nFixed in 2.',
      impact: 'Bad.\n```\n~~~\n# not a heading\n```',
    });
  });

  it('is not closed by a shorter fence of the same character', () => {
    const text = '### Impact\nBad.\n````\n```\n# not a heading\n````\n### Patches\nFixed in 2.';
    expect(splitDescription(text)).toEqual({
      description: 'Patches:\nFixed in 2.',
      impact: 'Bad.\n````\n```\n# not a heading\n````',
    });
  });
});

describe('a data variable with ../ named like a block parameter', () => {
  it('is not read as the block parameter, as Handlebars does not read it so', () => {
    const source = '{{#each items as |foo|}}[{{@../foo.x}}]{{/each}}';
    expect(templateFields(source)).toEqual(['items']);
    const rendered = compileTemplate(source, 'custom').render(
      { items: [{ x: 'item' }] },
      { data: { foo: { x: 'data' } } },
    );
    expect(rendered).toBe('[data]');
  });
});
