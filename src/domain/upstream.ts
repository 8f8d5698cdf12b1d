/**
 * Out of scope, report upstream (conda-forge: its scope is its own infrastructure, and a vulnerability in the software
 * it packages goes "to upstream"): a rejection that points the reporter to the project that can fix it. The link is
 * recorded in the tracker state (`upstream`) and given to the reporter, once. Pure.
 */
import { ConfigurationError } from './errors.js';
import type { TrackerState } from './tracker-state.js';

/** Where the reporter should report it, when and by whom that was decided (the state's `upstream`). */
export type UpstreamRecord = NonNullable<TrackerState['upstream']>;

/** The reason recorded and told when the team gives none: the conda-forge scope rule, in words. */
export const UPSTREAM_REASON =
  'The vulnerability is in software this project packages or depends on but does not develop: it is out of our scope and should be reported to the upstream project.';

const MAX_LENGTH = 300;
// An https page or a mailto: address, with nothing that could close a Markdown link, table cell or HTML comment.
const HTTPS = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9._~!$&*+,;=:@%/?#-]*)?$/;
const MAILTO = /^mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** The upstream link as given, checked; throws a ConfigurationError naming `label` (the input or command key). */
export function parseUpstreamUrl(value: string, label: string): string {
  const url = value.trim();
  if (url.length <= MAX_LENGTH && (HTTPS.test(url) || MAILTO.test(url))) return url;
  const shown = url.length > 80 ? `${url.slice(0, 77)}...` : url;
  throw new ConfigurationError(
    `${label} is "${shown}", but it accepts the upstream project's security page as an https:// URL (e.g. https://github.com/owner/project/security) or its security contact as mailto:address, up to ${MAX_LENGTH} characters, without spaces, quotes, parentheses or angle brackets.`,
    'upstream',
  );
}

/**
 * Refuses an upstream rejection that would contradict what the reporter was already told: another upstream link, or
 * a rejection told without one. The same link again is a re-run and passes.
 */
export function checkUpstreamChange(state: TrackerState, url: string, rejectionTold: boolean): void {
  const recorded = state.upstream?.url;
  if (recorded === url) return;
  if (recorded !== undefined) {
    throw new ConfigurationError(
      `${state.key} was already sent upstream, to ${recorded}, and the reporter told so: give the reporter the new link yourself (or in the advisory's comments).`,
      'upstream',
    );
  }
  if (rejectionTold || state.decision === 'reject') {
    const told = rejectionTold ? 'and the reporter told' : 'without an upstream link (the reporter not told yet)';
    throw new ConfigurationError(
      `${state.key} was already rejected ${told}: give the reporter the upstream link yourself (or in the advisory's comments).`,
      'upstream',
    );
  }
}

/** The record of an upstream rejection; the state's own when there is one (a re-run keeps the first decision). */
export function upstreamRecord(state: TrackerState | undefined, url: string, at: Date, by?: string): UpstreamRecord {
  return state?.upstream ?? { url, at: at.toISOString(), ...(by ? { by } : {}) };
}
