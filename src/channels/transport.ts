/**
 * One POST of a JSON body to a webhook, through the proxy the environment names (proxy.ts), with undici — the HTTP
 * client @actions/http-client and the GitHub client already use; loaded on first send, so importing the channel
 * costs nothing in a run that posts no message.
 *
 * What matters for a chat message is whether it may have reached the platform, so the outcome records how far the
 * request got: undici calls `onConnect` just before it writes the request on a connected socket (after the proxy
 * tunnel and the TLS handshake). A failure before that point cannot have delivered anything; after it, the request
 * may have been read and acted on even if no answer came back. The request is never sent twice: it is marked
 * non-idempotent (undici re-sends only idempotent requests) and each send has its own connection, closed after.
 */
import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import { proxyFor } from './proxy.js';

/** Socket settings the runner does not give through the environment; tests point them at loopback. */
export interface ConnectSettings {
  /** Certificates to trust instead of Node's bundled CAs (which already include `NODE_EXTRA_CA_CERTS`). */
  readonly ca?: string | Buffer | (string | Buffer)[];
  /** Host name resolution instead of the system resolver. */
  readonly lookup?: LookupFunction;
}

export interface TransportOptions {
  /** Where the proxy variables are read (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, lower-case first). */
  readonly env: NodeJS.ProcessEnv;
  /** The whole exchange: connecting (through the proxy), sending and the complete answer. */
  readonly timeoutMs: number;
  readonly connect?: ConnectSettings;
}

/** How one POST went. */
export type Exchange =
  /** The platform (or a proxy in front of it) answered with this status. */
  | {
      readonly kind: 'answered';
      readonly status: number;
      /** The first few kilobytes of the answer, as text. */
      readonly body: string;
      readonly retryAfterMs: number | undefined;
    }
  /** Failed before the request was written: nothing can have arrived. */
  | { readonly kind: 'not-sent'; readonly reason: string }
  /** Failed after the request was written, without a status: it may have arrived. */
  | { readonly kind: 'lost'; readonly reason: string };

const CONNECT_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 4096;

/** `Retry-After` as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function header(raw: Buffer[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toString('latin1').toLowerCase() === name) return raw[i + 1]?.toString('latin1');
  }
  return undefined;
}

/** A short name for a failure: the system or undici error code, or what a proxy answered. */
export function reasonOf(error: unknown): string {
  const failure = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    errors?: { code?: unknown }[];
    cause?: { code?: unknown };
  };
  const message = typeof failure.message === 'string' ? failure.message : '';
  const tunnelStatus = /Proxy response \((\d{3})\)/.exec(message)?.[1];
  if (tunnelStatus) return `the proxy answered ${tunnelStatus}`;
  if (/\(407\)/.test(message)) return 'the proxy answered 407';
  const code = [failure.code, failure.errors?.find((inner) => inner.code)?.code, failure.cause?.code].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  );
  return code ?? (typeof failure.name === 'string' ? failure.name : 'Error');
}

/** A proxy that refused to forward (tunnel refused, credentials asked for): the platform never saw the request. */
const refusedByProxy = (reason: string): boolean => reason.startsWith('the proxy answered');

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function exchange(dispatcher: Dispatcher, url: URL, body: string, timeoutMs: number): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    let writing = false;
    let settled = false;
    let status = 0;
    let retryAfter: string | undefined;
    const chunks: Buffer[] = [];
    let size = 0;

    const answer = (): Exchange => ({
      kind: 'answered',
      status,
      body: Buffer.concat(chunks).toString('utf8'),
      retryAfterMs: retryAfterMs(retryAfter),
    });
    const settle = (outcome: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const fail = (error: unknown): void => {
      const reason = reasonOf(error);
      // The status arrived: the platform answered, only the rest of its answer was lost.
      if (status >= 200) settle(answer());
      else if (!writing || refusedByProxy(reason)) settle({ kind: 'not-sent', reason });
      else settle({ kind: 'lost', reason });
    };
    const deadline = setTimeout(() => {
      const reason = `no answer within ${seconds(timeoutMs)}`;
      settle(
        writing ? { kind: 'lost', reason } : { kind: 'not-sent', reason: `no connection within ${seconds(timeoutMs)}` },
      );
    }, timeoutMs);

    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'disclosure-actions' },
          body,
          idempotent: false,
          reset: true,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        {
          onConnect: () => {
            writing = true;
          },
          onHeaders: (statusCode, headers) => {
            if (statusCode >= 200) {
              status = statusCode;
              retryAfter = header(headers, 'retry-after');
            }
            return true;
          },
          onData: (chunk) => {
            if (size < MAX_BODY_BYTES) {
              chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
              size += chunk.length;
            }
            return true;
          },
          onComplete: () => settle(answer()),
          onError: fail,
        },
      );
    } catch (error) {
      fail(error);
    }
  });
}

/** The dispatcher for one send: straight to the host, or through the proxy the environment names. */
async function dispatcherFor(url: URL, options: TransportOptions): Promise<Dispatcher> {
  const { Agent, ProxyAgent } = await import('undici');
  const connect = { timeout: Math.min(options.timeoutMs, CONNECT_TIMEOUT_MS), ...options.connect };
  const proxy = proxyFor(url, options.env);
  if (!proxy) return new Agent({ connect });
  return new ProxyAgent({
    uri: proxy.href,
    // https goes through a CONNECT tunnel; plain http is sent to the proxy as an absolute-form request, the way
    // curl and most proxies expect it (many allow CONNECT to port 443 only).
    proxyTunnel: url.protocol === 'https:',
    proxyTls: connect,
    requestTls: connect,
  });
}

/** POSTs `body` (JSON) to `url` once; never throws for a network failure. */
export async function postJson(url: URL, body: string, options: TransportOptions): Promise<Exchange> {
  let dispatcher: Dispatcher;
  try {
    dispatcher = await dispatcherFor(url, options);
  } catch (error) {
    return { kind: 'not-sent', reason: reasonOf(error) };
  }
  try {
    return await exchange(dispatcher, url, body, options.timeoutMs);
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}
