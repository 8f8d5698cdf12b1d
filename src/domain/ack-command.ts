/**
 * `/ack` in a tracker issue comment, by a member of the response team:
 * - `/ack sent`: the acknowledgement ack-report prepared for a person to send was sent (the step is met then);
 * - `/ack credit @login [type]`, `/ack credit <name>`, `/ack credit none`: how the reporter wants to be credited
 *   (a login goes to the advisory's credits, a name into the announcement text, `none` declines).
 * Pure.
 */
import { ConfigurationError } from './errors.js';
import { parseCreditChoice } from './intake-form.js';
import type { ReporterCredit } from './tracker-state.js';

const COMMAND = /^[ \t]*\/ack(?=\s|$)[ \t]*(.*)$/m;

/** GitHub's credit types (the `credits[].type` of the repository advisory API). */
export const CREDIT_TYPES = [
  'analyst',
  'finder',
  'reporter',
  'coordinator',
  'remediation_developer',
  'remediation_reviewer',
  'remediation_verifier',
  'tool',
  'sponsor',
  'other',
] as const;

export type AckCommand =
  | { readonly kind: 'none' }
  | { readonly kind: 'sent' }
  /** `/triage needs-info <question>`: the question to ask the reporter (conda-forge: "follow up with the Reporter"). */
  | { readonly kind: 'needs-info'; readonly question: string }
  | { readonly kind: 'credit'; readonly credit: ReporterCredit }
  | { readonly kind: 'invalid'; readonly problem: string };

const USAGE =
  'Use `/ack sent` once the acknowledgement is sent, or `/ack credit @login [type]`, `/ack credit <name>`, `/ack credit none`.';

function creditCommand(rest: string): AckCommand {
  const words = rest.split(/\s+/).filter((word) => word !== '');
  const last = words.at(-1)?.toLowerCase();
  const typed = words.length === 2 && words[0]?.startsWith('@') && last !== undefined;
  const type = typed ? last : undefined;
  if (type !== undefined && !(CREDIT_TYPES as readonly string[]).includes(type)) {
    return { kind: 'invalid', problem: `"${type.slice(0, 40)}" is not a credit type: ${CREDIT_TYPES.join(', ')}.` };
  }
  const choice = typed ? (words[0] ?? '') : rest.replace(/^name=/, '');
  try {
    const credit = parseCreditChoice(choice);
    if (!credit) return { kind: 'invalid', problem: `Say whom to credit. ${USAGE}` };
    return { kind: 'credit', credit: type && credit.login ? { ...credit, type } : credit };
  } catch {
    return {
      kind: 'invalid',
      problem: `Write \`/ack credit @login [type]\` (a GitHub account), \`/ack credit <name>\` (up to 100 characters, no \`<\` or \`>\`) or \`/ack credit none\`.`,
    };
  }
}

/** The `/ack` command of a comment (its first line holding one), or `none`. */
export function parseAckCommand(body: string): AckCommand {
  const match = COMMAND.exec(body);
  if (!match) return { kind: 'none' };
  const [verb = '', ...rest] = (match[1] ?? '').trim().split(/\s+/);
  const argument = rest.join(' ').trim();
  if (verb.toLowerCase() === 'sent' && argument === '') return { kind: 'sent' };
  if (verb.toLowerCase() === 'credit') return creditCommand(argument);
  return { kind: 'invalid', problem: `\`/ack ${(match[1] ?? '').trim().slice(0, 40)}\` is not a command. ${USAGE}` };
}

/** A valid `/ack` command. */
export type AckCommandOf = Exclude<AckCommand, { kind: 'none' | 'invalid' }>;

/** What triage's command mode holds for an `/ack` comment: the command, or its mistake (told to members only). */
export function ackCommandMode(
  body: string,
): { readonly ack: AckCommandOf } | { readonly error: ConfigurationError } | undefined {
  const command = parseAckCommand(body);
  if (command.kind === 'none') return undefined;
  if (command.kind === 'invalid') return { error: new ConfigurationError(command.problem, 'ack command') };
  return { ack: command };
}

const NEEDS_INFO = /^[ \t]*\/triage[ \t]+needs-info(?=\s|$)/m;

/**
 * `/triage needs-info` followed by the question (the rest of the comment): asked of the reporter through the
 * report's channel, the wait recorded. Undefined for any other comment.
 */
export function needsInfoMode(
  body: string,
): { readonly ack: AckCommandOf } | { readonly error: ConfigurationError } | undefined {
  const match = NEEDS_INFO.exec(body);
  if (!match) return undefined;
  const question = body.slice(match.index + match[0].length).trim();
  if (question === '') {
    return {
      error: new ConfigurationError(
        'Write the question for the reporter after `/triage needs-info` (on the same line or the lines below).',
        'triage command',
      ),
    };
  }
  return { ack: { kind: 'needs-info', question } };
}
