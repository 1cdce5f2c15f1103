// The moderators' queue: one queue at a time, narrowed by a filter, with the count of every queue
// under the same filter.
import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { literalSearch, SEARCH_TEXT } from "./search.js";
import type { Context } from "../context.js";
import { queueCounts, queueWhere, QUEUES, type QueueFilter } from "../comments/queue.js";
import { parseId } from "../ids.js";
import { readTotalCount, rootPage } from "../pagination/connection.js";
import { commentOrders } from "../pagination/orders.js";
import { Comment } from "./comment.js";

const ModerationQueueName = builder.enumType("ModerationQueue", {
  values: {
    PENDING: { description: "Waiting for a decision: pending comments and edits waiting for review." },
    REPORTED: { description: "With open reader reports." },
    UNMODERATED: { description: "Approved and never reviewed by a moderator." },
    APPROVED: { description: "Approved, reviewed or not." },
    REJECTED: { description: "Rejected or marked as spam." },
  } as const,
});

const ModerationQueueOrder = builder.enumType("ModerationQueueOrder", { values: ["OLDEST", "NEWEST"] as const });

const ModerationQueueFilter = builder.inputType("ModerationQueueFilter", {
  fields: (t) => ({
    queue: t.field({ type: ModerationQueueName, defaultValue: "PENDING" }),
    article: t.id({ description: "An article's comments only." }),
    topic: t.id({ description: "Comments on articles of this topic only." }),
    commenter: t.string({ description: "A guest's email address or a signed-in commenter's subject." }),
    search: t.string({ description: "Words in the body or the commenter's name (case-insensitive; `%` and `_` are plain characters).", text: SEARCH_TEXT }),
    hasLinks: t.boolean({ description: "True: with a link (http://, https:// or www.); false: without one." }),
  }),
});

const QueueCounts = builder.objectRef<{ filter: QueueFilter }>("ModerationQueueCounts").implement({
  description: "How many comments each queue holds under the same filter.",
  fields: (t) => ({
    ...Object.fromEntries(
      QUEUES.map((queue) => [
        queue.toLowerCase(),
        t.int({ resolve: async (counts, _args, ctx) => (await countsOnce(ctx, counts.filter))[queue] }),
      ]),
    ),
  }),
});

// The five counts are one read, however many of them a query selects.
const countCache = new WeakMap<object, ReturnType<typeof queueCounts>>();
const countsOnce = (ctx: Context, filter: QueueFilter) => {
  let counts = countCache.get(filter);
  if (!counts) countCache.set(filter, (counts = queueCounts(ctx, filter, (where) => countLiterally(ctx, where))));
  return counts;
};

builder.queryFields((t) => ({
  moderationQueue: t.connection(
    {
      type: Comment,
      description: "A queue of comments for moderators (pending by default), oldest first unless `order` says otherwise. Moderators only.",
      authScopes: { moderator: true },
      args: {
        articleId: t.arg.id({ description: "Deprecated: use `filter.article`.", deprecationReason: "Use `filter: { article }`." }),
        filter: t.arg({ type: ModerationQueueFilter }),
        order: t.arg({ type: ModerationQueueOrder, defaultValue: "OLDEST" }),
      },
      resolve: async (_root, args, ctx, info) => {
        const { filter: given, order, articleId, ...page } = args;
        const filter: QueueFilter = {
          articleId: idOf(given?.article ?? articleId, "Article"),
          topicId: idOf(given?.topic, "Topic"),
          commenter: given?.commenter,
          search: given?.search,
          hasLinks: given?.hasLinks,
        };
        const where = queueWhere(ctx, given?.queue ?? "PENDING", filter);
        const connection = await rootPage<NonNullable<typeof Comment.$inferType>>({
          order: commentOrders[order ?? "OLDEST"],
          args: page,
          where,
          info,
          ctx,
          typeName: "Comment",
          find: async (find) => ctx.prisma.comment.findMany((await literalSearch(ctx, "Comment", find)) as Prisma.CommentFindManyArgs),
          count: () => countLiterally(ctx, where),
        });
        return Object.assign(connection, { counts: { filter } });
      },
    },
    {
      fields: (c) => ({
        totalCount: c.int({ resolve: readTotalCount }),
        counts: c.field({ type: QueueCounts, resolve: (connection) => (connection as unknown as { counts: { filter: QueueFilter } }).counts }),
      }),
    },
  ),
}));

/** Comments matching `where`, its search text taken literally (`%` and `_` are characters). */
const countLiterally = async (ctx: Context, where: Prisma.CommentWhereInput) => ctx.prisma.comment.count(await literalSearch(ctx, "Comment", { where }));

const idOf = (id: string | number | null | undefined, typename: string) => (id == null ? null : parseId(String(id), typename));
