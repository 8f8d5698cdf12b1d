// Bundles each action with @vercel/ncc into dist/<name>/index.js (minified, with licenses), plus the root dispatcher;
// the chunks ncc splits off for dynamic imports are minified too (scripts/minify-chunks.mjs).
// Usage: node scripts/build.mjs [name ...]   (no names: every action and the root dispatcher)
//        --out DIR (instead of dist), --stats DIR (webpack's stats, DIR/<name>.json), --source-map (maps alongside):
//        the benchmark builds its snapshot so, the same bytes in another place.
//
// undici, @actions/http-client and @actions/exec are not in the action bundles: they are bundled once into
// dist/runtime/ and each action imports a small stand-in (dist/runtime/*-lazy.mjs) that loads the real one the first
// time something uses it. @actions/core imports all three at start (its OIDC client pulls @actions/http-client and
// undici, `core.platform` pulls @actions/exec), though no action uses them there; undici alone was most of an
// action's start-up.
// Everything stays inside dist/, so each bundle still runs from a checkout of dist/ alone.
import ncc from '@vercel/ncc';
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ACTIONS } from './actions.mjs';
import { minifyChunks } from './minify-chunks.mjs';
import { sourceHash } from './source-hash.mjs';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    stats: { type: 'string' },
    'source-map': { type: 'boolean' },
    only: { type: 'string' },
  },
});
const OUT = flags.out ?? 'dist';
const RUNTIME = join(OUT, 'runtime');
/** The stand-ins, by the package they replace; the paths are relative to dist/<name>/ (index.js and its chunks). */
const EXTERNALS = {
  undici: '../runtime/undici-lazy.mjs',
  '@actions/exec': '../runtime/exec-lazy.mjs',
  '@actions/http-client': '../runtime/http-client-lazy.mjs',
  '@actions/http-client/lib/auth': '../runtime/http-client-lazy.mjs',
};

// A stand-in class returns the real instance from its constructor, loaded synchronously (the real bundles are
// CommonJS) as a constructor needs. undici: @actions/http-client's `ProxyAgent` (only with a proxy), @actions/github's
// `fetch` (octokit's default when a proxy is set, see src/github/client.ts), the chat channel's `Agent` and
// `ProxyAgent` (src/channels/transport.ts). @actions/http-client (which imports node:http, node:https and tunnel):
// @actions/github's `HttpClient` when the client is built, @actions/core's OIDC `HttpClient` and
// `BearerCredentialHandler`, unused by the actions.
const lazyClasses = (real, names) =>
  names.map((name) => `${name}: class ${name} { constructor(...args) { return new (${real}().${name})(...args); } }`);

const UNDICI_REAL = `let undici;
const real = () => (undici ??= require('./undici.cjs'));`;
const UNDICI_NAMES = ['Agent', 'ProxyAgent'];
const UNDICI_LAZY = `// Stands in for undici (see scripts/build.mjs): the real one (undici.cjs) loads on first use.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
${UNDICI_REAL}
export const { ${UNDICI_NAMES.join(', ')} } = { ${lazyClasses('real', UNDICI_NAMES).join(', ')} };
export function fetch(...args) { return real().fetch(...args); }
`;
// The same for http-client.cjs, which imports undici too.
const UNDICI_LAZY_CJS = `// Stands in for undici (see scripts/build.mjs): the real one (undici.cjs) loads on first use.
${UNDICI_REAL}
module.exports = { ${lazyClasses('real', UNDICI_NAMES).join(', ')}, fetch: (...args) => real().fetch(...args) };
`;
const HTTP_CLIENT_NAMES = ['HttpClient', 'BearerCredentialHandler'];
const HTTP_CLIENT_LAZY = `// Stands in for @actions/http-client (see scripts/build.mjs): the real one loads on first use.
import { createRequire } from 'node:module';
let client;
const real = () => (client ??= createRequire(import.meta.url)('./http-client.cjs'));
export const { ${HTTP_CLIENT_NAMES.join(', ')} } = { ${lazyClasses('real', HTTP_CLIENT_NAMES).join(', ')} };
`;
// @actions/core calls only getExecOutput (core.platform); both functions are asynchronous already.
const EXEC_LAZY = `// Stands in for @actions/exec (see scripts/build.mjs): the real one (exec.mjs) loads on first use.
export async function exec(...args) { return (await import('./exec.mjs')).exec(...args); }
export async function getExecOutput(...args) { return (await import('./exec.mjs')).getExecOutput(...args); }
`;

const hash = sourceHash();
const targets = positionals.length > 0 ? positionals : [...ACTIONS, 'main'];

