/**
 * A render error goes to the run's log, and an announcement's data is embargoed until the advisory is published: a
 * JavaScript error raised inside a template, which can quote a value of the data, is reported without the values
 * (src/templates/engine/render.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { compileTemplate, renderTemplate, TemplateError } from '../../src/templates/engine.js';

const SECRET = 'Secret RCE in loader';

function renderError(source: string, data: object): TemplateError {
  try {
    renderTemplate(compileTemplate(source, 'custom'), data);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('rendered without an error');
}

describe('a render error raised inside a template', () => {
  it('says what went wrong without quoting a value of the data', () => {
    const error = renderError('{{#with summary}}{{text}}{{/with}}', { summary: SECRET });
    expect(error.message).toBe(
      "template \"custom\": could not be rendered: Cannot use 'in' operator to search for 'text' in [a value of the data]",
    );
  });

  it('hides values deep in the data, the longest first, and leaves strings shorter than 4 characters', () => {
    const data = { a: { b: [SECRET, 'Secret'] }, short: 'in' };
    const error = renderError('{{#with a.b.[0]}}{{text}}{{/with}}', data);
    expect(error.message).toBe(
      "template \"custom\": could not be rendered: Cannot use 'in' operator to search for 'text' in [a value of the data]",
    );
  });

  it('copes with data that holds itself', () => {
    const data: Record<string, unknown> = { summary: SECRET };
    data.self = data;
    expect(renderError('{{#with summary}}{{text}}{{/with}}', data).message).not.toContain(SECRET);
  });
});
