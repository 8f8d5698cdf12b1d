/**
 * The root action.yml is what the Marketplace shows: a description it accepts (under 125 characters), a `command`
 * input that says an input the command does not take is warned about, and every input several commands share
 * described for each of them (the root declares no default, so each command's own default is said too).
 */
import { describe, expect, it } from '@jest/globals';
import { ACTION_NAMES, ROOT, loadActionFile } from './load.js';

type Described = Record<string, { description?: string; default?: unknown }>;

const root = loadActionFile(`${ROOT}action.yml`);
const rootInputs = root.raw.inputs as Described;
const actions = ACTION_NAMES.map((name) => [name, loadActionFile(`${ROOT}actions/${name}/action.yml`).raw] as const);

/** As docs.mjs writes a description into one line: pipes escaped, newlines joined. */
const cell = (text: unknown): string =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .trim();

describe('the root action.yml, for the Marketplace', () => {
  it('has a description under 125 characters', () => {
    expect(typeof root.raw.description).toBe('string');
    expect(String(root.raw.description).length).toBeLessThan(125);
  });

  it('says, for `command`, that an input the chosen command does not take is warned about', () => {
    const text = String(rootInputs.command?.description);
    for (const name of ACTION_NAMES) expect(text).toContain(name);
    expect(text).toMatch(/warning annotation/);
  });

  it("describes each input for every command that takes it, with that command's default", () => {
    const missing: string[] = [];
    for (const [name, action] of actions) {
      for (const [input, spec] of Object.entries((action.inputs ?? {}) as Described)) {
        const text = String(rootInputs[input]?.description ?? '');
        if (!text.includes(name)) missing.push(`${input}: no mention of ${name}`);
        if (!text.includes(cell(spec.description))) missing.push(`${input}: not ${name}'s description`);
        if (
          spec.default !== undefined &&
          spec.default !== '' &&
          !text.includes(`${name}, default \`${cell(spec.default)}\``)
        ) {
          missing.push(`${input}: not ${name}'s default`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes `mode` for both commands that take it, with their values', () => {
    const text = String(rootInputs.mode?.description);
    for (const value of ['create', 'cleanup', 'check', 'wait', 'next']) expect(text).toContain(`\`${value}\``);
  });
});
