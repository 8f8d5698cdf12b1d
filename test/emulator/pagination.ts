import type { RequestContext } from './context.js';

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** GitHub clamps `per_page` to 1..100 rather than rejecting it. */
export function perPage(ctx: RequestContext): number {
  const requested = Number.parseInt(ctx.query.per_page ?? '30', 10);
  if (!Number.isFinite(requested) || requested < 1) return 30;
  return Math.min(requested, 100);
}

/** The request's own query in its own order, with `changes` swapped in place (or appended) and `drop` left out. */
function linkTo(ctx: RequestContext, changes: Record<string, string>, drop: string[] = []): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(ctx.query)) if (!drop.includes(key)) params.set(key, changes[key] ?? value);
  for (const [key, value] of Object.entries(changes)) if (!params.has(key)) params.set(key, value);
  return `${ctx.view.api}${ctx.path}?${params.toString()}`;
}

function linkHeader(links: [string, string][]): Record<string, string> {
  if (links.length === 0) return {};
  return { link: links.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(', ') };
}

/** `page`/`per_page` pagination with GitHub's `prev`, `next`, `last`, `first` links. */
export function paginateByPage<T>(ctx: RequestContext, all: T[]): Page<T> {
  const size = perPage(ctx);
  const page = Math.max(1, Number.parseInt(ctx.query.page ?? '1', 10) || 1);
  const lastPage = Math.max(1, Math.ceil(all.length / size));
  const at = (n: number) => linkTo(ctx, { per_page: String(size), page: String(n) });
  const links: [string, string][] = [];
  if (page > 1) links.push(['prev', at(Math.min(page - 1, lastPage))]);
  if (page < lastPage) links.push(['next', at(page + 1)], ['last', at(lastPage)]);
  if (page > 1) links.push(['first', at(1)]);
  return { items: all.slice((page - 1) * size, page * size), headers: linkHeader(links) };
}

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(key)}`).toString('base64url');
}

function decodeCursor(cursor: string): (string | number)[] | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('cursor:v2:')) return null;
  try {
    const key: unknown = JSON.parse(text.slice('cursor:v2:'.length));
    return Array.isArray(key) ? (key as (string | number)[]) : null;
  } catch {
    return null;
  }
}

/**
 * Cursor pagination as GitHub does it for advisories: `after`/`before` hold the sort key of the item at the page edge,
 * so pages stay stable while items are added. `all` must already be in the requested order.
 */
export function paginateByCursor<T>(
  ctx: RequestContext,
  all: T[],
  keyOf: (item: T) => (string | number)[],
): Page<T> | 'bad-cursor' {
  const size = perPage(ctx);
  const keys = all.map((item) => encodeCursor(keyOf(item)));
  const cursor = ctx.query.after ?? ctx.query.before;
  let start = 0;
  let end = Math.min(size, all.length);
  if (cursor !== undefined) {
    if (decodeCursor(cursor) === null) return 'bad-cursor';
    const at = keys.indexOf(cursor);
    if (ctx.query.after !== undefined) {
      start = at + 1;
      end = Math.min(start + size, all.length);
    } else {
      end = at < 0 ? 0 : at;
      start = Math.max(0, end - size);
    }
  }
  const links: [string, string][] = [];
  const firstKey = keys[start];
  const lastKey = keys[end - 1];
  if (start > 0 && firstKey) links.push(['prev', linkTo(ctx, { per_page: String(size), before: firstKey }, ['after'])]);
  if (end < all.length && lastKey)
    links.push(['next', linkTo(ctx, { per_page: String(size), after: lastKey }, ['before'])]);
  return { items: all.slice(start, end), headers: linkHeader(links) };
}
