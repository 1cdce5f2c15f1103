// A new comment, its parent's reply count and its ADDED event in one statement, on PostgreSQL:
// one round trip and no interactive transaction for the common post. Anything more (reasons to
// keep, mentions, a parent that would turn from hidden tombstone to shown) takes the transaction.
import type { Context } from "../context.js";
import { publishCommentEvents } from "../events/publish.js";
import type { RecordedEvent } from "../events/record.js";
import type { Comment, CommentStatus } from "../generated/prisma/client.js";
import { admitWrite } from "./admission.js";
import { commentWriteFaults } from "./transaction.js";

/** The columns a post sets; the rest take their defaults. */
export interface NewComment {
  articleId: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  hiddenAncestors: number;
  authorName: string;
  guestEmail: string | null;
  userId: string | null;
  editKeyHash: string | null;
  body: string;
  status: CommentStatus;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdAt: Date;
}

/**
 * Inserts the comment and its event, publishing the event once committed; gives null, having
 * written nothing, when the parent is gone or is a tombstone without replies (the transaction
 * handles those).
 */
export async function insertComment(ctx: Context, data: NewComment): Promise<{ comment: Comment; position: number } | null> {
  // Only an approved reply counts for its parent (see countsAsReply); a tombstone with replies stays shown.
  const delta = data.status === "APPROVED" ? 1 : 0;
  const rows = await admitWrite(ctx, async () => {
    await commentWriteFaults.beforeRecordingEvent?.();
    // Data dependencies order the work: the parent's row lock, then the comment, then the position lock,
    // then `nextval`; the position lock is held from taking the position to COMMIT, so positions commit in order.
    return ctx.prisma.$queryRaw<(Comment & { position: number })[]>`
      WITH "parent" AS (
        UPDATE "Comment" SET "replyCount" = "replyCount" + ${delta}::int
        WHERE "id" = ${data.parentId}::int AND ("status" <> 'DELETED' OR "replyCount" > 0)
        RETURNING "id"
      ), "comment" AS (
        INSERT INTO "Comment" ("articleId", "parentId", "rootId", "depth", "hiddenAncestors", "authorName", "guestEmail",
          "userId", "editKeyHash", "body", "status", "idempotencyKey", "requestHash", "createdAt")
        SELECT ${data.articleId}::int, ${data.parentId}::int, ${data.rootId}::int, ${data.depth}::int, ${data.hiddenAncestors}::int,
          ${data.authorName}, ${data.guestEmail}, ${data.userId}, ${data.editKeyHash}, ${data.body}, ${data.status}::"CommentStatus",
          ${data.idempotencyKey}, ${data.requestHash}, ${data.createdAt}::timestamp(3)
        WHERE ${data.parentId}::int IS NULL OR EXISTS (SELECT FROM "parent")
        RETURNING *
      ), "lock" AS (
        SELECT pg_advisory_xact_lock(7310001) FROM "comment"
      ), "event" AS (
        INSERT INTO "CommentEvent" ("kind", "commentId", "articleId", "threadId", "toStatus")
        SELECT 'ADDED', "comment"."id", "comment"."articleId", COALESCE("comment"."rootId", "comment"."id"), "comment"."status"
        FROM "comment", "lock"
        RETURNING "position"
      )
      SELECT "comment".*, "event"."position" FROM "comment", "event"`;
  });
  const row = rows[0];
  if (!row) return null;
  const { position, ...comment } = row;
  const event: RecordedEvent = {
    position: Number(position),
    commentId: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    threadId: comment.rootId ?? comment.id,
    related: comment.parentId !== null && delta !== 0 ? [comment.parentId] : [],
  };
  publishCommentEvents(ctx.events, [event]);
  return { comment, position: event.position };
}
