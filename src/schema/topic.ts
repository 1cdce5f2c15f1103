import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import { builder } from "../builder.js";
import { Article } from "./article.js";
import { idOrSlug } from "./ids.js";
import { readTotalCount, withNodesSelection } from "./selections.js";
import { visibleArticleLinks } from "../articles/visibility.js";

const topicArticles = prismaConnectionHelpers(builder, "ArticleTopic", {
  cursor: "articleId_topicId",
  select: (nodeSelection) => ({ article: nodeSelection(true) }),
  resolveNode: (link) => link.article,
});

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
      select: (args, ctx, nested) => ({
        articles: {
          ...topicArticles.getQuery(args, ctx, withNodesSelection(nested) as typeof nested),
          ...visibleArticleLinks(ctx),
        },
        _count: { select: { articles: { where: visibleArticleLinks(ctx).where } } },
      }),
      resolve: (topic, args, ctx) => ({
        ...topicArticles.resolve(topic.articles, args, ctx),
        totalCount: topic._count.articles,
      }),
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
  topics: t.prismaConnection({
    type: "Topic",
    cursor: "id",
    resolve: (query, _root, _args, ctx) => ctx.prisma.topic.findMany({ ...query, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    totalCount: (_connection, _args, ctx) => ctx.prisma.topic.count(),
  }),
}));
