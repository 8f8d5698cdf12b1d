/**
 * The helpers a template may call, and what each does with its arguments. `md`, `code`, `date` and `join` render
 * `null` as an empty string; untrusted text comes out inert (sanitize.ts).
 */
import { inertText, stripControlCharacters, truncate, INERT_TEXT_MAX_LENGTH } from '../../domain/sanitize.js';
import { RenderProblem } from './errors.js';

export interface HelperSpec {
  arity: readonly [min: number, max: number];
  run: (values: readonly unknown[]) => unknown;
}

export const VALUE_HELPERS: Readonly<Record<string, HelperSpec>> = {
  md: { arity: [1, 1], run: ([value]) => renderMarkdownText(value, 'md') },
  code: { arity: [1, 1], run: ([value]) => (value === null ? '' : codeSpan(scalarText(value, 'code'))) },
  date: { arity: [1, 1], run: ([value]) => (value === null ? '' : formatUtcMinute(value)) },
  join: { arity: [1, 2], run: ([items, separator]) => joinItems(items, separator) },
  eq: { arity: [2, 2], run: ([left, right]) => left === right },
  checkbox: { arity: [1, 1], run: ([value]) => (value ? '[x]' : '[ ]') },
  default: { arity: [2, 2], run: ([value, fallback]) => (value === null || value === '' ? fallback : value) },
};

export const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;
export const KNOWN_HELPERS: ReadonlySet<string> = new Set([...Object.keys(VALUE_HELPERS), ...BLOCK_HELPERS]);

export const isBlockHelper = (name: string): boolean => (BLOCK_HELPERS as readonly string[]).includes(name);

export function sectionMessage(name: string): string {
  return `{{#${name}}} is not a helper: use {{#if ${name}}}, {{#each ${name}}} or {{#with ${name}}}`;
}

function scalarText(value: unknown, helper: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const kind = Array.isArray(value) ? 'a list (use join)' : typeof value;
  throw new RenderProblem(`"${helper}" expects text, got ${kind}`);
}

function renderMarkdownText(value: unknown, helper: string): string {
  return value === null ? '' : inertText(scalarText(value, helper));
}

function joinItems(items: unknown, separator: unknown = ', '): string {
  if (items === null) return '';
  if (!Array.isArray(items)) throw new RenderProblem(`"join" expects a list, got ${typeof items}`);
  if (typeof separator !== 'string') throw new RenderProblem('"join" expects a text separator');
  return items.map((item: unknown) => renderMarkdownText(item, 'join')).join(separator);
}

/** An inline code span that holds any text: the fence is longer than the longest run of backticks inside. */
function codeSpan(text: string): string {
  const content = truncate(stripControlCharacters(text), INERT_TEXT_MAX_LENGTH).replace(/\n/g, ' ');
  if (content === '') return '';
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each side when both are present, and needs one next to an inner backtick.
  const needsPadding =
    content.trim() !== '' && (/^`|`$/.test(content) || (content.startsWith(' ') && content.endsWith(' ')));
  const padding = needsPadding ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** `2026-11-24T17:00:00+01:00` → `2026-11-24 16:00 UTC`. Times need an offset: local time depends on the runner. */
function formatUtcMinute(value: unknown): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' && ISO_DATE_TIME.test(value)
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new RenderProblem(`"date" expects an ISO 8601 date-time with an offset, got ${JSON.stringify(value)}`);
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}
