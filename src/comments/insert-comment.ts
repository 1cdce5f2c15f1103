// A new comment, its parent's reply count and its ADDED event in one statement, on PostgreSQL:
// one round trip and no interactive transaction for the common post. The statement also checks the
// article (visible, open: the rule of ./closing.ts, in SQL) and takes its moderation mode; when it writes nothing the caller runs the
// transaction, which says why (or handles what this does not: a parent turning from tombstone to shown).
import type { Context } from "../context.js";
import { publishCommentEvents } from "../events/publish.js";
import { POSITION_LOCK, recordedAt, THREAD_GATE } from "../events/record.js";
import { HIDES_REPLIES } from "../visibility/comments.js";
import type { Comment } from "../generated/prisma/client.js";
import { admitWrite } from "./admission.js";
import { commentWriteFaults } from "./transaction.js";

/** The columns a post sets; the status comes from the article's moderation mode, the rest take their defaults. */
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
  /** The poster's newsroom role, for the staff badge (src/comments/staff.ts); null for readers and guests. */
  staffRole: string | null;
  createdAt: Date;
}

/**
 * Inserts the comment (APPROVED, or PENDING on a PRE-moderated article unless `trusted`) and its
 * event, and publishes the event once committed. `anyArticle`: the poster may see unpublished
 * articles; `siteCloseAfterDays`: the site's closing days (./closing.ts). Gives null, having written nothing, when the article is not there to comment on or
 * the parent is gone or a tombstone without replies.
 */
export async function insertComment(ctx: Context, data: NewComment, options: { trusted: boolean; anyArticle: boolean; now: Date; siteCloseAfterDays: number | null }): Promise<{ comment: Comment; position: number } | null> {
  const rows = await admitWrite(ctx, async () => {
    await commentWriteFaults.beforeRecordingEvent?.();
    // Autocommit has no COMMIT to withhold: a statement held up on the way past the moment the caller
    // gives up (the statement timeout) writes nothing, so a post answered as failed never appears later.
    const deadline = new Date(Date.now() + ctx.config.databaseLimits.statementTimeoutMs);
    // Data dependencies order the work: the thread gate (shared with other posts), the parent's row
    // lock, the comment, the position lock, then `nextval`; COMMIT releases both locks, so positions
    // commit in the order they are taken.
    return ctx.prisma.$queryRaw<(Comment & { position: number })[]>`
      WITH "gate" AS (
        SELECT pg_advisory_xact_lock_shared(${THREAD_GATE}::bigint)
      ), "article" AS (
        SELECT (CASE WHEN "moderation" = 'PRE' AND NOT ${options.trusted}::boolean THEN 'PENDING' ELSE 'APPROVED' END)::"CommentStatus" AS "status"
        FROM "Article", "gate"
        WHERE "id" = ${data.articleId}::int AND "commentsOpen"
          -- Open until publishedAt + days (the article's own, else the site's), as takesComments says.
          -- "now" is compared as the UTC wall time the columns hold, whatever the session's time zone.
          AND (COALESCE("commentsCloseAfterDays", ${options.siteCloseAfterDays}::int) IS NULL OR "publishedAt" IS NULL
            OR ${options.now}::timestamp(3) < "publishedAt" + make_interval(days => COALESCE("commentsCloseAfterDays", ${options.siteCloseAfterDays}::int)))
          AND (("status" = 'PUBLISHED' AND "publishedAt" <= ${options.now}::timestamp(3)) OR ${options.anyArticle}::boolean)
          AND clock_timestamp() < ${deadline}::timestamptz
      ), "parent" AS (
        -- Only an approved reply counts for its parent (see countsAsReply).
        UPDATE "Comment" SET "replyCount" = "replyCount" + (SELECT CASE WHEN "status" = 'APPROVED' THEN 1 ELSE 0 END FROM "article")
        WHERE "id" = ${data.parentId}::int AND ("status" <> 'DELETED' OR "replyCount" > 0) AND EXISTS (SELECT FROM "article")
          -- The parent still hides what it hid when the reply was placed; if a change moved it since, the transaction places it again.
          AND "hiddenAncestors" + (CASE WHEN "status"::text = ANY(${[...HIDES_REPLIES]}::text[]) THEN 1 ELSE 0 END) = ${data.hiddenAncestors}::int
        RETURNING "id"
      ), "comment" AS (
        INSERT INTO "Comment" ("articleId", "parentId", "rootId", "depth", "hiddenAncestors", "authorName", "guestEmail",
          "userId", "editKeyHash", "body", "staffRole", "status", "createdAt")
        SELECT ${data.articleId}::int, ${data.parentId}::int, ${data.rootId}::int, ${data.depth}::int, ${data.hiddenAncestors}::int,
          ${data.authorName}, ${data.guestEmail}, ${data.userId}, ${data.editKeyHash}, ${data.body}, ${data.staffRole}, "article"."status",
          ${data.createdAt}::timestamp(3)
        FROM "article"
        WHERE ${data.parentId}::int IS NULL OR EXISTS (SELECT FROM "parent")
        RETURNING *
      ), "lock" AS (
        SELECT pg_advisory_xact_lock(${POSITION_LOCK}::bigint) FROM "comment"
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
  const related = comment.parentId !== null && comment.status === "APPROVED" ? [comment.parentId] : [];
  const event = recordedAt(Number(position), { kind: "ADDED", comment, toStatus: comment.status, related });
  publishCommentEvents(ctx.events, [event]);
  return { comment, position: event.position };
}
