// Comments closing by time, made an event. Posts need no job (./closing.ts compares with the clock
// on every post and read); what needs the moment is whoever holds an old answer: live readers of
// `articleUpdated` and every instance's response cache (a cached page would still say open). So
// each instance arms one timer, like the publication scheduler (src/articles/scheduler.ts), for
// the nearest close time still off the log, re-armed whenever articles or the site's settings
// change. When it fires, instances race to claim each due article by writing its close time into
// `commentsClosedAt` where that is still null; the one whose claim changed the row records a
// COMMENTS_CLOSED article event, which clears every instance's cache and reaches live readers.
// A change that moves the close time (publication, the article's or the site's days) sets
// `commentsClosedAt` back to null, so the article closes, and is announced, again at its new time.
import { createContext, type Services } from "../context.js";
import { startDueTimer, type DueTimer } from "./due-timer.js";
import { writeArticles } from "./transaction.js";
import { isPublicAt } from "../visibility/articles.js";
import { commentsCloseAt } from "../comments/closing.js";

export type ClosingTimer = DueTimer;

/** Starts this instance's closing timer over `services`, on the clock `now` (tests fix it); it catches up on start. */
export function startClosingTimer(options: { services: Services; now?: () => Date }): ClosingTimer {
  const { services } = options;
  const now = options.now ?? (() => new Date());
  const ctx = createContext(services, { viewer: null, editKeys: [] }, { now });
  const prisma = services.database.prisma;

  /** Claims one due closing; only the instance whose claim changed the row records it. */
  const announce = (article: { id: number; publishedAt: Date; commentsCloseAfterDays: number | null }, closeAt: Date) =>
    writeArticles(ctx, async (tx, changes) => {
      // The claim holds only if nothing that moves the close time changed since the pass read it.
      const where = { id: article.id, commentsClosedAt: null, publishedAt: article.publishedAt, commentsCloseAfterDays: article.commentsCloseAfterDays };
      const claimed = await tx.article.updateMany({ where, data: { commentsClosedAt: closeAt } });
      if (claimed.count !== 1) return;
      const row = await tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { status: true, publishedAt: true, commentsOpen: true } });
      // Only a public article still switched open changes for readers at this moment.
      if (row.commentsOpen && isPublicAt(row, now())) changes.record({ kind: "COMMENTS_CLOSED", articleId: article.id });
    });

  /** Announces the closings due; gives the milliseconds until the next close time still off the log. */
  const pass = async (): Promise<number | null> => {
    const siteDays = (await services.rules.current()).commentsCloseAfterDays;
    // Articles whose closing is not on the log yet; once it is, they leave this list.
    const pending = await prisma.article.findMany({
      where: { commentsClosedAt: null, publishedAt: { not: null }, ...(siteDays == null ? { commentsCloseAfterDays: { not: null } } : {}) },
      select: { id: true, publishedAt: true, commentsCloseAfterDays: true },
      orderBy: { id: "asc" },
    });
    let next: number | null = null;
    for (const article of pending) {
      const closeAt = commentsCloseAt(article, siteDays)!;
      if (closeAt.getTime() <= now().getTime()) await announce({ ...article, publishedAt: article.publishedAt! }, closeAt);
      else next = Math.min(next ?? Infinity, closeAt.getTime());
    }
    return next === null ? null : next - now().getTime();
  };

  return startDueTimer({
    name: "comment closing",
    pass,
    listen: (wake) => [
      services.events.listen("articles:all", null, wake),
      services.events.listen("articles:changed", null, wake),
      // The site's days changed (the rules reload on the same notice).
      services.events.listen("moderation:rules", null, wake),
      services.events.onMissedNotices(wake),
    ],
  });
}
