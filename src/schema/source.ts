import type { Prisma } from "../generated/prisma/client.js";
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { readTotalCount, relatedPage, rootPage, type PageArgs } from "../pagination/connection.js";
import { byArticleNewest, byName, mediaNewest } from "../pagination/orders.js";
import { parseId } from "../ids.js";
import { findFollowingMerges } from "../newsroom/merged-ids.js";
import { Image } from "./media.js";
import { visibleArticles, visibleImages } from "../visibility/articles.js";

export const SourceKind = builder.enumType("SourceKind", {
  values: ["PUBLICATION", "PERSON", "ORGANIZATION", "SOCIAL_ACCOUNT", "DOCUMENT"] as const,
});

export const Source = builder.prismaNode("Source", {
  // A global id of a row that is gone (or never was) is null, as the Node interface promises.
  nullable: true,
  // Select mode: a query loads only the columns its fields need (no article body on a list).
  select: { id: true },
  id: { field: "id" },
  description: "A publication, person, organisation, social-media account or document that articles cite.",
  fields: (t) => ({
    kind: t.expose("kind", { type: SourceKind }),
    name: t.exposeString("name"),
    url: t.exposeString("url", { nullable: true }),
    description: t.exposeString("description", { nullable: true }),
    role: t.exposeString("role", { nullable: true, description: "A person's title, e.g. \"Foreign Minister\"." }),
    organization: t.relation("organization", { nullable: true, description: "The organisation a person speaks for." }),
  }),
});

const members = { relation: "members", order: byName("Source"), where: {}, typeName: "Source" };
const credits = { relation: "credits", order: mediaNewest, typeName: "Image" };
const citations = { relation: "citations", order: byArticleNewest("Citation", "id"), typeName: "Citation" };

builder.prismaObjectFields(Source, (t) => ({
  members: t.connection(
    {
      type: Source,
      description: "People who belong to this organisation.",
      ...relatedPage<typeof Source.$inferType>(() => members),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
  citations: t.connection(
    {
      type: Citation,
      description: "Where articles cite or quote this source, newest article first.",
      ...relatedPage<typeof Citation.$inferType, PageArgs, Context>((_args, ctx) => ({ ...citations, where: { article: visibleArticles(ctx) } })),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
  credits: t.connection(
    {
      type: Image,
      description: "Images credited to this source.",
      ...relatedPage<typeof Image.$inferType, PageArgs, Context>((_args, ctx) => ({ ...credits, where: visibleImages(ctx) })),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
}));

export const Citation = builder.prismaNode("Citation", {
  id: { field: "id" },
  description: "An article citing, quoting or crediting a source.",
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), article: visibleArticles(ctx) }),
  fields: (t) => ({
    quote: t.exposeString("quote", { nullable: true, description: "The words quoted, when it is a quote." }),
    context: t.exposeString("context", { nullable: true, description: "Where it was said: \"press conference\"." }),
    blockIndex: t.exposeInt("blockIndex", { nullable: true, description: "The body block it belongs to." }),
    source: t.relation("source"),
    article: t.relation("article"),
  }),
});

builder.queryFields((t) => ({
  source: t.prismaField({
    type: Source,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    description: "One source, by global id (a merged source's id gives the source it was merged into).",
    resolve: (query, _root, args, ctx) =>
      findFollowingMerges(ctx.prisma, "Source", parseId(String(args.id), "Source"), (id) => ctx.prisma.source.findUnique({ ...query, where: { id } })),
  }),
  sources: t.connection(
    {
      type: Source,
      args: { kind: t.arg({ type: SourceKind }) },
      resolve: (_root, args, ctx, info) =>
        rootPage<typeof Source.$inferType>({
          order: byName("Source"),
          args,
          where: args.kind ? { kind: args.kind } : {},
          info,
          ctx,
          typeName: "Source",
          find: (find) => ctx.prisma.source.findMany(find as Prisma.SourceFindManyArgs),
          count: () => ctx.prisma.source.count({ where: args.kind ? { kind: args.kind } : {} }),
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
}));
