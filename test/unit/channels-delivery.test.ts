/**
 * Delivery against chat hooks on loopback: every outcome a platform (or the network in front of it) can produce,
 * and the one property that matters — a message that may have been posted is never posted again.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createNotifier, type NotifierOptions } from '../../src/channels/notifier.js';
import { payloadFor } from '../../src/channels/payloads.js';

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string;
}
type Behaviour = (index: number, request: IncomingMessage, response: ServerResponse) => void;

const open: (Server | TcpServer)[] = [];

afterEach(async () => {
  for (const server of open.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function listen(server: Server | TcpServer): Promise<number> {
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A hook that records each complete request, then behaves as told for that request (0-based). */
async function startHook(behave: Behaviour): Promise<{ url: URL; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = received.length;
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      behave(index, request, response);
    });
  });
  const port = await listen(server);
  return {
    url: new URL(`http://127.0.0.1:${port}/services/T0A1B2C3D/B0A1B2C3D/SECRETTOKEN123?api_key=KEY123456`),
    received,
  };
}

const answer =
  (...statuses: number[]): Behaviour =>
  (index, _request, response) =>
    response.writeHead(statuses[index] ?? 200, { 'content-type': 'text/plain' }).end('ok');

function notifier(url: URL, extra: Partial<NotifierOptions> = {}) {
  const waits: number[] = [];
  const sent = createNotifier({
    url,
    env: {},
    timeoutMs: 2000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { send: (text: string) => sent.send(text), waits };
}

describe('a message the platform takes', () => {
  it('is posted once, as JSON in the platform’s shape', async () => {
    const hook = await startHook(answer(204));
    const delivery = await notifier(hook.url, { platform: 'discord' }).send('hello <world>');
    expect(delivery).toEqual({
      delivered: 'yes',
      status: 204,
      platform: 'discord',
      attempts: 1,
      detail: 'posted (HTTP 204)',
    });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.path).toBe('/services/T0A1B2C3D/B0A1B2C3D/SECRETTOKEN123?api_key=KEY123456');
    expect(hook.received[0]!.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(hook.received[0]!.body)).toEqual(payloadFor('discord', 'hello <world>'));
  });

  it('counts as posted when the status came and only the rest of the answer was lost', async () => {
    const hook = await startHook((_index, request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('partial', () => request.socket.destroy());
    });
    const delivery = await notifier(hook.url).send('hello');
    expect({ delivered: delivery.delivered, status: delivery.status }).toEqual({ delivered: 'yes', status: 200 });
    expect(hook.received).toHaveLength(1);
  });
});

describe('a message that may have been posted is reported as unknown and never sent again', () => {
  it.each([500, 502, 503])('HTTP %i', async (status) => {
    const hook = await startHook(answer(status));
    const delivery = await notifier(hook.url).send('hello');
    expect(delivery).toMatchObject({ delivered: 'unknown', status, attempts: 1 });
    expect(hook.received).toHaveLength(1);
  });

  it('the connection reset after the hook read the whole request', async () => {
    const hook = await startHook((_index, request) => request.socket.destroy());
    const delivery = await notifier(hook.url).send('hello');
    expect(delivery).toMatchObject({ delivered: 'unknown', attempts: 1 });
    expect(delivery.status).toBeUndefined();
    expect(delivery.detail).toMatch(/^gave no answer after the message was sent \(.+\); it may have been posted$/);
    expect(hook.received).toHaveLength(1);
  });

  it('no answer in time after sending', async () => {
    const hook = await startHook(() => undefined);
    const delivery = await notifier(hook.url, { timeoutMs: 300 }).send('hello');
    expect(delivery).toMatchObject({ delivered: 'unknown', attempts: 1 });
    expect(hook.received).toHaveLength(1);
  });
});

describe('a message that certainly did not go out is reported as not delivered', () => {
  it.each([400, 403, 404, 410, 413])('HTTP %i: refused, not repeated', async (status) => {
    const hook = await startHook(answer(status));
    const delivery = await notifier(hook.url).send('hello');
    expect(delivery).toMatchObject({ delivered: 'no', status, attempts: 1 });
    expect(hook.received).toHaveLength(1);
  });

  it('says what the platform answered, without any part of the URL', async () => {
    const hook = await startHook((_index, _request, response) =>
      response.writeHead(404).end('no_service\n for /services/T0A1B2C3D/B0A1B2C3D/SECRETTOKEN123 key KEY123456'),
    );
    const delivery = await notifier(hook.url).send('hello');
    expect(delivery.detail).toBe('refused it with HTTP 404: no_service for /***/***/***/*** key ***');
  });

  it('a redirect is not followed: the body would go somewhere else', async () => {
    const hook = await startHook((_index, _request, response) =>
      response.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' }).end(),
    );
    const delivery = await notifier(hook.url).send('hello');
    expect(delivery).toMatchObject({ delivered: 'no', status: 307, attempts: 1 });
    expect(hook.received).toHaveLength(1);
  });

  it('no connection: ECONNREFUSED, tried again, then not delivered', async () => {
    const port = await listen(createTcpServer());
    const closed = open.pop() as TcpServer;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = notifier(new URL(`http://127.0.0.1:${port}/hook`));
    const delivery = await sender.send('hello');
    expect(delivery).toEqual({
      delivered: 'no',
      reason: 'ECONNREFUSED',
      platform: 'generic',
      attempts: 3,
      detail: 'could not be reached (ECONNREFUSED)',
    });
    expect(sender.waits).toEqual([250, 500]);
  });

  it('no connection in time (the TLS handshake never finishes): nothing was written, not delivered', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    const delivery = await notifier(new URL(`https://127.0.0.1:${port}/hook`), { timeoutMs: 300, attempts: 1 }).send(
      'hello',
    );
    sockets.forEach((socket) => socket.destroy());
    expect(delivery).toMatchObject({ delivered: 'no', attempts: 1 });
    expect(delivery.status).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('a 429 is waited out as the hook asks, then sent again: the hook did not take it', async () => {
    const hook = await startHook((index, _request, response) =>
      index === 0 ? response.writeHead(429, { 'retry-after': '2' }).end() : response.writeHead(200).end('ok'),
    );
    const sender = notifier(hook.url);
    const delivery = await sender.send('hello');
    expect(delivery).toMatchObject({ delivered: 'yes', attempts: 2 });
    expect(sender.waits).toEqual([2000]);
    expect(hook.received).toHaveLength(2);
  });

  it('a 429 asking for a long wait is reported, not waited out', async () => {
    const hook = await startHook((_index, _request, response) =>
      response.writeHead(429, { 'retry-after': '120' }).end(),
    );
    const sender = notifier(hook.url);
    const delivery = await sender.send('hello');
    expect(delivery).toMatchObject({ delivered: 'no', status: 429, attempts: 1 });
    expect(sender.waits).toEqual([]);
    expect(hook.received).toHaveLength(1);
  });

  it('attempts: 1 sends once whatever happens', async () => {
    const hook = await startHook(answer(429, 429));
    const delivery = await notifier(hook.url, { attempts: 1 }).send('hello');
    expect(delivery).toMatchObject({ delivered: 'no', status: 429, attempts: 1 });
    expect(hook.received).toHaveLength(1);
  });
});

describe('at most once, whatever the hook does', () => {
  it('one request per message for every outcome that may have posted it', async () => {
    const behaviours: Behaviour[] = [
      answer(200),
      answer(500),
      (_index, request) => request.socket.destroy(),
      () => undefined,
    ];
    for (const behave of behaviours) {
      const hook = await startHook(behave);
      const sender = notifier(hook.url, { timeoutMs: 300, attempts: 5 });
      await sender.send('one');
      await sender.send('two');
      expect(hook.received.map((request) => JSON.parse(request.body).text)).toEqual(['one', 'two']);
    }
  });
});
