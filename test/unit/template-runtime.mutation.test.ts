/**
 * The parts of the template engine's runtime (src/templates/engine/errors.ts, helpers.ts, instance.ts, paths.ts)
 * that the mutation run found unguarded: what a TemplateError holds (its problems, their lines, the file they are
 * located in, its message, source and name), `checkbox`, `default` and `join` with their exact errors, `md` of
 * booleans and bigints, `date` of a list, the padding of `code` spans, the exact messages of a helper called with the
 * wrong number of arguments, a missing argument with no path, and a `{{#field}}` section, an error that is no
 * RenderProblem passing through a helper untouched, a helper called without Handlebars' options, an instance without
 * a built-in helper, and which paths of a tree (parsed, or built by hand) a template keeps for its errors.
 */
import { describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import { compileTemplate, renderTemplate, TemplateError } from '../../src/templates/engine.js';
import { handlebars } from '../../src/templates/engine/compiler.js';
import { atLine } from '../../src/templates/engine/errors.js';
import { COMPILE_OPTIONS, configureInstance } from '../../src/templates/engine/instance.js';
import { templatePaths } from '../../src/templates/engine/paths.js';
import { thrownBy } from './thrown.js';

const templateErrorOf = (run: () => unknown): TemplateError => thrownBy(run, TemplateError);

const render = (source: string, data: object): string => renderTemplate(compileTemplate(source, 't'), data);
const renderError = (source: string, data: object): string => templateErrorOf(() => render(source, data)).message;

/** `source` compiled by the engine's Handlebars without the engine's checks, so a render reaches the helpers. */
function renderUnchecked(source: string, data: object): string {
  const compiled = handlebars.compile(source, COMPILE_OPTIONS);
  return renderTemplate({ name: 't', paths: templatePaths(handlebars.parse(source)), render: compiled }, data);
}

type Helper = (...args: unknown[]) => unknown;
const helper = (name: string): Helper => handlebars.helpers[name] as Helper;

/** The RenderProblem message `call` throws. */
function problemOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('threw nothing');
}

describe('a TemplateError', () => {
  it('reads the line of each problem from "(line N)" at its end or from a Handlebars parse error', () => {
    const error = new TemplateError('t', ['"x" is not defined (line 3)', 'Parse error on line 7:\n...', 'no line']);
    expect(error.details).toStrictEqual([
      { detail: '"x" is not defined (line 3)', line: 3 },
      { detail: 'Parse error on line 7:\n...', line: 7 },
      { detail: 'no line' },
    ]);
  });

  it('joins every problem in its message, names the template as its source and is named TemplateError', () => {
    const error = new TemplateError('custom', ['first (line 1)', 'second']);
    expect(error.message).toBe('template "custom": first (line 1); second');
    expect(error.source).toBe('template "custom"');
    expect(error.name).toBe('TemplateError');
  });

  it('locates no problem when the template has no file', () => {
    expect(new TemplateError('t', 'oops (line 2)').problems).toEqual([]);
  });

  it('locates every problem in the file of a project template, at its line', () => {
    const error = new TemplateError('t', ['oops (line 2)', 'no line'], 'templates/ack.md');
    expect(error.problems).toStrictEqual([
      { file: 'templates/ack.md', line: 2, message: 'oops (line 2)' },
      { file: 'templates/ack.md', line: undefined, message: 'no line' },
    ]);
  });

  it('moves its problems into a file with inFile', () => {
    const moved = new TemplateError('t', 'oops (line 4)').inFile('templates/ack.md');
    expect(moved).toBeInstanceOf(TemplateError);
    expect(moved.message).toBe('template "t": oops (line 4)');
    expect(moved.problems).toStrictEqual([{ file: 'templates/ack.md', line: 4, message: 'oops (line 4)' }]);
  });

  it('says nothing of a line it does not know', () => {
    expect(atLine(undefined)).toBe('');
    expect(atLine(5)).toBe(' (line 5)');
  });
});

describe('the value helpers', () => {
  it('renders an unchecked checkbox as "[ ]"', () => {
    expect(render('{{checkbox done}}|{{checkbox open}}', { done: true, open: false })).toBe('[x]|[ ]');
  });

  it('keeps a value `default` has no reason to replace', () => {
    expect(render('{{default a "none"}} {{default b "none"}} {{default c "none"}}', { a: 'set', b: '', c: null })).toBe(
      'set none none',
    );
  });

  it('renders booleans and bigints as text in `md`', () => {
    expect(render('{{md yes}} {{md no}} {{md big}}', { yes: true, no: false, big: 12345678901234567890n })).toBe(
      'true false 12345678901234567890',
    );
  });

  it('names `code` when it is given a list', () => {
    expect(renderError('\n{{code items}}', { items: ['a'] })).toBe(
      'template "t": "code" expects text, got a list (use join) (line 2)',
    );
  });

  it('names `join` when one of its items is a list', () => {
    expect(renderError('{{join items}}', { items: [['a']] })).toBe(
      'template "t": "join" expects text, got a list (use join) (line 1)',
    );
  });

  it('refuses a separator that is not text', () => {
    expect(renderError('{{join items 3}}', { items: ['a', 'b'] })).toBe(
      'template "t": "join" expects a text separator (line 1)',
    );
  });

  it('refuses a list for `date`, even one holding a date', () => {
    expect(renderError('{{date when}}', { when: ['2026-11-24T17:00:00Z'] })).toBe(
      'template "t": "date" expects an ISO 8601 date-time with an offset, got ["2026-11-24T17:00:00Z"] (line 1)',
    );
  });
});

