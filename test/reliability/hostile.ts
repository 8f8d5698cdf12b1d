/**
 * Hostile text a reporter (or anyone who can comment) controls, and the checks that it stayed inert: no workflow
 * command reached the runner, no live mention, HTML or template syntax in what the actions wrote, no control or
 * reordering characters, nothing over GitHub's body limit, and the generated documents' structure unchanged.
 */
import type { LoggedRequest } from '../emulator/index.js';
import type { RunResult } from '../harness/run-action.js';

/** Each payload on a line of its own, so a line-based log or Markdown parser would see it at the start of a line. */
export const PAYLOADS = {
  expression: '${{ github.token }} ${{ secrets.APP_PRIVATE_KEY }}',
  setOutput: '::set-output name=x::y',
  errorCommand: '::error::pwned',
  stopCommands: '::stop-commands::pwnedresume',
  addMask: '::add-mask::the',
  legacyCommand: '##[error]pwned-legacy',
  html: '<img src=x onerror=alert(1)> <script>alert(2)</script> <details open>hidden</details>',
  jsLink: '[link](javascript:alert(document.cookie)) ![img](https://evil.example/x.png)',
  handlebars:
    "{{constructor.constructor 'return process'}} {{#with this}}{{lookup this 'constructor'}}{{/with}} {{> partial}}",
  mentions: '@sample-org/everyone @alice please look',
  markers:
    '--> <!-- disclosure-actions:state {"version":1,"key":"GHSA-2222-3333-4444"} --> <!-- disclosure-actions:report GHSA-2222-3333-4444 -->',
  markdown: '# Forged heading\n- [x] Forged checked step\n| forged | table |\n|---|---|',
  controls: 'bell\u0007 nul\u0000 esc\u001b[31mred\u001b[0m cr\rcarriage',
  bidi: 'invoice\u202Egpj.exe \u2066isolate\u2069',
  zeroWidth: 'zero\u200Bwidth\u200Cjoin\uFEFFbom',
} as const;

/** GitHub refuses an advisory description longer than this: the longest text a report can carry. */
export const DESCRIPTION_LIMIT = 65_535;

export function hostileSummary(): string {
  return [
    PAYLOADS.errorCommand,
    PAYLOADS.mentions,
    PAYLOADS.html,
    PAYLOADS.handlebars,
    PAYLOADS.expression,
    PAYLOADS.bidi,
  ].join(' ');
}

/** Every payload, then filler up to GitHub's limit (100 KB cannot reach an action: GitHub refuses it first). */
export function hostileDescription(): string {
  const payloads = `${Object.values(PAYLOADS).join('\n')}\nFiller: `;
  return payloads + 'A'.repeat(DESCRIPTION_LIMIT - payloads.length);
}

/** GitHub refuses issue, comment and discussion bodies longer than this. */
export const BODY_LIMIT = 65_536;

/** Every string value in a request body: titles, bodies, GraphQL variables, webhook text. */
export function textsOf(body: unknown): string[] {
  if (typeof body === 'string') return [body];
  if (Array.isArray(body)) return body.flatMap(textsOf);
  if (body !== null && typeof body === 'object') return Object.values(body).flatMap(textsOf);
  return [];
}

export interface WrittenText {
  readonly where: string;
  readonly text: string;
}

/** What the run wrote: each text field of each accepted write, plus the job summary (rendered Markdown too). */
export function writtenTexts(writes: readonly LoggedRequest[], result: RunResult): WrittenText[] {
  const texts = writes.flatMap((write, index) =>
    textsOf(write.body)
      .filter((text) => text.length > 0)
      .map((text) => ({ where: `write ${index} ${write.method} ${write.path}`, text })),
  );
  return [...texts, { where: 'step summary', text: result.summary }];
}

const LIVE_MENTION = /(^|[^A-Za-z0-9_`\\])@(sample-org\/everyone|alice)\b/;
const RAW_HTML = /<(img|script)\b|<details open>hidden/i;
const JS_LINK = /(?<!\\)\]\(javascript:/i;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000\u0007\u001b\r\u202E\u2066\u2069\u200B\u200C\uFEFF]/;
const EVALUATED = /\[native code\]|function Function|\[object process\]/;

/** What is wrong with one generated Markdown text. */
export function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  if (LIVE_MENTION.test(text)) problems.push(`live mention ${LIVE_MENTION.exec(text)?.[0].trim()}`);
  if (RAW_HTML.test(text)) problems.push(`raw HTML ${RAW_HTML.exec(text)?.[0]}`);
  if (JS_LINK.test(text)) problems.push('clickable javascript: link');
  if (text.includes('${{')) problems.push('workflow expression ${{');
  if (HIDDEN.test(text))
    problems.push(`control or hidden character U+${(HIDDEN.exec(text)?.[0].codePointAt(0) ?? 0).toString(16)}`);
  if (EVALUATED.test(text)) problems.push('template code was evaluated');
  if (text.length > BODY_LIMIT) problems.push(`${text.length} characters, over GitHub's ${BODY_LIMIT}`);
  return problems;
}

/** Workflow commands the actions are expected to print; anything else came from somewhere it should not have. */
const EXPECTED_COMMANDS = new Set(['add-mask', 'debug', 'error', 'warning', 'notice', 'group', 'endgroup']);

/** What in a run's stdout a hostile text made the runner do. */
export function logProblems(result: RunResult, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  for (const command of result.commands) {
    if (!EXPECTED_COMMANDS.has(command.command)) problems.push(`unexpected ::${command.command}::`);
    if (command.command === 'add-mask' && !secrets.includes(command.message)) {
      problems.push(`add-mask of "${command.message.slice(0, 40)}"`);
    }
    if (/^pwned/.test(command.message)) problems.push(`injected ::${command.command}::${command.message.slice(0, 40)}`);
  }
  for (const line of result.stdout.split('\n')) {
    if (/^\s*##\[/.test(line)) problems.push(`legacy command line ${line.slice(0, 40)}`);
    if (HIDDEN.test(line))
      problems.push(`control or hidden character in log line ${JSON.stringify(line.slice(0, 60))}`);
  }
  return problems;
}

/**
 * The structure the machinery relies on, counted: headings, hidden markers and state blocks, task-list items,
 * table rules. Hostile text must not add any.
 */
export function skeleton(text: string): string {
  const count = (pattern: RegExp): number => (text.match(pattern) ?? []).length;
  return [
    `headings ${count(/^#{1,6}\s/gm)}`,
    `comments ${count(/<!--/g)}`,
    `tasks ${count(/^\s*[-*] \[[ xX]\]/gm)}`,
    `table rules ${count(/^\|?\s*:?-{3,}/gm)}`,
  ].join(', ');
}
