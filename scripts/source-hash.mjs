// The hash of everything a bundle is built from (src/, the lockfile, the build scripts, the TypeScript settings).
// The build writes it next to each bundle (dist/<name>/source.sha256); the bundle tests refuse a dist/ whose hash is
// not that of the current tree, so `jest` never silently tests a stale bundle. Content, not file times: a fresh
// clone's file times mean nothing. `node scripts/source-hash.mjs` prints it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = ['package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/minify-chunks.mjs'];

function filesUnder(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(ROOT.length).replaceAll('\\', '/'));
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...FILES, ...filesUnder('src')].sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(sourceHash());
