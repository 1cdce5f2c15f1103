import { builder } from "../builder.js";
import type { Context } from "../context.js";
import type { Prisma } from "../generated/prisma/client.js";
import { Author } from "./author.js";
import { parseBody } from "../articles/blocks.js";
import { CLOSING_SELECT, commentsCloseAt, siteCloseAfterDays, takesComments } from "../comments/closing.js";
import { BodyBlock } from "./body.js";
import { readTotalCount, relatedPage, rootPage, type PageArgs } from "../pagination/connection.js";
import { articleOrders, commentOrders } from "../pagination/orders.js";
import { Comment, CommentOrder, type CommentOrderValue } from "./comment.js";
import { idOrSlug, parseId } from "../ids.js";
import { findArticle } from "./article-loading.js";
import { currentId } from "../newsroom/merged-ids.js";
import { literalSearch, SEARCH_TEXT } from "./search.js";
import { Topic } from "./topic.js";
import { isPublicAt, publicArticles, visibleArticles } from "../visibility/articles.js";
import { visibleComments } from "../visibility/comments.js";

export const ArticleStatus = builder.enumType("ArticleStatus", {
  description: "Where an article stands in the publishing workflow.",
  values: {
    DRAFT: { description: "Being written; only the newsroom sees it." },
    IN_REVIEW: { description: "Submitted by its author, waiting for an editor." },
    SCHEDULED: { description: "Published, with a publication time (or embargo) still to come: the public sees it from `publishedAt`." },
    PUBLISHED: { description: "Public." },
    ARCHIVED: { description: "Withdrawn from the public; kept for the record." },
  } as const,
});

/** The workflow state at `now`: a published article whose time has not come is SCHEDULED. */
export function articleStatusAt(article: { status: string; publishedAt: Date | null }, now: Date): typeof ArticleStatus.$inferType {
  if (article.status === "PUBLISHED" && !isPublicAt(article, now)) return "SCHEDULED";
  return article.status as typeof ArticleStatus.$inferType;
}
export const ModerationMode = builder.enumType("ModerationMode", {
  description: "PRE: new comments wait for a moderator. POST: they appear at once.",
  values: ["PRE", "POST"] as const,
});

export const Article = builder.prismaNode("Article", {
  // Select mode: a query loads only the columns its fields need (no article body on a list).
  select: { id: true },
  id: { field: "id" },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visibleArticles(ctx)] }),
  fields: (t) => ({
    slug: t.exposeString("slug"),
    title: t.exposeString("title"),
    subtitle: t.exposeString("subtitle", { nullable: true }),
    dateline: t.exposeString("dateline", { nullable: true, description: "Where the story was filed from." }),
    excerpt: t.exposeString("excerpt", { nullable: true }),
    status: t.field({
      type: ArticleStatus,
      select: { status: true, publishedAt: true },
      resolve: (article, _args, ctx) => articleStatusAt(article, ctx.now()),
    }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    commentsOpen: t.boolean({
      description: "Whether the article takes comments now: its comments are switched on and `commentsCloseAt` has not come.",
      select: CLOSING_SELECT,
      resolve: async (article, _args, ctx) => takesComments(article, await siteCloseAfterDays(ctx), ctx.now()),
    }),
    commentsCloseAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When comments close by themselves: publication plus the article's days, or the site's; null when not published or never.",
      select: { publishedAt: true, commentsCloseAfterDays: true },
      resolve: async (article, _args, ctx) => commentsCloseAt(article, await siteCloseAfterDays(ctx)),
    }),
    moderation: t.expose("moderation", { type: ModerationMode }),
    body: t.field({
      type: [BodyBlock],
      description: "The article body as ordered blocks.",
      select: { body: true },
      resolve: (article) => parseBody(article.body),
    }),
    authors: t.field({
      type: [Author],
      description: "The byline's authors, in byline order.",
      select: (_args, _ctx, nested) => ({
        bylines: { orderBy: { position: "asc" }, select: { author: nested(true) } },
      }),
      resolve: (article) => article.bylines.map((byline) => byline.author),
    }),
    byline: t.relation("bylines", { query: { orderBy: { position: "asc" } } }),
    topics: t.field({
      type: [Topic],
      select: (_args, _ctx, nested) => ({
        topics: { orderBy: { topic: { name: "asc" } }, select: { topic: nested(true) } },
      }),
      resolve: (article) => article.topics.map((link) => link.topic),
    }),
    citations: t.relation("citations", {
      description: "Sources this article cites, quotes or credits, in reading order.",
      query: { orderBy: [{ position: "asc" }, { id: "asc" }] },
    }),
    images: t.relation("images", { query: { orderBy: { position: "asc" } } }),
    comments: t.connection(
      {
        type: Comment,
        description: "Top-level comments; replies hang off each comment.",
        args: { orderBy: t.arg({ type: CommentOrder, defaultValue: "NEWEST" }) },
        ...relatedPage<typeof Comment.$inferType, PageArgs & { orderBy?: CommentOrderValue | null }, Context>((args, ctx) => ({
          relation: "comments",
          order: commentOrders[args.orderBy ?? "NEWEST"],
          where: topLevelComments(ctx),
          typeName: "Comment",
        })),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
    ),
    commentCount: t.relationCount("comments", {
      description: "Every visible comment, replies included.",
      where: (_args, ctx) => visibleComments(ctx),
    }),
  }),
});

