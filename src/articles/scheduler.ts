// The publication scheduler: a scheduled or embargoed article becomes public by the visibility rule
// alone when its time comes (reads compare with now); this makes that moment an event, so live
// feeds hear of it and every instance drops its cached responses. Each instance arms one timer for
// the nearest pending publication, re-armed whenever articles are scheduled or change; when it
// fires, instances race to claim each due article in a transaction, and only the winner records it.
import { createContext, type Services } from "../context.js";
import { log } from "../log.js";
import { isPublicAt } from "../visibility/articles.js";
import { writeArticles } from "./transaction.js";

/** setTimeout's longest delay (about 24.8 days); a later publication re-arms when it fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** After a failed run (the database away), try again this much later. */
const RETRY_MS = 5000;
const BATCH = 100;

export interface PublicationScheduler {
  /** Publishes whatever is due now and re-arms the timer; resolves once a run begun after the call has ended. */
  wake(): Promise<void>;
  /** Stops the timer and the listening; resolves once a running pass ends. */
  stop(): Promise<void>;
}

/** Starts this instance's scheduler over `services`, on the clock `now` (tests fix it); it catches up on start. */
export function startPublicationScheduler(options: { services: Services; now?: () => Date }): PublicationScheduler {
  const { services } = options;
  const now = options.now ?? (() => new Date());
  // The scheduler writes as no one: it only carries out what an editor scheduled.
  const ctx = createContext(services, { viewer: null, editKeys: [] }, { now });
  const prisma = services.database.prisma;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  let stopped = false;

  const arm = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = stopped ? null : setTimeout(() => void wake(), Math.min(Math.max(0, delay), MAX_DELAY_MS));
    // A pending publication never keeps the process alive.
    timer?.unref();
  };

  /** Claims one due article; only the instance whose claim changed the row records its publication. */
  const publish = (articleId: number) =>
    writeArticles(ctx, async (tx, changes) => {
      const at = now();
      const claimed = await tx.article.updateMany({ where: { id: articleId, publicationPending: true, publishedAt: { lte: at } }, data: { publicationPending: false } });
      if (claimed.count !== 1) return false;
      const article = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, publishedAt: true } });
      if (isPublicAt(article, at)) changes.record({ kind: "PUBLISHED", articleId });
      return true;
    });

  const run = async () => {
    try {
      for (;;) {
        const due = await prisma.article.findMany({
          where: { publicationPending: true, publishedAt: { lte: now() } },
          orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: { id: true },
        });
        for (const { id } of due) await publish(id);
        if (due.length < BATCH || stopped) break;
      }
      const next = await prisma.article.findFirst({
        where: { publicationPending: true, publishedAt: { not: null } },
        orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
        select: { publishedAt: true },
      });
      if (next?.publishedAt) arm(next.publishedAt.getTime() - now().getTime());
      else if (timer) clearTimeout(timer);
    } catch (error) {
      log.error({ err: error }, "publication scheduler pass failed");
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
    services.events.listen("articles:scheduled", null, () => void wake()),
    services.events.listen("articles:all", null, () => void wake()),
    // Another instance may have scheduled something while Redis was out.
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