const NCC_OPTIONS = { minify: true, license: 'licenses.txt', quiet: true, sourceMapRegister: false };
const ACTION_OPTIONS = { ...NCC_OPTIONS, externals: EXTERNALS, sourceMap: flags['source-map'] ?? false };

/** Writes what ncc returned as its CLI does: the entry (and its map), then every asset (chunks, licenses...). */
async function writeOutput(outDir, entryFile, { code, map, assets }) {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, entryFile), code);
  if (map) await writeFile(join(outDir, `${entryFile}.map`), map);
  for (const [file, asset] of Object.entries(assets)) {
    await mkdir(dirname(join(outDir, file)), { recursive: true });
    await writeFile(join(outDir, file), asset.source, { mode: asset.permissions });
  }
}

async function build(name) {
  const entry = name === 'main' ? 'src/main.ts' : `src/actions/${name}/index.ts`;
  const outDir = join(OUT, name);
  let output;
  try {
    output = await ncc(join(process.cwd(), entry), ACTION_OPTIONS);
  } catch (error) {
    throw new Error(`ncc failed for ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  await writeOutput(outDir, 'index.js', output);
  if (flags.stats) {
    await mkdir(flags.stats, { recursive: true });
    await writeFile(join(flags.stats, `${name}.json`), JSON.stringify(output.stats.toJson()));
  }
  await minifyChunks(outDir);
  await writeFile(`${outDir}/source.sha256`, `${hash}\n`);
}

/**
 * @actions/http-client as CommonJS, for its stand-in to load synchronously: its package exports only an ES module,
 * so a CommonJS entry written for the build requires its files by path, and webpack turns them into CommonJS. The
 * entry sits at the same place in every checkout (webpack numbers modules by their path), under node_modules/.cache.
 */
async function bundleHttpClient() {
  const dir = join(process.cwd(), 'node_modules/.cache/disclosure-actions-build');
  const entry = join(dir, 'http-client.cjs');
  await mkdir(dir, { recursive: true });
  await writeFile(
    entry,
    "const client = require('../../@actions/http-client/lib/index.js');\n" +
      "const auth = require('../../@actions/http-client/lib/auth.js');\n" +
      'module.exports = { HttpClient: client.HttpClient, BearerCredentialHandler: auth.BearerCredentialHandler };\n',
  );
  try {
    return await ncc(entry, { ...NCC_OPTIONS, externals: { undici: './undici-lazy.cjs' } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** dist/runtime/: undici, @actions/http-client and @actions/exec bundled alone, their stand-ins, one licenses file. */
async function buildRuntime() {
  await rm(RUNTIME, { recursive: true, force: true });
  await mkdir(RUNTIME, { recursive: true });
  const undici = await ncc(join(process.cwd(), 'node_modules/undici/index.js'), NCC_OPTIONS);
  const httpClient = await bundleHttpClient();
  const exec = await ncc(join(process.cwd(), 'node_modules/@actions/exec/lib/exec.js'), NCC_OPTIONS);
  const files = {
    'undici.cjs': undici.code,
    'undici-lazy.mjs': UNDICI_LAZY,
    'undici-lazy.cjs': UNDICI_LAZY_CJS,
    'http-client.cjs': httpClient.code,
    'http-client-lazy.mjs': HTTP_CLIENT_LAZY,
    'exec.mjs': exec.code,
    'exec-lazy.mjs': EXEC_LAZY,
  };
  for (const [file, code] of Object.entries(files)) await writeFile(join(RUNTIME, file), code);
  const licenses = [undici, httpClient, exec].map((output) => output.assets['licenses.txt']?.source.toString() ?? '');
  await writeFile(join(RUNTIME, 'licenses.txt'), licenses.join('\n'));
  await writeFile(join(RUNTIME, 'source.sha256'), `${hash}\n`);
}

/**
 * Each target in a process of its own: ncc's API keeps webpack's caches for the life of the process, and six actions
 * built in one process ran out of heap. `--only` marks such a child run.
 */
function buildInChild(name) {
  const args = [fileURLToPath(import.meta.url), '--only', name];
  if (flags.out) args.push('--out', flags.out);
  if (flags.stats) args.push('--stats', flags.stats);
  if (flags['source-map']) args.push('--source-map');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building ${name} failed (exit ${code})`))));
  });
}

if (flags.only) {
  await build(flags.only);
} else {
  for (const name of targets) await rm(join(OUT, name), { recursive: true, force: true });
  await buildRuntime();
  console.log(`built ${RUNTIME}`);
  // One at a time (the machines this runs on have two cores, and webpack is mostly one thread).
  for (const name of targets) {
    await buildInChild(name);
    console.log(`built ${join(OUT, name)}`);
  }
}
