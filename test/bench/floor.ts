/**
 * The floor of a minimal run that makes requests: a bare node:http script (no library, one keep-alive agent) making
 * the same reads, one after another, against the same emulator, each answer read and parsed. Built from the run's
 * request log; writes are left out (a minimal run after its warm-up makes none, and replaying one would change the
 * world the next round sees).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggedRequest } from '../emulator/index.js';

interface FloorRequest {
  readonly url: string;
  readonly token: string;
}

function floorRequests(log: readonly LoggedRequest[], apiUrl: string): FloorRequest[] {
  return log
    .filter((entry) => !entry.write && entry.method === 'GET')
    .map((entry) => {
      const query = new URLSearchParams(entry.query).toString();
      return { url: `${apiUrl}${entry.path}${query ? `?${query}` : ''}`, token: entry.token };
    });
}

function floorScript(requests: readonly FloorRequest[]): string {
  return `import { Agent, get } from 'node:http';
const agent = new Agent({ keepAlive: true });
const requests = ${JSON.stringify(requests)};
const read = ({ url, token }) =>
  new Promise((resolve, reject) => {
    const headers = { authorization: \`token \${token}\`, accept: 'application/vnd.github+json' };
    get(url, { agent, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body ? JSON.parse(body) : null));
    }).on('error', reject);
  });
for (const request of requests) await read(request);
agent.destroy();
`;
}

/** Writes `<dir>/floor-<name>.mjs` for the reads of `log`; undefined when the run made none. */
export async function writeFloorScript(
  dir: string,
  name: string,
  log: readonly LoggedRequest[],
  apiUrl: string,
): Promise<{ path: string; reads: number } | undefined> {
  const requests = floorRequests(log, apiUrl);
  if (requests.length === 0) return undefined;
  const path = join(dir, `floor-${name}.mjs`);
  await writeFile(path, floorScript(requests));
  return { path, reads: requests.length };
}
