import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SHARED_INPUTS } from '../../src/actions/shared-inputs.js';
import { ACTION_INPUTS } from '../../src/actions/metadata.generated.js';
import { ACTION_NAMES, ROOT, loadActionFile } from './load.js';

const EXPECTED = ['ack-report', 'create-temp-fork', 'publish-announcement', 'release-gate', 'sla-check', 'triage'];
const FOLDERS = readdirSync(`${ROOT}actions`, { withFileTypes: true }).filter((entry) => entry.isDirectory());

type Described = Record<string, { description?: unknown }>;

function undescribed(entries: unknown): string[] {
  return Object.entries((entries ?? {}) as Described)
    .filter(([, value]) => typeof value?.description !== 'string' || value.description.trim() === '')
    .map(([name]) => name);
}

describe('action metadata', () => {
  it('ships every action of the lifecycle, one list derived from the actions/ folders', () => {
    expect(ACTION_NAMES).toEqual(EXPECTED);
    expect(FOLDERS.map((entry) => entry.name).sort()).toEqual([...ACTION_NAMES]);
  });

  describe.each(ACTION_NAMES)('actions/%s/action.yml', (name) => {
    const file = loadActionFile(`${ROOT}actions/${name}/action.yml`);
    it("parses without errors under GitHub's action schema", () => {
      expect(file.errors).toEqual([]);
    });
    it('runs its bundle on node24', () => {
      const runs = file.raw.runs as { using: string; main: string };
      expect(runs.using).toBe('node24');
      expect(runs.main).toBe(`../../dist/${name}/index.js`);
      expect(existsSync(`${ROOT}dist/${name}/index.js`)).toBe(true);
    });
    it('describes every input and output, and has branding', () => {
      expect(typeof file.raw.description).toBe('string');
      expect(undescribed(file.raw.inputs)).toEqual([]);
      expect(undescribed(file.raw.outputs)).toEqual([]);
      expect(file.raw.branding).toEqual(
        expect.objectContaining({ icon: expect.any(String), color: expect.any(String) }),
      );
    });
    it('is what the code reads: every input, whether it is required, and its one default', () => {
      const inputs = (file.raw.inputs ?? {}) as Record<string, { required?: boolean; default?: unknown }>;
      const declared = Object.fromEntries(
        Object.entries(inputs).map(([input, spec]) => [
          input,
          spec.default === undefined
            ? { required: Boolean(spec.required) }
            : { required: Boolean(spec.required), default: String(spec.default) },
        ]),
      );
      expect(ACTION_INPUTS[name]).toEqual(declared);
    });
    it('takes the token as an input (GITHUB_TOKEN cannot reach advisories)', () => {
      const inputs = (file.raw.inputs ?? {}) as Record<string, unknown>;
      if (name !== 'release-gate') expect(Object.keys(inputs)).toContain('token');
    });
  });

  it('has a root action for the Marketplace that runs one of them by command', () => {
    const root = loadActionFile(`${ROOT}action.yml`);
    expect(root.errors).toEqual([]);
    expect((root.raw.runs as { main: string }).main).toBe('dist/main/index.js');
    expect(Object.keys(root.raw.inputs as object)).toContain('command');
    expect(undescribed(root.raw.inputs)).toEqual([]);
  });

  it('writes every input several actions share with one meaning from its one definition', () => {
    const users = new Map<string, string[]>();
    for (const name of ACTION_NAMES) {
      for (const input of Object.keys(ACTION_INPUTS[name])) users.set(input, [...(users.get(input) ?? []), name]);
    }
    const shared = [...users].filter(([, names]) => names.length > 1).map(([input]) => input);
    // Same name, another meaning per action: each action's own description says what it does with it.
    const differentMeaning = [
      'team',
      'ghsa-id',
      'repository',
      'ghsa-ids',
      'fix-team',
      'mode',
      'dry-run',
      'no-fix-reason',
    ];
    expect(shared.filter((input) => !(input in SHARED_INPUTS) && !differentMeaning.includes(input))).toEqual([]);
    for (const name of ACTION_NAMES) {
      const text = readFileSync(`${ROOT}actions/${name}/action.yml`, 'utf8');
      const block = /# generated:shared-inputs (.*)\n([\s\S]*?)# \/generated:shared-inputs/.exec(text);
      const listed = (block?.[1] ?? '').split(' ').map((entry) => entry.replace('?', ''));
      const inBlock = Object.keys(ACTION_INPUTS[name]).filter((input) => input in SHARED_INPUTS);
      expect([name, listed.sort()]).toEqual([name, inBlock.sort()]);
    }
  });

  it('root action.yml declares no default: the chosen command applies its own', () => {
    const root = loadActionFile(`${ROOT}action.yml`);
    const inputs = root.raw.inputs as Record<string, { default?: unknown }>;
    expect(Object.entries(inputs).filter(([, spec]) => spec.default !== undefined)).toEqual([]);
    const everyInput = new Set(ACTION_NAMES.flatMap((name) => Object.keys(ACTION_INPUTS[name])));
    expect(Object.keys(inputs).sort()).toEqual(['command', ...everyInput].sort());
  });
});
