/**
 * Each client's backoff base for 5xx, kept apart from the factory (client.ts) so that the modules that read it do
 * not load octokit with it: they are bundled into a run's first chunk, the client only once a request is made.
 * Keyed by the client object itself, so this module needs nothing from client.ts.
 */
const RETRY_BASE_MS = new WeakMap<object, number>();

export function rememberRetryBase(client: object, ms: number): void {
  RETRY_BASE_MS.set(client, ms);
}

/** The client's backoff base for 5xx, for the creates that retry by themselves (create-once.ts). */
export function retryBaseMs(client: object): number {
  return RETRY_BASE_MS.get(client) ?? 1000;
}
