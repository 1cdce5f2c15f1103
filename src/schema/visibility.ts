// Who sees what. Every query and live event that reaches articles or comments goes through these.
import { hasRole, type Context } from "../context.js";
import type { CommentStatus, Prisma } from "../generated/prisma/client.js";

/** The public sees published articles; newsroom staff see every state. */
export function visibleArticles(ctx: Context): Prisma.ArticleWhereInput {
  return hasRole(ctx.viewer, "EDITOR", "AUTHOR", "MODERATOR") ? {} : { status: "PUBLISHED" };
}

/**
 * Moderators see every comment. Everyone else sees approved comments, deleted ones as tombstones
 * while they still have replies, and their own pending comments (by identity or edit key).
 */
export function visibleComments(ctx: Context): Prisma.CommentWhereInput {
  if (hasRole(ctx.viewer, "MODERATOR")) return {};
  const visible: Prisma.CommentWhereInput[] = [{ status: "APPROVED" }, { status: "DELETED", replyCount: { gt: 0 } }];
  if (ctx.viewer) visible.push({ status: "PENDING", userId: ctx.viewer.id });
  if (ctx.editKeyHashes.length > 0) visible.push({ status: "PENDING", editKeyHash: { in: ctx.editKeyHashes } });
  return { OR: visible };
}

export interface CommentVisibilityFacts {
  status: CommentStatus;
  replyCount: number;
  userId: string | null;
  editKeyHash: string | null;
}

/** The same rule as visibleComments, for a comment already in memory (live events). */
export function canSeeComment(ctx: Context, comment: CommentVisibilityFacts, status: CommentStatus = comment.status): boolean {
  if (hasRole(ctx.viewer, "MODERATOR")) return true;
  if (isPubliclyVisible({ status, replyCount: comment.replyCount })) return true;
  if (status !== "PENDING") return false;
  return (!!ctx.viewer && comment.userId === ctx.viewer.id) || (!!comment.editKeyHash && ctx.editKeyHashes.includes(comment.editKeyHash));
}

export function isPubliclyVisible(comment: { status: CommentStatus; replyCount: number }): boolean {
  return comment.status === "APPROVED" || (comment.status === "DELETED" && comment.replyCount > 0);
}

/** Join rows (bylines, topic links) whose article the asker may see, newest article first. */
export function visibleArticleLinks(ctx: Context) {
  return {
    where: { article: visibleArticles(ctx) },
    orderBy: [{ article: { publishedAt: "desc" as const } }, { articleId: "desc" as const }],
  };
}
