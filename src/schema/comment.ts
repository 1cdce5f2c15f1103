import { builder } from "../builder.js";
import type { Prisma } from "../generated/prisma/client.js";
import { visibleArticles, visibleComments } from "./visibility.js";

export const CommentStatus = builder.enumType("CommentStatus", {
  values: ["PENDING", "APPROVED", "REJECTED", "SPAM", "DELETED"] as const,
});

export const CommentOrder = builder.enumType("CommentOrder", {
  values: { NEWEST: {}, OLDEST: {}, MOST_REPLIES: {} } as const,
});

export function commentOrderBy(order: typeof CommentOrder.$inferType): Prisma.CommentOrderByWithRelationInput[] {
  switch (order) {
    case "NEWEST":
      return [{ createdAt: "desc" }, { id: "desc" }];
    case "OLDEST":
      return [{ createdAt: "asc" }, { id: "asc" }];
    case "MOST_REPLIES":
      return [{ replyCount: "desc" }, { createdAt: "desc" }, { id: "desc" }];
  }
}

const isTombstone = (comment: { status: string }) => comment.status === "DELETED";

export const Comment = builder.prismaNode("Comment", {
  id: { field: "id" },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visibleComments(ctx), { article: visibleArticles(ctx) }] }),
  fields: (t) => ({
    body: t.string({
      nullable: true,
      description: "Null when the comment was deleted and stays only to hold its replies.",
      select: { body: true, status: true },
      resolve: (comment) => (isTombstone(comment) ? null : comment.body),
    }),
    authorName: t.string({
      nullable: true,
      select: { authorName: true, status: true },
      resolve: (comment) => (isTombstone(comment) ? null : comment.authorName),
    }),
    isDeleted: t.boolean({ select: { status: true }, resolve: isTombstone }),
    status: t.expose("status", { type: CommentStatus }),
    depth: t.exposeInt("depth", { description: "0 for a top-level comment, 1 for a reply to it, and so on." }),
    replyCount: t.exposeInt("replyCount", { description: "Visible direct replies, without loading them." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    editedAt: t.expose("editedAt", { type: "DateTime", nullable: true }),
    article: t.relation("article"),
    parent: t.relation("parent", { nullable: true }),
    replies: t.relatedConnection("replies", {
      cursor: "id",
      totalCount: true,
      args: { orderBy: t.arg({ type: CommentOrder, defaultValue: "OLDEST" }) },
      query: (args, ctx) => ({ where: visibleComments(ctx), orderBy: commentOrderBy(args.orderBy ?? "OLDEST") }),
    }),
  }),
});

builder.prismaObjectField(Comment, "threadRoot", (t) =>
  t.field({
    type: Comment,
    description: "The top-level comment of this thread (itself, for a top-level comment).",
    select: (_args, _ctx, nested) => ({ root: nested(true) }),
    resolve: (comment) => comment.root ?? comment,
  }),
);
