/**
 * octokit's `request.fetch` on node:http and node:https, in place of the toolkit's default (undici's fetch): undici
 * and the WebAssembly HTTP parser it compiles on the first request are most of a short run's time. It does what
 * octokit's fetch wrapper (@octokit/request) relies on, as undici's fetch does it:
 * - resolves with status, statusText, url (the last one after redirects), headers (lower-case names, iterable,
 *   `get`), and the body as `text()`, `json()`, `arrayBuffer()` or a web `ReadableStream` (`body`);
 * - follows up to 20 redirects (`redirect: 'follow'`, the default; POST becomes GET on 301/302, all but HEAD on
 *   303; credentials dropped when the origin changes), hands a redirect back (`manual`) or fails on it (`error`);
 * - fails with `TypeError('fetch failed')` whose `cause` is the network error (octokit turns it into a 500
 *   RequestError with the cause's message, which plugin-retry retries); a body cut off fails its read with
 *   `TypeError('terminated')`;
 * - gives up after `timeoutMs` without a byte from the server (undici's default: 300 s), waiting for the answer or
 *   inside its body;
 * - rejects with the signal's reason (an `AbortError`) when aborted;
 * - asks for and decodes gzip, deflate and brotli bodies.
 * Connections are kept alive and reused (Node's global agents). Proxies are not its business: with a proxy set, the
 * client keeps the toolkit's proxy-aware fetch (client.ts).
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

export interface FetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | ArrayBuffer | null;
  readonly redirect?: 'follow' | 'manual' | 'error';
  readonly signal?: AbortSignal | null;
}

export interface HttpFetchOptions {
  /** Milliseconds without a byte from the server before the request fails (undici's default, 300 s). */
  readonly timeoutMs?: number;
}

export type HttpFetch = (input: string | URL, init?: FetchInit) => Promise<FetchResponse>;

const MAX_REDIRECTS = 20;
const DEFAULT_TIMEOUT_MS = 300_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect leaves the origin, as fetch does. */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

/** Response headers as fetch's `Headers`: lower-case names in order, repeated values joined with ", ". */
export class FetchHeaders {
  readonly #values: Map<string, string>;

  constructor(raw: IncomingMessage['headers']) {
    const names = Object.keys(raw).sort();
    this.#values = new Map(
      names.map((name) => {
        const value = raw[name];
        return [name, Array.isArray(value) ? value.join(', ') : (value ?? '')];
      }),
    );
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.#values) callback(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

const ignore = (): void => undefined;

function networkError(message: 'fetch failed' | 'terminated', cause: unknown): TypeError {
  return new TypeError(message, { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The answer to a request: status and headers now, the body when read (once). */
export class FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: FetchHeaders;
  readonly #stream: Readable;
  readonly #signal: AbortSignal | undefined;
  #used = false;

  constructor(message: IncomingMessage, stream: Readable, url: string, redirected: boolean, signal?: AbortSignal) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.url = url;
    this.redirected = redirected;
    this.headers = new FetchHeaders(message.headers);
    // A body nobody reads (a 204, a response octokit drops) must not crash the process when its connection fails;
    // a reader listens for the error itself.
    if (stream !== message) message.on('error', ignore);
    stream.on('error', ignore);
    this.#stream = stream;
    this.#signal = signal;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** The body as a web stream (octokit's `parseSuccessResponseBody: false`). */
  get body(): ReadableStream<Uint8Array> {
    this.#used = true;
    return Readable.toWeb(this.#stream) as ReadableStream<Uint8Array>;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#read();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return (await this.#read()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  #read(): Promise<Buffer> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    const stream = this.#stream;
    const signal = this.#signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        stream.destroy();
        reject(abortReason(signal));
        return;
      }
      const chunks: Buffer[] = [];
      const onAbort = (): void => {
        stream.destroy();
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(Buffer.concat(chunks));
      });
      stream.once('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(networkError('terminated', error));
      });
    });
  }
}

function bodyBytes(body: FetchInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('fetch: the body must be a string, an ArrayBuffer or a typed array');
}

/** One hop: the request as it goes out after the redirects so far. */
interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

/** The request after a redirect: fetch's method and body rules, credentials dropped across origins. */
function redirected(hop: Hop, status: number, location: URL): Hop {
  const toGet =
    (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  const headers = { ...hop.headers };
  if (toGet)
    for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) delete headers[name];
  if (location.origin !== hop.url.origin) for (const name of CREDENTIALS) delete headers[name];
  return { url: location, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body };
}

function outgoingHeaders(hop: Hop): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { accept: '*/*', ...hop.headers };
  if (headers['accept-encoding'] === undefined) {
    headers['accept-encoding'] = hop.url.protocol === 'https:' ? 'br, gzip, deflate' : 'gzip, deflate';
  }
  if (hop.body) headers['content-length'] = hop.body.byteLength;
  else if (hop.method === 'POST' || hop.method === 'PUT') headers['content-length'] = 0;
  return headers;
}

/** The body stream, decoded when the server compressed it. */
async function decoded(message: IncomingMessage): Promise<Readable> {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return message;
  const zlib = await import('node:zlib');
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return message;
  message.on('error', (error) => decoder.destroy(error));
  return message.pipe(decoder);
}

function send(hop: Hop, timeoutMs: number, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const open =
      hop.url.protocol === 'https:'
        ? import('node:https').then((https) => https.request)
        : Promise.resolve(httpRequest);
    void open.then((request) => {
      const outgoing = request(hop.url, { method: hop.method, headers: outgoingHeaders(hop) });
      const onAbort = (): void => {
        outgoing.destroy();
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.setTimeout(timeoutMs, () => {
        const seconds = timeoutMs / 1000;
        outgoing.destroy(Object.assign(new Error(`no answer within ${seconds} s`), { code: 'ETIMEDOUT' }));
      });
      outgoing.once('response', (message) => {
        signal?.removeEventListener('abort', onAbort);
        // The socket's timeout goes on counting inside the body: a body that stalls as long fails its read.
        resolve(message);
      });
      outgoing.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(networkError('fetch failed', error));
      });
      outgoing.end(hop.body);
    }, reject);
  });
}

/** A fetch for octokit; `timeoutMs` is for tests, the client takes the default. */
export function createHttpFetch(options: HttpFetchOptions = {}): HttpFetch {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (input, init = {}) => {
    const signal = init.signal ?? undefined;
    const mode = init.redirect ?? 'follow';
    let hop: Hop = {
      url: new URL(input),
      method: (init.method ?? 'GET').toUpperCase(),
      headers: Object.fromEntries(
        Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      body: bodyBytes(init.body),
    };
    for (let redirects = 0; ; redirects += 1) {
      if (hop.url.protocol !== 'http:' && hop.url.protocol !== 'https:') {
        throw networkError('fetch failed', new Error(`unsupported protocol ${hop.url.protocol}`));
      }
      const message = await send(hop, timeoutMs, signal);
      const status = message.statusCode ?? 0;
      const location = message.headers.location;
      if (!REDIRECTS.has(status) || location === undefined || mode === 'manual') {
        return new FetchResponse(message, await decoded(message), hop.url.href, redirects > 0, signal);
      }
      message.on('error', ignore).resume();
      if (mode === 'error') throw networkError('fetch failed', new Error(`unexpected redirect to ${location}`));
      if (redirects === MAX_REDIRECTS) throw networkError('fetch failed', new Error('redirect count exceeded'));
      hop = redirected(hop, status, new URL(location, hop.url));
    }
  };
}

export const httpFetch: HttpFetch = createHttpFetch();
