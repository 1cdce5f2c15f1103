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
import { log } from "../log.js";
import { writeArticles } from "./transaction.js";
import { isPublicAt } from "../visibility/articles.js";
import { commentsCloseAt } from "../comments/closing.js";

/** setTimeout's longest delay (about 24.8 days); a later close time re-arms when it fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** After a failed pass (the database away), try again this much later. */
const RETRY_MS = 5000;

export interface ClosingTimer {
  /** Announces the closings due now and re-arms; resolves once a pass begun after the call has ended. */
  wake(): Promise<void>;
  /** Stops the timer and the listening; resolves once a running pass ends. */
  stop(): Promise<void>;
}

/** Starts this instance's closing timer over `services`, on the clock `now` (tests fix it); it catches up on start. */
export function startClosingTimer(options: { services: Services; now?: () => Date }): ClosingTimer {
  const { services } = options;
  const now = options.now ?? (() => new Date());
  const ctx = createContext(services, { viewer: null, editKeys: [] }, { now });
  const prisma = services.database.prisma;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  let stopped = false;

  const arm = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = stopped ? null : setTimeout(() => void wake(), Math.min(Math.max(0, delay), MAX_DELAY_MS));
    timer?.unref();
  };

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

  const run = async () => {
    try {
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
      if (next !== null) arm(next - now().getTime());
      else if (timer) clearTimeout(timer);
    } catch (error) {
      log.error({ err: error }, "comment closing pass failed");
      arm(RETRY_MS);
    }
  };

  /** Coalesces wake-ups: one pass at a time, and one more after it if any came meanwhile. */
  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again ??= running.then(() => {
        again = null;
        return wake();
      });
      return again;
    }
    running = run().finally(() => (running = null));
    return running;
  };

  const stopListening = [
    services.events.listen("articles:all", null, () => void wake()),
    services.events.listen("articles:changed", null, () => void wake()),
    // The site's days changed (the rules reload on the same notice).
    services.events.listen("moderation:rules", null, () => void wake()),
    services.events.onMissedNotices(() => void wake()),
  ];
  void wake();

  return {
    wake,
    async stop() {
      stopped = true;
      for (const stop of stopListening) stop();
      if (timer) clearTimeout(timer);
      await again?.catch(() => {});
      await running?.catch(() => {});
    },
  };
}
