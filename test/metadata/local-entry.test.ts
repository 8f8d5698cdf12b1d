/**
 * Every action can be run by `@github/local-action`, which imports a module and calls its exported `run()`: each
 * action's entry.ts exports `run` and does nothing on import, and index.ts (the bundle's entry) calls it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ACTION_NAMES } from '../../src/actions/metadata.generated.js';
import { ROOT } from './load.js';

describe.each(ACTION_NAMES)('%s', (name) => {
  it('exports run() from entry.ts, without running on import', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const entry = (await import(`../../src/actions/${name}/entry.js`)) as { run?: unknown };
      expect(typeof entry.run).toBe('function');
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual([]);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it("has an index.ts that runs entry.ts's run() and exports nothing local-action could call twice", () => {
    const index = readFileSync(`${ROOT}/src/actions/${name}/index.ts`, 'utf8');
    expect(index).toContain("import { run } from './entry.js';");
    expect(index).toMatch(/^void run\(\);$/m);
    expect(index).not.toMatch(/^export /m);
  });
});
