import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import { builder } from "../builder.js";
import { Article } from "./article.js";
import { idOrSlug } from "./ids.js";
import { readTotalCount, withNodesSelection } from "./selections.js";
import { visibleArticleLinks } from "../articles/visibility.js";

const bylineArticles = prismaConnectionHelpers(builder, "Byline", {
  cursor: "articleId_authorId",
  select: (nodeSelection) => ({ article: nodeSelection(true) }),
  resolveNode: (byline) => byline.article,
});

export const Author = builder.prismaNode("Author", {
  // Select mode: a query loads only the columns its fields need (no article body on a list).
  select: { id: true },
  id: { field: "id" },
  fields: (t) => ({
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    bio: t.exposeString("bio"),
    avatarUrl: t.exposeString("avatarUrl", { nullable: true }),
  }),
});

builder.prismaObjectField(Author, "articles", (t) =>
  t.connection(
    {
      type: Article,
      description: "Articles in this author's byline, newest first.",
      select: (args, ctx, nested) => ({
        bylines: {
          ...bylineArticles.getQuery(args, ctx, withNodesSelection(nested) as typeof nested),
          ...visibleArticleLinks(ctx),
        },
        _count: { select: { bylines: { where: visibleArticleLinks(ctx).where } } },
      }),
      resolve: (author, args, ctx) => ({
        ...bylineArticles.resolve(author.bylines, args, ctx),
        totalCount: author._count.bylines,
      }),
    },
    {
      fields: (c) => ({
        totalCount: c.int({ resolve: readTotalCount }),
      }),
    },
  ),
);

export const Byline = builder.prismaObject("Byline", {
  description: "One author's place in an article's byline.",
  fields: (t) => ({
    position: t.exposeInt("position"),
    role: t.exposeString("role", { nullable: true, description: "E.g. \"Additional reporting\"." }),
    author: t.relation("author"),
  }),
});

builder.queryFields((t) => ({
  author: t.prismaField({
    type: Author,
    nullable: true,
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.author.findUnique({ ...query, where: idOrSlug(args, "Author") }),
  }),
  authors: t.prismaConnection({
    type: "Author",
    cursor: "id",
    description: "Every author, by name.",
    resolve: (query, _root, _args, ctx) => ctx.prisma.author.findMany({ ...query, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    totalCount: (_connection, _args, ctx) => ctx.prisma.author.count(),
  }),
}));
