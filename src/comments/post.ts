// Posting a comment or a reply.
import { randomBytes } from "node:crypto";
import { limitWriteRate } from "../abuse/rate-limits.js";
import { visibleArticles } from "../visibility/articles.js";
import { hashEditKey } from "../auth.js";
import type { Context } from "../context.js";
import { CommentsClosedError, NotFoundError, ThreadRemovedError, ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import { keepReasons, screenComment, statusFor } from "../moderation-rules/screen.js";
import { idempotencyOf, replayConflict, replayPost } from "./idempotency.js";
import type { PostCommentInput, PostedComment } from "./posting.js";
import { cleanBody, cleanGuest } from "./input.js";
import { linkMentions } from "./mentions.js";
import { updateThread } from "./thread-visibility.js";
import { writeComments } from "./transaction.js";
import { canSeeComment, HIDES_REPLIES, VISIBILITY_SELECT } from "../visibility/comments.js";

export async function postComment(ctx: Context, input: PostCommentInput): Promise<PostedComment> {
  const body = cleanBody(input.body);
  const author = ctx.viewer ? { name: ctx.viewer.name, email: null } : cleanGuest(input.guest);
  const editKey = ctx.viewer ? null : randomBytes(24).toString("base64url");
  await limitWriteRate(ctx, "post");
  const rules = await ctx.rules.current();
  const idempotency = idempotencyOf(ctx, input, { body, author });

  const posting = writeComments(ctx, async (tx, record): Promise<PostedComment> => {
    const replay = idempotency && (await replayPost(tx, idempotency));
    if (replay) return replay;
    const article = await tx.article.findFirst({
      where: { id: input.articleId, AND: [visibleArticles(ctx)] },
      select: { id: true, commentsOpen: true, moderation: true },
    });
    if (!article) throw new NotFoundError("Article");
    if (!article.commentsOpen) throw new CommentsClosedError();
    const placement = input.parentId == null ? TOP_LEVEL : await placeReply(tx, ctx, article.id, input.parentId);
    const commenter = { userId: ctx.viewer?.id ?? null, email: author.email };
    const screening = await screenComment(ctx, { tx, rules, body, authorName: author.name, commenter });
    const status = statusFor(screening, article.moderation);
    const comment = await tx.comment.create({
      data: {
        articleId: article.id,
        ...placement,
        authorName: author.name,
        guestEmail: author.email,
        userId: ctx.viewer?.id ?? null,
        editKeyHash: editKey ? hashEditKey(editKey) : null,
        body,
        status,
        idempotencyKey: idempotency?.key ?? null,
        requestHash: idempotency?.requestHash ?? null,
        createdAt: ctx.now(),
      },
    });
    await keepReasons(tx, comment.id, screening, ctx.now());
    await linkMentions(tx, comment);
    const related = await updateThread(tx, { comment, before: null, after: comment });
    const event = await record({ kind: "ADDED", comment, toStatus: status, related });
    return { comment, editKey, position: event.position, replayed: false };
  });
  return idempotency ? posting.catch((error: unknown) => replayConflict(ctx, idempotency, error)) : posting;
}

const TOP_LEVEL = { parentId: null, rootId: null, depth: 0, hiddenAncestors: 0 };

/**
 * Where a reply goes: under its parent, or beside it when the parent is at the depth cap. The
 * parent must be visible to the asker where it stands: a reply into a thread a moderator removed
 * is refused, not hidden.
 */
async function placeReply(tx: Tx, ctx: Context, articleId: number, parentId: number) {
  const parent = await tx.comment.findUnique({
    where: { id: parentId },
    select: { id: true, articleId: true, parentId: true, rootId: true, depth: true, ...VISIBILITY_SELECT },
  });
  if (!parent || parent.status === "DELETED" || !canSeeComment(ctx, { ...parent, hiddenAncestors: 0 })) throw new NotFoundError("Comment");
  if (!canSeeComment(ctx, parent)) throw new ThreadRemovedError();
  if (parent.articleId !== articleId) throw new ValidationError("The parent comment belongs to another article.", "parentId");
  // A reply to a comment at the depth cap joins that comment's own parent, at the cap.
  if (parent.depth >= ctx.config.comments.maxDepth) {
    return { parentId: parent.parentId, rootId: parent.rootId, depth: parent.depth, hiddenAncestors: parent.hiddenAncestors };
  }
  const hidden = parent.hiddenAncestors + (HIDES_REPLIES.includes(parent.status) ? 1 : 0);
  return { parentId: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth + 1, hiddenAncestors: hidden };
}
