/** The `/fork` ChatOps command in a tracker issue comment. Pure: parsing only. */
import { inertText } from '../../domain/sanitize.js';

export type ForkCommand =
  | { readonly kind: 'none' }
  | { readonly kind: 'fork'; readonly fixTeam: readonly string[] | undefined }
  | { readonly kind: 'invalid'; readonly problem: string };

export const FORK_COMMAND_USAGE = '`/fork` or `/fork fix-team=alice,@my-org/maintainers`';

const COMMAND_LINE = /^\/fork(?=\s|$)(.*)$/i;

/** The command on the comment's first non-blank line; anything else in the comment is ignored. */
export function parseForkCommand(body: string): ForkCommand {
  const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const match = COMMAND_LINE.exec(firstLine.trim());
  if (!match) return { kind: 'none' };
  let fixTeam: string[] | undefined;
  for (const arg of (match[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const [name, ...rest] = arg.split('=');
    const value = rest.join('=');
    if (name?.toLowerCase() !== 'fix-team' || value === '') {
      // The problem is answered in a Markdown comment: the commenter's text must not mention or render there.
      return {
        kind: 'invalid',
        problem: `unknown argument "${inertText(arg.slice(0, 60))}"; use ${FORK_COMMAND_USAGE}`,
      };
    }
    fixTeam = [...(fixTeam ?? []), ...value.split(',').filter((item) => item !== '')];
  }
  return { kind: 'fork', fixTeam };
}
