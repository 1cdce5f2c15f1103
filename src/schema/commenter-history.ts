// One commenter as moderators see them: every comment across articles, every decision on them,
// and how often they are turned down.
import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { commenterRecord, type CommenterRecord } from "../comments/history.js";
import { commenterWhere } from "../comments/queue.js";
import { readTotalCount, rootPage } from "../pagination/connection.js";
import { commentOrders } from "../pagination/orders.js";
import { Comment, ModerationAction } from "./comment.js";

const CommenterHistory = builder.objectRef<{ commenter: string }>("CommenterHistory").implement({
  description: "One commenter's comments and the decisions on them. Moderators only.",
  fields: (t) => ({
    commenter: t.exposeString("commenter", { description: "As asked for: an email address or a sign-in subject." }),
    total: t.int({ resolve: (history, _args, ctx) => recordOf(ctx, history).then((r) => r.total) }),
    pending: t.int({ resolve: (history, _args, ctx) => recordOf(ctx, history).then((r) => r.pending) }),
    approved: t.int({ resolve: (history, _args, ctx) => recordOf(ctx, history).then((r) => r.approved) }),
    rejected: t.int({ description: "Rejected, not counting spam.", resolve: (history, _args, ctx) => recordOf(ctx, history).then((r) => r.rejected) }),
    spam: t.int({ resolve: (history, _args, ctx) => recordOf(ctx, history).then((r) => r.spam) }),
    rejectionRate: t.float({
      nullable: true,
      description: "Rejected or spam, over every comment decided (approved, rejected or spam): 0 to 1; null before any.",
      resolve: (history, _args, ctx) => recordOf(ctx, history).then((r) => r.rejectionRate),
    }),
    comments: t.connection(
      {
        type: Comment,
        description: "Their comments across articles, in any state, newest first.",
        resolve: (history, args, ctx, info) => {
          const where = commenterWhere(ctx, history.commenter);
          return rootPage<NonNullable<typeof Comment.$inferType>>({
            order: commentOrders.NEWEST,
            args,
            where,
            info,
            ctx,
            typeName: "Comment",
            find: (find) => ctx.prisma.comment.findMany(find as Prisma.CommentFindManyArgs),
            count: () => ctx.prisma.comment.count({ where }),
          });
        },
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
    ),
    decisions: t.prismaConnection({
      type: ModerationAction,
      cursor: "id",
      description: "Every moderation decision on their comments, newest first.",
      resolve: (query, history, _args, ctx) =>
        ctx.prisma.moderationAction.findMany({ ...query, where: { comment: commenterWhere(ctx, history.commenter) }, orderBy: { id: "desc" } }),
    }),
  }),
});

// The counts are one read, however many of them a query selects.
const records = new WeakMap<object, Promise<CommenterRecord>>();
const recordOf = (ctx: Parameters<typeof commenterRecord>[0], history: { commenter: string }) => {
  let record = records.get(history);
  if (!record) records.set(history, (record = commenterRecord(ctx, history.commenter)));
  return record;
};

builder.queryFields((t) => ({
  commenter: t.field({
    type: CommenterHistory,
    description: "A commenter's history, by a guest's email address or a signed-in commenter's subject. Moderators only.",
    authScopes: { moderator: true },
    args: { commenter: t.arg.string({ required: true }) },
    resolve: (_root, args) => ({ commenter: args.commenter.trim() }),
  }),
}));
