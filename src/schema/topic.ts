import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { readTotalCount, rootPage } from "../pagination/connection.js";
import { byName } from "../pagination/orders.js";
import type { Context } from "../context.js";
import { idOrSlug } from "../ids.js";
import { findFollowingMerges } from "../newsroom/merged-ids.js";


export const Topic = builder.prismaNode("Topic", {
  // A global id of a row that is gone (or never was) is null, as the Node interface promises.
  nullable: true,
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    description: t.exposeString("description", { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  topic: t.prismaField({
    type: Topic,
    nullable: true,
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: (query, _root, args, ctx) => topicById(ctx, query, idOrSlug(args, "Topic")),
  }),
  topics: t.connection(
    {
      type: Topic,
      resolve: (_root, args, ctx, info) =>
        rootPage<typeof Topic.$inferType>({
          order: byName("Topic"),
          args,
          where: {},
          info,
          ctx,
          typeName: "Topic",
          find: (find) => ctx.prisma.topic.findMany(find as Prisma.TopicFindManyArgs),
          count: () => ctx.prisma.topic.count(),
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
}));

/** The topic a lookup names; by id, a merged topic's id gives the topic it was merged into. */
function topicById(ctx: Context, query: object, where: { id: number } | { slug: string }) {
  if ("slug" in where) return ctx.prisma.topic.findUnique({ ...query, where });
  return findFollowingMerges(ctx.prisma, "Topic", where.id, (id) => ctx.prisma.topic.findUnique({ ...query, where: { id } }));
}
