/**
 * The release-day steps only a person can take (SPEC 11's release day on GitHub's rules). GitHub lets no integration,
 * CI included, reach a temporary private fork and offers no API to merge one, so these are done by hand and can only
 * be confirmed, not performed, by the actions. Pure data: the release template and the create-temp-fork README list
 * the same steps.
 */
import { ConfigurationError } from './errors.js';
import type { Confirmation, SanitizedReview, TrackerState } from './tracker-state.js';

export type ReleaseChecklistKey = 'fork-merged' | 'patch-releases' | 'binaries-signed';

export interface ReleaseChecklistItem {
  readonly key: ReleaseChecklistKey;
  /** One line, as a checklist shows it. */
  readonly label: string;
  /** What the person does, and where. */
  readonly how: string;
}

export const RELEASE_DAY_CHECKLIST: readonly ReleaseChecklistItem[] = [
  {
    key: 'fork-merged',
    label: 'Fix merged from the temporary private fork',
    how:
      'On the advisory page, under "This advisory is ready to be merged", click "Merge pull request(s)": it merges ' +
      'every open pull request of the fork at once (only one may target the default branch). Status checks do not run ' +
      'in the fork: run the tests locally first.',
  },
  {
    key: 'patch-releases',
    label: 'Patch release for every affected supported line',
    how:
      'Tag and release a patched version for each affected release line in the supported range (SPEC 11: "for all ' +
      'affected versions in the supported range").',
  },
  {
    key: 'binaries-signed',
    label: 'Binaries built, signed and published',
    how:
      "Build each release's artifacts, sign them, attach them with their detached signatures, and check that they " +
      'are publicly available and work.',
  },
];

