/**
 * Making untrusted text (reporters' advisory fields and comments) inert before it reaches generated Markdown or an
 * Actions log. Pure functions, no I/O.
 */

/** Default limit of {@link inertText}: generous for a description, small enough to keep an issue body readable. */
export const INERT_TEXT_MAX_LENGTH = 4000;

export const TRUNCATION_MARKER = '…';

/** U+200D, the only invisible character kept: emoji sequences need it and {@link neutraliseMentions} inserts it. */
export const ZERO_WIDTH_JOINER = '\u200D';

/**
 * C0 and C1 controls except tab and line feed; bidi embeddings, overrides, isolates and marks (which reorder what a
 * reader sees); zero-width and other invisible characters that can hide text (ZWSP, ZWNJ, word joiner, invisible
 * operators, BOM, soft hyphen, Mongolian vowel separator, interlinear annotations); Unicode tag characters (used to
 * smuggle invisible text). ZWJ (U+200D) is kept on purpose, see {@link ZERO_WIDTH_JOINER}.
 */
const HIDDEN_OR_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes control and hidden characters (see {@link HIDDEN_OR_CONTROL}). `\r\n` and a lone `\r` become `\n` first so
 * line structure survives; lone surrogates become U+FFFD.
 */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(HIDDEN_OR_CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Characters that are Markdown or HTML anywhere in a line. `{ } ( ) !` are left alone: they only mean something next
 * to `[`/`]`, which are escaped. `$` is GitHub math, `~` strikethrough and fences, `|` a table cell, `&` only when it
 * starts an entity (`&#64;` would otherwise render as a pinging `@`). A `{` after `$` is escaped too so the source
 * never contains `${{`, should generated text ever reach a workflow file.
 */
const INLINE_SPECIAL = /[\\`*_[\]|~$<>]|&(?=#?[A-Za-z0-9]+;)|(?<=\$)\{/g;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
/** Block markers that only count at the start of a line (after any indentation): headings, list items. */
const LIST_OR_HEADING_MARKER = /^([ \t]*)(#{1,6}|[-+]|\d{1,9}[.)])(?=[ \t]|$)/gm;
/** A line of only `-`/`=` (and spaces) turns the line above into a heading or is a thematic break. */
const SETEXT_OR_BREAK_LINE = /^([ \t]*)([-=])(?=[-= \t]*$)/gm;

/**
 * Escapes `text` so GitHub-flavoured Markdown renders it literally: inline specials are backslash-escaped, `<`, `>`
 * and entity-starting `&` become entities, block markers at the start of a line are escaped, and autolinks are broken
 * (`https\://`, `www\.`) so reporter-supplied URLs are not made clickable. Do not put the result inside a code span
 * (escapes show there): use the `code` template helper for that.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIAL, (char) => ENTITIES[char] ?? `\\${char}`)
    .replace(LIST_OR_HEADING_MARKER, (_match, indent: string, marker: string) => `${indent}${escapeMarker(marker)}`)
    .replace(SETEXT_OR_BREAK_LINE, '$1\\$2')
    .replace(/([A-Za-z]):\/\//g, '$1\\://')
    .replace(/(?<![A-Za-z0-9])(www)\./gi, '$1\\.');
}

function escapeMarker(marker: string): string {
  if (/^\d/.test(marker)) return `${marker.slice(0, -1)}\\${marker.slice(-1)}`;
  return `\\${marker}`;
}

/**
 * `@user`, `@org/team` and the like get a ZWJ after the `@` so GitHub does not notify anyone. An `@` preceded by a
 * word character is left alone, as GitHub does: e-mail addresses like `a@b.c` stay intact.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, `$1@${ZERO_WIDTH_JOINER}`);
}

/**
 * Shortens `text` to at most `max` UTF-16 code units, the marker included, without splitting a surrogate pair.
 */
export function truncate(text: string, max: number, marker: string = TRUNCATION_MARKER): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return cutBefore(marker, max);
  return cutBefore(text, max - marker.length) + marker;
}

function cutBefore(text: string, end: number): string {
  const lastKept = text.charCodeAt(end - 1);
  const splitsPair = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return text.slice(0, splitsPair ? end - 1 : end);
}

/**
 * Makes a string safe to print in an Actions log: controls stripped (`\r\n` and `\r` become `\n`); `%` and `\n`
 * escaped as `@actions/core`'s escapeData does, so the text stays on one line; a leading workflow command (`::name`,
 * or the legacy `##[name`, also after leading spaces, which the runner trims) broken by escaping its first character;
 * and `${{` rendered as `$\{{`.
 */
export function inertForLog(text: string): string {
  return stripControlCharacters(text)
    .replace(/%/g, '%25')
    .replace(/\n/g, '%0A')
    .replace(/^(\s*)::/, '$1%3A:')
    .replace(/^(\s*)##\[/, '$1%23#[')
    .replace(/\$\{\{/g, () => '$\\{{');
}

/**
 * The composition for any untrusted field that goes into generated Markdown. Truncation happens before escaping so
 * it never cuts an escape sequence or entity in half; escaping can make the result somewhat longer than `max`.
 */
export function inertText(text: string, max: number = INERT_TEXT_MAX_LENGTH): string {
  return neutraliseMentions(escapeMarkdown(truncate(stripControlCharacters(text), max)));
}
