// Bundles each action with @vercel/ncc into dist/<name>/index.js (minified, with licenses), plus the root dispatcher;
// the chunks ncc splits off for dynamic imports are minified too (scripts/minify-chunks.mjs).
// Usage: node scripts/build.mjs [name ...]   (no names: every action and the root dispatcher)
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { ACTIONS } from './actions.mjs';
import { minifyChunks } from './minify-chunks.mjs';
import { sourceHash } from './source-hash.mjs';

const hash = sourceHash();
const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...ACTIONS, 'main'];

function build(name) {
  const entry = name === 'main' ? 'src/main.ts' : `src/actions/${name}/index.ts`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', `dist/${name}`, '--minify', '--license', 'licenses.txt', '--quiet', '--no-source-map-register'],
      { stdio: 'inherit' },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ncc failed for ${name} (exit ${code})`))));
  })
    .then(() => minifyChunks(`dist/${name}`))
    .then(() => writeFile(`dist/${name}/source.sha256`, `${hash}\n`));
}

for (const name of targets) await rm(`dist/${name}`, { recursive: true, force: true });
// Two at a time: the machines this runs on have two cores.
const queue = [...targets];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      await build(name);
      console.log(`built dist/${name}`);
    }
  }),
);
