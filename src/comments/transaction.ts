// Runs a comment write in one transaction and announces its events once it has committed.
import type { Context } from "../context.js";
import { publishCommentEvents } from "../events/publish.js";
import { recordCommentEvents, THREAD_GATE, type CommentEventInput, type RecordedEvent, type Tx } from "../events/record.js";
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
 * `kind`: a `post` only adds a comment and shares the thread gate with other posts; a `change`
 * (moderation, an author's edit or delete) holds it alone; a `reaction` does not take it.
 */
export async function writeComments<T>(ctx: Context, work: (tx: Tx, record: Record) => Promise<T>, kind: "post" | "change" | "reaction" = "change"): Promise<{ result: T; events: RecordedEvent[] }> {
  const limits = ctx.config.databaseLimits;
  const written = await admitWrite(ctx, () => ctx.prisma.$transaction(
    async (tx) => {
      // A reply takes its hidden-ancestor count from its parent as read here; a change to a thread
      // rewrites its descendants' counts, and must not run between that read and the reply's commit.
      // SQLite has one writer at a time already.
      // A reaction moves only counts, never visibility, and needs no gate.
      if (ctx.config.database === "postgresql" && kind !== "reaction") {
        await (kind === "post"
          ? tx.$queryRaw`SELECT pg_advisory_xact_lock_shared(${THREAD_GATE}::bigint)::text AS "gate"`
          : tx.$queryRaw`SELECT pg_advisory_xact_lock(${THREAD_GATE}::bigint)::text AS "gate"`);
      }
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
