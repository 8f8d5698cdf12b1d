import type { Emulator } from '../index.js';

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export const API_VERSION = '2022-11-28';

/**
 * One raw HTTP call to the emulator, as a client would make it: with the `X-GitHub-Api-Version` header the project's
 * client pins, unless `apiVersion` says otherwise (null sends none).
 */
export async function api<T = unknown>(
  emulator: Emulator,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; apiVersion?: string | null } = {},
): Promise<ApiAnswer<T>> {
  const token = options.token === undefined ? 'token-admin' : options.token;
  const apiVersion = options.apiVersion === undefined ? API_VERSION : options.apiVersion;
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `token ${token}` }),
      ...(apiVersion === null ? {} : { 'x-github-api-version': apiVersion }),
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
