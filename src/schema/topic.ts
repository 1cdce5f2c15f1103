import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { readTotalCount, rootPage } from "../pagination/connection.js";
import { byName } from "../pagination/orders.js";
import { idOrSlug } from "../ids.js";


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
    resolve: (query, _root, args, ctx) => ctx.prisma.topic.findUnique({ ...query, where: idOrSlug(args, "Topic") }),
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
