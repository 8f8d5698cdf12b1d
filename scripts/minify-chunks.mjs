// ncc minifies only the entry (index.js): the chunks it splits off for a dynamic `import()` come out as webpack
// wrote them, comments and all. This minifies each chunk of an ncc output directory as ncc minifies the entry
// (terser, no compression, class and function names kept), and its source map along, when there is one.
// Usage: node scripts/minify-chunks.mjs <dir> [dir ...]   (or import { minifyChunks })
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';

const CHUNK = /^\d+\.index\.js$/;
// ncc's own settings for the entry (see its `terser.minify` call).
const OPTIONS = { module: true, compress: false, mangle: { keep_classnames: true, keep_fnames: true } };

async function minifyChunk(dir, file, files) {
  const path = join(dir, file);
  const code = await readFile(path, 'utf8');
  const map = files.includes(`${file}.map`) ? JSON.parse(await readFile(`${path}.map`, 'utf8')) : undefined;
  const sourceMap = map ? { content: map, url: `${file}.map` } : false;
  const result = await minify(code, { ...OPTIONS, sourceMap });
  if (result.code === undefined) throw new Error(`terser returned nothing for ${path}`);
  await writeFile(path, result.code);
  if (map && typeof result.map === 'string') await writeFile(`${path}.map`, result.map);
}

export async function minifyChunks(dir) {
  const files = await readdir(dir);
  await Promise.all(files.filter((file) => CHUNK.test(file)).map((file) => minifyChunk(dir, file, files)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const dir of process.argv.slice(2)) await minifyChunks(dir);
}
