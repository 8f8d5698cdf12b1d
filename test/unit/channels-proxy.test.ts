/**
 * The proxy path, on loopback only: plain http through the suite's forwarding proxy (test/reliability/proxy.ts,
 * absolute-form requests), https through a CONNECT proxy into a local TLS hook whose self-signed certificate is
 * passed to the client (`connect.ca`), and NO_PROXY sending the same URL straight to the hook (host name resolved
 * to loopback by `connect.lookup`: no DNS, no network).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  connect as tcpConnect,
  createServer as createTcpServer,
  type AddressInfo,
  type LookupFunction,
  type Socket,
} from 'node:net';
import { startProxy, type Proxy } from '../reliability/proxy.js';
import { createNotifier, type NotifierOptions } from '../../src/channels/notifier.js';
import { payloadFor } from '../../src/channels/payloads.js';
import { bypassesProxy, proxyFor } from '../../src/channels/proxy.js';

/**
 * Test only: a self-signed certificate for hooks.slack.com, chat.example.test, localhost and 127.0.0.1, valid
 * 2000–2100, trusted by nothing but the client in this file. Its key serves the loopback hook below.
 */
const CERT = `-----BEGIN CERTIFICATE-----
MIIBtTCCAVugAwIBAgIBATAKBggqhkjOPQQDAjApMScwJQYDVQQDDB5sb29wYmFj
ayBjaGF0IGhvb2sgKHRlc3Qgb25seSkwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAx
MDEwMDAwMDBaMCkxJzAlBgNVBAMMHmxvb3BiYWNrIGNoYXQgaG9vayAodGVzdCBv
bmx5KTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABO9TqSbqgbxS/Dwx4mYoiKbA
xF9xgzOlUTUYLwirMWlgIoHzpDWKMQCNI+L85bKlwYSvcJzofPRdLFWH7FTnbU2j
cjBwMD4GA1UdEQQ3MDWCD2hvb2tzLnNsYWNrLmNvbYIRY2hhdC5leGFtcGxlLnRl
c3SCCWxvY2FsaG9zdIcEfwAAATAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBSc
gMhSshJbi2imZxk/o33LuWAYQjAKBggqhkjOPQQDAgNIADBFAiB6BVg2/UR60AjN
haSsuELMD7tlWXc9fBkXWEVDGKXHJAIhAMh5nRVHhoXGJXa4NWkdP+0fJ4dM7Fyx
oWMqOynnDgzu
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpICuIEbqbtNUH1EP
pXSjFmQRMpfAG3WtnYULQS8c+ZGhRANCAATvU6km6oG8Uvw8MeJmKIimwMRfcYMz
pVE1GC8IqzFpYCKB86Q1ijEAjSPi/OWypcGEr3Cc6Hz0XSxVh+xU521N
-----END PRIVATE KEY-----
`;

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

interface Hook {
  readonly port: number;
  readonly bodies: string[];
}

/** A chat hook that answers `status` to every complete request (none: it never answers) after `onBody`. */
async function startHook(
  secure: boolean,
  status: number | 'none' = 200,
  onBody = (): void => undefined,
): Promise<Hook> {
  const bodies: string[] = [];
  const handler: Parameters<typeof createServer>[1] = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      onBody();
      if (status !== 'none') response.writeHead(status).end('ok');
    });
  };
  const server = secure ? createHttpsServer({ key: KEY, cert: CERT }, handler) : createServer(handler);
  return { port: await listen(server), bodies };
}

type TunnelMode = 'open' | 'refuse' | 'hang';

interface ConnectProxy {
  readonly url: string;
  /** The `host:port` of each CONNECT request. */
  readonly asked: string[];
  /** Cuts every open tunnel, both ways. */
  cut(): void;
}

/** A CONNECT proxy that tunnels every target to the hook on `port`, and records what was asked for. */
async function startConnectProxy(port: number, mode: TunnelMode = 'open'): Promise<ConnectProxy> {
  const asked: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): Socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };
  const cut = (): void => sockets.forEach((socket) => socket.destroy());
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client: Socket, head: Buffer) => {
    asked.push(request.url ?? '');
    track(client);
    if (mode === 'refuse') return void client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    if (mode === 'hang') return;
    const upstream = track(
      tcpConnect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      }),
    );
  });
  const proxyPort = await listen(server);
  stops.push(async () => cut());
  return { url: `http://127.0.0.1:${proxyPort}`, asked, cut };
}

/** Every host name is 127.0.0.1 (answers both the single-address and the `all: true` form). */
const toLoopback = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

