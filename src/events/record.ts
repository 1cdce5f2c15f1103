// Comment events, recorded in the transaction of the change: the durable, positioned log that
// live feeds read and subscribers resume from. ./publish.ts announces them once committed.
import type { Db } from "../db.js";
import type { CommentEventKind, CommentStatus } from "../generated/prisma/client.js";
import type { CommentNotice } from "./bus.js";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** An event as recorded: its position and what a consumer needs to route it. */
export type RecordedEvent = CommentNotice;

/** Writes one event row; `related`: other comments whose counts or visibility the change moved. */
export async function recordCommentEvent(
  tx: Tx,
  event: {
    kind: CommentEventKind;
    comment: { id: number; articleId: number; parentId: number | null; rootId: number | null };
    fromStatus?: CommentStatus | null;
    toStatus: CommentStatus;
    related?: number[];
  },
): Promise<RecordedEvent> {
  const { comment } = event;
  const row = await tx.commentEvent.create({
    data: {
      kind: event.kind,
      commentId: comment.id,
      articleId: comment.articleId,
      threadId: comment.rootId ?? comment.id,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus,
    },
    select: { position: true },
  });
  return {
    position: row.position,
    commentId: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    threadId: comment.rootId ?? comment.id,
    related: [...new Set(event.related ?? [])],
  };
}
