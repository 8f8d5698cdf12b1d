/** Step 2: publish each advisory that is still a draft; GitHub's own refusal is passed on as it said it. */
import { updateAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import { isHttpError } from '../../github/errors.js';
import type { PublishConfig } from './config.js';
import type { Plan } from './plan.js';

export interface PublishResult {
  readonly publishedNow: readonly string[];
  readonly alreadyPublished: readonly string[];
}

export class PublishRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishRefused';
  }
}

/** GitHub's message and its field errors (`vulnerabilities: An advisory needs ...`), without the docs link. */
export function githubMessage(error: unknown): string {
  if (!isHttpError(error)) return error instanceof Error ? error.message : String(error);
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const body = typeof data === 'object' && data !== null ? (data as { message?: unknown; errors?: unknown }) : {};
  const fieldErrors = Array.isArray(body.errors) ? body.errors.map(fieldErrorText).filter(Boolean) : [];
  const message = typeof body.message === 'string' ? body.message : error.message;
  return [`${message} (${error.status})`, ...fieldErrors].join('; ');
}

function fieldErrorText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return '';
  const { field, code, message } = entry as { field?: unknown; code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : typeof code === 'string' ? code : '';
  return typeof field === 'string' ? `${field}: ${text}` : text;
}

export async function publishAdvisories(
  client: GitHubClient,
  config: PublishConfig,
  plan: Plan,
  onPublished: (ghsaId: string) => void,
): Promise<PublishResult> {
  const publishedNow: string[] = [];
  const alreadyPublished: string[] = [];
  for (const [ghsaId, advisory] of plan.advisories) {
    if (advisory.state === 'published') {
      alreadyPublished.push(ghsaId);
      continue;
    }
    try {
      plan.advisories.set(ghsaId, await updateAdvisory(client, config.repository, ghsaId, { state: 'published' }));
    } catch (error) {
      const before = publishedNow.length > 0 ? ` (published before it in this run: ${publishedNow.join(', ')})` : '';
      if (!isHttpError(error)) throw error;
      throw new PublishRefused(`GitHub refused to publish ${ghsaId}: ${githubMessage(error)}${before}`);
    }
    publishedNow.push(ghsaId);
    onPublished(ghsaId);
  }
  return { publishedNow, alreadyPublished };
}
