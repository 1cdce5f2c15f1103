// When an article stops taking comments. The rule lives here and nowhere else: comments are open
// while the article's `commentsOpen` switch is on and its close time has not come, the close time
// being `publishedAt` plus the article's own days (`commentsCloseAfterDays`) or, when it has none,
// the site's (ModerationSettings; null: never). Closing by time needs no job: every post compares
// with the clock (the one-statement post on PostgreSQL takes the site's days and now as parameters,
// see ./insert-comment.ts). src/articles/closing-timer.ts only makes the moment an event, for live readers and
// caches.
import type { Context } from "../context.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rule reads of an article. */
export interface ClosingFacts {
  commentsOpen: boolean;
  publishedAt: Date | null;
  commentsCloseAfterDays: number | null;
}

/** The article columns the rule reads, as a Prisma select. */
export const CLOSING_SELECT = { commentsOpen: true, publishedAt: true, commentsCloseAfterDays: true } as const;

/** The days that apply to the article: its own, else the site's `siteDays`; null when neither is set. */
export function closeAfterDays(article: Pick<ClosingFacts, "commentsCloseAfterDays">, siteDays: number | null): number | null {
  return article.commentsCloseAfterDays ?? siteDays;
}

/** When the article's comments close by time: null when unpublished or when no days apply. */
export function commentsCloseAt(article: Omit<ClosingFacts, "commentsOpen">, siteDays: number | null): Date | null {
  const days = closeAfterDays(article, siteDays);
  if (days == null || !article.publishedAt) return null;
  return new Date(article.publishedAt.getTime() + days * DAY_MS);
}

/** Whether the article takes comments at `now`: its switch is on and `now` is before its close time. */
export function takesComments(article: ClosingFacts, siteDays: number | null, now: Date): boolean {
  const closeAt = commentsCloseAt(article, siteDays);
  return article.commentsOpen && (closeAt === null || now.getTime() < closeAt.getTime());
}

/** The site's closing days, from the moderation rules held in memory (no query once loaded). */
export async function siteCloseAfterDays(ctx: Pick<Context, "rules">): Promise<number | null> {
  return (await ctx.rules.current()).commentsCloseAfterDays;
}

