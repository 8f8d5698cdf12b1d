/**
 * Where a `/triage` command is in a comment. Apart from chatops.ts, which parses the command and loads the CVSS
 * calculator to score a vector, so that a comment without a command is told apart without loading either. Pure.
 */
const COMMAND = /^[ \t]*\/triage(?=\s|$)/m;

/** The text after `/triage` to the end of the comment, or undefined when the comment holds no command. */
export function triageCommandText(body: string): string | undefined {
  const match = COMMAND.exec(body);
  return match ? body.slice(match.index + match[0].length) : undefined;
}
