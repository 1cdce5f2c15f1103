// Who sees what. Every query that reaches articles or comments goes through these filters.
import { hasRole, type Context } from "../context.js";
import type { Prisma } from "../generated/prisma/client.js";

/** The public sees published articles; editors see every state. */
export function visibleArticles(ctx: Context): Prisma.ArticleWhereInput {
  return hasRole(ctx.viewer, "EDITOR", "AUTHOR", "MODERATOR") ? {} : { status: "PUBLISHED" };
}

/** The public sees approved comments, and deleted ones as tombstones while they still have replies. */
export function visibleComments(ctx: Context): Prisma.CommentWhereInput {
  if (hasRole(ctx.viewer, "MODERATOR")) return {};
  return { OR: [{ status: "APPROVED" }, { status: "DELETED", replyCount: { gt: 0 } }] };
}
