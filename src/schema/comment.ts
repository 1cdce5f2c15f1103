import { visibleArticles } from "../visibility/articles.js";
import { hasRole } from "../auth.js";
import { builder } from "../builder.js";
import { TextChange, wordChanges } from "./text-changes.js";
import { canSeeComment, isAuthor, VISIBILITY_SELECT, visibleComments, type VisibilityFacts } from "../visibility/comments.js";
import type { Context } from "../context.js";
import { STAFF_ROLES, type StaffRole as StaffRoleValue } from "../comments/staff.js";
import { readTotalCount, relatedPage, type PageArgs } from "../pagination/connection.js";
import { commentOrders } from "../pagination/orders.js";

export const CommentStatus = builder.enumType("CommentStatus", {
  values: ["PENDING", "APPROVED", "REJECTED", "SPAM", "DELETED"] as const,
});

export const CommentOrder = builder.enumType("CommentOrder", {
  values: {
    NEWEST: {},
    OLDEST: {},
    MOST_REPLIES: {},
    BEST: { description: "Most reactions first, a day's age halving their weight; comments without reactions last, newest first (src/comments/best.ts)." },
  } as const,
});

export const StaffRole = builder.enumType("StaffRole", {
  description: "A newsroom role shown beside a staff member's comment. An admin's comments show MODERATOR.",
  values: STAFF_ROLES,
});

export type CommentOrderValue = typeof CommentOrder.$inferType;

const isTombstone = (comment: { status: string }) => comment.status === "DELETED";

type Selection = { select?: Record<string, unknown>; include?: Record<string, unknown> } | boolean;

/** A to-one comment's selection, with the columns the visibility rule reads added. */
function withVisibilityColumns(selection: Selection): Selection {
  if (typeof selection === "object" && selection.select) return { ...selection, select: { ...selection.select, ...VISIBILITY_SELECT } };
  // `true` and `include` load every column already.
  return selection;
}

/** A to-one comment as the asker may see it: the rule, applied to the loaded row. */
const ifVisible = <T extends VisibilityFacts>(ctx: Parameters<typeof canSeeComment>[0], comment: T | null): T | null =>
  comment && canSeeComment(ctx, comment) ? comment : null;

const PendingEdit = builder.objectRef<{ approved: string; body: string; submittedAt: Date }>("PendingEdit").implement({
  description: "An edit of an approved comment waiting for a moderator.",
  fields: (t) => ({
    body: t.exposeString("body", { description: "The text as edited." }),
    submittedAt: t.field({ type: "DateTime", resolve: (edit) => edit.submittedAt }),
    changes: t.field({
      type: [TextChange],
      description: "The edit against the approved text, word by word.",
      resolve: (edit) => wordChanges(edit.approved, edit.body),
    }),
  }),
});

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
    staffBadge: t.field({
      type: StaffRole,
      nullable: true,
      description: "The newsroom role its signed-in author held when posting; null for readers and guests.",
      select: { staffRole: true, status: true },
      resolve: (comment) => (isTombstone(comment) ? null : (comment.staffRole as StaffRoleValue | null)),
    }),
    isDeleted: t.boolean({ select: { status: true }, resolve: isTombstone }),
    status: t.expose("status", { type: CommentStatus }),
    depth: t.exposeInt("depth", { description: "0 for a top-level comment, 1 for a reply to it, and so on." }),
    replyCount: t.exposeInt("replyCount", { description: "Direct replies the public can see, without loading them." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    editedAt: t.expose("editedAt", { type: "DateTime", nullable: true }),
    article: t.relation("article"),
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
      resolve: (comment, _args, ctx) => !isTombstone(comment) && isAuthor(ctx, comment),
    }),
    pendingEdit: t.field({
      type: PendingEdit,
      nullable: true,
      description: "An edit waiting for a moderator (PRE moderation). Its author and moderators only; readers see `body` until it is approved.",
      select: { pendingBody: true, pendingEditAt: true, body: true, userId: true, editKeyHash: true },
      resolve: (comment, _args, ctx) =>
        comment.pendingBody !== null && (hasRole(ctx.viewer, "MODERATOR") || isAuthor(ctx, comment))
          ? { approved: comment.body, body: comment.pendingBody, submittedAt: comment.pendingEditAt ?? new Date(0) }
          : null,
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
      ...relatedPage<typeof Comment.$inferType, PageArgs & { orderBy?: CommentOrderValue | null }, Context>((args, ctx) => ({
        relation: "replies",
        order: commentOrders[args.orderBy ?? "OLDEST"],
        where: visibleComments(ctx),
        typeName: "Comment",
      })),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
);

builder.prismaObjectField(Comment, "parent", (t) =>
  t.field({
    type: Comment,
    nullable: true,
    description: "The comment this replies to; null for a top-level comment, or when you cannot see it.",
    select: (_args, _ctx, nested) => ({ parent: withVisibilityColumns(nested(true) as Selection) }),
    resolve: (comment, _args, ctx) => ifVisible(ctx, comment.parent as VisibilityFacts | null) as typeof comment.parent,
  }),
);

builder.prismaObjectField(Comment, "threadRoot", (t) =>
  t.field({
    type: Comment,
    nullable: true,
    description: "The top-level comment of this thread (itself, for a top-level comment); null when you cannot see it.",
    select: (_args, _ctx, nested) => ({ root: withVisibilityColumns(nested(true) as Selection) }),
    resolve: (comment, _args, ctx) => (comment.root ? (ifVisible(ctx, comment.root as VisibilityFacts) as typeof comment.root) : comment),
  }),
);

export const Mention = builder.prismaObject("Mention", {
  fields: (t) => ({
    name: t.exposeString("name", { description: "The name as written after the @." }),
    comment: t.field({
      type: Comment,
      nullable: true,
      description: "The addressed commenter's latest earlier comment in the thread, if you can see it.",
      select: (_args, _ctx, nested) => ({ mentioned: withVisibilityColumns(nested(true) as Selection) }),
      resolve: (mention, _args, ctx) => ifVisible(ctx, mention.mentioned as VisibilityFacts) as typeof mention.mentioned | null,
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
  values: ["APPROVE", "REJECT", "MARK_SPAM", "RESTORE", "CLOSE_COMMENTS", "OPEN_COMMENTS", "SET_MODERATION", "SET_COMMENTS_CLOSING", "APPROVE_EDIT", "REJECT_EDIT",
    "ADD_RULE", "REMOVE_RULE", "CHANGE_RULE_SETTINGS", "SET_COMMENTER_STANDING", "CLEAR_COMMENTER_STANDING",
    "FEATURE", "UNFEATURE", "DISMISS_REPORTS", "EXPORT_COMMENTER_DATA", "ERASE_COMMENTER_DATA"] as const,
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
