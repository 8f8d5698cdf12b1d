/**
 * Requests and writes of every sweep row at every scale, for the bundles in one directory: run it on the bundles
 * before and after a change to the client or the build, on the same source, and compare (the counts must not move).
 *
 *   tsx test/bench/counts.ts --dist <dir> [--scales small,medium,large]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureScale } from './sweeps.js';
import { SCALES } from './world.js';

const { values } = parseArgs({ options: { dist: { type: 'string' }, scales: { type: 'string' } } });
if (!values.dist) throw new Error('--dist <dir> is required');
const wanted = values.scales?.split(',') ?? SCALES.map((scale) => scale.name);
const counts: Record<string, string> = {};
for (const scale of SCALES.filter((each) => wanted.includes(each.name))) {
  const result = await measureScale(scale, {
    node: process.env.ACTION_NODE ?? process.execPath,
    dist: resolve(values.dist),
    naiveSequential: false,
    naiveConcurrent: false,
    log: (line) => console.error(line),
  });
  for (const run of result.runs) {
    counts[`${scale.name}: ${run.label}`] = `${run.requests} requests, ${run.writes} writes, exit ${run.exitCode}`;
  }
}
console.log(JSON.stringify(counts, null, 2));
