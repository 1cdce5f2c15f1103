// Runs a newsroom write in one transaction and announces its article events once it has committed.
import { admitWrite } from "../comments/admission.js";
import type { Context } from "../context.js";
import { recordArticleEvents, type ArticleEventInput } from "../events/article-log.js";
import type { ArticleNotice } from "../events/bus.js";
import { publishArticleEvents, publishNewsroomChanged } from "../events/publish.js";
import type { Tx } from "../events/record.js";

/** What a write hands back to its transaction: events to record last, and record types whose cached responses go stale. */
export interface ArticleWriteLog {
  record(event: ArticleEventInput): void;
  /** Types whose cached responses the write changed without an article event (a source renamed). */
  touched(...typenames: string[]): void;
}

/**
 * Runs `work` in one bounded transaction (all or nothing), writes the article events it queued as
 * the transaction's last statements, and announces them and the touched types once it commits.
 */
export async function writeArticles<T>(ctx: Context, work: (tx: Tx, log: ArticleWriteLog) => Promise<T>): Promise<{ result: T; events: ArticleNotice[] }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeOnce(ctx, work);
    } catch (error) {
      // A unique key (a slug) taken by a concurrent write after this one checked it: run it again,
      // and it finds the next free slug, or refuses a given one as taken.
      if (!isUniqueViolation(error) || attempt === UNIQUE_RETRIES) throw error;
      // Racers that all lost stagger their next try, so one of them wins each round.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** Runs of a write that lost a race for a unique key before it is given up (and masked): each round, one racer wins. */
const UNIQUE_RETRIES = 10;

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";

async function writeOnce<T>(ctx: Context, work: (tx: Tx, log: ArticleWriteLog) => Promise<T>): Promise<{ result: T; events: ArticleNotice[] }> {
  const limits = ctx.config.databaseLimits;
  const typenames = new Set<string>();
  const written = await admitWrite(ctx, () =>
    ctx.prisma.$transaction(
      async (tx) => {
        const queued: ArticleEventInput[] = [];
        const result = await work(tx, { record: (event) => void queued.push(event), touched: (...names) => names.forEach((name) => typenames.add(name)) });
        return { result, events: await recordArticleEvents(tx, ctx.config.database, queued) };
      },
      { maxWait: limits.transactionMaxWaitMs, timeout: limits.transactionTimeoutMs },
    ),
  );
  publishArticleEvents(ctx.events, written.events);
  if (typenames.size > 0) publishNewsroomChanged(ctx.events, [...typenames]);
  return written;
}
