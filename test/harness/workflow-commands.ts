/** Workflow commands the runner reads from stdout (`::error title=x::message`), parsed as the runner parses them. */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

function unescapeData(text: string): string {
  return text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replaceAll('%3A', ':').replaceAll('%2C', ',');
}

const COMMAND_LINE = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/;

export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const match = COMMAND_LINE.exec(line);
  if (!match) return undefined;
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
  }
  return { command: match[1] ?? '', properties, message: unescapeData(match[3] ?? '') };
}

/** Splits a `GITHUB_OUTPUT` / `GITHUB_STATE` file (`name<<delimiter` heredocs or `name=value` lines) into a map. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const body: string[] = [];
      for (index += 1; index < lines.length && lines[index] !== heredoc[2]; index += 1) body.push(lines[index] ?? '');
      values[heredoc[1]] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}
