/**
 * A loopback proxy in front of the emulator that can answer or hold one chosen request. The emulator's own faults
 * are global (every n-th request); the suite also needs "fail this write" (failure paths of the embargo matrix) and
 * "hold this write while the run is killed" (interrupted runs), "delay this write" (publication order). Everything
 * else is forwarded unchanged. Each request is kept with when it arrived, when it was answered and with what status
 * (`performance.now()` of this process, the clock a timed in-process run uses too), so a test can order them.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ProxiedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly body: string;
  /** A write as the emulator counts it: non-GET REST calls, GraphQL mutations, webhook deliveries. */
  readonly write: boolean;
  /** 1-based index among the writes this proxy has seen (0 for reads). */
  readonly writeIndex: number;
}

/** A request as the proxy saw it, with its timing and the status it was answered with. */
export interface SeenRequest extends ProxiedRequest {
  /** `performance.now()` when the request arrived. */
  readonly at: number;
  /** When the answer went back; undefined while held, or when the connection was dropped. */
  answeredAt: number | undefined;
  /** The status the client got; 0 when the connection was dropped. */
  status: number | undefined;
}

export type Verdict =
  | { readonly kind: 'forward' }
  /** GitHub applied the write but the answer was lost: a 502 from a proxy between the client and GitHub. */
  | { readonly kind: 'apply-then-fail'; readonly status: number }
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Record<string, string>;
    }
  | { readonly kind: 'hold' }
  /** Forwarded after a pause: GitHub is slow to answer this one. */
  | { readonly kind: 'delay'; readonly ms: number };

export type Rule = (request: ProxiedRequest) => Verdict;

export interface HeldRequest {
  readonly request: ProxiedRequest;
  /** Forwards the request after all (GitHub applied it though the client died), or drops it (it never arrived). */
  release(outcome: 'apply' | 'drop'): Promise<void>;
}

export interface Proxy {
  readonly url: string;
  readonly seen: SeenRequest[];
  setRule(rule: Rule): void;
  /** Resolves with the first request the rule held. */
  held(): Promise<HeldRequest>;
  stop(): Promise<void>;
}

const FORWARD: Verdict = { kind: 'forward' };

function isWrite(method: string, path: string, body: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  if (path === '/graphql') return /\bmutation\b/.test(body);
  return true;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Pagination links name the emulator: point them at the proxy so every page goes through it too. */
function rewriteLinks(headers: IncomingMessage['headers'], from: string, to: string): IncomingMessage['headers'] {
  const link = headers.link;
  return typeof link === 'string' ? { ...headers, link: link.split(from).join(to) } : headers;
}

/** Forwards the request; resolves with the status GitHub answered (0: no answer). */
function forward(
  target: URL,
  self: string,
  incoming: IncomingMessage,
  body: string,
  response: ServerResponse | undefined,
) {
  return new Promise<number>((resolve) => {
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          if (response && !response.destroyed) {
            response.writeHead(answer.statusCode ?? 502, rewriteLinks(answer.headers, target.origin, self));
            response.end(Buffer.concat(chunks));
          }
          resolve(answer.statusCode ?? 502);
        });
      },
    );
    // The emulator resets connections on purpose (fault injection): pass the reset on.
    outgoing.on('error', () => {
      response?.socket?.destroy();
      resolve(0);
    });
    outgoing.end(body);
  });
}

export async function startProxy(targetUrl: string, rule: Rule = () => FORWARD): Promise<Proxy> {
  const target = new URL(targetUrl);
  const seen: SeenRequest[] = [];
  let current = rule;
  let writes = 0;
  let self = '';
  const heldWaiters: ((held: HeldRequest) => void)[] = [];
  const heldQueue: HeldRequest[] = [];

  const server: Server = createServer((incoming, response) => {
    void (async () => {
      const body = await readBody(incoming);
      const method = (incoming.method ?? 'GET').toUpperCase();
      const path = new URL(incoming.url ?? '/', 'http://proxy').pathname;
      const write = isWrite(method, path, body);
      if (write) writes += 1;
      const proxied: SeenRequest = {
        method,
        path,
        body,
        write,
        writeIndex: write ? writes : 0,
        at: performance.now(),
        answeredAt: undefined,
        status: undefined,
      };
      seen.push(proxied);
      const answered = (status: number): void => {
        proxied.status = status;
        proxied.answeredAt = performance.now();
      };
      const verdict = current(proxied);
      if (verdict.kind === 'forward') return answered(await forward(target, self, incoming, body, response));
      if (verdict.kind === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, verdict.ms));
        return answered(await forward(target, self, incoming, body, response));
      }
      if (verdict.kind === 'apply-then-fail') {
        await forward(target, self, incoming, body, undefined);
        response.writeHead(verdict.status, { 'content-type': 'text/html' });
        response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return answered(verdict.status);
      }
      if (verdict.kind === 'answer') {
        const text = typeof verdict.body === 'string' ? verdict.body : JSON.stringify(verdict.body);
        response.writeHead(verdict.status, { 'content-type': 'application/json; charset=utf-8', ...verdict.headers });
        response.end(text);
        return answered(verdict.status);
      }
      const held: HeldRequest = {
        request: proxied,
        release: async (outcome) => {
          if (outcome === 'apply') answered(await forward(target, self, incoming, body, response));
          else {
            response.socket?.destroy();
            proxied.status = 0;
          }
        },
      };
      const waiter = heldWaiters.shift();
      if (waiter) waiter(held);
      else heldQueue.push(held);
    })();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self = url;

  return {
    url,
    seen,
    setRule(next) {
      current = next;
    },
    held() {
      const queued = heldQueue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve) => heldWaiters.push(resolve));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GitHub's answer to a token that lacks the permission a request needs. */
export function forbidden(): Verdict {
  return {
    kind: 'answer',
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
      status: '403',
    },
  };
}
