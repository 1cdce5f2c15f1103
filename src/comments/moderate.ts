// Moderators' decisions on comments and on an article's comment section; each is recorded.
import type { Context, Viewer } from "../context.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Article, Comment, CommentStatus, ModerationMode } from "../generated/prisma/client.js";
import { isPubliclyVisible } from "../schema/visibility.js";
import { propagateVisibility } from "./reply-counts.js";
import { writeComments } from "./transaction.js";

export type ModerationDecision = "APPROVE" | "REJECT" | "MARK_SPAM" | "RESTORE";

const target: Record<ModerationDecision, CommentStatus> = {
  APPROVE: "APPROVED",
  REJECT: "REJECTED",
  MARK_SPAM: "SPAM",
  RESTORE: "APPROVED",
};

export async function moderateComment(
  ctx: Context,
  input: { id: number; decision: ModerationDecision; note?: string | null },
): Promise<Comment> {
  const actor = ctx.viewer as Viewer;
  return writeComments(ctx, async (tx, record) => {
    const comment = await tx.comment.findUnique({ where: { id: input.id } });
    if (!comment) throw new NotFoundError("Comment");
    if (input.decision === "RESTORE" && comment.status === "APPROVED") {
      throw new ValidationError("Only a rejected, spam or deleted comment can be restored.", "decision");
    }
    const toStatus = target[input.decision];
    if (toStatus === comment.status) return comment;
    const updated = await tx.comment.update({ where: { id: comment.id }, data: { status: toStatus } });
    await propagateVisibility(tx, {
      parentId: comment.parentId,
      wasVisible: isPubliclyVisible(comment),
      isVisible: isPubliclyVisible(updated),
    });
    await tx.moderationAction.create({
      data: {
        kind: input.decision,
        actorId: actor.id,
        actorName: actor.name,
        articleId: comment.articleId,
        commentId: comment.id,
        fromStatus: comment.status,
        toStatus,
        note: input.note?.trim() || null,
        createdAt: ctx.now(),
      },
    });
    await record({ kind: "STATUS_CHANGED", comment: updated, fromStatus: comment.status, toStatus });
    return updated;
  });
}

export async function setCommenting(
  ctx: Context,
  input: { articleId: number; open?: boolean | null; moderation?: ModerationMode | null },
): Promise<Article> {
  const actor = ctx.viewer as Viewer;
  const article = await ctx.prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { id: input.articleId } });
    if (!article) throw new NotFoundError("Article");
    const changes: { kind: "OPEN_COMMENTS" | "CLOSE_COMMENTS" | "SET_MODERATION"; note: string }[] = [];
    if (input.open != null && input.open !== article.commentsOpen) {
      changes.push({ kind: input.open ? "OPEN_COMMENTS" : "CLOSE_COMMENTS", note: input.open ? "opened" : "closed" });
    }
    if (input.moderation != null && input.moderation !== article.moderation) {
      changes.push({ kind: "SET_MODERATION", note: `${article.moderation} -> ${input.moderation}` });
    }
    if (changes.length === 0) return article;
    await tx.moderationAction.createMany({
      data: changes.map((change) => ({ ...change, actorId: actor.id, actorName: actor.name, articleId: article.id, createdAt: ctx.now() })),
    });
    return tx.article.update({
      where: { id: article.id },
      data: { commentsOpen: input.open ?? article.commentsOpen, moderation: input.moderation ?? article.moderation },
    });
  });
  ctx.articleChanged(article.id);
  return article;
}
