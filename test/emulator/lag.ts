/**
 * Listings that lag behind writes, as GitHub's eventually consistent listings and search do: with
 * `listingLagMs: N`, a list endpoint answers with the world as it was N real milliseconds ago, so an item created
 * (through the API) in the last N ms is missing and a comment deleted in the last N ms is still there. Single-item
 * GETs are never lagged. Off (0) by default.
 */
import type { RequestContext } from './context.js';
import type { IssueComment } from './types.js';

/** The wall-clock stamp a handler puts on what it creates (`listedAt`). */
export const listedNow = (): number => Date.now();

/** The real epoch ms the listing shows the world at; undefined when listings do not lag. */
function cutoff(ctx: RequestContext): number | undefined {
  const lag = ctx.options.listingLagMs;
  return lag > 0 ? Date.now() - lag : undefined;
}

/** Items a listing shows: those created (through the API) before the cutoff. Seeded items always show. */
export function listed<T extends { listedAt?: number }>(ctx: RequestContext, items: readonly T[]): T[] {
  const at = cutoff(ctx);
  return at === undefined ? [...items] : items.filter((item) => (item.listedAt ?? 0) <= at);
}

/** Comments deleted after the cutoff that the listing still shows (they were listed before it). */
export function stillListedDeletedComments(ctx: RequestContext): IssueComment[] {
  const at = cutoff(ctx);
  if (at === undefined) return [];
  return ctx.state.deletedIssueComments
    .filter((entry) => entry.deletedAt > at && (entry.comment.listedAt ?? 0) <= at)
    .map((entry) => entry.comment);
}

/** Keeps a deleted comment for the listings while they lag; forgets those older than the lag. */
export function rememberDeletedComment(ctx: RequestContext, comment: IssueComment): void {
  const at = cutoff(ctx);
  if (at === undefined) return;
  ctx.state.deletedIssueComments = ctx.state.deletedIssueComments.filter((entry) => entry.deletedAt > at);
  ctx.state.deletedIssueComments.push({ comment, deletedAt: Date.now() });
}