const ArticleOrder = builder.enumType("ArticleOrder", {
  values: { NEWEST: {}, OLDEST: {}, RECENTLY_UPDATED: {}, TITLE: {} } as const,
});

const topLevelComments = (ctx: Parameters<typeof visibleComments>[0]) => ({ parentId: null, ...visibleComments(ctx) });

const ArticleFilter = builder.inputType("ArticleFilter", {
  fields: (t) => ({
    topic: t.string({ description: "Topic slug." }),
    author: t.string({ description: "Author slug." }),
    source: t.id({ description: "Global id of a cited Source." }),
    status: t.field({ type: ArticleStatus, description: "Only editors see states other than PUBLISHED." }),
    search: t.string({ description: "Words in the title, subtitle or excerpt.", text: SEARCH_TEXT }),
  }),
});

builder.queryFields((t) => ({
  article: t.prismaField({
    type: Article,
    nullable: true,
    description: "One article, by global id or by slug; a slug the article had before a rename still finds it.",
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const key = idOrSlug(args, "Article");
      const found = await findArticle(ctx, query, { ...key, ...visibleArticles(ctx) });
      if (found || !("slug" in key)) return found;
      const former = await ctx.prisma.articleSlug.findUnique({ where: { slug: key.slug }, select: { articleId: true } });
      return former ? findArticle(ctx, query, { id: former.articleId, ...visibleArticles(ctx) }) : null;
    },
  }),
  articles: t.connection(
    {
      type: Article,
      args: {
        filter: t.arg({ type: ArticleFilter }),
        orderBy: t.arg({ type: ArticleOrder, defaultValue: "NEWEST" }),
      },
      resolve: async (_root, args, ctx, info) => {
        // An id is no text: an empty one is refused as any malformed id is, not read as absent.
        const asked = args.filter?.source != null ? parseId(String(args.filter.source), "Source") : undefined;
        const page = (sourceId = asked) => {
          const where = () => articleWhere(args.filter, ctx, sourceId);
          return rootPage<typeof Article.$inferType>({
            order: articleOrders[args.orderBy ?? "NEWEST"],
            args,
            where: where(),
            info,
            ctx,
            typeName: "Article",
            find: (find) =>
              ctx.reads.findMany("Article", find, async () => ctx.prisma.article.findMany((await literalSearch(ctx, "Article", find)) as Prisma.ArticleFindManyArgs)),
            count: async () => ctx.prisma.article.count(await literalSearch(ctx, "Article", { where: where() })),
          });
        };
        const found = await page();
        if (found.edges.length > 0 || asked === undefined) return found;
        // A merged source's id names the source it was merged into, as node(id) does: looked up on an empty page only.
        const survivor = await currentId(ctx.prisma, "Source", asked);
        return survivor === asked ? found : page(survivor);
      },
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: readTotalCount }) }) },
  ),
}));

type ArticleFilterInput = typeof ArticleFilter.$inferInput | null | undefined;

/** The articles `filter` selects that the viewer may see; `sourceId` is the filter's source, parsed. */
function articleWhere(filter: ArticleFilterInput, ctx: Context, sourceId: number | undefined): Prisma.ArticleWhereInput {
  const and: Prisma.ArticleWhereInput[] = [visibleArticles(ctx)];
  if (filter?.topic) and.push({ topics: { some: { topic: { slug: filter.topic } } } });
  if (filter?.author) and.push({ bylines: { some: { author: { slug: filter.author } } } });
  if (sourceId !== undefined) and.push({ citations: { some: { sourceId } } });
  if (filter?.status) and.push(statusWhere(filter.status, ctx.now()));
  const search = filter?.search;
  if (search) {
    const mode = ctx.config.database === "postgresql" ? ({ mode: "insensitive" } as const) : {};
    and.push({
      OR: [
        { title: { contains: search, ...mode } },
        { subtitle: { contains: search, ...mode } },
        { excerpt: { contains: search, ...mode } },
      ],
    });
  }
  return { AND: and };
}


/** Articles in a workflow state at `now`: SCHEDULED and PUBLISHED split the stored PUBLISHED by the rule's time. */
function statusWhere(status: typeof ArticleStatus.$inferType, now: Date): Prisma.ArticleWhereInput {
  if (status === "PUBLISHED") return publicArticles(now);
  if (status === "SCHEDULED") return { status: "PUBLISHED", NOT: publicArticles(now) };
  return { status };
}
