// replyCount holds each comment's publicly visible direct replies. When a comment appears or
// disappears, its parent's count moves, and a tombstone parent may appear or vanish in turn.
import type { Tx } from "../events/comments.js";
import { isPubliclyVisible } from "../schema/visibility.js";

export async function propagateVisibility(
  tx: Tx,
  change: { parentId: number | null; wasVisible: boolean; isVisible: boolean },
): Promise<void> {
  let delta = Number(change.isVisible) - Number(change.wasVisible);
  let parentId = change.parentId;
  while (delta !== 0 && parentId != null) {
    const before = await tx.comment.findUniqueOrThrow({ where: { id: parentId }, select: { status: true, replyCount: true } });
    const after = await tx.comment.update({
      where: { id: parentId },
      data: { replyCount: { increment: delta } },
      select: { status: true, replyCount: true, parentId: true },
    });
    delta = Number(isPubliclyVisible(after)) - Number(isPubliclyVisible(before));
    parentId = after.parentId;
  }
}
