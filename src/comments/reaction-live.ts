// Reaction counts on live feeds, coalesced: a comment's REACTIONS_CHANGED event is recorded at most
// once per window (REACTION_ANNOUNCE_MS) however fast its reactions come, and the last change is
// never lost. A toggle whose comment was announced less than a window ago records nothing but marks
// the change as owed (`reactionsChangedAt`) and arms a timer for the window's end; whichever
// instance's timer fires first records one event for everything owed. Subscribers re-read the
// comment on delivery, so that one event carries the counts as they stand then.
import type { Context } from "../context.js";
import type { Db } from "../db.js";
import type { Tx } from "../events/record.js";
import type { Comment } from "../generated/prisma/client.js";
import { log } from "../log.js";
import { writeComments } from "./transaction.js";

/**
 * Inside a toggle's transaction, on the locked row: announces now (gives the updated row, whose
 * event the caller records) when the last announcement is a window old or there was none, else
 * marks the change as owed and gives null (the caller then calls flushLater).
 */
export async function announceReactions(tx: Tx, input: { comment: Comment; now: Date; windowMs: number }): Promise<Comment | null> {
  const { comment, now } = input;
  const last = comment.reactionsAnnouncedAt;
  if (!last || now.getTime() - last.getTime() >= input.windowMs) {
    return tx.comment.update({ where: { id: comment.id }, data: { reactionsAnnouncedAt: now, reactionsChangedAt: null } });
  }
  if (!comment.reactionsChangedAt) await tx.comment.update({ where: { id: comment.id }, data: { reactionsChangedAt: now }, select: { id: true } });
  return null;
}

/** Timers armed on this instance, per database and comment: one per comment at a time. */
const armed = new WeakMap<Db, Map<number, NodeJS.Timeout>>();

/** Arms (once per comment) the timer that records what is owed when the window after `announcedAt` ends. */
export function flushLater(ctx: Context, input: { commentId: number; announcedAt: Date }): void {
  let timers = armed.get(ctx.prisma);
  if (!timers) armed.set(ctx.prisma, (timers = new Map()));
  if (timers.has(input.commentId)) return;
  const delay = Math.max(0, input.announcedAt.getTime() + ctx.config.reactions.announceMs - ctx.now().getTime());
  const timer = setTimeout(() => {
    timers.delete(input.commentId);
    flushOwed(ctx, input)
      .then((later) => later && flushLater(ctx, { commentId: input.commentId, announcedAt: later }))
      .catch((error: unknown) => log.warn({ err: error, commentId: input.commentId }, "owed reaction counts not announced"));
  }, delay);
  timer.unref();
  timers.set(input.commentId, timer);
}

/**
 * Records one REACTIONS_CHANGED event if a change is still owed and nothing was announced since
 * `announcedAt` (the announcement whose window the timer waited out). Gives null when done or
 * nothing is owed, or the newer announcement whose window must pass first.
 */
export async function flushOwed(ctx: Context, input: { commentId: number; announcedAt: Date }): Promise<Date | null> {
  const { commentId } = input;
  const { result } = await writeComments(
    ctx,
    async (tx, record) => {
      // Compare-and-set: on PostgreSQL the UPDATE waits for a toggle holding the row and re-checks.
      const { count } = await tx.comment.updateMany({
        where: { id: commentId, reactionsChangedAt: { not: null }, reactionsAnnouncedAt: input.announcedAt },
        data: { reactionsChangedAt: null, reactionsAnnouncedAt: ctx.now() },
      });
      const comment = await tx.comment.findUnique({ where: { id: commentId } });
      if (count === 0) return comment?.reactionsChangedAt && comment.reactionsAnnouncedAt ? comment.reactionsAnnouncedAt : null;
      record({ kind: "REACTIONS_CHANGED", comment: comment!, toStatus: comment!.status });
      return null;
    },
    "reaction",
  );
  return result;
}
