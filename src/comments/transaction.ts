// Runs a comment write in one transaction and announces its events once it has committed.
import type { Context } from "../context.js";
import { publishCommentEvents } from "../events/publish.js";
import { recordCommentEvents, type CommentEventInput, type RecordedEvent, type Tx } from "../events/record.js";
import { admitWrite } from "./admission.js";

/** Queues an event of the write; it is written when the work is done (see recordCommentEvents). */
type Record = (event: CommentEventInput) => void;

/**
 * Test-only seam: a fault injected mid-write, after the change and before its event, so a test can
 * show the write is all or nothing. Nothing in the product sets it.
 */
export const commentWriteFaults: { beforeRecordingEvent?: () => void | Promise<void> } = {};

/**
 * Runs `work` in one bounded transaction, then writes the events it queued as the transaction's last
 * statements; they are published once it commits. Gives the work's result and the recorded events.
 */
export async function writeComments<T>(ctx: Context, work: (tx: Tx, record: Record) => Promise<T>): Promise<{ result: T; events: RecordedEvent[] }> {
  const limits = ctx.config.databaseLimits;
  const written = await admitWrite(ctx, () => ctx.prisma.$transaction(
    async (tx) => {
      const queued: CommentEventInput[] = [];
      const result = await work(tx, (event) => void queued.push(event));
      if (queued.length === 0) return { result, events: [] };
      await commentWriteFaults.beforeRecordingEvent?.();
      // Last, so that on PostgreSQL the position lock is held only for these inserts and COMMIT.
      return { result, events: await recordCommentEvents(tx, ctx.config.database, queued) };
    },
    { maxWait: limits.transactionMaxWaitMs, timeout: limits.transactionTimeoutMs },
  ));
  publishCommentEvents(ctx.events, written.events);
  return written;
}
