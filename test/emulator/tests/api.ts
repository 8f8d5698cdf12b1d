import type { Emulator } from '../index.js';

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** One raw HTTP call to the emulator, as a client would make it. */
export async function api<T = unknown>(
  emulator: Emulator,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<ApiAnswer<T>> {
  const token = options.token === undefined ? 'token-admin' : options.token;
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `token ${token}` }),
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
  };
}
