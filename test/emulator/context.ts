import type { HandlerResult } from './http.js';
import type { View } from './render/view.js';
import type { EmulatorState, TokenGrant } from './types.js';

export interface RuntimeOptions {
  forkReadyAfterMs: number;
  /** Real ms list endpoints lag behind writes (see lag.ts); 0 for none. */
  listingLagMs: number;
}

export interface RequestContext {
  state: EmulatorState;
  view: View;
  options: RuntimeOptions;
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  token: string;
  grant: TokenGrant;
  /** The request's `Accept` header, when it sent one. */
  accept?: string | null;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

export interface Route {
  method: string;
  /** Segments: literal, `:name` for one segment, `*name` for the rest of the path. */
  pattern: string;
  operationId: string;
  handler: Handler;
}

export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  const body = ctx.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function stringParam(ctx: RequestContext, name: string): string {
  return ctx.params[name] ?? '';
}
