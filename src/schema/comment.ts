import { builder } from "../builder.js";
import { readTotalCount, relatedConnection, relatedSelect, type SelectedFields } from "../pagination/connection.js";
import { commentOrders } from "../pagination/orders.js";
import { canSeeComment, visibleArticles, visibleComments } from "./visibility.js";

export const CommentStatus = builder.enumType("CommentStatus", {
  values: ["PENDING", "APPROVED", "REJECTED", "SPAM", "DELETED"] as const,
});

export const CommentOrder = builder.enumType("CommentOrder", {
  values: { NEWEST: {}, OLDEST: {}, MOST_REPLIES: {} } as const,
});

const isTombstone = (comment: { status: string }) => comment.status === "DELETED";

export const Comment = builder.prismaNode("Comment", {
  // Select mode: a query loads only the columns its fields need (no article body on a list).
  select: { id: true },
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
    email: t.string({
      nullable: true,
      description: "The guest's email address. Moderators only; never published.",
      authScopes: { moderator: true },
      select: { guestEmail: true },
      resolve: (comment) => comment.guestEmail,
    }),
    viewerCanEdit: t.boolean({
      description: "Whether the asker wrote this comment (by sign-in or edit key) and may edit or delete it.",
      select: { userId: true, editKeyHash: true, status: true },
      resolve: (comment, _args, ctx) =>
        !isTombstone(comment) &&
        ((!!ctx.viewer && comment.userId === ctx.viewer.id) || (!!comment.editKeyHash && ctx.editKeyHashes.includes(comment.editKeyHash))),
    }),
    mentions: t.relation("mentions", { description: "Earlier commenters this comment addresses by @name.", query: { orderBy: { id: "asc" } } }),
    edits: t.relation("edits", {
      description: "Earlier versions of the body, oldest first. Moderators only.",
      authScopes: { moderator: true },
      query: { orderBy: { editedAt: "asc" } },
    }),
    moderationLog: t.relation("moderation", {
      description: "Every moderation decision on this comment, oldest first. Moderators only.",
      authScopes: { moderator: true },
      query: { orderBy: { createdAt: "asc" } },
    }),
  }),
});

builder.prismaObjectField(Comment, "replies", (t) =>
  t.connection(
    {
      type: Comment,
      args: { orderBy: t.arg({ type: CommentOrder, defaultValue: "OLDEST" }) },
      select: (args, ctx, nested, selected?: SelectedFields) =>
        relatedSelect({ relation: "replies", order: commentOrders[args.orderBy ?? "OLDEST"], args, where: visibleComments(ctx), nested, selected, typeName: "Comment" }) as never,
      resolve: (comment, args, ctx) =>
        relatedConnection<typeof Comment.$inferType>({ relation: "replies", order: commentOrders[args.orderBy ?? "OLDEST"], args, where: visibleComments(ctx), parent: comment }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
);

builder.prismaObjectField(Comment, "threadRoot", (t) =>
  t.field({
    type: Comment,
    description: "The top-level comment of this thread (itself, for a top-level comment).",
    select: (_args, _ctx, nested) => ({ root: nested(true) }),
    resolve: (comment) => comment.root ?? comment,
  }),
);

export const Mention = builder.prismaObject("Mention", {
  fields: (t) => ({
    name: t.exposeString("name", { description: "The name as written after the @." }),
    comment: t.field({
      type: Comment,
      nullable: true,
      description: "The addressed commenter's latest earlier comment in the thread, if you can see it.",
      select: (_args, _ctx, nested) => ({ mentioned: nested(true) }),
      resolve: (mention, _args, ctx) => (canSeeComment(ctx, mention.mentioned) ? mention.mentioned : null),
    }),
  }),
});

export const CommentEdit = builder.prismaObject("CommentEdit", {
  fields: (t) => ({
    body: t.exposeString("body", { description: "The body before this edit." }),
    editedAt: t.expose("editedAt", { type: "DateTime" }),
  }),
});

export const ModerationActionKind = builder.enumType("ModerationActionKind", {
  values: ["APPROVE", "REJECT", "MARK_SPAM", "RESTORE", "CLOSE_COMMENTS", "OPEN_COMMENTS", "SET_MODERATION"] as const,
});

export const ModerationAction = builder.prismaObject("ModerationAction", {
  fields: (t) => ({
    kind: t.expose("kind", { type: ModerationActionKind }),
    actorName: t.exposeString("actorName"),
    actorId: t.exposeString("actorId"),
    fromStatus: t.expose("fromStatus", { type: CommentStatus, nullable: true }),
    toStatus: t.expose("toStatus", { type: CommentStatus, nullable: true }),
    note: t.exposeString("note", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
