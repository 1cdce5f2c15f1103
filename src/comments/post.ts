// Posting a comment or a reply.
import { randomBytes } from "node:crypto";
import { limitWriteRate } from "../abuse/rate-limits.js";
import { isNewsroom, visibleArticles } from "../visibility/articles.js";
import { hashEditKey, hasRole } from "../auth.js";
import type { Context } from "../context.js";
import { AppError, CommentsClosedError, NotFoundError, ThreadRemovedError, ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import type { RuleSet } from "../moderation-rules/rules.js";
import { keepReasons, screenComment, statusFor, type Screening } from "../moderation-rules/screen.js";
import { idempotencyOf, replayConflict, replayPost, type Idempotency } from "./idempotency.js";
import { insertComment, type NewComment } from "./insert-comment.js";
import type { PostCommentInput, PostedComment } from "./posting.js";
import { cleanBody, cleanGuest } from "./input.js";
import { CLOSING_SELECT, takesComments } from "./closing.js";
import { linkMentions } from "./mentions.js";
import { updateThread } from "./thread-visibility.js";
import { writeComments } from "./transaction.js";
import { canSeeComment, HIDES_REPLIES, VISIBILITY_SELECT } from "../visibility/comments.js";
import { placementUnder, TOP_LEVEL, type Placement } from "./placement.js";
import { staffRoleOf } from "./staff.js";

/** Posts a comment or reply for the viewer (or a guest): the comment, its event position and a guest's edit key. */
export async function postComment(ctx: Context, input: PostCommentInput): Promise<PostedComment> {
  const body = cleanBody(input.body);
  const author = ctx.viewer ? { name: ctx.viewer.name, email: null } : cleanGuest(input.guest);
  const editKey = ctx.viewer ? null : randomBytes(24).toString("base64url");
  await limitWriteRate(ctx, "post");
  const rules = await ctx.rules.current();
  const idempotency = idempotencyOf(ctx, input, { body, author });
  const post = { input, body, author, editKey, rules, idempotency };

  // The common post (no key to replay, nothing to keep beside it) is one statement on PostgreSQL.
  if (ctx.config.database === "postgresql" && ctx.config.oneStatementPosts && !idempotency) {
    const posted = await postInOneStatement(ctx, post);
    if (posted) {
      ctx.posts.oneStatement++;
      return posted;
    }
  }

  const posting = writeComments(ctx, async (tx, record): Promise<PostedComment | Omit<PostedComment, "position">> => {
    const replay = idempotency && (await replayPost(tx, idempotency));
    if (replay) return replay;
    const { data, screening } = await draftComment(tx, ctx, post);
    const comment = await tx.comment.create({ data });
    await keepReasons(tx, comment.id, screening, ctx.now());
    await linkMentions(tx, comment, { fresh: true });
    const related = await updateThread(tx, { comment, before: null, after: comment });
    record({ kind: "ADDED", comment, toStatus: comment.status, related });
    return { comment, editKey, replayed: false };
  }, "post").then(({ result, events }) => {
    if ("position" in result) return result;
    ctx.posts.transaction++;
    return { ...result, position: events[0]!.position };
  });
  return idempotency ? posting.catch((error: unknown) => replayConflict(ctx, idempotency, error)) : posting;
}

interface Post {
  input: PostCommentInput;
  body: string;
  author: { name: string; email: string | null };
  editKey: string | null;
  rules: RuleSet;
  idempotency: Idempotency | null;
}

/** Checks the article and the parent and screens the text: the row to insert and why it has its status. */
async function draftComment(db: Tx, ctx: Context, post: Post) {
  const { input, author, idempotency } = post;
  const article = await db.article.findFirst({
    where: { id: input.articleId, AND: [visibleArticles(ctx)] },
    select: { id: true, moderation: true, ...CLOSING_SELECT },
  });
  if (!article) throw new NotFoundError("Article");
  if (!takesComments(article, post.rules.commentsCloseAfterDays, ctx.now())) throw new CommentsClosedError();
  const placement = input.parentId == null ? TOP_LEVEL : await placeReply(db, ctx, article.id, input.parentId);
  const screening = await screenComment(ctx, { tx: db, rules: post.rules, body: post.body, authorName: author.name, commenter: commenterOf(ctx, post) });
  const data = {
    ...rowOf(ctx, post, article.id, placement),
    status: statusFor(screening, article.moderation),
    idempotencyKey: idempotency?.key ?? null,
    requestHash: idempotency?.requestHash ?? null,
    createdAt: ctx.now(),
  };
  return { data, screening };
}

/**
 * The post as one statement (src/comments/insert-comment.ts), or null for the transaction to run:
 * when there are reasons to keep or a reply may mention someone, when the statement wrote nothing,
 * or when a check refused the post (the transaction checks in its order and gives the first refusal).
 */
async function postInOneStatement(ctx: Context, post: Post): Promise<PostedComment | null> {
  const { input, author } = post;
  // The statement knows the two filters visibleArticles gives: all articles, or publicArticles(now).
  const anyArticle = isNewsroom(ctx.viewer);
  let placement: Placement;
  let screening: Screening;
  try {
    placement = input.parentId == null ? TOP_LEVEL : await placeReply(ctx.prisma, ctx, input.articleId, input.parentId);
    screening = await screenComment(ctx, { tx: ctx.prisma, rules: post.rules, body: post.body, authorName: author.name, commenter: commenterOf(ctx, post) });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  if (screening.reasons.length > 0 || (placement.rootId !== null && post.body.includes("@"))) return null;
  const posted = await insertComment(ctx, { ...rowOf(ctx, post, input.articleId, placement), createdAt: ctx.now() }, {
    trusted: screening.trusted,
    anyArticle,
    now: ctx.now(),
    siteCloseAfterDays: post.rules.commentsCloseAfterDays,
  });
  return posted && { ...posted, editKey: post.editKey, replayed: false };
}

const commenterOf = (ctx: Context, post: Post) => ({ userId: ctx.viewer?.id ?? null, email: post.author.email });

/** The columns of a new comment that do not depend on the screen. */
function rowOf(ctx: Context, post: Post, articleId: number, placement: Placement): Omit<NewComment, "createdAt"> {
  return {
    articleId,
    ...placement,
    authorName: post.author.name,
    guestEmail: post.author.email,
    userId: ctx.viewer?.id ?? null,
    editKeyHash: post.editKey ? hashEditKey(post.editKey) : null,
    body: post.body,
    staffRole: staffRoleOf(ctx.viewer),
  };
}

/**
 * Where a reply goes: under its parent, or beside it when the parent is at the depth cap. The
 * parent must be visible to the asker where it stands: a reply into a thread a moderator removed
 * is refused, not hidden.
 */
async function placeReply(tx: Tx, ctx: Context, articleId: number, parentId: number): Promise<Placement> {
  const parent = await tx.comment.findUnique({
    where: { id: parentId },
    select: { id: true, articleId: true, parentId: true, rootId: true, depth: true, ...VISIBILITY_SELECT },
  });
  if (!parent || parent.status === "DELETED" || !canSeeComment(ctx, { ...parent, hiddenAncestors: 0 })) throw new NotFoundError("Comment");
  if (!canSeeComment(ctx, parent)) throw new ThreadRemovedError();
  // A pending or removed parent its author still sees takes no replies but a moderator's: anyone else's would be hidden from its own author too.
  if (HIDES_REPLIES.includes(parent.status) && !hasRole(ctx.viewer, "MODERATOR")) throw new ThreadRemovedError();
  if (parent.articleId !== articleId) throw new ValidationError("The parent comment belongs to another article.", "parentId");
  // A reply to a comment at the depth cap joins that comment's own parent, at the cap.
  return placementUnder(parent, ctx.config.comments.maxDepth);
}
