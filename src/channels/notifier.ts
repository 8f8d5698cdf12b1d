/**
 * The chat channel: a message to one incoming webhook, formatted for its platform and delivered at most once.
 *
 * Delivery never throws for a delivery problem; it says how it went, in one of three ways a caller treats alike
 * everywhere:
 * - `yes`: the platform took it (2xx);
 * - `no`: it certainly did not go out — the platform refused it (3xx, 4xx), or the request was never written (no
 *   connection, the proxy refused the tunnel, no connection in time). Safe to send again later;
 * - `unknown`: it may have been posted — a 5xx, the connection lost or no answer in time after the request was
 *   written. Record it as sent: sending again could post it twice.
 * A message is sent again only when it certainly did not go out and may go out shortly: no connection could be made,
 * or the platform answered 429 and asked for a wait short enough to honour. Nothing that may have reached the
 * platform is ever repeated.
 */
import { payloadFor } from './payloads.js';
import { resolvePlatform, type ChatPlatform } from './platform.js';
import { postJson, type ConnectSettings, type Exchange } from './transport.js';

export type { ChatPlatform } from './platform.js';
export type { ConnectSettings } from './transport.js';

export type Delivered = 'yes' | 'no' | 'unknown';

export interface Delivery {
  readonly delivered: Delivered;
  /** One line for a log or a failure message: what happened, never the URL (an incoming webhook's credential). */
  readonly detail: string;
  readonly platform: ChatPlatform;
  /** The HTTP status, when the platform (or a proxy in front of it) answered. */
  readonly status?: number;
  /** Why there was no answer (`ECONNREFUSED`, `UND_ERR_SOCKET`, `the proxy answered 403`, …), when there was none. */
  readonly reason?: string;
  /** Requests made for this message: 1, more only after certain non-deliveries. */
  readonly attempts: number;
}

export interface NotifierOptions {
  /** The incoming webhook, already parsed and checked. */
  readonly url: URL;
  /** The platform chosen (`notify-platform`); undefined: recognised from the URL (platform.ts). */
  readonly platform?: ChatPlatform | undefined;
  /** The run's environment: `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` are read from it, nothing else. */
  readonly env: NodeJS.ProcessEnv;
  /** Per request, connecting to complete answer. Default 15 s. */
  readonly timeoutMs?: number;
  /** Requests at most for one message, counting the first; only certain non-deliveries are retried. Default 3. */
  readonly attempts?: number;
  readonly connect?: ConnectSettings;
  /** How to wait between attempts (tests pass a recorder). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ChatNotifier {
  readonly platform: ChatPlatform;
  /** Sends one message; resolves with how it went, never rejects for a delivery problem. */
  send(text: string): Promise<Delivery>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_ATTEMPTS = 3;
/** A 429 asking for a longer wait is reported instead of waited out: a run should not stall on a chat message. */
const MAX_RETRY_WAIT_MS = 10_000;
const BACKOFF_MS = 250;

/** Path segments and query values (webhook ids, tokens, keys), never repeated in a log line; longest first. */
function secretsOf(url: URL): string[] {
  const parts = [...url.pathname.split('/'), ...url.searchParams.values(), url.username, url.password];
  return parts.filter((part) => part.length >= 4).sort((a, b) => b.length - a.length);
}

/** A platform's error answer, short and on one line, without any part of the URL. */
export function answerSnippet(body: string, url: URL, max = 120): string {
  let text = body
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const secret of secretsOf(url)) text = text.split(secret).join('***');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function deliveryOf(outcome: Exchange, platform: ChatPlatform, attempts: number, url: URL): Delivery {
  const base = { platform, attempts };
  if (outcome.kind === 'not-sent') {
    return { ...base, delivered: 'no', reason: outcome.reason, detail: `could not be reached (${outcome.reason})` };
  }
  if (outcome.kind === 'lost') {
    return {
      ...base,
      delivered: 'unknown',
      reason: outcome.reason,
      detail: `gave no answer after the message was sent (${outcome.reason}); it may have been posted`,
    };
  }
  const { status } = outcome;
  if (status >= 200 && status < 300) return { ...base, delivered: 'yes', status, detail: `posted (HTTP ${status})` };
  if (status >= 500) {
    return { ...base, delivered: 'unknown', status, detail: `answered HTTP ${status}; it may have been posted` };
  }
  if (status < 400) {
    return { ...base, delivered: 'no', status, detail: `answered HTTP ${status}, a redirect, not followed` };
  }
  const snippet = answerSnippet(outcome.body, url);
  return { ...base, delivered: 'no', status, detail: `refused it with HTTP ${status}${snippet ? `: ${snippet}` : ''}` };
}

/** How long to wait before trying again, or undefined when this outcome is not retried. */
function retryWait(outcome: Exchange, attempt: number): number | undefined {
  if (outcome.kind === 'not-sent') return BACKOFF_MS * attempt;
  if (outcome.kind === 'answered' && outcome.status === 429) {
    const wait = outcome.retryAfterMs ?? BACKOFF_MS * attempt;
    return wait <= MAX_RETRY_WAIT_MS ? wait : undefined;
  }
  return undefined;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The notifier for one webhook. The platform is settled here, once: the one chosen, else the one the URL names;
 * every message is formatted for it (payloads.ts) and posted through the run's proxy settings (transport.ts).
 */
export function createNotifier(options: NotifierOptions): ChatNotifier {
  const platform = resolvePlatform(options.url, options.platform);
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const transport = {
    env: options.env,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.connect ? { connect: options.connect } : {}),
  };
  const sleep = options.sleep ?? pause;
  return {
    platform,
    async send(text: string): Promise<Delivery> {
      const body = JSON.stringify(payloadFor(platform, text));
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await postJson(options.url, body, transport);
        const delivery = deliveryOf(outcome, platform, attempt, options.url);
        const wait = delivery.delivered === 'no' && attempt < attempts ? retryWait(outcome, attempt) : undefined;
        if (wait === undefined) return delivery;
        await sleep(wait);
      }
    },
  };
}
