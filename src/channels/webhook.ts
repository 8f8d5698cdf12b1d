/**
 * Chat notifications through incoming webhooks. One JSON body that Slack (`text`), Discord (`content`) and
 * Matrix/Zulip-compatible relays (`text`, `body`) all accept. Callers pass only what may be public at that moment.
 */
export interface WebhookMessage {
  readonly text: string;
}

export class WebhookError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

const TIMEOUT_MS = 15_000;

export function webhookBody(message: WebhookMessage): Record<string, string> {
  return { text: message.text, content: message.text.slice(0, 2000), body: message.text };
}

export async function postWebhook(url: URL, message: WebhookMessage, attempts = 3): Promise<void> {
  let lastError: WebhookError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(webhookBody(message)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.ok) return;
      lastError = new WebhookError(response.status, `the webhook answered ${response.status}`);
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      lastError = new WebhookError(undefined, `the webhook could not be reached (${(error as Error).name})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
  throw lastError ?? new WebhookError(undefined, 'the webhook failed');
}