function send(options: Omit<NotifierOptions, 'sleep'>, text = 'report acknowledged') {
  return createNotifier({ timeoutMs: 3000, sleep: async () => undefined, ...options }).send(text);
}

describe('proxyFor reads the proxy variables as @actions/http-client does', () => {
  const https = new URL('https://hooks.slack.com/services/T/B/X');
  const http = new URL('http://relay.example/hook');

  it('takes the variable for the scheme, lower-case first, no fallback between schemes', () => {
    expect(proxyFor(https, { HTTPS_PROXY: 'http://upper:1' })?.href).toBe('http://upper:1/');
    expect(proxyFor(https, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })?.href).toBe(
      'http://lower:1/',
    );
    expect(proxyFor(https, { HTTP_PROXY: 'http://plain:1' })).toBeUndefined();
    expect(proxyFor(http, { HTTP_PROXY: 'http://plain:1' })?.href).toBe('http://plain:1/');
    expect(proxyFor(http, { HTTPS_PROXY: 'http://secure:1' })).toBeUndefined();
    expect(proxyFor(https, {})).toBeUndefined();
  });

  it('reads a value without a scheme as an http proxy and ignores one it cannot use', () => {
    expect(proxyFor(https, { HTTPS_PROXY: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
    expect(proxyFor(https, { HTTPS_PROXY: 'socks5://proxy.corp:1080' })).toBeUndefined();
  });

  it('never proxies loopback', () => {
    const env = { HTTP_PROXY: 'http://proxy:1', HTTPS_PROXY: 'http://proxy:1' };
    for (const url of ['http://localhost:8080/x', 'http://127.0.0.1:9/x', 'https://[::1]:9/x']) {
      expect(proxyFor(new URL(url), env)).toBeUndefined();
    }
  });

  it.each([
    ['hooks.slack.com', true],
    ['HOOKS.SLACK.COM', true],
    ['slack.com', true],
    ['.slack.com', true],
    ['hooks.slack.com:443', true],
    ['hooks.slack.com:8443', false],
    ['other.example, slack.com', true],
    ['*', true],
    ['lack.com', false],
    ['example.com', false],
  ])('NO_PROXY=%s bypasses https://hooks.slack.com: %s', (noProxy, bypassed) => {
    expect(bypassesProxy(https, { NO_PROXY: noProxy })).toBe(bypassed);
    expect(proxyFor(https, { HTTPS_PROXY: 'http://proxy:1', NO_PROXY: noProxy }) === undefined).toBe(bypassed);
  });

  it('prefers no_proxy to NO_PROXY', () => {
    expect(bypassesProxy(https, { no_proxy: 'example.com', NO_PROXY: 'slack.com' })).toBe(false);
  });
});

describe('http through a forwarding proxy (absolute-form requests)', () => {
  let proxy: Proxy;

  it('goes through HTTP_PROXY, once', async () => {
    const hook = await startHook(false);
    proxy = await startProxy(`http://127.0.0.1:${hook.port}`);
    stops.push(() => proxy.stop());
    const delivery = await send({
      url: new URL('http://chat.example.test/relay/hook'),
      platform: 'matrix',
      env: { HTTP_PROXY: proxy.url },
    });
    expect(delivery).toMatchObject({ delivered: 'yes', status: 200, attempts: 1 });
    expect(proxy.seen.map(({ method, path }) => ({ method, path }))).toEqual([{ method: 'POST', path: '/relay/hook' }]);
    expect(hook.bodies.map((body) => JSON.parse(body))).toEqual([payloadFor('matrix', 'report acknowledged')]);
  });

  it('a 502 from the proxy after it forwarded the request is unknown, and not sent again', async () => {
    const hook = await startHook(false);
    proxy = await startProxy(`http://127.0.0.1:${hook.port}`, () => ({ kind: 'apply-then-fail', status: 502 }));
    stops.push(() => proxy.stop());
    const delivery = await send({ url: new URL('http://chat.example.test/hook'), env: { http_proxy: proxy.url } });
    expect(delivery).toMatchObject({ delivered: 'unknown', status: 502, attempts: 1 });
    expect(hook.bodies).toHaveLength(1);
  });
  it('a proxy asking for credentials (407) forwarded nothing: not delivered', async () => {
    const hook = await startHook(false);
    proxy = await startProxy(`http://127.0.0.1:${hook.port}`, () => ({ kind: 'answer', status: 407, body: '' }));
    stops.push(() => proxy.stop());
    const delivery = await send({ url: new URL('http://chat.example.test/hook'), env: { HTTP_PROXY: proxy.url } });
    expect(delivery).toMatchObject({ delivered: 'no', reason: 'the proxy answered 407', attempts: 3 });
    expect(proxy.seen).toHaveLength(3);
    expect(hook.bodies).toEqual([]);
  });
});

describe('https through a CONNECT proxy', () => {
  it('tunnels to the platform host and verifies its certificate there', async () => {
    const hook = await startHook(true);
    const proxy = await startConnectProxy(hook.port);
    const delivery = await send({
      url: new URL('https://hooks.slack.com/services/T0/B0/XYZ'),
      env: { HTTPS_PROXY: proxy.url },
      connect: { ca: CERT },
    });
    expect(delivery).toMatchObject({ delivered: 'yes', platform: 'slack', attempts: 1 });
    expect(proxy.asked).toEqual(['hooks.slack.com:443']);
    expect(hook.bodies.map((body) => JSON.parse(body))).toEqual([payloadFor('slack', 'report acknowledged')]);
  });

  it('refuses a hook whose certificate it does not trust, without sending', async () => {
    const hook = await startHook(true);
    const proxy = await startConnectProxy(hook.port);
    const delivery = await send({
      url: new URL('https://hooks.slack.com/services/T0/B0/XYZ'),
      env: { HTTPS_PROXY: proxy.url },
      attempts: 1,
    });
    expect(delivery).toMatchObject({ delivered: 'no', attempts: 1 });
    expect(hook.bodies).toEqual([]);
  });

  it('a refused tunnel is not delivered: the platform never saw the request', async () => {
    const hook = await startHook(true);
    const proxy = await startConnectProxy(hook.port, 'refuse');
    const delivery = await send({
      url: new URL('https://hooks.slack.com/services/T0/B0/XYZ'),
      env: { HTTPS_PROXY: proxy.url },
      connect: { ca: CERT },
    });
    expect(delivery).toMatchObject({ delivered: 'no', reason: 'the proxy answered 403', attempts: 3 });
    expect(proxy.asked).toHaveLength(3);
    expect(hook.bodies).toEqual([]);
  });

  it('a proxy that never opens the tunnel: not delivered once the time is up', async () => {
    const hook = await startHook(true);
    const proxy = await startConnectProxy(hook.port, 'hang');
    const delivery = await send({
      url: new URL('https://hooks.slack.com/services/T0/B0/XYZ'),
      env: { HTTPS_PROXY: proxy.url },
      connect: { ca: CERT },
      timeoutMs: 300,
      attempts: 1,
    });
    expect(delivery).toMatchObject({ delivered: 'no', attempts: 1 });
    expect(hook.bodies).toEqual([]);
  });

  it('an unreachable proxy: not delivered', async () => {
    const free = createTcpServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as AddressInfo).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const delivery = await send({
      url: new URL('https://hooks.slack.com/services/T0/B0/XYZ'),
      env: { HTTPS_PROXY: `http://127.0.0.1:${port}` },
      attempts: 1,
    });
    expect(delivery).toMatchObject({ delivered: 'no', reason: 'ECONNREFUSED', attempts: 1 });
  });

  it('the tunnel cut after the hook read the request: unknown, and not sent again', async () => {
    const tunnel: { proxy?: ConnectProxy } = {};
    const hook = await startHook(true, 'none', () => tunnel.proxy?.cut());
    const proxy = (tunnel.proxy = await startConnectProxy(hook.port));
    const delivery = await send({
      url: new URL('https://hooks.slack.com/services/T0/B0/XYZ'),
      env: { HTTPS_PROXY: proxy.url },
      connect: { ca: CERT },
    });
    expect(delivery).toMatchObject({ delivered: 'unknown', attempts: 1 });
    expect(delivery.status).toBeUndefined();
    expect(proxy.asked).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
  });
});

describe('NO_PROXY', () => {
  it('sends a listed host straight to it; the same URL goes through the proxy otherwise', async () => {
    const hook = await startHook(true);
    const proxy = await startConnectProxy(hook.port);
    const url = new URL(`https://hooks.slack.com:${hook.port}/services/T0/B0/XYZ`);
    const connect = { ca: CERT, lookup: toLoopback };

    const direct = await send({ url, env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,.slack.com' }, connect });
    expect(direct).toMatchObject({ delivered: 'yes', attempts: 1 });
    expect(proxy.asked).toEqual([]);
    expect(hook.bodies).toHaveLength(1);

    const proxied = await send({ url, env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' }, connect });
    expect(proxied).toMatchObject({ delivered: 'yes', attempts: 1 });
    expect(proxy.asked).toEqual([`hooks.slack.com:${hook.port}`]);
    expect(hook.bodies).toHaveLength(2);
  });
});
