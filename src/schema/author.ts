import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { readTotalCount, relatedConnection, relatedSelect, rootPage, type SelectedFields } from "../pagination/connection.js";
import { byArticleNewest, byName } from "../pagination/orders.js";
import { Article } from "./article.js";
import { idOrSlug } from "./ids.js";
import { visibleArticleLinks } from "../articles/visibility.js";

const bylines = { relation: "bylines", order: byArticleNewest("Byline", "articleId"), join: "article" };

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
      select: (args, ctx, nested, selected?: SelectedFields) =>
        relatedSelect({ ...bylines, args, where: visibleArticleLinks(ctx).where, nested, selected, typeName: "Article" }) as never,
      resolve: (author, args, ctx) =>
        relatedConnection<typeof Article.$inferType>({ ...bylines, args, where: visibleArticleLinks(ctx).where, parent: author }),
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
  authors: t.connection(
    {
      type: Author,
      description: "Every author, by name.",
      resolve: (_root, args, ctx, info) =>
        rootPage<typeof Author.$inferType>({
          order: byName("Author"),
          args,
          where: {},
          info,
          ctx,
          typeName: "Author",
          find: (find) => ctx.prisma.author.findMany(find as Prisma.AuthorFindManyArgs),
          count: () => ctx.prisma.author.count(),
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
}));
