// The counts that let one `where` decide visibility without walking a thread: a comment's
// `replyCount` (direct replies whose own state the public sees) and `hiddenAncestors` (ancestors
// whose status hides their replies). A change of a comment's status moves both, up and down the
// thread, in the transaction of the change.
import type { Tx } from "../events/record.js";
import type { CommentStatus } from "../generated/prisma/client.js";
import { countsAsReply, HIDES_REPLIES } from "../visibility/comments.js";

type State = { status: CommentStatus; replyCount: number };

/**
 * Moves the counts for a comment whose state went from `before` (null: it is new) to `after`.
 * Returns the ids of the other comments whose visibility or counts changed (ancestors, descendants).
 */
export async function updateThread(tx: Tx, change: { comment: { id: number; parentId: number | null }; before: State | null; after: State }): Promise<number[]> {
  const { comment, before, after } = change;
  const delta = Number(countsAsReply(after)) - Number(before !== null && countsAsReply(before));
  const touched = await moveReplyCounts(tx, comment.parentId, delta);
  const hid = before !== null && HIDES_REPLIES.includes(before.status);
  const hides = HIDES_REPLIES.includes(after.status);
  if (before !== null && hid !== hides) touched.push(...(await moveHiddenAncestors(tx, comment.id, hides ? 1 : -1)));
  return touched;
}

/** Adds `delta` to the parent's replyCount; a tombstone parent that appears or vanishes moves its own parent's in turn. */
async function moveReplyCounts(tx: Tx, parentId: number | null, delta: number): Promise<number[]> {
  const touched: number[] = [];
  while (delta !== 0 && parentId != null) {
    const after = await tx.comment.update({
      where: { id: parentId },
      data: { replyCount: { increment: delta } },
      select: { id: true, status: true, replyCount: true, parentId: true },
    });
    touched.push(after.id);
    // The update moved only the count: the state before it follows from the row it returned.
    const before = { status: after.status, replyCount: after.replyCount - delta };
    delta = Number(countsAsReply(after)) - Number(countsAsReply(before));
    parentId = after.parentId;
  }
  return touched;
}

/** Adds `delta` to `hiddenAncestors` of every descendant of the comment, a level at a time; returns their ids. */
async function moveHiddenAncestors(tx: Tx, commentId: number, delta: number): Promise<number[]> {
  const descendants: number[] = [];
  for (let level = [commentId]; level.length > 0; ) {
    const children = await tx.comment.findMany({ where: { parentId: { in: level } }, select: { id: true } });
    level = children.map((child) => child.id);
    if (level.length === 0) break;
    await tx.comment.updateMany({ where: { id: { in: level } }, data: { hiddenAncestors: { increment: delta } } });
    descendants.push(...level);
  }
  return descendants;
}
