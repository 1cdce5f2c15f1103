// The publication scheduler: a scheduled or embargoed article becomes public by the visibility rule
// alone when its time comes (reads compare with now); this makes that moment an event, so live
// feeds hear of it and every instance drops its cached responses. Each instance arms one timer for
// the nearest pending publication, re-armed whenever articles are scheduled or change; when it
// fires, instances race to claim each due article in a transaction, and only the winner records it.
import { createContext, type Services } from "../context.js";
import { isPublicAt } from "../visibility/articles.js";
import { startDueTimer, type DueTimer } from "./due-timer.js";
import { writeArticles } from "./transaction.js";

const BATCH = 100;

export type PublicationScheduler = DueTimer;

/** Starts this instance's scheduler over `services`, on the clock `now` (tests fix it); it catches up on start. */
export function startPublicationScheduler(options: { services: Services; now?: () => Date }): PublicationScheduler {
  const { services } = options;
  const now = options.now ?? (() => new Date());
  // The scheduler writes as no one: it only carries out what an editor scheduled.
  const ctx = createContext(services, { viewer: null, editKeys: [] }, { now });
  const prisma = services.database.prisma;

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

  /** Publishes what is due, a batch at a time; gives the milliseconds until the next pending publication. */
  const pass = async (): Promise<number | null> => {
    for (;;) {
      const due = await prisma.article.findMany({
        where: { publicationPending: true, publishedAt: { lte: now() } },
        orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
        take: BATCH,
        select: { id: true },
      });
      for (const { id } of due) await publish(id);
      if (due.length < BATCH) break;
    }
    const next = await prisma.article.findFirst({
      where: { publicationPending: true, publishedAt: { not: null } },
      orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
      select: { publishedAt: true },
    });
    return next?.publishedAt ? next.publishedAt.getTime() - now().getTime() : null;
  };

  return startDueTimer({
    name: "publication scheduler",
    pass,
    listen: (wake) => [
      services.events.listen("articles:scheduled", null, wake),
      services.events.listen("articles:all", null, wake),
      // Another instance may have scheduled something while Redis was out.
      services.events.onMissedNotices(wake),
    ],
  });
}
