import { createHash } from 'node:crypto';
import { formatUtc } from '../../domain/checklist.js';
import { inertText } from '../../domain/sanitize.js';
import type { GitHubClient } from '../../github/client.js';
import { postOnce } from '../../github/issues.js';
import { loadPrivateTracker } from '../common/tracker.js';
import type { Preconditions } from './config.js';

/** Records a forced release in the tracker issue of each advisory let through, once per reason and day. */
export async function recordOverride(
  config: Preconditions,
  ghsaIds: readonly string[],
  reason: string,
  now: Date,
  client: GitHubClient,
): Promise<void> {
  if (!config.tracker) return;
  const tracked = await loadPrivateTracker(client, config.tracker);
  const key = createHash('sha256')
    .update(`${now.toISOString().slice(0, 10)}:${reason}`)
    .digest('hex')
    .slice(0, 12);
  for (const ghsaId of ghsaIds) {
    const report = tracked.get(ghsaId);
    if (!report) continue;
    const body = `**Release gate forced open** at ${formatUtc(now)}.\n\nReason: ${inertText(reason)}`;
    await postOnce(client, config.tracker, report.issue.number, `<!-- disclosure-actions:override ${key} -->`, body);
  }
}
