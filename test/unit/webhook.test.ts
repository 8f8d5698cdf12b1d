import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook, WebhookError } from '../../src/channels/webhook.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A chat hook on loopback that answers the statuses given, one per request, then 200. */
async function hookAnswering(statuses: number[]): Promise<{ url: URL; requests: () => number }> {
  let count = 0;
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const status = statuses[count] ?? 200;
      count += 1;
      response.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: new URL(`http://127.0.0.1:${port}/hook`), requests: () => count };
}

async function failureOf(promise: Promise<void>): Promise<WebhookError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebhookError) return error;
    throw error;
  }
  throw new Error('expected a WebhookError');
}

describe('postWebhook sends a chat message at most once', () => {
  it('posts once when the hook takes it', async () => {
    const hook = await hookAnswering([200]);
    await postWebhook(hook.url, { text: 'hello' });
    expect(hook.requests()).toBe(1);
  });

  it('tries again after a 429: the hook said it did not take the message', async () => {
    const hook = await hookAnswering([429, 429, 200]);
    await postWebhook(hook.url, { text: 'hello' });
    expect(hook.requests()).toBe(3);
  });

  it('never repeats after a 5xx: the message may have been posted', async () => {
    const hook = await hookAnswering([502]);
    const error = await failureOf(postWebhook(hook.url, { text: 'hello' }));
    expect({ status: error.status, delivered: error.delivered, requests: hook.requests() }).toEqual({
      status: 502,
      delivered: 'unknown',
      requests: 1,
    });
  });

  it('does not repeat what the hook refused (a revoked hook answers 404)', async () => {
    const hook = await hookAnswering([404]);
    const error = await failureOf(postWebhook(hook.url, { text: 'hello' }));
    expect({ delivered: error.delivered, requests: hook.requests() }).toEqual({ delivered: 'no', requests: 1 });
  });

  it('tries again when no connection could be made, and then says it was not delivered', async () => {
    const hook = await hookAnswering([]);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const error = await failureOf(postWebhook(hook.url, { text: 'hello' }));
    expect(error.delivered).toBe('no');
    expect(error.message).toBe('the webhook could not be reached (ECONNREFUSED)');
  });
});