describe('the padding of a code span', () => {
  const code = (text: string): string => render('{{code text}}', { text });

  it('pads text with a space at both ends, which CommonMark would strip', () => {
    expect(code(' a ')).toBe('`  a  `');
  });

  it('does not pad text with a space at one end only', () => {
    expect(code(' a')).toBe('` a`');
    expect(code('a ')).toBe('`a `');
  });

  it('does not pad text made only of spaces', () => {
    expect(code('  ')).toBe('`  `');
  });
});

describe('a helper called wrongly', () => {
  it('says how many arguments a helper with a range takes', () => {
    expect(renderError('{{join a b c}}', { a: ['x'], b: ', ', c: 'y' })).toBe(
      'template "t": "join" takes 1 or 2 argument(s), got 3 (line 1)',
    );
  });

  it('checks the argument count of a block helper', () => {
    expect(renderError('{{#if a b}}x{{/if}}', { a: true, b: true })).toBe(
      'template "t": "if" takes 1 argument(s), got 2 (line 1)',
    );
  });

  it('says a `{{#field}}` section is not a helper, at its line', () => {
    expect(templateErrorOf(() => renderUnchecked('\n{{#title}}x{{/title}}', { title: 'T' })).message).toBe(
      'template "t": {{#title}} is not a helper: use {{#if title}}, {{#each title}} or {{#with title}} (line 2)',
    );
  });

  it('numbers an undefined argument that has no path', () => {
    expect(problemOf(() => helper('join')(['a'], undefined, { name: 'join', ids: ['items'], hash: {} }))).toBe(
      'argument 2 of "join" is not defined',
    );
  });

  it('lets an error that is no template problem through unchanged', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const message = problemOf(() => helper('date')(circular, { name: 'date', hash: {}, loc: { start: { line: 1 } } }));
    expect(message).toMatch(/^Converting circular structure to JSON/);
    expect(message).not.toMatch(/\(line 1\)$/);
  });

  it('calls a helper given no options "helper", with no line', () => {
    expect(problemOf(() => helper('md')({ hash: {} }))).toBe('"helper" takes 1 argument(s), got 0');
    expect(problemOf(() => helper('md')(null))).toBe('"helper" takes 1 argument(s), got 0');
    expect(problemOf(() => helper('md')(undefined, { name: 'md', hash: {}, ids: 'value' }))).toBe(
      'argument 1 of "md" is not defined',
    );
    expect(problemOf(() => helper('md')({ name: 'md', hash: {}, loc: { start: { line: '3' } } }))).toBe(
      '"md" takes 1 argument(s), got 0',
    );
  });

  it('refuses to set up an instance missing a built-in block helper', () => {
    const instance = Handlebars.create();
    instance.unregisterHelper('with');
    expect(() => configureInstance(instance)).toThrow(new Error('Handlebars has no built-in "with" helper'));
  });
});

describe('the paths a parsed template keeps', () => {
  const kept = (source: string): string[] =>
    templatePaths(handlebars.parse(source)).map(({ original, line, column }) => `${original}@${line}:${column}`);

  it('keeps nested paths and those written with `this.`, not bare names', () => {
    expect(kept('{{title}}\n{{advisory.cvss.score}} {{this.title}}')).toEqual([
      'advisory.cvss.score@2:2',
      'this.title@2:26',
    ]);
  });

  it('keeps the paths inside blocks and helper calls', () => {
    expect(kept('{{#if a.b}}{{md c.d}}{{/if}}')).toEqual(['a.b@1:6', 'c.d@1:16']);
  });
});

describe('the paths of a tree not as the parser makes it', () => {
  const tree = (...body: unknown[]): hbs.AST.Program => ({ type: 'Program', body }) as unknown as hbs.AST.Program;
  const at = { start: { line: 1, column: 0 } };

  it('keeps only a path with a line, a column and its text', () => {
    const paths = templatePaths(
      tree(
        { type: 'PathExpression', original: 'a.b', parts: ['a', 'b'] },
        { type: 'PathExpression', original: 'c.d', parts: ['c', 'd'], loc: {} },
        { type: 'PathExpression', original: 'e.f', parts: ['e', 'f'], loc: { start: { line: 1 } } },
        { type: 'PathExpression', original: 'g.h', parts: ['g', 'h'], loc: { start: { column: 0 } } },
        { type: 'PathExpression', parts: ['i', 'j'], loc: at },
        { type: 'PathExpression', original: 'k.l', parts: ['k', 'l'], loc: at },
      ),
    );
    expect(paths).toStrictEqual([{ line: 1, column: 0, original: 'k.l', parts: ['k', 'l'] }]);
  });

  it('keeps only the text parts of a path, and none when it has no list of parts', () => {
    expect(
      templatePaths(
        tree(
          { type: 'PathExpression', original: 'a.b', parts: ['a', 3, 'b'], loc: at },
          { type: 'PathExpression', original: 'c', loc: at },
        ),
      ),
    ).toStrictEqual([
      { line: 1, column: 0, original: 'a.b', parts: ['a', 'b'] },
      { line: 1, column: 0, original: 'c', parts: [] },
    ]);
  });

  it('keeps a path of several parts even when its text is its first part', () => {
    expect(
      templatePaths(tree({ type: 'PathExpression', original: 'a', parts: ['a', 'b'], loc: at })).map((p) => p.original),
    ).toEqual(['a']);
  });

  it('looks neither into a location nor at the named properties of a list', () => {
    const list: unknown[] = [];
    Object.assign(list, { extra: { type: 'PathExpression', original: 'x.y', parts: ['x', 'y'], loc: at } });
    const located = {
      type: 'MustacheStatement',
      loc: { type: 'PathExpression', original: 'z.w', parts: ['z', 'w'], loc: at },
    };
    expect(templatePaths(tree(list, located))).toEqual([]);
  });
});
