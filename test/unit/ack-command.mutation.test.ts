/**
 * The parts of src/domain/ack-command.ts and src/templates/engine/render.ts that the mutation run found unguarded:
 * the exact replies to a mistaken `/ack` (an unknown command, quoted and cut at 40 characters; an unknown credit type,
 * cut likewise, with the list of types; nobody to credit; a credit that is no account and no acceptable name), a
 * login credited without a type (`reporter`), a login followed by more than a type, `name=` only as a prefix, runs of
 * spaces and a no-break space in a command, what triage's command mode makes of `/ack` and `/triage needs-info`; and
 * the render errors: the missing path chosen by line and column, a broken helper argument named by a later part of
 * its path, and an error of neither kind reported as it is.
 */
import { describe, expect, it } from '@jest/globals';
import { ackCommandMode, needsInfoMode, parseAckCommand } from '../../src/domain/ack-command.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { compileTemplate, renderTemplate, TemplateError } from '../../src/templates/engine.js';

const USAGE =
  'Use `/ack sent` once the acknowledgement is sent, or `/ack credit @login [type]`, `/ack credit <name>`, `/ack credit none`.';
const CREDIT_FORMS =
  'Write `/ack credit @login [type]` (a GitHub account), `/ack credit <name>` (up to 100 characters, no `<` or `>`) or `/ack credit none`.';
const TYPES =
  'analyst, finder, reporter, coordinator, remediation_developer, remediation_reviewer, remediation_verifier, tool, sponsor, other';

describe('an /ack that is no command', () => {
  it('quotes what was written, trimmed, and repeats the usage', () => {
    expect(parseAckCommand('/ack hello ')).toEqual({
      kind: 'invalid',
      problem: `\`/ack hello\` is not a command. ${USAGE}`,
    });
  });

  it('quotes at most 40 characters of it', () => {
    expect(parseAckCommand(`/ack ${'y'.repeat(60)}`)).toEqual({
      kind: 'invalid',
      problem: `\`/ack ${'y'.repeat(40)}\` is not a command. ${USAGE}`,
    });
  });
});

describe('spacing inside an /ack command', () => {
  it('reads /ack sent after a no-break space', () => {
    expect(parseAckCommand('/ack\u00a0sent')).toEqual({ kind: 'sent' });
    expect(parseAckCommand('/ack \u00a0sent')).toEqual({ kind: 'sent' });
  });

  it('credits a name written with a run of spaces as written with one', () => {
    expect(parseAckCommand('/ack credit Jane   Doe')).toEqual({
      kind: 'credit',
      credit: { name: 'Jane Doe', type: 'reporter' },
    });
  });
});

describe('crediting a GitHub account', () => {
  it('credits a login without a type as the reporter', () => {
    expect(parseAckCommand('/ack credit @rita')).toEqual({
      kind: 'credit',
      credit: { login: 'rita', type: 'reporter' },
    });
  });

  it('names an unknown credit type and lists the types', () => {
    expect(parseAckCommand('/ack credit @rita chef')).toEqual({
      kind: 'invalid',
      problem: `"chef" is not a credit type: ${TYPES}.`,
    });
  });

  it('quotes at most 40 characters of an unknown type', () => {
    expect(parseAckCommand(`/ack credit @rita ${'x'.repeat(50)}`)).toEqual({
      kind: 'invalid',
      problem: `"${'x'.repeat(40)}" is not a credit type: ${TYPES}.`,
    });
  });

  it('refuses a login followed by more than a type, showing the forms to write', () => {
    expect(parseAckCommand('/ack credit @rita finder extra')).toEqual({ kind: 'invalid', problem: CREDIT_FORMS });
  });
});

describe('crediting a name', () => {
  it('drops name= only at the start', () => {
    expect(parseAckCommand('/ack credit Jane name=Doe')).toEqual({
      kind: 'credit',
      credit: { name: 'Jane name=Doe', type: 'reporter' },
    });
  });

  it('asks whom to credit when nothing is named', () => {
    const problem = `Say whom to credit. ${USAGE}`;
    expect(parseAckCommand('/ack credit')).toEqual({ kind: 'invalid', problem });
    expect(parseAckCommand('/ack credit ""')).toEqual({ kind: 'invalid', problem });
  });

  it.each([
    ['no valid login', '@-bad'],
    ['angle brackets', '<b>Jane</b>'],
    ['more than 100 characters', 'J'.repeat(101)],
  ])('refuses a credit with %s, showing the forms to write', (_what, credit) => {
    expect(parseAckCommand(`/ack credit ${credit}`)).toEqual({ kind: 'invalid', problem: CREDIT_FORMS });
  });
});

describe("triage's command mode for /ack", () => {
  it('holds nothing for a comment without /ack', () => {
    expect(ackCommandMode('Thanks, looking into it.')).toBeUndefined();
  });

  it('holds a valid command', () => {
    expect(ackCommandMode('/ack sent')).toEqual({ ack: { kind: 'sent' } });
    expect(ackCommandMode('/ack credit @rita finder')).toEqual({
      ack: { kind: 'credit', credit: { login: 'rita', type: 'finder' } },
    });
  });

  it('holds the mistake as a ConfigurationError of the ack command', () => {
    const mode = ackCommandMode('/ack credit');
    expect(mode).toEqual({ error: expect.any(ConfigurationError) });
    const error = mode && 'error' in mode ? mode.error : undefined;
    expect(error?.message).toBe(`Say whom to credit. ${USAGE}`);
    expect(error?.source).toBe('ack command');
  });
});

describe('/triage needs-info without a question', () => {
  it('is a ConfigurationError of the triage command saying where to write it', () => {
    const mode = needsInfoMode('/triage needs-info');
    const error = mode && 'error' in mode ? mode.error : undefined;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toBe(
      'Write the question for the reporter after `/triage needs-info` (on the same line or the lines below).',
    );
    expect(error?.source).toBe('triage command');
  });
});

/** The message of the TemplateError rendering `source` with `data` throws (fails on anything else). */
function renderErrorMessage(source: string, data: object): string {
  try {
    renderTemplate(compileTemplate(source, 'custom'), data);
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  throw new Error('threw nothing');
}

describe('a render error naming the missing path', () => {
  it('picks the path at the line and column of the missing value, not another on the same line', () => {
    expect(renderErrorMessage('{{a.x}} {{b.y}}', { a: { x: 1 }, b: {} })).toBe(
      'template "custom": "b.y" is not defined (line 1)',
    );
  });

  it('picks the path at the line and column of the missing value, not another at the same column', () => {
    expect(renderErrorMessage('{{a.x}}\n{{b.y}}', { a: { x: 1 }, b: {} })).toBe(
      'template "custom": "b.y" is not defined (line 2)',
    );
  });

  it('names a broken helper argument by a part after its first, not a path starting with that name', () => {
    expect(renderErrorMessage('{{c.d}} {{md a.b.c}}', { c: { d: 'x' }, a: {} })).toBe(
      'template "custom": "a.b.c" is not defined: a part of it is missing or null',
    );
  });

  it('reports an error of neither kind as Handlebars words it', () => {
    expect(renderErrorMessage('{{[a"b]}}', {})).toBe(
      'template "custom": could not be rendered: "a"b" not defined in [object Object] - 1:2',
    );
  });
});
