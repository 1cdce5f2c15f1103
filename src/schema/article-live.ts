// Subscriptions over the article event log: a live blog per article and a front page of articles
// as they become public. Each delivery re-reads the article with the subscriber's own visibility.
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { NotFoundError } from "../errors.js";
import { latestArticlePosition, type ArticleLiveEvent } from "../events/article-feeds.js";
import { liveStream, type FeedItem } from "../events/stream.js";
import { parseId } from "../ids.js";
import { canSeeArticle, visibleArticles } from "../visibility/articles.js";
import { Article } from "./article.js";
import { parseBody, type Block } from "../articles/blocks.js";
import { BodyBlock } from "./body.js";
import { filterFor, oncePerRequest, ResyncRequired } from "./live.js";

type EventItem = Extract<FeedItem<ArticleLiveEvent>, { type: "event" }>;

const ArticleActivity = builder.enumType("ArticleActivity", {
  values: {
    UPDATED: { description: "Fields of a public article changed: a new block, a headline." },
    PUBLISHED: { description: "The article became public." },
    UNPUBLISHED: { description: "The article was withdrawn from the public." },
    CORRECTED: { description: "A correction was published (see `correctionNote`)." },
    COMMENTS_CLOSED: { description: "The article's comments closed by themselves, at `commentsCloseAt`." },
  } as const,
});

/** The article as the selection asks for it, re-read with the subscriber's own visibility. */
const loadArticle = (ctx: Context, event: ArticleLiveEvent, query: object) =>
  ctx.prisma.article.findFirst({ ...query, where: { id: event.articleId, AND: [visibleArticles(ctx)] } });

const eventFields = { isTypeOf: (item: unknown) => (item as FeedItem).type === "event" } as const;

const ArticleUpdate = builder.objectRef<EventItem>("ArticleUpdate").implement({
  ...eventFields,
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.event.position }),
    kind: t.field({ type: ArticleActivity, resolve: (item) => item.event.kind }),
    article: t.prismaField({
      type: Article,
      nullable: true,
      description: "Null when the article left your sight (unpublished, embargoed again, deleted).",
      resolve: (query, item, _args, ctx) => loadArticle(ctx, item.event, query),
    }),
    changedFields: t.stringList({ description: "The article fields the change touched.", resolve: (item) => item.event.revision?.fields ?? [] }),
    newBlocks: t.field({
      type: [BodyBlock],
      description: "Body blocks the change added (a live blog's new entries), in body order.",
      resolve: (item) => addedBlocks(item.event),
    }),
    correctionNote: t.string({ nullable: true, description: "The public note of a correction.", resolve: (item) => (item.event.kind === "CORRECTED" ? (item.event.revision?.note ?? null) : null) }),
  }),
});

const ArticlePublication = builder.objectRef<EventItem>("ArticlePublication").implement({
  ...eventFields,
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.event.position }),
    article: t.prismaField({
      type: Article,
      nullable: true,
      description: "Null when the article left your sight between the event and its delivery.",
      resolve: (query, item, _args, ctx) => loadArticle(ctx, item.event, query),
    }),
  }),
});

const ArticleUpdateMessage = builder.unionType("ArticleUpdateMessage", { types: [ArticleUpdate, ResyncRequired] });
const ArticlePublicationMessage = builder.unionType("ArticlePublicationMessage", { types: [ArticlePublication, ResyncRequired] });

/** Blocks of the revision's new body that its old body did not hold (compared as JSON, each counted once). */
function addedBlocks(event: ArticleLiveEvent): Block[] {
  const revision = event.revision;
  if (!revision || !revision.fields.includes("body")) return [];
  const before = new Map<string, number>();
  for (const block of parseBody(revision.before.body)) before.set(JSON.stringify(block), (before.get(JSON.stringify(block)) ?? 0) + 1);
  return parseBody(revision.after.body).filter((block) => {
    const key = JSON.stringify(block);
    const left = before.get(key) ?? 0;
    if (left > 0) before.set(key, left - 1);
    return left === 0;
  });
}

/** The article as the feed found it is in the subscriber's sight; a withdrawal goes to those who were reading it. */
const seesUpdate = (ctx: Context, event: ArticleLiveEvent) => event.kind === "UNPUBLISHED" || (!!event.article && canSeeArticle(ctx, event.article));
/** A publication the subscriber may see. */
const seesPublication = (ctx: Context, event: ArticleLiveEvent) => event.kind === "PUBLISHED" && !!event.article && canSeeArticle(ctx, event.article);

builder.subscriptionFields((t) => ({
  articleUpdated: t.field({
    type: ArticleUpdateMessage,
    description: "A live blog: edits, new blocks, corrections, withdrawals and comments closing by time, of one article you can see. Pass `after` to resume.",
    args: { id: t.arg.id({ required: true }), after: t.arg({ type: "Cursor" }) },
    subscribe: async (_root, args, ctx) => {
      const id = parseId(String(args.id), "Article");
      const article = await ctx.prisma.article.findFirst({ where: { id, AND: [visibleArticles(ctx)] }, select: { id: true } });
      if (!article) throw new NotFoundError("Article");
      return liveStream(ctx.articleFeeds, { kind: "article", id }, args.after ?? null, filterFor(ctx, seesUpdate));
    },
    resolve: (item) => item,
  }),
  articlePublished: t.field({
    type: ArticlePublicationMessage,
    description: "Articles as they become public to you (scheduled and embargoed ones at their time), optionally in one topic. Pass `after` to resume.",
    args: { topic: t.arg.id({ description: "Only articles in this topic." }), after: t.arg({ type: "Cursor" }) },
    subscribe: (_root, args, ctx) => {
      const topicId = args.topic == null ? null : parseId(String(args.topic), "Topic");
      const visible = filterFor(ctx, seesPublication);
      const keep = topicId == null ? visible : (event: ArticleLiveEvent) => !!event.article?.topicIds.includes(topicId) && visible(event);
      return liveStream(ctx.articleFeeds, { kind: "all" }, args.after ?? null, keep);
    },
    resolve: (item) => item,
  }),
}));

const latestPosition = oncePerRequest(latestArticlePosition);

builder.prismaObjectField(Article, "updatesCursor", (t) =>
  t.field({
    type: "Cursor",
    description: "Where article feeds stand now: load the page, then subscribe to articleUpdated or articlePublished with `after: updatesCursor` to miss nothing.",
    resolve: (_article, _args, ctx) => latestPosition(ctx),
  }),
);
