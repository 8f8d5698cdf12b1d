/** Step 2: publish each advisory that is still a draft; GitHub's own refusal is passed on as it said it. */
import { publishDraftAdvisory } from '../../github/advisories.js';
import type { GitHubClient } from '../../github/client.js';
import type { PublishConfig } from './config.js';
import type { Plan } from './types.js';

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
    const attempt = await publishDraftAdvisory(client, config.repository, ghsaId);
    if (!attempt.published) {
      const before = publishedNow.length > 0 ? ` (published before it in this run: ${publishedNow.join(', ')})` : '';
      throw new PublishRefused(`GitHub refused to publish ${ghsaId}: ${attempt.refusal}${before}`);
    }
    plan.advisories.set(ghsaId, attempt.advisory);
    publishedNow.push(ghsaId);
    onPublished(ghsaId);
  }
  return { publishedNow, alreadyPublished };
}
