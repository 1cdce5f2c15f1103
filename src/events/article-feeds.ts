// Live article feeds: the article event log (./article-log.ts) as a positioned log, one feed per
// article (its live blog) and one for every article (front pages) per process.
import type { Gate } from "../admission.js";
import type { ArticleEventKind, ArticleStatus } from "../generated/prisma/client.js";
import type { EventBus } from "./bus.js";
import type { EventStore } from "./feeds.js";
import { LogFeeds, type PositionedLog } from "./log-feeds.js";

export type ArticleTopic = { kind: "article"; id: number } | { kind: "all" };

/** What the visibility rule and the topic filter read of an article, as the feed found it. */
export interface ArticleFacts {
  status: ArticleStatus;
  publishedAt: Date | null;
  topicIds: number[];
}

/** The revision an event publishes: the fields it changed, their values before and after, a correction's note. */
export interface RevisionFacts {
  fields: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  note: string | null;
}

/** An article event as subscribers see it. `article` is null once the article is deleted. */
export interface ArticleLiveEvent {
  position: number;
  kind: ArticleEventKind;
  articleId: number;
  article: ArticleFacts | null;
  revision: RevisionFacts | null;
}

/** Events of a topic after `after`, oldest first, with their article's state and revision: three statements a page. */
export async function readArticleEvents(store: EventStore, topic: ArticleTopic, after: number, take: number): Promise<ArticleLiveEvent[]> {
  const rows = await store.prisma.articleEvent.findMany({
    where: { ...(topic.kind === "article" ? { articleId: topic.id } : {}), position: { gt: after } },
    orderBy: { position: "asc" },
    take,
  });
  if (rows.length === 0) return [];
  const revisionIds = rows.flatMap((row) => (row.revisionId == null ? [] : [row.revisionId]));
  const [articles, revisions] = await Promise.all([
    store.prisma.article.findMany({
      where: { id: { in: [...new Set(rows.map((row) => row.articleId))] } },
      select: { id: true, status: true, publishedAt: true, topics: { select: { topicId: true } } },
    }),
    revisionIds.length === 0 ? [] : store.prisma.articleRevision.findMany({ where: { id: { in: revisionIds } }, select: { id: true, fields: true, before: true, after: true, note: true } }),
  ]);
  const facts = new Map(articles.map((a) => [a.id, { status: a.status, publishedAt: a.publishedAt, topicIds: a.topics.map((t) => t.topicId) }]));
  const revisionOf = new Map(revisions.map((r) => [r.id, { fields: (r.fields ?? []) as string[], before: asRecord(r.before), after: asRecord(r.after), note: r.note }]));
  return rows.map((row) => ({
    position: row.position,
    kind: row.kind,
    articleId: row.articleId,
    article: facts.get(row.articleId) ?? null,
    revision: row.revisionId == null ? null : (revisionOf.get(row.revisionId) ?? null),
  }));
}

/** The newest article event position (0 when none). */
export async function latestArticlePosition(store: EventStore): Promise<number> {
  return (await store.prisma.articleEvent.aggregate({ _max: { position: true } }))._max.position ?? 0;
}

/** The article event log as a positioned log read from `store`. */
export function articleLog(store: EventStore): PositionedLog<ArticleLiveEvent, ArticleTopic> {
  return {
    key: (topic) => (topic.kind === "all" ? "all" : `article:${topic.id}`),
    read: (topic, after, take) => readArticleEvents(store, topic, after, take),
    latest: () => latestArticlePosition(store),
    bounds: async () => {
      const bounds = await store.prisma.articleEvent.aggregate({ _min: { position: true }, _max: { position: true } });
      return { oldest: bounds._min.position, newest: bounds._max.position };
    },
    listen: (bus, topic, notice) => (topic.kind === "article" ? bus.listen("articles:article", topic.id, notice) : bus.listen("articles:all", null, notice)),
  };
}

/** This instance's article feeds, reading through the comment feeds' gate so both share its bound. */
export class ArticleFeeds extends LogFeeds<ArticleLiveEvent, ArticleTopic> {
  constructor(store: EventStore, bus: EventBus, reads: Gate) {
    super(articleLog(store), bus, reads);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
