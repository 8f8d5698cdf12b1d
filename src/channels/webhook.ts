/**
 * Chat notifications through incoming webhooks. One JSON body that Slack (`text`), Discord (`content`) and
 * Matrix/Zulip-compatible relays (`text`, `body`) all accept. Callers pass only what may be public at that moment.
 */
export interface WebhookMessage {
  readonly text: string;
}

/**
 * A message that did not go out for certain (`delivered: 'no'`: the hook refused it, or no connection was made),
 * or whose fate is unknown (`'unknown'`: a 5xx or a connection lost mid-request; it may have been posted).
 */
export class WebhookError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly delivered: 'no' | 'unknown',
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

const TIMEOUT_MS = 15_000;
/** Errors raised before a connection exists: the message cannot have been received. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function webhookBody(message: WebhookMessage): Record<string, string> {
  return { text: message.text, content: message.text.slice(0, 2000), body: message.text };
}

function failureOf(error: unknown): WebhookError {
  const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
  const name = (error as Error).name;
  return NOT_CONNECTED.has(code)
    ? new WebhookError(undefined, `the webhook could not be reached (${code})`, 'no')
    : new WebhookError(undefined, `the webhook did not answer (${code || name})`, 'unknown');
}

/** One attempt: undefined when the hook took the message, else what went wrong. */
async function sendOnce(url: URL, message: WebhookMessage): Promise<WebhookError | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookBody(message)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) return undefined;
    const delivered = response.status >= 500 ? 'unknown' : 'no';
    return new WebhookError(response.status, `the webhook answered ${response.status}`, delivered);
  } catch (error) {
    return failureOf(error);
  }
}

/**
 * Posts a chat message at most once. Sent again only when it certainly did not go out and may later (a 429, or no
 * connection); after a 5xx or a lost answer it may have been posted, so it is not repeated: no chat duplicate.
 */
export async function postWebhook(url: URL, message: WebhookMessage, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const failure = await sendOnce(url, message);
    if (!failure) return;
    const retriable = failure.delivered === 'no' && (failure.status === undefined || failure.status === 429);
    if (!retriable || attempt >= attempts) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}
