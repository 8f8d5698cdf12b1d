/**
 * Fault injection: what real GitHub does on a bad day. Faults are decided before a request is handled, so an
 * injected failure never changes state (as with GitHub's own 5xx and rate limits). Decisions come from a seeded
 * generator, so a test with faults is repeatable.
 */
export interface FaultOptions {
  /** Added to every API request, in ms. */
  readonly latencyMs?: number;
  /** Extra latency on every `latencySpikeEvery`-th request, in ms. */
  readonly latencySpikeMs?: number;
  readonly latencySpikeEvery?: number;
  /** Fraction (0..1) of API requests answered with a 5xx from `serverErrorStatuses`. */
  readonly serverErrorRate?: number;
  readonly serverErrorStatuses?: readonly number[];
  /** Every n-th request gets a secondary rate limit (403 with `retry-after`, or 429 when `secondaryStatus` is 429). */
  readonly secondaryRateLimitEvery?: number;
  readonly secondaryStatus?: 403 | 429;
  readonly retryAfterSeconds?: number;
  /** After this many requests the primary limit is spent: 403 with `x-ratelimit-remaining: 0` until the reset. */
  readonly primaryRateLimitAfter?: number;
  /** Seconds (real time) from exhaustion to the reset. */
  readonly primaryResetSeconds?: number;
  /** Every n-th request has its connection destroyed before any answer. */
  readonly connectionResetEvery?: number;
  /** Seed of the generator behind `serverErrorRate`. */
  readonly seed?: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'server-error'; status: number }
  | { kind: 'secondary-rate-limit'; status: 403 | 429; retryAfter: number }
  | { kind: 'primary-rate-limit'; resetAt: number }
  | { kind: 'connection-reset' };

/** mulberry32: a small seeded generator, enough for spreading faults. */
function generator(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private options: FaultOptions = {};
  private random = generator(1);
  private count = 0;
  private primaryResetAt: number | undefined;
  private errorTurn = 0;

  constructor(options: FaultOptions = {}) {
    this.configure(options);
  }

  configure(options: FaultOptions): void {
    this.options = options;
    this.random = generator(options.seed ?? 1);
    this.count = 0;
    this.primaryResetAt = undefined;
    this.errorTurn = 0;
  }

  /** Latency to add to this request, in ms. */
  latency(): number {
    const { latencyMs = 0, latencySpikeMs = 0, latencySpikeEvery = 0 } = this.options;
    const spike = latencySpikeEvery > 0 && this.count % latencySpikeEvery === 0 ? latencySpikeMs : 0;
    return latencyMs + spike;
  }

  /** Counts the request and decides its fate. */
  decide(nowMs: number = Date.now()): FaultDecision {
    this.count += 1;
    const options = this.options;
    const every = (n: number | undefined): boolean => n !== undefined && n > 0 && this.count % n === 0;
    if (every(options.connectionResetEvery)) return { kind: 'connection-reset' };
    const primary = this.primaryLimit(nowMs);
    if (primary) return primary;
    if (every(options.secondaryRateLimitEvery)) {
      return {
        kind: 'secondary-rate-limit',
        status: options.secondaryStatus ?? 403,
        retryAfter: options.retryAfterSeconds ?? 1,
      };
    }
    if ((options.serverErrorRate ?? 0) > 0 && this.random() < (options.serverErrorRate ?? 0)) {
      const statuses = options.serverErrorStatuses ?? [500, 502, 503];
      this.errorTurn += 1;
      return { kind: 'server-error', status: statuses[this.errorTurn % statuses.length] ?? 500 };
    }
    return { kind: 'none' };
  }

  /** The primary rate limit's remaining count and reset, for the `x-ratelimit-*` headers. */
  rateLimit(nowMs: number = Date.now()): { limit: number; remaining: number; used: number; reset: number } {
    const limit = 5000;
    const after = this.options.primaryRateLimitAfter;
    const exhausted = this.primaryResetAt !== undefined && nowMs < this.primaryResetAt;
    const remaining = exhausted
      ? 0
      : after === undefined
        ? Math.max(0, limit - this.count)
        : Math.max(0, after - this.count);
    const reset = Math.ceil((this.primaryResetAt ?? nowMs + 3600_000) / 1000);
    return { limit, remaining, used: limit - remaining, reset };
  }

  private primaryLimit(nowMs: number): FaultDecision | undefined {
    const after = this.options.primaryRateLimitAfter;
    if (after === undefined) return undefined;
    if (this.primaryResetAt !== undefined) {
      if (nowMs < this.primaryResetAt) return { kind: 'primary-rate-limit', resetAt: this.primaryResetAt };
      // The window reset: a fresh allowance from here.
      this.primaryResetAt = undefined;
      this.count = 1;
      return undefined;
    }
    if (this.count <= after) return undefined;
    this.primaryResetAt = nowMs + (this.options.primaryResetSeconds ?? 1) * 1000;
    return { kind: 'primary-rate-limit', resetAt: this.primaryResetAt };
  }
}
