// Comment events: recorded in the transaction of the change, announced once it has committed.
import type { Db } from "../db.js";
import type { CommentEventKind, CommentStatus } from "../generated/prisma/client.js";
import type { PubSub } from "graphql-yoga";
import type { Events } from "../pubsub.js";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface RecordedEvent {
  position: number;
  commentId: number;
  articleId: number;
  parentId: number | null;
  threadId: number;
}

export async function recordCommentEvent(
  tx: Tx,
  event: {
    kind: CommentEventKind;
    comment: { id: number; articleId: number; parentId: number | null; rootId: number | null };
    fromStatus?: CommentStatus | null;
    toStatus: CommentStatus;
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
  });
  return { position: row.position, commentId: row.commentId, articleId: row.articleId, parentId: comment.parentId, threadId: row.threadId };
}

/** Announces committed events to every instance: the article's feed, the thread's, and moderators'. */
export function publishCommentEvents(pubsub: PubSub<Events>, events: RecordedEvent[]): void {
  for (const event of events) {
    const notice = { position: event.position, commentId: event.commentId, articleId: event.articleId, parentId: event.parentId };
    pubsub.publish("comments:article", event.articleId, notice);
    pubsub.publish("comments:thread", event.threadId, notice);
    pubsub.publish("comments:all", notice);
  }
}
