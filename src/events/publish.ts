// Named announcements of committed changes, made once the transaction that recorded them has
// committed: the article's feed, the thread's, everything (moderators, caches), article changes.
import type { ArticleNotice, EventBus } from "./bus.js";
import type { RecordedEvent } from "./record.js";

/** Announces committed comment events to every instance. */
export function publishCommentEvents(bus: EventBus, events: readonly RecordedEvent[]): void {
  for (const notice of events) {
    bus.publish("comments:article", notice.articleId, notice);
    bus.publish("comments:thread", notice.threadId, notice);
    bus.publish("comments:all", null, notice);
  }
}

/** Announces that an article's own fields changed (its comment settings), so caches drop it. */
export function publishArticleChanged(bus: EventBus, articleId: number): void {
  bus.publish("articles:changed", null, { articleId });
}

/** Announces committed article events: the article's live blog, and everything (front pages, caches, schedulers). */
export function publishArticleEvents(bus: EventBus, events: readonly ArticleNotice[]): void {
  for (const notice of events) {
    bus.publish("articles:article", notice.articleId, notice);
    bus.publish("articles:all", null, notice);
  }
}

/** Announces that newsroom records of these types changed, so every instance's cache drops responses holding them. */
export function publishNewsroomChanged(bus: EventBus, typenames: string[]): void {
  bus.publish("newsroom:changed", null, { typenames });
}

/** Announces that an article will become public at `publishAt`, so every instance's scheduler arms a timer for it. */
export function publishArticleScheduled(bus: EventBus, articleId: number, publishAt: Date): void {
  bus.publish("articles:scheduled", null, { articleId, publishAt: publishAt.toISOString() });
}
