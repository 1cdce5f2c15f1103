import { builder } from "../builder.js";
import { parseId } from "./ids.js";
import { visibleArticles } from "../articles/visibility.js";

export const SourceKind = builder.enumType("SourceKind", {
  values: ["PUBLICATION", "PERSON", "ORGANIZATION", "SOCIAL_ACCOUNT", "DOCUMENT"] as const,
});

export const Source = builder.prismaNode("Source", {
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
    members: t.relatedConnection("members", {
      description: "People who belong to this organisation.",
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ name: "asc" }, { id: "asc" }] },
    }),
    citations: t.relatedConnection("citations", {
      description: "Where articles cite or quote this source, newest article first.",
      cursor: "id",
      totalCount: true,
      query: (_args, ctx) => ({
        where: { article: visibleArticles(ctx) },
        orderBy: [{ article: { publishedAt: "desc" } }, { id: "desc" }],
      }),
    }),
    credits: t.relatedConnection("credits", {
      description: "Images credited to this source.",
      cursor: "id",
      totalCount: true,
      query: { orderBy: { id: "desc" } },
    }),
  }),
});

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
    resolve: (query, _root, args, ctx) => ctx.prisma.source.findUnique({ ...query, where: { id: parseId(String(args.id), "Source") } }),
  }),
  sources: t.prismaConnection({
    type: "Source",
    cursor: "id",
    args: { kind: t.arg({ type: SourceKind }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.source.findMany({ ...query, where: args.kind ? { kind: args.kind } : {}, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    totalCount: (_connection, args, ctx) => ctx.prisma.source.count({ where: args.kind ? { kind: args.kind } : {} }),
  }),
}));
