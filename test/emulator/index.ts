/**
 * A local, stateful GitHub API emulator on loopback. It serves the REST operations the actions use (and a small
 * GraphQL schema for Discussions) with GitHub's semantics, checks every request and response against GitHub's
 * OpenAPI description, logs what it was asked, and can inject latency, 5xx, rate limits and connection resets.
 *
 *   const emulator = await startEmulator({ seed: defaultSeed(), now: '2026-01-05T09:00:00Z' });
 *   runAction('ack-report', { emulator, inputs: { token: 'token-admin', ... } });
 *   expect(emulator.writes()).toEqual([]);
 *   expect(emulator.contractViolations).toEqual([]);
 *   await emulator.stop();
 *
 * Options beyond GitHub's defaults: `requireApiVersion: true` refuses a REST request without `X-GitHub-Api-Version`;
 * `listingLagMs: N` makes list endpoints lag N ms behind writes; `enterpriseServer: true` answers as GitHub
 * Enterprise Server (under `/api/v3`, without repository security advisories). Seeds can hold pending team invitations
 * (`teams[].pending`), internal repositories (`repos[].visibility: 'internal'`) and the organization's base permission
 * (`orgBasePermission`, answered by GET /orgs/{org} to owner tokens only); `state.notifications` logs the @mention
 * notifications GitHub would have sent.
 */
import type { FaultOptions } from './faults.js';
import type { SeedData } from './seed.js';
import type { EmulatorState, WebhookDelivery } from './types.js';

export type { FaultOptions } from './faults.js';
export { startEmulator } from './server.js';

export interface EmulatorOptions {
  /** The world to start from; default `defaultSeed()`. */
  readonly seed?: SeedData;
  /** The emulator's clock (ISO 8601): `created_at`, `updated_at` of what it creates. Move it with `setNow`. */
  readonly now?: string;
  /** Real milliseconds before a new temporary private fork answers (GitHub creates it asynchronously). */
  readonly forkReadyAfterMs?: number;
  readonly faults?: FaultOptions;
  /** Validate every request body and response against the OpenAPI fixture (default true; the benchmark turns it off). */
  readonly validate?: boolean;
  /**
   * Real milliseconds list endpoints lag behind writes, as GitHub's eventually consistent listings do (default 0):
   * the issues list, issue comments list, issue search, both advisory lists and the advisory comments list do not
   * show what was created through the API in the last `listingLagMs` ms, and still show issue comments deleted in
   * that time. Single-item GETs answer at once.
   */
  readonly listingLagMs?: number;
  /**
   * Refuse every REST request without an `X-GitHub-Api-Version` header with a 400 (default false; GitHub itself
   * assumes 2022-11-28 then). A version the emulator does not serve is refused either way, as GitHub refuses one it
   * does not support. GraphQL and the webhook sink are not checked; `LoggedRequest.apiVersion` shows what came.
   */
  readonly requireApiVersion?: boolean;
  /**
   * Answer as GitHub Enterprise Server 3.x does (default false): REST under `/api/v3` (`url` ends with it, so it is
   * the GITHUB_API_URL to pass), GraphQL at `/api/graphql`, and a plain 404 for what Enterprise Server does not have:
   * repository security advisories (every endpoint under `/security-advisories`) and private vulnerability reporting.
   */
  readonly enterpriseServer?: boolean;
  /** The loopback port to listen on (default 0: any free one; `npm run emulator` uses a fixed one). */
  readonly port?: number;
}

export interface LoggedRequest {
  readonly method: string;
  /** The path without the query string, e.g. `/repos/sample-org/sample-project/security-advisories`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly status: number;
  /** The OpenAPI operation id (`issues/create`), `graphql`, `webhook`, or `unknown`. */
  readonly operationId: string;
  /** True for anything that changes state: non-GET REST calls, GraphQL mutations, webhook deliveries. */
  readonly write: boolean;
  readonly token: string;
  /** The request's `X-GitHub-Api-Version` header; null when it had none. */
  readonly apiVersion: string | null;
}

export interface WebhookSink {
  /** POST here to deliver a chat message; `${url}/<anything>` works too. */
  readonly url: string;
  readonly deliveries: WebhookDelivery[];
  /** The next `times` deliveries answer `status` (e.g. 500, or 404 for a revoked hook). */
  failNext(status: number, times?: number): void;
}

export interface Emulator {
  /** The API base URL to pass as GITHUB_API_URL. */
  readonly url: string;
  /**
   * The live in-memory data; tests read it and may change it directly (see state.ts). `state.notifications` is the
   * log of @mention notifications GitHub would have sent (mentions.ts).
   */
  readonly state: EmulatorState;
  readonly log: LoggedRequest[];
  writes(): LoggedRequest[];
  resetLog(): void;
  setNow(iso: string): void;
  setFaults(faults: FaultOptions): void;
  /** Every request or response that did not match GitHub's schema: `operationId STATUS where: error`. */
  readonly contractViolations: string[];
  readonly webhook: WebhookSink;
  stop(): Promise<void>;
  /** The same as stop. */
  close(): Promise<void>;
}
