// Runs a comment write in one transaction and announces its events once it has committed.
import type { Context } from "../context.js";
import { publishCommentEvents } from "../events/publish.js";
import { recordCommentEvent, type RecordedEvent, type Tx } from "../events/record.js";
import { admitWrite } from "./admission.js";

type Record = (event: Parameters<typeof recordCommentEvent>[1]) => Promise<RecordedEvent>;

/**
 * Test-only seam: a fault injected mid-write, after the change and before its event, so a test can
 * show the write is all or nothing. Nothing in the product sets it.
 */
export const commentWriteFaults: { beforeRecordingEvent?: () => void | Promise<void> } = {};

/** Runs `work` in one bounded transaction; the events it records are published once it commits. */
export async function writeComments<T>(ctx: Context, work: (tx: Tx, record: Record) => Promise<T>): Promise<T> {
  const events: RecordedEvent[] = [];
  const limits = ctx.config.databaseLimits;
  const result = await admitWrite(ctx, () => ctx.prisma.$transaction(
    async (tx) => {
      // Event positions must commit in order, or a subscriber resuming after N could miss N-1.
      // SQLite serialises writers already; PostgreSQL takes a transaction-scoped lock.
      if (ctx.config.database === "postgresql") await tx.$queryRawUnsafe("SELECT pg_advisory_xact_lock(7310001)::text AS locked");
      return work(tx, async (event) => {
        await commentWriteFaults.beforeRecordingEvent?.();
        const recorded = await recordCommentEvent(tx, event);
        events.push(recorded);
        return recorded;
      });
    },
    { maxWait: limits.transactionMaxWaitMs, timeout: limits.transactionTimeoutMs },
  ));
  publishCommentEvents(ctx.events, events);
  return result;
}
