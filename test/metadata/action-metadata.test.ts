import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { ACTION_NAMES, ROOT, loadActionFile } from './load.js';

const EXPECTED = ['ack-report', 'create-temp-fork', 'publish-announcement', 'release-gate', 'sla-check', 'triage'];

type Described = Record<string, { description?: unknown }>;

function undescribed(entries: unknown): string[] {
  return Object.entries((entries ?? {}) as Described)
    .filter(([, value]) => typeof value?.description !== 'string' || value.description.trim() === '')
    .map(([name]) => name);
}

describe('action metadata', () => {
  it('ships every action of the lifecycle', () => {
    expect(ACTION_NAMES).toEqual(EXPECTED);
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
});