/** The checklist as Markdown task items; `done` holds the keys already confirmed. */
export function releaseChecklistMarkdown(done: ReadonlySet<ReleaseChecklistKey> = new Set()): string {
  return RELEASE_DAY_CHECKLIST.map((item) => `- [${done.has(item.key) ? 'x' : ' '}] ${item.label}`).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------------
// Confirmations (triage's release-steps.ts records them; release-gate and publish-announcement check them).
//
// - `/triage sanitized` (alias `/release sanitized`): the advisory's summary and description were reviewed for
//   publication (conda-forge: "relevant but sanitized details in the top level comment, which will become public").
//   Always required before a publication, `force` included. The review holds for the text it was given for: its
//   fingerprint is recorded, and a change to the text afterwards asks for a new review.
// - `/release done <key>` (and `/release undo <key>`): one step of RELEASE_DAY_CHECKLIST. release-gate requires them
//   all when the policy says `require-release-checklist: true` (a project option; default false).
// ---------------------------------------------------------------------------------------------------------------------

export const SANITIZED_COMMAND = '/triage sanitized';

const KEYS: readonly string[] = RELEASE_DAY_CHECKLIST.map((item) => item.key);

/** Other words accepted for a key (the names the issue and the brief used). */
const KEY_ALIASES: Readonly<Record<string, ReleaseChecklistKey>> = {
  'merge-fork': 'fork-merged',
  binaries: 'binaries-signed',
};

const keyOf = (word: string): ReleaseChecklistKey | undefined =>
  KEYS.includes(word) ? (word as ReleaseChecklistKey) : KEY_ALIASES[word];

export type ReleaseStepCommand =
  | { readonly kind: 'sanitized' }
  | { readonly kind: 'done' | 'undo'; readonly item: ReleaseChecklistKey }
  | { readonly kind: 'invalid'; readonly problem: string };

/** A step command as triage runs it. */
export type ReleaseStep = Exclude<ReleaseStepCommand, { kind: 'invalid' }>;

const TRIAGE_SANITIZED = /^[ \t]*\/triage[ \t]+sanitized(?=\s|$)(.*)$/im;
const RELEASE_STEP = /^[ \t]*\/release[ \t]+(sanitized|done|undo)(?=\s|$)(.*)$/im;

/**
 * The step a comment confirms (`/triage sanitized`, `/release sanitized`, `/release done|undo <key>`, on a line of
 * its own), what is wrong with it, or undefined when the comment holds none of these (another command, or none).
 */
export function parseReleaseStepCommand(body: string): ReleaseStepCommand | undefined {
  const sanitized = TRIAGE_SANITIZED.exec(body);
  const step = sanitized ? undefined : RELEASE_STEP.exec(body);
  const verb = sanitized ? 'sanitized' : step?.[1]?.toLowerCase();
  if (verb === undefined) return undefined;
  const args = ((sanitized ? sanitized[1] : step?.[2]) ?? '').trim().split(/\s+/).filter(Boolean);
  if (verb === 'sanitized') {
    if (args.length === 0) return { kind: 'sanitized' };
    return {
      kind: 'invalid',
      problem: `\`${SANITIZED_COMMAND}\` takes nothing after it: post it on a line of its own.`,
    };
  }
  const item = args.length === 1 ? keyOf(args[0]?.toLowerCase() ?? '') : undefined;
  if (item) return { kind: verb === 'undo' ? 'undo' : 'done', item };
  return {
    kind: 'invalid',
    problem: `\`/release ${verb}\` takes one release-day step, one of: ${KEYS.join(', ')} (e.g. \`/release ${verb} ${KEYS[0]}\`).`,
  };
}

/** The command to run, or what is wrong with it (told to members of the response team only). */
export function releaseStepOf(command: ReleaseStepCommand): { step: ReleaseStep } | { error: ConfigurationError } {
  if (command.kind === 'invalid') return { error: new ConfigurationError(command.problem, 'release step command') };
  return { step: command };
}

/** The step command a comment holds, as the replies name it (`/release done`, `/triage sanitized`...). */
export function releaseStepCommandName(body: string): string {
  const verb = RELEASE_STEP.exec(body)?.[1]?.toLowerCase();
  return TRIAGE_SANITIZED.test(body) || verb === undefined ? SANITIZED_COMMAND : `/release ${verb}`;
}

/** The command as the replies name it. */
export function releaseStepName(step: ReleaseStep): string {
  return step.kind === 'sanitized' ? SANITIZED_COMMAND : `/release ${step.kind} ${step.item}`;
}

/** The item of RELEASE_DAY_CHECKLIST with `key`. */
export function checklistItem(key: ReleaseChecklistKey): ReleaseChecklistItem {
  const item = RELEASE_DAY_CHECKLIST.find((entry) => entry.key === key);
  if (!item) throw new Error(`no release-day step ${key}`);
  return item;
}

/** The state with the step confirmed; the same state when it already is (the first confirmation stays). */
export function withChecklistItem(
  state: TrackerState,
  key: ReleaseChecklistKey,
  confirmation: Confirmation,
): TrackerState {
  if (state.checklist?.[key]) return state;
  return { ...state, checklist: { ...state.checklist, [key]: confirmation } };
}

/** The state with the step's confirmation withdrawn; the same state when it has none. */
export function withoutChecklistItem(state: TrackerState, key: ReleaseChecklistKey): TrackerState {
  if (!state.checklist?.[key]) return state;
  const rest = Object.fromEntries(Object.entries(state.checklist).filter(([confirmed]) => confirmed !== key));
  const without: TrackerState = { ...state };
  delete without.checklist;
  return Object.keys(rest).length > 0 ? { ...without, checklist: rest } : without;
}

/** The steps not confirmed yet, in checklist order. */
export function openChecklistItems(state: Pick<TrackerState, 'checklist'> | undefined): ReleaseChecklistKey[] {
  return RELEASE_DAY_CHECKLIST.map((item) => item.key).filter((key) => !state?.checklist?.[key]);
}

/** Where an advisory's confirmations are made, for the messages. */
export interface ConfirmationPlace {
  readonly ghsaId: string;
  /** The tracking issue's URL; undefined when the advisory has none. */
  readonly issueUrl: string | undefined;
}

const where = (place: ConfirmationPlace): string =>
  place.issueUrl ? `in its tracking issue ${place.issueUrl}` : 'in its tracking issue';

/** One line per release-day step `state` has not confirmed, naming the command; empty when all are. */
export function checklistProblems(
  place: ConfirmationPlace,
  state: Pick<TrackerState, 'checklist'> | undefined,
): string[] {
  return openChecklistItems(state).map(
    (key) =>
      `${place.ghsaId}'s release-day step "${checklistItem(key).label}" is not confirmed (the policy's require-release-checklist): once it is done, a member of the response team comments \`/release done ${key}\` ${where(place)}`,
  );
}

/** The text of an advisory that becomes public when it is published. */
export interface PublicText {
  readonly summary: string | null | undefined;
  readonly description: string | null | undefined;
}

/**
 * A fingerprint of the public text (cyrb53, 53 bits, as 14 hex digits): not a cryptographic hash, only a way to
 * notice that the text changed after its review without keeping the text in the state block.
 */
export function publicTextDigest(text: PublicText): string {
  const input = `${text.summary ?? ''}\u0000${text.description ?? ''}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * Why `place.ghsaId` may not be published yet for want of a review of its text, or undefined when the review holds:
 * `state` (its tracking issue's state; undefined without one) records `/triage sanitized` for the text as it is now
 * (`current`, the advisory's summary and description). publish-announcement and release-gate ask this before
 * publishing or opening; `force` never skips it.
 */
export function sanitizedReviewProblem(
  place: ConfirmationPlace,
  state: Pick<TrackerState, 'sanitized'> | undefined,
  current: PublicText,
): string | undefined {
  const command = `a member of the response team comments \`${SANITIZED_COMMAND}\` ${where(place)}, after reading what will become public (shown there by the first such comment)`;
  if (!state) {
    return `${place.ghsaId} has no tracking issue to record the review of its text for publication in: open one with ack-report (and name it in "tracker"), then ${command}`;
  }
  const review = state.sanitized;
  if (!review) return `${place.ghsaId}'s text was not reviewed for publication yet: ${command}`;
  if (review.digest !== publicTextDigest(current)) {
    return `${place.ghsaId}'s summary or description changed after ${review.login} reviewed it for publication (${review.at}): ${command} again`;
  }
  return undefined;
}

/** The state with the review recorded (replacing one of an older text); the same state when it is recorded. */
export function withSanitizedReview(state: TrackerState, review: SanitizedReview): TrackerState {
  if (state.sanitized?.digest === review.digest) return state;
  return { ...state, sanitized: review };
}

/** The marker of the one private comment showing what will become public, in the tracking issue. */
export const publicTextMarker = (ghsaId: string): string => `<!-- disclosure-actions:public-text ${ghsaId} -->`;

/** The fingerprint a "What will become public" comment shows; undefined when it shows none. */
export function shownDigest(commentBody: string): string | undefined {
  return /Text fingerprint: `([0-9a-f]{14})`/.exec(commentBody)?.[1];
}

/** A fenced block showing `text` as typed (Markdown source; mentions and links inert), whatever backticks it holds. */
function verbatim(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}markdown\n${text}\n${fence}`;
}

/**
 * The private comment that shows the team, in the tracking issue, what will become public when the advisory is
 * published: its summary and description as GitHub will publish them, and the fingerprint a review is recorded for.
 */
export function publicTextComment(ghsaId: string, text: PublicText): string {
  return [
    `**What will become public** when ${ghsaId} is published: its summary and description as they stand now (Markdown source). This comment is in the private tracker only.`,
    '',
    '**Summary**',
    '',
    verbatim(text.summary ?? ''),
    '',
    '**Description**',
    '',
    verbatim(text.description?.trim() ? text.description : '(empty)'),
    '',
    `Keep what users need to judge their exposure and upgrade; remove what only helps an attacker or names private people, systems or links. Edit the advisory if needed, and when this text may become public, comment \`${SANITIZED_COMMAND}\` here (a changed text is shown again first).`,
    '',
    `Text fingerprint: \`${publicTextDigest(text)}\``,
  ].join('\n');
}

const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The tracking issue's "Release day" section: the review of the public text and each step, confirmed or not. */
export function releaseDaySection(state: Pick<TrackerState, 'sanitized' | 'checklist'>): string {
  const review = state.sanitized;
  const lines = [
    '### Release day',
    '',
    review
      ? `- [x] Text reviewed for publication: \`${review.login}\`, ${when(review.at)} (fingerprint \`${review.digest}\`)`
      : `- [ ] Text reviewed for publication: comment \`${SANITIZED_COMMAND}\` after reading what will become public`,
    ...RELEASE_DAY_CHECKLIST.map(({ key, label }) => {
      const done = state.checklist?.[key];
      return done
        ? `- [x] ${label}: \`${done.login}\`, ${when(done.at)}`
        : `- [ ] ${label}: comment \`/release done ${key}\` once done`;
    }),
  ];
  return lines.join('\n');
}
