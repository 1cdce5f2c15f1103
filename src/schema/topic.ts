import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { readTotalCount, relatedConnection, relatedSelect, rootPage, type SelectedFields } from "../pagination/connection.js";
import { byArticleNewest, byName } from "../pagination/orders.js";
import { Article } from "./article.js";
import { idOrSlug } from "./ids.js";
import { visibleArticleLinks } from "../articles/visibility.js";

const links = { relation: "articles", order: byArticleNewest("ArticleTopic", "articleId"), join: "article" };

export const Topic = builder.prismaNode("Topic", {
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    description: t.exposeString("description", { nullable: true }),
  }),
});

builder.prismaObjectField(Topic, "articles", (t) =>
  t.connection(
    {
      type: Article,
      description: "Articles on this topic, newest first.",
      select: (args, ctx, nested, selected?: SelectedFields) =>
        relatedSelect({ ...links, args, where: visibleArticleLinks(ctx).where, nested, selected, typeName: "Article" }) as never,
      resolve: (topic, args, ctx) =>
        relatedConnection<typeof Article.$inferType>({ ...links, args, where: visibleArticleLinks(ctx).where, parent: topic }),
    },
    {
      fields: (c) => ({
        totalCount: c.int({ resolve: readTotalCount }),
      }),
    },
  ),
);

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
