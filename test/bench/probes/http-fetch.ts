/**
 * A fetch for octokit over node:http/https, enough for @octokit/request (status, url, headers, text, arrayBuffer).
 * Node's global fetch loads its bundled undici on first use (tens of milliseconds); node:http is already loaded.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

interface FetchInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | null;
  readonly signal?: AbortSignal | null;
}

class HeaderList {
  constructor(private readonly raw: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name) ?? ''];
  }
}

function readAll(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
  });
}

export function httpFetch(url: string, init: FetchInit = {}) {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = send(
      url,
      { method: init.method ?? 'GET', headers: init.headers, signal: init.signal ?? undefined },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(init.body ?? undefined);
  }).then(async (response) => {
    const body = await readAll(response);
    return {
      status: response.statusCode ?? 0,
      statusText: response.statusMessage ?? '',
      url,
      headers: new HeaderList(response.headers),
      body: null,
      text: async () => body.toString('utf8'),
      json: async (): Promise<unknown> => JSON.parse(body.toString('utf8')),
      arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
    };
  });
}
