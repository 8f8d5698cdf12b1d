/**
 * src/github/fetch.ts against loopback servers: what octokit's fetch wrapper relies on (status, headers, bodies,
 * redirects, network errors, timeouts, aborts), then through the client: octokit on it without a proxy, and the
 * toolkit's proxy-aware fetch (undici) through a local CONNECT proxy when one is set.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createHttpFetch, httpFetch } from '../../src/github/fetch.js';

// The toolkit decides its proxy when @actions/github is first imported (client.ts, imported below on demand), for
// GITHUB_API_URL: both are set before that import. Jest gives each test file its own `process.env`.
const PROXIED_API = 'http://api.github.test';
process.env.GITHUB_API_URL = PROXIED_API;

interface ForwardProxy {
  readonly url: string;
  /** What the client asked the proxy for: `CONNECT host:port`, or `METHOD absolute-url`. */
  readonly asked: string[];
  /** The loopback port every request is sent on to. */
  target: number;
  close(): Promise<void>;
}

/** A forward proxy: CONNECT tunnels and absolute-form requests, whatever the host, to `target` on loopback. */
async function startForwardProxy(): Promise<ForwardProxy> {
  const sockets = new Set<Socket>();
  const state = { asked: [] as string[], target: 0 };
  const server = createServer((request, response) => {
    state.asked.push(`${request.method} ${request.url}`);
    const target = new URL(request.url ?? '/');
    const upstream = forward(
      {
        host: '127.0.0.1',
        port: state.target,
        path: target.pathname + target.search,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  server.on('connect', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    state.asked.push(`CONNECT ${request.url}`);
    const upstream = connect(state.target, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

const proxy = await startForwardProxy();
process.env.HTTP_PROXY = proxy.url;
afterAll(() => proxy.close());

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

interface Loopback {
  readonly url: string;
  readonly port: number;
  readonly seen: Seen[];
  close(): Promise<void>;
}

const open: Loopback[] = [];

async function serve(handler: Handler): Promise<Loopback> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback: Loopback = {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.push(loopback);
  return loopback;
}

const json = (response: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(data));
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

describe('fetch on node:http', () => {
  it('answers a GET with status, lower-case headers (repeated ones joined) and the JSON body', async () => {
    const server = await serve((_request, response) => {
      response.setHeader('X-RateLimit-Remaining', '4999');
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      json(response, 200, { id: 7, name: 'sample' });
    });
    const response = await httpFetch(`${server.url}/repos/o/r?per_page=100`, {
      method: 'GET',
      headers: { Accept: 'application/vnd.github+json', authorization: 'token t' },
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${server.url}/repos/o/r?per_page=100`);
    expect(response.redirected).toBe(false);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'x-ratelimit-remaining': '4999',
      'set-cookie': 'a=1, b=2',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(await response.json()).toEqual({ id: 7, name: 'sample' });
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/repos/o/r?per_page=100' });
    expect(server.seen[0]?.headers).toMatchObject({ accept: 'application/vnd.github+json', authorization: 'token t' });
    expect(server.seen[0]?.headers['accept-encoding']).toBe('gzip, deflate');
  });

  it('sends a POST body with its length, and an empty POST with length 0', async () => {
    const server = await serve((_request, response) => json(response, 201, { ok: true }));
    const body = JSON.stringify({ body: 'héllo' });
    const created = await httpFetch(`${server.url}/issues`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(created.status).toBe(201);
    await httpFetch(`${server.url}/empty`, { method: 'POST' });
    expect(server.seen[0]).toMatchObject({ method: 'POST', body });
    expect(server.seen[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(server.seen[1]?.headers['content-length']).toBe('0');
  });

  it('resolves (does not throw) on 4xx and 5xx, with the body readable as text', async () => {
    const server = await serve((request, response) =>
      request.url === '/missing' ? json(response, 404, { message: 'Not Found' }) : json(response, 502, 'bad gateway'),
    );
    const missing = await httpFetch(`${server.url}/missing`);
    expect([missing.status, missing.ok, missing.statusText]).toEqual([404, false, 'Not Found']);
    expect(await missing.text()).toBe('{"message":"Not Found"}');
    await expect(missing.text()).rejects.toThrow(/already been read/);
    expect((await httpFetch(`${server.url}/down`)).status).toBe(502);
  });

  it('decodes a gzip body and streams a body as a web ReadableStream', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/gz') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync(JSON.stringify({ packed: true })));
      } else {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.write('first,');
        setTimeout(() => response.end('second'), 20);
      }
    });
    expect(await (await httpFetch(`${server.url}/gz`)).json()).toEqual({ packed: true });
    const streamed = await httpFetch(`${server.url}/stream`);
    let text = '';
    for await (const chunk of streamed.body) text += Buffer.from(chunk).toString('utf8');
    expect(text).toBe('first,second');
  });

  it('follows redirects: POST becomes GET on 302 (body dropped), 307 keeps both, credentials stay on the origin', async () => {
    const other = await serve((_request, response) => json(response, 200, { where: 'other' }));
    const server = await serve((request, response) => {
      if (request.url === '/moved') response.writeHead(302, { location: '/final' }).end();
      else if (request.url === '/temporary') response.writeHead(307, { location: '/final' }).end();
      else if (request.url === '/away') response.writeHead(301, { location: `${other.url}/there` }).end();
      else json(response, 200, { where: 'final' });
    });
    const moved = await httpFetch(`${server.url}/moved`, {
      method: 'POST',
      body: 'x=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect([moved.status, moved.url, moved.redirected]).toEqual([200, `${server.url}/final`, true]);
    expect(server.seen[1]).toMatchObject({ method: 'GET', url: '/final', body: '' });
    expect(server.seen[1]?.headers['content-type']).toBeUndefined();
    await httpFetch(`${server.url}/temporary`, { method: 'PATCH', body: 'y=2' });
    expect(server.seen[3]).toMatchObject({ method: 'PATCH', url: '/final', body: 'y=2' });
    const away = await httpFetch(`${server.url}/away`, { headers: { authorization: 'token secret' } });
    expect(await away.json()).toEqual({ where: 'other' });
    expect(server.seen[4]?.headers.authorization).toBe('token secret');
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('hands a redirect back with `manual`, fails on it with `error`, and stops after 20', async () => {
    const server = await serve((request, response) => {
      const hop = Number(request.url?.slice(1) ?? 0);
      response.writeHead(302, { location: `/${hop + 1}` }).end();
    });
    const manual = await httpFetch(`${server.url}/0`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/1']);
    await expect(httpFetch(`${server.url}/0`, { redirect: 'error' })).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: expect.objectContaining({ message: 'unexpected redirect to /1' }),
    });
    const before = server.seen.length;
    await expect(httpFetch(`${server.url}/0`)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: 'redirect count exceeded' }),
    });
    expect(server.seen.length - before).toBe(21);
  });

  it('fails with `fetch failed` and the network error as cause: refused, reset', async () => {
    const refused = await serve(() => undefined);
    await refused.close();
    await expect(httpFetch(`${refused.url}/x`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
    const reset = await serve((request) => request.socket.destroy());
    await expect(httpFetch(`${reset.url}/x`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: expect.objectContaining({ code: 'ECONNRESET' }),
    });
  });

  it('a body cut off that nobody reads fails quietly (no uncaught error), and fails its read when read', async () => {
    const server = await serve((_request, response) => {
      // Compressed, so the body goes through a decoding stream too.
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': '100',
      });
      response.write(gzipSync('{"cut": "off"}').subarray(0, 12));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const uncaught: unknown[] = [];
    const record = (error: unknown): number => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const unread = await httpFetch(`${server.url}/unread`);
      const read = await httpFetch(`${server.url}/read`);
      await expect(read.text()).rejects.toMatchObject({ name: 'TypeError', message: 'terminated' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unread.status).toBe(200);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  it('gives up on a silent server, before the answer and inside a stalled body', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/stall') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"partial":');
      }
    });
    const quick = createHttpFetch({ timeoutMs: 150 });
    await expect(quick(`${server.url}/silent`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: expect.objectContaining({ code: 'ETIMEDOUT' }),
    });
    const stalled = await quick(`${server.url}/stall`);
    expect(stalled.status).toBe(200);
    await expect(stalled.text()).rejects.toMatchObject({ name: 'TypeError', message: 'terminated' });
  });

  it('rejects with an AbortError when the signal aborts', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const pending = httpFetch(`${server.url}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(httpFetch(`${server.url}/slow`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

const silentLog = { warning: () => undefined, setSecret: () => undefined };

describe('the client on it', () => {
  it('without a proxy (though the process has one): octokit reads through node:http, 404 is a RequestError, a reset is retried', async () => {
    const { clientOptionsFromEnv, createClient } = await import('../../src/github/client.js');
    expect(clientOptionsFromEnv('t', { GITHUB_API_URL: PROXIED_API }, silentLog).viaProxy).toBe(false);
    let resets = 1;
    const server = await serve((request, response) => {
      if (request.url?.startsWith('/repos/o/flaky') && resets-- > 0) {
        request.socket.destroy();
        return;
      }
      if (request.url?.startsWith('/repos/o/gone')) json(response, 404, { message: 'Not Found' });
      else json(response, 200, { full_name: 'o/r' }, { 'x-ratelimit-remaining': '4000' });
    });
    const client = createClient({ token: 'token-t', log: silentLog, apiUrl: server.url, pacing: 'none' });
    const repo = await client.rest.repos.get({ owner: 'o', repo: 'r' });
    expect(repo.data).toEqual({ full_name: 'o/r' });
    expect(repo.headers['x-ratelimit-remaining']).toBe('4000');
    expect(server.seen[0]?.headers).toMatchObject({
      authorization: 'token token-t',
      'x-github-api-version': '2022-11-28',
    });
    await expect(client.rest.repos.get({ owner: 'o', repo: 'gone' })).rejects.toMatchObject({ status: 404 });
    const flaky = await client.rest.repos.get({ owner: 'o', repo: 'flaky' });
    expect(flaky.status).toBe(200);
    // The first try was cut off after the server read it; the retry was answered.
    expect(server.seen.filter((seen) => seen.url === '/repos/o/flaky')).toHaveLength(2);
    expect(proxy.asked).toEqual([]);
  });

  it("with a proxy set: keeps the toolkit's proxy-aware fetch, which goes through the proxy", async () => {
    const api = await serve((_request, response) => json(response, 200, { full_name: 'o/r', via: 'proxy' }));
    proxy.target = api.port;
    const { clientOptionsFromEnv, createClient } = await import('../../src/github/client.js');
    const options = clientOptionsFromEnv('token-t', { HTTP_PROXY: proxy.url, GITHUB_API_URL: PROXIED_API }, silentLog);
    expect(options.viaProxy).toBe(true);
    const client = createClient({ ...options, pacing: 'none' });
    const repo = await client.rest.repos.get({ owner: 'o', repo: 'r' });
    expect(repo.data).toEqual({ full_name: 'o/r', via: 'proxy' });
    expect(proxy.asked[0]).toMatch(/^(CONNECT api\.github\.test:80|GET http:\/\/api\.github\.test\/repos\/o\/r)$/);
    expect(api.seen[0]).toMatchObject({ method: 'GET', url: '/repos/o/r' });
  });
});
