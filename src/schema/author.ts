import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import { readTotalCount, rootPage } from "../pagination/connection.js";
import { byName } from "../pagination/orders.js";
import type { Context } from "../context.js";
import { idOrSlug } from "../ids.js";
import { findFollowingMerges } from "../newsroom/merged-ids.js";


export const Author = builder.prismaNode("Author", {
  // A global id of a row that is gone (or never was) is null, as the Node interface promises.
  nullable: true,
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
      authorById(ctx, query, idOrSlug(args, "Author")),
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

/** The author a lookup names; by id, a merged author's id gives the author it was merged into. */
function authorById(ctx: Context, query: object, where: { id: number } | { slug: string }) {
  if ("slug" in where) return ctx.prisma.author.findUnique({ ...query, where });
  return findFollowingMerges(ctx.prisma, "Author", where.id, (id) => ctx.prisma.author.findUnique({ ...query, where: { id } }));
}
