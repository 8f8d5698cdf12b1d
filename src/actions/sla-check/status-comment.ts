/**
 * The one status comment on a tracking issue. Its id and a digest of its text live in the state block, so a sweep
 * knows without listing comments whether it must write: same digest, nothing to do; a known id, one PATCH; else the
 * comments are listed once to find it by marker (a run cut short before recording it) or create it. A created one is
 * settled as escalations are (escalate.ts): the oldest status comment is kept, a younger one deleted.
 */
import { createHash } from 'node:crypto';
import { STATUS_MARKER } from '../../domain/sla-text.js';
import type { SlaRecord } from '../../domain/tracker-state.js';
import {
  createComment,
  deleteComment,
  listComments,
  oldestWithMarker,
  updateComment,
  updateCommentUnlessGone,
} from '../../github/issues.js';
import type { IssueComment } from '../../github/types.js';
import type { WriteContext } from './escalate.js';
import { listingShowing } from './settle.js';

export function statusDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function statusUnchanged(record: SlaRecord | undefined, text: string): boolean {
  return record?.comment !== undefined && record.digest === statusDigest(text);
}

const withMarker = (text: string): string => `${text.trimEnd()}\n\n${STATUS_MARKER}`;

/** Brings the status comment to `text`; returns its id. */
export async function keepStatusComment(
  ctx: WriteContext,
  issueNumber: number,
  text: string,
  record: SlaRecord | undefined,
  comments: () => Promise<readonly IssueComment[]>,
): Promise<number> {
  if (record?.comment !== undefined && statusUnchanged(record, text)) return record.comment;
  if (record?.comment !== undefined) {
    const updated = await updateCommentUnlessGone(ctx.client, ctx.tracker, record.comment, withMarker(text));
    if (updated) return updated.id;
  }
  const found = oldestWithMarker(await comments(), STATUS_MARKER) ?? (await createSettled(ctx, issueNumber, text));
  if ((found.body ?? '').trim() === withMarker(text).trim()) return found.id;
  return (await updateComment(ctx.client, ctx.tracker, found.id, withMarker(text))).id;
}

/**
 * Posts the status comment, then keeps the oldest one: another sweep running at once may have posted it too. The
 * listing is taken once it shows the new comment (listings lag behind writes, settle.ts).
 */
async function createSettled(ctx: WriteContext, issueNumber: number, text: string): Promise<IssueComment> {
  const created = await createComment(ctx.client, ctx.tracker, issueNumber, withMarker(text));
  const comments = await listingShowing(
    () => listComments(ctx.client, ctx.tracker, issueNumber),
    (comment) => comment.id,
    [created.id],
    ctx.pause,
  );
  const kept = oldestWithMarker(comments, STATUS_MARKER);
  if (kept === undefined || kept.id === created.id) return created;
  await deleteComment(ctx.client, ctx.tracker, created.id);
  return kept;
}
